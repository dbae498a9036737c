import { ApiError, learnerOf } from "./api.js";
import { language, t, tCode } from "./i18n.js";
import { startLanguageSwitch } from "./language-switch.js";
import { setText, show } from "./screens.js";

// Buying a course's verified track in test mode: price, card, receipt, and the refund button while a refund is allowed.
// The course is ?course=<id>; the default is the demo's second course, whose track the demo learner has not bought.
const courseId = new URLSearchParams(location.search).get("course") ?? "01935f00-0000-7000-8000-000000000009";
const state = { token: null, order: null, offer: null };

// The handlers come first: the page's English text is there before its language is loaded, and a click on it then must
// not be lost.
document.getElementById("signin-button").onclick = signIn;
document.getElementById("pay-form").onsubmit = pay;
document.getElementById("refund").onclick = refund;
await startLanguageSwitch(writeInLanguage);
// A click before the language arrived wrote its texts as keys: write them again, now in the language.
writeInLanguage();
if (!state.offer) {
  setText("track-title", t("buy.heading"));
}
// Only when no click has moved on meanwhile: this just puts the focus on the sign-in heading.
if (!document.getElementById("screen-signin").hidden) {
  show("signin");
}

async function call(method, path, json, key) {
  const headers = { Authorization: `Bearer ${state.token}` };
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (key) {
    headers["Idempotency-Key"] = key;
  }
  const response = await fetch(`/api/v1/learners/${learnerOf(state.token)}/billing${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const content = (response.headers.get("Content-Type") ?? "").includes("json") ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, content);
  }
  return content;
}

// A declaration, not a const: a click handled while the top-level await is pending would find a const uninitialised.
function money(minor, currency) {
  return `${currency} ${(minor / 100).toFixed(2)}`;
}

async function signIn() {
  try {
    const response = await fetch("/api/v1/demo/tokens", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ purpose: "enrollment" }) });
    if (!response.ok) {
      throw new ApiError(response.status, await response.json());
    }
    state.token = (await response.json()).token;
    const name = document.getElementById("learner-name");
    name.hidden = false;
    const offer = await call("GET", `/tracks/${courseId}`);
    state.offer = offer;
    showOffer();
    const paid = offer.orders.find(o => o.status === "paid");
    if (paid) {
      showReceipt(paid);
    } else {
      show("offer");
    }
  } catch (error) {
    setText("signin-error", t("signin.failed", { error: error.message }));
  }
}

// What the script wrote, again in the page's language (the page's own texts are translated by i18n.js).
function writeInLanguage() {
  showOffer();
  if (state.order) {
    showReceipt(state.order);
  }
}

function showOffer() {
  if (!state.offer) {
    return;
  }
  setText("learner-name", t("learner.signedIn", { name: t("learner.demo") }));
  setText("track-title", state.offer.title);
  setText("offer-title", t("buy.offerTitle", { title: state.offer.title }));
  setText("price", money(state.offer.priceMinor, state.offer.currency));
}

async function pay(event) {
  event.preventDefault();
  const button = document.getElementById("pay");
  button.disabled = true;
  setText("pay-error", "");
  try {
    // One key per attempt: a double click or a retry after a network error charges once.
    const order = await call("POST", "/orders", { courseId, card: document.getElementById("card").value }, crypto.randomUUID());
    showReceipt(await waitUntilConfirmed(order.orderId));
  } catch (error) {
    setText("pay-error", error.code ? `${error.message} (${error.code})` : error.message);
  } finally {
    button.disabled = false;
  }
}

async function waitUntilConfirmed(orderId) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const order = await call("GET", `/orders/${orderId}`);
    if (order.status !== "pending") {
      return order;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(t("buy.confirming"));
}

function showReceipt(order) {
  state.order = order;
  setText("receipt-number", order.receipt ?? "");
  setText("receipt-amount", money(order.amountMinor, order.currency));
  setText("receipt-paid-at", order.paidAt ? new Date(order.paidAt).toLocaleString(language()) : "");
  setText("receipt-status", tCode("buy.status", order.status, order.status));
  document.getElementById("receipt-status").dataset.status = order.status;
  setText("refund-until", order.refundableUntil ? t("buy.refundUntil", { date: new Date(order.refundableUntil).toLocaleDateString(language()) }) : "");
  document.getElementById("refund").hidden = !order.refundableUntil;
  show("receipt");
}

async function refund() {
  const button = document.getElementById("refund");
  button.disabled = true;
  try {
    const order = await call("POST", `/orders/${state.order.orderId}/refunds`, {}, crypto.randomUUID());
    showReceipt(order);
    setText("refund-result", t("buy.refunded", { amount: money(order.refundedMinor, order.currency) }));
  } catch (error) {
    setText("refund-result", t("buy.refundRefused", { error: error.message }));
  } finally {
    button.disabled = false;
  }
}
