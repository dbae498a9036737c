// Turns the server's reason codes into a short cue for the face outline; the server's own sentence follows it.
const cues = [
  [/small|far|closer/, "Move closer"],
  [/large|too_close/, "Move back a little"],
  [/dark|light|dim/, "More light, please"],
  [/bright|overexposed/, "Less light behind you, please"],
  [/blur/, "Hold still"],
  [/several|multiple|faces/, "Only you in the picture, please"],
  [/pose|angle|turned|straight/, "Look straight at the camera"],
  [/no_face|not_found/, "Center your face in the outline"],
  [/edge|partial|cut|cropped/, "Move your face into the middle"],
  [/spoof|liveness/, "Use your live camera, not a photo or a screen"],
];

export function guidanceFor(code, message) {
  const cue = cues.find(([pattern]) => pattern.test(code ?? ""))?.[1] ?? "Let's try again";
  return message ? `${cue}. ${message}` : `${cue}.`;
}
