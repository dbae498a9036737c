import { api } from "./api.js";
import { CameraUnavailable, openCamera, stopCamera } from "./camera.js";
import { enrollFace, enrollIdPhoto, enrollTyping } from "./enrollment.js";
import { language, t } from "./i18n.js";
import { keyboardFor } from "./keyboard.js";
import { setText, show } from "./screens.js";

// Consent (or its alternatives) and identity enrollment on the shared screens (enrollment-screens.html), as the course
// player and the LTI page both take a learner through them. `state` is the page's own: it holds the learner's token
// and gets the consent, the camera stream and the pledge from here.

/// Binds the consent and alternatives buttons; `back` is where the alternatives' back button leads.
export function bindConsentScreens(state, back) {
  document.getElementById("consent-accept").onclick = oneAtATime(() => acceptConsent(state));
  document.getElementById("consent-decline").onclick = () => showAlternatives(state, t("consent.declined"));
  document.getElementById("consent-keep").onclick = oneAtATime(() => keepEarlierConsent(state));
  document.getElementById("alternatives-back").onclick = back;
}

// A second click while the first one's enrollment is running would open a second camera and run a second enrollment.
let running = false;
function oneAtATime(action) {
  return async () => {
    if (running) {
      return;
    }
    running = true;
    try {
      await action();
    } finally {
      running = false;
    }
  };
}

/// The consent screen, or straight on to enrollment (and then the ready screen) when the current version is accepted.
export async function consentOrEnrollment(state) {
  await showConsentText(state);
  const accepted = state.consent.accepted?.version;
  if (accepted === state.consent.current.version) {
    await continueEnrollment(state);
  } else {
    // A learner whose live acceptance is of an older text is offered the new one, never stopped: their earlier
    // consent still holds for what it named (docs/privacy.md, consent versions). Declining the new text is keeping the
    // old one, and the alternatives screen ("nothing has been collected") would not be true for them.
    const older = accepted !== undefined && accepted < state.consent.current.version;
    document.getElementById("consent-updated").hidden = !older;
    document.getElementById("consent-keep").hidden = !older;
    document.getElementById("consent-decline").hidden = older;
    show("consent");
  }
}

async function keepEarlierConsent(state) {
  try {
    await continueEnrollment(state);
  } catch (error) {
    showEnrollmentError(error);
  }
}

// A failure half-way through enrollment happens on the face, ID or typing screen: the consent screen, whose button
// goes on from the first missing step, says what went wrong.
function showEnrollmentError(error) {
  show("consent");
  setText("consent-error", error.message);
}

// The consent text in the page's language where a translation of the current version exists; the acceptance records
// the version and the language the learner read it in.
export async function showConsentText(state) {
  const consent = await api.consent(state.token, language());
  state.consent = consent;
  state.consentVersion = consent.current.version;
  state.consentLanguage = consent.current.language;
  const text = document.getElementById("consent-text");
  text.textContent = consent.current.text;
  text.lang = consent.current.language;
  text.dir = "auto";
}

async function acceptConsent(state) {
  // The camera is checked before consent is recorded: without one, nothing at all is kept.
  if (!(await cameraOrAlternatives(state))) {
    return;
  }
  try {
    await api.acceptConsent(state.token, state.consentVersion, state.consentLanguage);
    await continueEnrollment(state);
  } catch (error) {
    showEnrollmentError(error);
  }
}

// Steps already done (a reload half-way) are skipped: the server's status says what is still missing. The pledge is
// the page's language when enrollment starts and stays so to the end, even if the learner switches language meanwhile:
// its samples count only for the pledge they typed, and completing asks for that same pledge.
async function continueEnrollment(state) {
  state.pledge = { locale: language(), keyboard: await keyboardFor(language()) };
  const status = await api.enrollmentStatus(state.token, state.pledge);
  if (!status.profile) {
    if (!(await cameraOrAlternatives(state))) {
      return;
    }
    if (status.missing.includes("face_frames")) {
      await enrollFace({ token: state.token, stream: state.stream, progress: status.faceFrames });
    }
    if (status.missing.includes("id_photo")) {
      await enrollIdPhoto({ token: state.token, stream: state.stream });
    }
    let typingFallback = null;
    if (status.missing.includes("typing_samples")) {
      ({ typingFallback = null } = await enrollTyping({ token: state.token, status, pledge: state.pledge }));
    }
    await api.completeEnrollment(state.token, state.pledge, typingFallback);
  }
  show("ready");
}

async function cameraOrAlternatives(state) {
  try {
    state.stream ??= await openCamera();
    return true;
  } catch (error) {
    if (error instanceof CameraUnavailable) {
      showAlternatives(state, t("alternatives.noCamera", { error: error.message }));
      return false;
    }
    throw error;
  }
}

function showAlternatives(state, reason) {
  stopCamera(state.stream);
  state.stream = null;
  setText("alternatives-reason", reason);
  show("alternatives");
}
