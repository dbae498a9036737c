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

export const api = {
  demoToken: (purpose, assessmentId) => call("POST", "/api/v1/demo/tokens", { json: { purpose, assessmentId } }),
  consentText: token => call("GET", "/api/v1/identity/consent", { token }),
  acceptConsent: (token, version) => call("POST", "/api/v1/identity/consent", { token, json: { version } }),
  enrollmentStatus: token => call("GET", "/api/v1/identity/enrollment", { token }),
  enrollFace: (token, jpeg) => call("POST", "/api/v1/identity/enrollment/face", { token, form: imageForm(jpeg, "face.jpg") }),
  enrollIdPhoto: (token, image) => call("POST", "/api/v1/identity/enrollment/id-photo", { token, form: imageForm(image, image.name ?? "id.jpg") }),
  enrollTyping: (token, events) => call("POST", "/api/v1/identity/enrollment/typing", { token, json: { events } }),
  completeEnrollment: token => call("POST", "/api/v1/identity/enrollment/complete", { token }),
  exportData: token => call("GET", "/api/v1/learners/me/data", { token }),
  eraseData: token => call("DELETE", "/api/v1/learners/me/data", { token }),
};
