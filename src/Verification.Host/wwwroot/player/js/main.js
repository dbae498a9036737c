import { AnswerTypingRecorder } from "./answer-typing.js";
import { api } from "./api.js";
import { AssessmentSession } from "./assessment.js";
import { attach, CameraUnavailable, openCamera } from "./camera.js";
import { bindConsentScreens, consentOrEnrollment, showConsentText } from "./consent-enrollment.js";
import { insertEnrollmentScreens } from "./enrollment-screens.js";
import { language, t } from "./i18n.js";
import { startLanguageSwitch } from "./language-switch.js";
import { enablePrivacy } from "./privacy.js";
import { setText, show } from "./screens.js";
import { askForTyping } from "./typing-check.js";

// The course player's flow: sign-in, consent (or the alternatives), enrollment, then graded assessments.
const state = { token: null, learner: null, consent: null, consentVersion: null, consentLanguage: "en", stream: null, session: null, pledge: null, typingByFace: false };
const assessmentId = new URLSearchParams(location.search).get("assessment") ?? "quiz-1";

const flagKinds = new Set(["FaceMismatch", "NoFace", "SeveralFaces", "SuspectedSpoof", "TypingMismatch", "CameraBlocked", "StreamGap", "InsufficientEvidence"]);

// Sign-in works from the first paint; it waits for the shared screens itself before it shows one of them.
const screensInserted = insertEnrollmentScreens();
document.getElementById("signin-button").onclick = signIn;
document.getElementById("assessment-start").onclick = startAssessment;
document.getElementById("outcome-again").onclick = () => show("ready");
// The text answer's typing rhythm goes to the session open at the time (only key classes and timings, never the text).
const answerTyping = new AnswerTypingRecorder(batch => state.session.sendAnswerTyping(batch));
answerTyping.attach(document.getElementById("answer-text"));
// Bound before anything is awaited: a form without its handler would submit itself, the answers in the address.
document.getElementById("quiz").onsubmit = async event => {
  event.preventDefault();
  const submit = document.getElementById("assessment-submit");
  submit.disabled = true;
  try {
    await answerTyping.flush();
    const final = await state.session.end();
    showOutcome(final);
  } catch (error) {
    status(t("assessment.unfinished", { error: error.message }), true);
  } finally {
    submit.disabled = false;
  }
};
await screensInserted;
bindConsentScreens(state, () => show(state.token ? "consent" : "signin"));
await startLanguageSwitch(async () => {
  if (state.token) {
    await showConsentText(state);
  }
});
// Only when no click has moved on meanwhile: this just puts the focus on the sign-in heading.
if (!document.getElementById("screen-signin").hidden) {
  show("signin");
}

async function signIn() {
  const button = document.getElementById("signin-button");
  button.disabled = true;
  try {
    await screensInserted;
    const signedIn = await api.demoToken("enrollment", null);
    state.token = signedIn.token;
    const name = document.getElementById("learner-name");
    name.textContent = t("learner.signedIn", { name: t("learner.demo") });
    name.hidden = false;
    enablePrivacy(() => state.token);
    await consentOrEnrollment(state);
  } catch (error) {
    // It may have failed half-way through enrollment, on another screen: signing in again goes on from there.
    show("signin");
    setText("signin-error", t("signin.failed", { error: error.message }));
  } finally {
    button.disabled = false;
  }
}

async function startAssessment() {
  const start = document.getElementById("assessment-start");
  start.disabled = true;
  setText("assessment-error", "");
  try {
    state.stream ??= await openCamera();
    document.getElementById("session-status").dataset.framesChecked = "0";
    state.typingByFace = false;
    document.getElementById("answer-text").value = "";
    answerTyping.reset();
    const { token } = await api.demoToken("session", assessmentId);
    // The last assessment's quiz stays hidden until this session's typing check is done.
    document.getElementById("quiz").hidden = true;
    show("assessment");
    const video = document.getElementById("assessment-video");
    await attach(video, state.stream);
    state.session = new AssessmentSession({ token, video, onStatus: status, onPrompt: prompt, onVerdict: () => {}, onFrameChecked: frameChecked });
    const started = await state.session.start();
    document.body.dataset.sessionId = started.SessionId;
    askTyping(started.TypingPhrase);
  } catch (error) {
    show("ready");
    setText("assessment-error", error instanceof CameraUnavailable ? t("assessment.noCamera", { error: error.message }) : error.message);
  } finally {
    start.disabled = false;
  }
}

function askTyping(phrase) {
  document.getElementById("quiz").hidden = true;
  document.getElementById("check-phrase").dir = "auto";
  askForTyping(state.session, phrase, ({ byFace }) => {
    state.typingByFace ||= byFace;
    document.getElementById("quiz").hidden = false;
    document.querySelector("#quiz input").focus();
  });
}


function showOutcome(final) {
  const outcome = document.getElementById("outcome");
  const kinds = [...new Set(final.Flags.map(f => f.Kind))];
  outcome.dataset.verdict = final.Verdict;
  outcome.dataset.flags = kinds.join(" ");
  if (final.Verdict === "Verified") {
    outcome.textContent = t("outcome.verified");
    outcome.className = "outcome verified";
    setText("outcome-detail", state.typingByFace ? `${t("outcome.verifiedDetail")} ${t("outcome.typingByFace")}` : t("outcome.verifiedDetail"));
  } else {
    outcome.textContent = t("outcome.review");
    outcome.className = "outcome review";
    const reasons = kinds.map(k => (flagKinds.has(k) ? t(`flag.${k}`) : k)).join(language() === "zh-CN" ? "；" : "; ");
    setText("outcome-detail", t("outcome.reviewDetail", { reasons }));
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
    askTyping(document.getElementById("check-phrase").textContent);
  }
}
