import { api, ApiError } from "./api.js";
import { AssessmentSession } from "./assessment.js";
import { attach, CameraUnavailable, openCamera, stopCamera } from "./camera.js";
import { bindConsentScreens, consentOrEnrollment, showConsentText } from "./consent-enrollment.js";
import { insertEnrollmentScreens } from "./enrollment-screens.js";
import { t } from "./i18n.js";
import { startLanguageSwitch } from "./language-switch.js";
import { setText, show } from "./screens.js";
import { askForTyping } from "./typing-check.js";

// The course player's pages after an LTI launch (docs/lti.md). Two modes, from the fragment the tool redirected to:
//   #launch=…&enrollment=…&session=…  consent, enrollment if needed, the pre-exam check, then LtiStartAssessment;
//   #exam=…                          the exam's proctoring session, in a window beside the platform's exam.
// The fragment never reaches a server; it is dropped from the address bar once read.
const PRE_EXAM_FRAMES = 4;
const fragment = new URLSearchParams(location.hash.slice(1));
history.replaceState(null, "", location.pathname + location.search);
const state = { token: fragment.get("enrollment"), sessionToken: fragment.get("session"), launchId: fragment.get("launch"), stream: null, session: null, pledge: null, consentVersion: null, consentLanguage: "en" };
const examToken = fragment.get("exam");

await insertEnrollmentScreens();
await startLanguageSwitch(async () => {
  if (state.consentVersion) {
    await showConsentText(state);
  }
});
if (examToken) {
  await runExam(examToken);
} else if (state.token && state.sessionToken && state.launchId) {
  await startLaunch();
} else {
  setText("launch-error", t("lti.launch.missing"));
  show("launch");
}

async function startLaunch() {
  bindConsentScreens(state, () => show("consent"));
  document.getElementById("check-start").onclick = startCheck;
  try {
    await consentOrEnrollment(state);
  } catch (error) {
    setText("launch-error", error.message);
    show("launch");
  }
}

// The pre-exam check: a proctoring session for the launch's assessment and attempt (face against the template and
// liveness on every photo, the pledge typed once), ended after a few checked photos. Its verdict decides whether
// LtiStartAssessment vouches for the learner; a check that needs review still lets the exam start.
async function startCheck() {
  const button = document.getElementById("check-start");
  button.disabled = true;
  setText("check-start-error", "");
  try {
    state.stream ??= await openCamera();
    const final = await runSession(state.sessionToken, { until: "frames" });
    const verified = final.Verdict === "Verified";
    const outcome = document.getElementById("checked-outcome");
    outcome.dataset.verdict = final.Verdict;
    setText("checked-outcome", t("lti.check.waiting"));
    show("checked");
    await startAssessmentReady();
    outcome.textContent = t(verified ? "lti.checked.verified" : "lti.checked.review");
    outcome.className = `outcome ${verified ? "verified" : "review"}`;
    await prepareContinue();
  } catch (error) {
    show("ready");
    setText("check-start-error", error instanceof CameraUnavailable ? t("assessment.noCamera", { error: error.message }) : error.message);
  } finally {
    button.disabled = false;
  }
}

/// The verdict reaches the LTI module through an outbox: until it has, the message is "pending".
async function startAssessmentReady() {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api.ltiStartAssessment(state.token, state.launchId);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "pre_exam_check_pending") || attempt >= 60) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}

// The button posts the learner token to the tool's page that carries LtiStartAssessment to the platform; the same
// click opens the exam's proctoring window beside it.
async function prepareContinue() {
  const { token } = await api.ltiExamToken(state.token, state.launchId);
  stopCamera(state.stream);
  state.stream = null;
  const form = document.getElementById("continue-form");
  form.action = `/lti/launches/${state.launchId}/start-assessment`;
  document.getElementById("continue-token").value = state.token;
  form.onsubmit = () => {
    window.open(`lti.html#exam=${encodeURIComponent(token)}`, "verification-exam", "popup,width=520,height=760");
  };
  const button = document.getElementById("continue-button");
  button.hidden = false;
  button.focus();
}

// The exam's session: runs until the learner says the exam is submitted. Flags go to the platform's ACS.
async function runExam(token) {
  document.getElementById("assessment-title").dataset.i18n = "lti.exam.title";
  setText("assessment-title", t("lti.exam.title"));
  try {
    state.stream = await openCamera();
    const final = await runSession(token, { until: "finish" });
    const outcome = document.getElementById("outcome");
    outcome.dataset.verdict = final.Verdict;
    outcome.dataset.flags = [...new Set(final.Flags.map(f => f.Kind))].join(" ");
    outcome.textContent = t(final.Verdict === "Verified" ? "outcome.verified" : "outcome.review");
    show("outcome");
  } catch (error) {
    setText("launch-error", error instanceof CameraUnavailable ? t("assessment.noCamera", { error: error.message }) : error.message);
    show("launch");
  } finally {
    stopCamera(state.stream);
  }
}

/// One session with the typing check; ends after PRE_EXAM_FRAMES checked photos ("frames") or on the finish button.
async function runSession(token, { until }) {
  const statusLine = document.getElementById("session-status");
  statusLine.dataset.framesChecked = "0";
  let checked = 0;
  let typed = false;
  let enough = () => {};
  const ready = new Promise(resolve => (enough = resolve));
  const maybeDone = () => {
    // The pre-exam check ends by itself; the exam's session only on the learner's "submitted" button.
    if (until === "frames" && typed && checked >= PRE_EXAM_FRAMES) {
      enough();
    }
  };
  // For the first prompt and any later one alike: a later prompt (every few minutes, or after a mismatch) that comes
  // before the first typing was taken replaces the first, and must still let the check go on.
  const typedOnce = () => {
    typed = true;
    if (until === "frames") {
      document.getElementById("check-photos").hidden = false;
    } else {
      document.getElementById("exam-running").hidden = false;
      document.getElementById("exam-finish").onclick = enough;
    }
    maybeDone();
  };
  show("assessment");
  const video = document.getElementById("assessment-video");
  await attach(video, state.stream);
  const session = new AssessmentSession({
    token,
    video,
    onStatus: (text, attention) => setText("session-status", text, attention ? "attention" : ""),
    onPrompt: message => {
      setText("session-status", message.Message, "attention");
      if (message.Code === "type_phrase") {
        askForTyping(session, document.getElementById("check-phrase").textContent, typedOnce);
      }
    },
    onVerdict: () => {},
    onFrameChecked: count => {
      checked = count;
      statusLine.dataset.framesChecked = String(count);
      maybeDone();
    },
  });
  const started = await session.start();
  document.body.dataset.sessionId = started.SessionId;
  askForTyping(session, started.TypingPhrase, typedOnce);
  await ready;
  document.getElementById("exam-finish").disabled = true;
  const final = await session.end();
  setText("session-status", "", "");
  return final;
}

