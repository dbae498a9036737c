import { t } from "./i18n.js";

// Turns the server's reason codes (Verification.Matching.Face.FaceRejections) into a short cue beside the face
// outline, in the page's language; the server's own sentence follows it only on an English page, since it is English.
const known = new Set(["no_face", "several_faces", "face_too_small", "too_dark", "too_bright", "blurred", "turned_away", "eyes_closed"]);

export function guidanceFor(code, message, lang = "en") {
  const cue = t(known.has(code) ? `cue.${code}` : "cue.other");
  return message && (lang === "en" || !known.has(code)) ? `${cue}. ${message}` : `${cue}.`;
}
