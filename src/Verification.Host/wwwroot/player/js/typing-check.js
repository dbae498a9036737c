import { t, tCode } from "./i18n.js";
import { setText } from "./screens.js";
import { KeystrokeRecorder } from "./typing.js";

// The session's typing check, shared by the course player and the LTI page. It sends the typed pledge, or from a touch
// keyboard (no key timings) the fallback reason; it calls done({ byFace }) once the service took the answer, and shows
// the service's reason otherwise so the learner can type it again.
let recorder = null;
let answer = () => {};
let asked = 0;

export function askForTyping(session, phrase, done) {
  const input = document.getElementById("check-input");
  // A prompt that arrives while an answer is on its way (the service asks again when that very typing raised a
  // mismatch, before it answers) replaces this one: the late answer must not hide the new prompt nor finish it.
  const prompt = ++asked;
  setText("check-phrase", phrase);
  document.getElementById("typing-check").hidden = false;
  answer = async (events, fallback) => {
    input.disabled = true;
    try {
      const result = await session.sendKeystrokes(events, fallback);
      if (prompt !== asked) {
        return;
      }
      const byFace = !result.Usable && result.Code === "touch_keyboard";
      // The session already has every typing check it takes: nothing to type again.
      const complete = !result.Usable && result.Code === "typing_checks_complete";
      if (!result.Usable && !byFace && !complete) {
        setText("check-error", tCode("typing.reason", result.Code, result.Message));
        return;
      }
      setText("check-error", "");
      document.getElementById("typing-check").hidden = true;
      done({ byFace });
    } catch (error) {
      setText("check-error", error.message);
    } finally {
      input.disabled = false;
      recorder.reset();
    }
  };
  // One recorder per page (it listens on the input): a later prompt shows the same check again with its own session.
  recorder ??= new KeystrokeRecorder(input, events => answer(events, null), () => setText("check-error", t("typing.ime")),
    () => answer([], "touch_keyboard"));
  recorder.reset();
  input.focus();
}
