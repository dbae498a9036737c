// KeyboardEvent.code (the physical key, whatever the layout) to its key class: the only thing about a key that leaves
// the browser for text answers. The same table as KeyClasses.cs in the service; a test keeps the two equal.
export const keyClass = Object.freeze({ leftHand: 0, rightHand: 1, space: 2, edit: 3, other: 4 });

export const handKeys = Object.freeze({
  KeyQ: 0, KeyW: 0, KeyE: 0, KeyR: 0, KeyT: 0,
  KeyA: 0, KeyS: 0, KeyD: 0, KeyF: 0, KeyG: 0,
  KeyZ: 0, KeyX: 0, KeyC: 0, KeyV: 0, KeyB: 0,
  KeyY: 1, KeyU: 1, KeyI: 1, KeyO: 1, KeyP: 1,
  KeyH: 1, KeyJ: 1, KeyK: 1, KeyL: 1, KeyN: 1, KeyM: 1,
  Digit1: 0, Digit2: 0, Digit3: 0, Digit4: 0, Digit5: 0,
  Digit6: 1, Digit7: 1, Digit8: 1, Digit9: 1, Digit0: 1,
  Backquote: 0,
  Minus: 1, Equal: 1, BracketLeft: 1, BracketRight: 1, Backslash: 1,
  Semicolon: 1, Quote: 1, Comma: 1, Period: 1, Slash: 1,
});

export function keyClassOf(code) {
  if (!code) {
    return keyClass.other;
  }
  if (code === "Space") {
    return keyClass.space;
  }
  if (code === "Backspace" || code === "Delete") {
    return keyClass.edit;
  }
  return Object.hasOwn(handKeys, code) ? handKeys[code] : keyClass.other;
}
