import { api, ApiError } from "./api.js";
import { attach, captureJpeg } from "./camera.js";
import { guidanceFor } from "./guidance.js";
import { language, t, tCode } from "./i18n.js";
import { setText, show } from "./screens.js";
import { KeystrokeRecorder } from "./typing.js";

// The three enrollment steps: face photos, photo ID, typing samples. Each server refusal is shown with its reason,
// and the learner simply tries again.

export async function enrollFace({ token, stream, progress }) {
  const required = progress.required;
  show("face");
  const video = document.getElementById("face-video");
  const outline = document.getElementById("face-outline");
  const button = document.getElementById("face-capture");
  await attach(video, stream);
  let accepted = progress.accepted;
  const progressText = () => t("face.progress", { done: Math.min(accepted, required), required });
  setText("face-intro", t("face.intro", { count: required }));
  setText("face-progress", progressText());
  return await new Promise(resolve => {
    button.onclick = async () => {
      button.disabled = true;
      try {
        const result = await api.enrollFace(token, await captureJpeg(video, { width: 640, quality: 0.9 }));
        accepted = result.acceptedFrames;
        outline.className = "outline good";
        setText("face-guidance", t(accepted >= required ? "face.done" : "face.more"), "good");
        setText("face-progress", progressText());
        if (accepted >= required) {
          button.onclick = null;
          resolve();
          return;
        }
      } catch (error) {
        outline.className = "outline adjust";
        setText("face-guidance", error instanceof ApiError ? guidanceFor(error.code, error.message, language()) : error.message, "bad");
      }
      button.disabled = false;
    };
  });
}

export async function enrollIdPhoto({ token, stream }) {
  show("id");
  const file = document.getElementById("id-file");
  const webcam = document.getElementById("id-webcam");
  const video = document.getElementById("id-video");
  await attach(video, stream);
  return await new Promise(resolve => {
    const submit = async image => {
      setText("id-result", t("id.checking"), "");
      try {
        await api.enrollIdPhoto(token, image);
        setText("id-result", t("id.matches"), "good");
        resolve();
      } catch (error) {
        setText("id-result", t("id.retry", { error: describe(error) }), "bad");
      } finally {
        file.value = "";
      }
    };
    file.onchange = () => file.files?.[0] && submit(file.files[0]);
    webcam.onclick = async () => submit(await captureJpeg(video, { width: 640, quality: 0.92 }));
  });
}

// The pledge in the page's language; where the language has its own script, the learner says whether their keyboard
// types it (the server then picks the native or the Latin-letter pledge). Samples count only for the pledge they typed.
// Typed on a touch keyboard (no key timings), the step ends with the fallback reason: the profile is then the face alone.
export async function enrollTyping({ token, status, pledge }) {
  const required = status.typingSamples.required;
  show("typing");
  const input = document.getElementById("typing-input");
  let accepted = status.typingSamples.accepted;
  const showPledge = current => {
    setText("typing-phrase", current.typingPhrase);
    document.getElementById("typing-phrase").lang = current.pledge.language;
    accepted = current.typingSamples.accepted;
    setText("typing-progress", t("typing.progress", { done: Math.min(accepted, required), required }));
  };
  const choice = document.getElementById("keyboard-choice");
  choice.hidden = !status.pledge.nativeAvailable || pledge.locale === "en";
  setText("keyboard-native", t("typing.keyboard.native", { language: t("language.script") }));
  for (const radio of choice.querySelectorAll("input")) {
    radio.checked = radio.value === status.pledge.keyboard;
    radio.onchange = async () => {
      pledge.keyboard = radio.value;
      showPledge(await api.enrollmentStatus(token, pledge));
      recorder.reset();
      input.focus();
    };
  }
  showPledge(status);
  input.focus();
  let recorder;
  return await new Promise(resolve => {
    recorder = new KeystrokeRecorder(input, async events => {
      input.disabled = true;
      try {
        const result = await api.enrollTyping(token, events, pledge);
        accepted = result.acceptedSamples;
        setText("typing-error", "");
        setText("typing-progress", t("typing.progress", { done: Math.min(accepted, required), required }));
        if (accepted >= required) {
          resolve({});
          return;
        }
      } catch (error) {
        setText("typing-error", describe(error));
      }
      input.disabled = false;
      recorder.reset();
      input.focus();
    }, () => setText("typing-error", t("typing.ime")), () => {
      input.disabled = true;
      setText("typing-error", "");
      setText("typing-progress", t("typing.touch"));
      resolve({ typingFallback: "touch_keyboard" });
    });
  });
}

function describe(error) {
  return error instanceof ApiError ? tCode("typing.reason", error.problem?.reason, error.message) : error.message;
}
