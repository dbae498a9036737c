// Records one typing of the phrase in an input: every key-down and key-up with KeyboardEvent.timeStamp, key, code and
// repeat, ending at Enter once every other key is released (docs/player-protocol.md, SendKeystrokes).
// Keys an input method editor (IME) composes are left out: their times are the IME's, not the learner's rhythm. A typing
// that went through composition is not sent at all; onComposition tells the learner why, and nothing counts against them.
// A touch keyboard gives no key timings either: its keys come as "Unidentified" or 229 without a composition, or only as
// input events with no key-down before them. On a touch device with no sign of a physical keyboard, such a typing goes
// to onTouch (the typing check falls back to the face); elsewhere it is treated like a composition.

const releaseWaitMs = 400;

export class KeystrokeRecorder {
  #input;
  #onSample;
  #onComposition;
  #events = [];
  #pressed = new Set();
  #submitting = false;
  #composed = false;
  #composing = false;
  #untimed = false;
  #keyed = false;
  #physicalKeyboard = false;
  #onTouch;
  #timer = 0;

  constructor(input, onSample, onComposition = () => {}, onTouch = onComposition) {
    this.#input = input;
    this.#onSample = onSample;
    this.#onComposition = onComposition;
    this.#onTouch = onTouch;
    input.addEventListener("keydown", event => {
      this.#keyed = true;
      this.#record("down", event);
    });
    input.addEventListener("input", event => {
      // Text that arrived with no key-down of its own has no timing: a touch keyboard, or text inserted by the system.
      if (!this.#keyed && !this.#composing && event.inputType?.startsWith("insert")) {
        this.#untimed = true;
      }
      this.#keyed = false;
    });
    input.addEventListener("keyup", event => this.#record("up", event));
    input.addEventListener("compositionstart", () => {
      this.#composing = true;
      this.#composed = true;
      this.#input.dataset.composed = "true";
    });
    input.addEventListener("compositionend", () => {
      this.#composing = false;
    });
    // Pasted or dropped text has no rhythm to measure.
    input.addEventListener("paste", event => event.preventDefault());
    input.addEventListener("drop", event => event.preventDefault());
  }

  reset() {
    clearTimeout(this.#timer);
    this.#events = [];
    this.#pressed.clear();
    this.#submitting = false;
    this.#composed = false;
    this.#composing = false;
    this.#untimed = false;
    this.#keyed = false;
    delete this.#input.dataset.composed;
    this.#input.value = "";
  }

  #isComposition(event) {
    return this.#composing || event.isComposing || event.key === "Process";
  }

  #isUntimed(event) {
    return event.key === "Unidentified" || event.keyCode === 229;
  }

  #touchKeyboard() {
    const touch = navigator.maxTouchPoints > 0 || matchMedia("(pointer: coarse)").matches;
    return touch && !this.#physicalKeyboard;
  }

  #record(type, event) {
    if (!this.#isComposition(event) && this.#isUntimed(event)) {
      this.#untimed = true;
      return;
    }
    if (this.#isComposition(event)) {
      // The Enter that commits a composition is the IME's, not the end of the typing.
      this.#composed = true;
      this.#input.dataset.composed = "true";
      return;
    }
    if (type === "down" && event.key === "Enter") {
      event.preventDefault();
    } else if (type === "down" && event.code && event.key.length === 1) {
      // A printable key with a physical key code: a real keyboard is attached, so its timings count.
      this.#physicalKeyboard = true;
    }
    if (this.#submitting && type === "down" && event.key !== "Enter") {
      return;
    }
    this.#events.push({ type, key: event.key, code: event.code, timeStamp: event.timeStamp, repeat: event.repeat });
    const id = event.code || event.key.toUpperCase();
    if (type === "down") {
      this.#pressed.add(id);
    } else {
      this.#pressed.delete(id);
    }
    if (type === "down" && event.key === "Enter" && !this.#submitting) {
      this.#submitting = true;
      this.#timer = setTimeout(() => this.#finish(), releaseWaitMs);
    }
    if (this.#submitting && this.#pressed.size === 0) {
      this.#finish();
    }
  }

  #finish() {
    clearTimeout(this.#timer);
    if (!this.#submitting) {
      return;
    }
    const events = this.#events;
    const composed = this.#composed;
    const untimed = this.#untimed;
    this.reset();
    if (untimed && !composed && this.#touchKeyboard()) {
      this.#onTouch();
      return;
    }
    if (composed || untimed) {
      this.#onComposition();
      return;
    }
    this.#onSample(events);
  }
}
