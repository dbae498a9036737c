import { api } from "./api.js";
import { AssessmentSession } from "./assessment.js";
import { attach, CameraUnavailable, openCamera, stopCamera } from "./camera.js";
import { enrollFace, enrollIdPhoto, enrollTyping } from "./enrollment.js";
import { enablePrivacy } from "./privacy.js";
import { setText, show } from "./screens.js";
import { KeystrokeRecorder } from "./typing.js";

// The course player's flow: sign-in, consent (or the alternatives), enrollment, then graded assessments.
const state = { token: null, learner: null, consentVersion: null, stream: null, session: null };
const assessmentId = new URLSearchParams(location.search).get("assessment") ?? "quiz-1";

const flagWords = {
  FaceMismatch: "the face on camera did not look like the face you enrolled",
  NoFace: "your face was often out of view",
  SeveralFaces: "more than one person was in view",
  SuspectedSpoof: "the camera may have shown a photo or a screen",
  TypingMismatch: "the typing rhythm differed from your enrollment",
  CameraBlocked: "the camera was covered or frozen",
  StreamGap: "the camera stopped sending for a while",
};

document.getElementById("signin-button").onclick = signIn;
document.getElementById("consent-accept").onclick = acceptConsent;
document.getElementById("consent-decline").onclick = () => showAlternatives("You chose not to take part in the automatic identity checks.");
document.getElementById("alternatives-back").onclick = () => show(state.token ? "consent" : "signin");
document.getElementById("assessment-start").onclick = startAssessment;
document.getElementById("outcome-again").onclick = () => show("ready");
show("signin");

async function signIn() {
  try {
    const signedIn = await api.demoToken("enrollment", null);
    state.token = signedIn.token;
    const name = document.getElementById("learner-name");
    name.textContent = "Signed in as the demo learner";
    name.hidden = false;
    enablePrivacy(() => state.token);
    const consent = await api.consent(state.token);
    state.consentVersion = consent.current.version;
    document.getElementById("consent-text").textContent = consent.current.text;
    if (consent.accepted?.version === consent.current.version) {
      await continueEnrollment();
    } else {
      show("consent");
    }
  } catch (error) {
    setText("signin-error", `Sign-in failed: ${error.message}`);
  }
}

async function acceptConsent() {
  // The camera is checked before consent is recorded: without one, nothing at all is kept.
  if (!(await cameraOrAlternatives())) {
    return;
  }
  try {
    await api.acceptConsent(state.token, state.consentVersion);
    await continueEnrollment();
  } catch (error) {
    setText("consent-error", error.message);
  }
}

async function continueEnrollment() {
  const status = await api.enrollmentStatus(state.token);
  if (!status.profile) {
    if (!(await cameraOrAlternatives())) {
      return;
    }
    await enroll(status);
  }
  show("ready");
}

async function cameraOrAlternatives() {
  try {
    state.stream ??= await openCamera();
    return true;
  } catch (error) {
    if (error instanceof CameraUnavailable) {
      showAlternatives(`${error.message} The identity checks need a webcam.`);
      return false;
    }
    throw error;
  }
}

// Steps already done (a reload half-way) are skipped: the server's status says what is still missing.
async function enroll(status) {
  if (status.missing.includes("face_frames")) {
    await enrollFace({ token: state.token, stream: state.stream, progress: status.faceFrames });
  }
  if (status.missing.includes("id_photo")) {
    await enrollIdPhoto({ token: state.token, stream: state.stream });
  }
  if (status.missing.includes("typing_samples")) {
    await enrollTyping({ token: state.token, phrase: status.typingPhrase, progress: status.typingSamples });
  }
  await api.completeEnrollment(state.token);
}

function showAlternatives(reason) {
  stopCamera(state.stream);
  state.stream = null;
  setText("alternatives-reason", reason);
  show("alternatives");
}

async function startAssessment() {
  const start = document.getElementById("assessment-start");
  start.disabled = true;
  setText("assessment-error", "");
  try {
    state.stream ??= await openCamera();
    document.getElementById("session-status").dataset.framesChecked = "0";
    const { token } = await api.demoToken("session", assessmentId);
    show("assessment");
    const video = document.getElementById("assessment-video");
    await attach(video, state.stream);
    state.session = new AssessmentSession({ token, video, onStatus: status, onPrompt: prompt, onVerdict: () => {}, onFrameChecked: frameChecked });
    const started = await state.session.start();
    document.body.dataset.sessionId = started.SessionId;
    askForTyping(started.TypingPhrase);
  } catch (error) {
    show("ready");
    setText("assessment-error", error instanceof CameraUnavailable ? `${error.message} The assessment needs your webcam.` : error.message);
  } finally {
    start.disabled = false;
  }
}

let checkRecorder = null;
function askForTyping(phrase) {
  const input = document.getElementById("check-input");
  setText("check-phrase", phrase);
  document.getElementById("typing-check").hidden = false;
  document.getElementById("quiz").hidden = true;
  checkRecorder ??= new KeystrokeRecorder(input, async events => {
    input.disabled = true;
    try {
      const result = await state.session.sendKeystrokes(events);
      if (!result.Usable) {
        setText("check-error", result.Message);
        return;
      }
      setText("check-error", "");
      document.getElementById("typing-check").hidden = true;
      document.getElementById("quiz").hidden = false;
      document.querySelector("#quiz input").focus();
    } catch (error) {
      setText("check-error", error.message);
    } finally {
      input.disabled = false;
      checkRecorder.reset();
    }
  });
  checkRecorder.reset();
  input.focus();
}

document.getElementById("quiz").onsubmit = async event => {
  event.preventDefault();
  const submit = document.getElementById("assessment-submit");
  submit.disabled = true;
  try {
    const final = await state.session.end();
    showOutcome(final);
  } catch (error) {
    status(`Your answers are saved, but the identity check could not finish: ${error.message}`, true);
  } finally {
    submit.disabled = false;
  }
};

function showOutcome(final) {
  const outcome = document.getElementById("outcome");
  const kinds = [...new Set(final.Flags.map(f => f.Kind))];
  outcome.dataset.verdict = final.Verdict;
  outcome.dataset.flags = kinds.join(" ");
  if (final.Verdict === "Verified") {
    outcome.textContent = "Verified";
    outcome.className = "outcome verified";
    setText("outcome-detail", "Your identity was confirmed for this assessment. Nothing else to do.");
  } else {
    outcome.textContent = "A person will review this session; your certificate is held, not refused.";
    outcome.className = "outcome review";
    const reasons = kinds.map(k => flagWords[k] ?? k).join("; ");
    setText("outcome-detail", `What the review will look at: ${reasons}. You don't need to do anything; we will write to you when it is done.`);
  }
  status("", false);
  show("outcome");
}

function status(text, attention) {
  setText("session-status", text, attention ? "attention" : "");
}

// Kept out of the live region on purpose: a count read aloud every few seconds would be noise.
function frameChecked(count) {
  document.getElementById("session-status").dataset.framesChecked = String(count);
}

function prompt(message) {
  status(message.Message, true);
  if (message.Code === "type_phrase") {
    askForTyping(document.getElementById("check-phrase").textContent);
  }
}
