// Turns the server's reason codes (Verification.Matching.Face.FaceRejections) into a short cue beside the face
// outline; the server's own sentence follows it.
const cues = {
  no_face: "Center your face in the outline",
  several_faces: "Only you in the picture, please",
  face_too_small: "Move closer",
  too_dark: "More light, please",
  too_bright: "Less light, please",
  blurred: "Hold still",
  turned_away: "Look straight at the camera",
  eyes_closed: "Keep your eyes open",
};

export function guidanceFor(code, message) {
  const cue = cues[code] ?? "Let's try again";
  return message ? `${cue}. ${message}` : `${cue}.`;
}
