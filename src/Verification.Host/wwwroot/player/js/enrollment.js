import { api, ApiError } from "./api.js";
import { attach, captureJpeg } from "./camera.js";
import { guidanceFor } from "./guidance.js";
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
  setText("face-needed", String(required));
  setText("face-progress", `${accepted} of ${required} photos taken.`);
  return await new Promise(resolve => {
    button.onclick = async () => {
      button.disabled = true;
      try {
        const result = await api.enrollFace(token, await captureJpeg(video, { width: 640, quality: 0.9 }));
        accepted = result.acceptedFrames;
        outline.className = "outline good";
        setText("face-guidance", accepted >= required ? "Thank you, that's all we need." : "Good photo. Take another one.", "good");
        setText("face-progress", `${Math.min(accepted, required)} of ${required} photos taken.`);
        if (accepted >= required) {
          button.onclick = null;
          resolve();
          return;
        }
      } catch (error) {
        outline.className = "outline adjust";
        setText("face-guidance", error instanceof ApiError ? guidanceFor(error.code, error.message) : error.message, "bad");
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
      setText("id-result", "Checking your ID photo…", "");
      try {
        await api.enrollIdPhoto(token, image);
        setText("id-result", "Your ID photo matches your face.", "good");
        resolve();
      } catch (error) {
        setText("id-result", `${describe(error)} Please try again with another photo.`, "bad");
      } finally {
        file.value = "";
      }
    };
    file.onchange = () => file.files?.[0] && submit(file.files[0]);
    webcam.onclick = async () => submit(await captureJpeg(video, { width: 640, quality: 0.92 }));
  });
}

export async function enrollTyping({ token, phrase, progress }) {
  const required = progress.required;
  show("typing");
  setText("typing-phrase", phrase);
  const input = document.getElementById("typing-input");
  let accepted = progress.accepted;
  setText("typing-progress", `${accepted} of ${required} typed.`);
  input.focus();
  return await new Promise(resolve => {
    const recorder = new KeystrokeRecorder(input, async events => {
      input.disabled = true;
      try {
        const result = await api.enrollTyping(token, events);
        accepted = result.acceptedSamples;
        setText("typing-error", "");
        setText("typing-progress", `${Math.min(accepted, required)} of ${required} typed.`);
        if (accepted >= required) {
          resolve();
          return;
        }
      } catch (error) {
        setText("typing-error", describe(error));
      }
      input.disabled = false;
      recorder.reset();
      input.focus();
    });
  });
}

function describe(error) {
  return error.message;
}
