import { ApiError, learnerOf } from "./api.js";
import { language, t } from "./i18n.js";
import { startLanguageSwitch } from "./language-switch.js";
import { setText, show } from "./screens.js";

// The learner's certificates (GET /api/v1/learners/{id}/certificates with their learner token): course, status,
// code, the public page, its QR code and the certificate as a PDF. The token comes in the address's fragment (#token=…), which is never sent
// to a server, or from the demo's sign-in.
const state = { token: new URLSearchParams(location.hash.slice(1)).get("token") };

// The handler comes first: a click on the page's English text before its language is loaded must not be lost.
document.getElementById("signin-button").onclick = demoSignIn;
await startLanguageSwitch(() => state.token && load());
if (state.token) {
  history.replaceState(null, "", location.pathname + location.search);
  load();
} else if (!document.getElementById("screen-signin").hidden) {
  // Only when no click has moved on meanwhile: this just puts the focus on the sign-in heading.
  show("signin");
}

async function get(path, as = "json") {
  const response = await fetch(`/api/v1/learners/${learnerOf(state.token)}/certificates${path}`, { headers: { Authorization: `Bearer ${state.token}` } });
  if (!response.ok) {
    const type = response.headers.get("Content-Type") ?? "";
    throw new ApiError(response.status, type.includes("json") ? await response.json() : null);
  }
  return as === "json" ? response.json() : response.blob();
}

async function demoSignIn() {
  try {
    const response = await fetch("/api/v1/demo/tokens", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ purpose: "enrollment" }) });
    if (!response.ok) {
      throw new ApiError(response.status, await response.json());
    }
    state.token = (await response.json()).token;
    await load();
  } catch (error) {
    setText("signin-error", t("signin.failed", { error: error.message }));
  }
}

async function load() {
  try {
    const certificates = await get("");
    const list = document.getElementById("certificate-list");
    list.replaceChildren(...await Promise.all(certificates.map(item)));
    document.getElementById("no-certificates").hidden = certificates.length > 0;
    show("certificates");
  } catch (error) {
    show("signin");
    setText("signin-error", t("certificates.loadFailed", { error: error.message }));
  }
}

// A declaration, not a const: a click handled while the top-level await is pending would find a const uninitialised.
function day(value) {
  return value ? new Date(value).toLocaleDateString(language() === "en" ? "en-GB" : language(), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }) : "";
}

async function item(certificate) {
  const status = String(certificate.status).toLowerCase();
  const li = document.createElement("li");
  li.className = "certificate";
  li.dataset.code = certificate.code;
  const title = document.createElement("h2");
  title.textContent = certificate.courseTitle;
  const facts = document.createElement("dl");
  const fact = (term, text, className) => {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = text;
    dd.className = className;
    facts.append(dt, dd);
  };
  fact(t("certificates.issuedBy"), certificate.partnerName, "partner");
  fact(t("certificates.status"), ["issued", "held", "revoked"].includes(status) ? t(`certificates.status.${status}`) : status, "status");
  fact(t(status === "issued" ? "certificates.issuedOn" : "certificates.since"), day(status === "issued" ? certificate.issuedAt : certificate.statusChangedAt), "date");
  fact(t("certificates.code"), certificate.code, "code");
  li.append(title, facts);
  if (status === "issued") {
    const link = document.createElement("a");
    link.href = certificate.verifyPath;
    link.className = "verify-link";
    link.textContent = t("certificates.verify");
    const qr = document.createElement("img");
    qr.alt = t("certificates.qr", { code: certificate.code });
    qr.className = "qr";
    qr.src = URL.createObjectURL(await get(`/${certificate.certificateId}/qr.png`, "blob"));
    // The download needs the learner's token, which a plain link would not send: the file is fetched, then linked.
    const pdf = document.createElement("a");
    pdf.className = "pdf-link";
    pdf.download = `certificate-${certificate.code}.pdf`;
    pdf.textContent = t("certificates.pdf");
    pdf.href = URL.createObjectURL(await get(`/${certificate.certificateId}/certificate.pdf`, "blob"));
    li.append(link, pdf, qr);
  }
  return li;
}
