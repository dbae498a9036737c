// What the staff pages (reviewer console, programs administration) share: calls with the staff cookie, problem details
// as errors, and the sign-in form with its forced change of a one-time password. Values go in as text, never as markup.
export const $ = (id) => document.getElementById(id);

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

let sessionEnded = null;

// The handler runs when a call other than the sign-in answers 401: the cookie expired, or the account was disabled.
export function onSessionEnded(handler) { sessionEnded = handler; }

export async function call(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch { /* not JSON */ }
    if (response.status === 401 && !path.endsWith('/sign-in') && sessionEnded) sessionEnded();
    throw new ApiError(response.status, problem.code ?? null, problem.detail ?? `${response.status}`);
  }
  return response.status === 204 || response.status === 202 ? null : response.json();
}

export const post = (body) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export const say = (text) => { $('status').textContent = text; };

export function resetSignIn() {
  $('new-password-field').hidden = true;
  $('sign-in-new-password').required = false;
}

// The sign-in form's submit: the signed-in account, or null when not signed in (the page then says why). A one-time
// password answers password_change_required, which shows the new-password field.
export async function signIn(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { email: form.get('email'), password: form.get('password') };
  if (!$('new-password-field').hidden) body.newPassword = form.get('newPassword');
  try {
    const signedIn = await call('/api/v1/staff/sign-in', post(body));
    event.target.reset();
    resetSignIn();
    say('');
    return signedIn;
  } catch (error) {
    if (error.code === 'password_change_required') {
      $('new-password-field').hidden = false;
      $('sign-in-new-password').required = true;
      $('sign-in-new-password').focus();
      say('Choose a new password to replace your one-time password.');
      return null;
    }
    say(`Not signed in: ${error.message}`);
    return null;
  }
}

export async function signOut() {
  await call('/api/v1/staff/sign-out', { method: 'POST' });
  $('signed-in-as').textContent = '';
}
