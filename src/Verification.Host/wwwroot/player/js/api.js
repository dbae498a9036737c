// The HTTP API the page uses. Refusals come back as RFC 9457 problem details; ApiError carries their code and detail.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The service answered ${status}.`);
    this.status = status;
    this.code = problem?.code ?? problem?.extensions?.code ?? null;
    this.problem = problem;
  }
}

async function call(method, path, { token, json, form } = {}) {
  const headers = {};
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form;
  }
  const response = await fetch(path, { method, headers, body });
  const type = response.headers.get("Content-Type") ?? "";
  const content = type.includes("json") ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, content);
  }
  return content;
}

function imageForm(blob, name) {
  const form = new FormData();
  form.append("image", blob, name);
  return form;
}

/// The learner a token names. Learner tokens are signed, not encrypted: their payload (the JWT's middle part)
/// is the page's to read, and the learner routes need the id.
export function learnerOf(token) {
  // The token is a JWT: header.payload.signature, base64url; the learner is its learner_id claim.
  const payload = token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
  return JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, "="))).learner_id;
}

// The pledge is chosen by the page's language and the learner's keyboard; the same pair must reach every enrollment call.
const pledgeQuery = pledge =>
  pledge ? `?${new URLSearchParams({ locale: pledge.locale, ...(pledge.keyboard ? { keyboard: pledge.keyboard } : {}) })}` : "";

const learner = token => `/api/v1/learners/${learnerOf(token)}`;

export const api = {
  demoToken: (purpose, assessmentId) => call("POST", "/api/v1/demo/tokens", { json: { purpose, assessmentId } }),
  consent: (token, language) => call("GET", `${learner(token)}/consent?${new URLSearchParams({ language })}`, { token }),
  acceptConsent: (token, version, language) => call("POST", `${learner(token)}/consent`, { token, json: { version, language } }),
  enrollmentStatus: (token, pledge) => call("GET", `${learner(token)}/identity${pledgeQuery(pledge)}`, { token }),
  enrollFace: (token, jpeg) => call("POST", `${learner(token)}/identity/frames`, { token, form: imageForm(jpeg, "face.jpg") }),
  enrollIdPhoto: (token, image) => call("PUT", `${learner(token)}/identity/id-photo`, { token, form: imageForm(image, image.name ?? "id.jpg") }),
  enrollTyping: (token, events, pledge) => call("POST", `${learner(token)}/identity/typing-samples${pledgeQuery(pledge)}`, { token, json: { events } }),
  completeEnrollment: (token, pledge, typingFallback) => {
    const query = new URLSearchParams(pledgeQuery(pledge));
    if (typingFallback) {
      query.set("typingFallback", typingFallback);
    }
    return call("POST", `${learner(token)}/identity/complete?${query}`, { token });
  },
  exportData: token => call("GET", `${learner(token)}/data`, { token }),
  exportArchive: async token => {
    const response = await fetch(`${learner(token)}/data/archive`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) {
      throw new ApiError(response.status, (response.headers.get("Content-Type") ?? "").includes("json") ? await response.json() : null);
    }
    return response.blob();
  },
  eraseData: token => call("DELETE", `${learner(token)}/data`, { token }),
  ltiStartAssessment: (token, launchId) => call("POST", `${learner(token)}/lti-launches/${launchId}/start-assessment`, { token }),
  ltiExamToken: (token, launchId) => call("POST", `${learner(token)}/lti-launches/${launchId}/exam-token`, { token }),
};
