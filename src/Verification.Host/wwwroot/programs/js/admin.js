// The organisation administrator's page. Every value from the server goes in as text, never as markup.
const api = '/api/v1/programs';
const $ = (id) => document.getElementById(id);
let programId = null;

class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

async function call(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem.code ?? null, problem.detail ?? `${response.status}`);
  }
  return response.status === 204 ? null : response.json();
}

const json = (body) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

function showSignIn(message) {
  $('admin').hidden = true;
  $('sign-in-section').hidden = false;
  $('new-password-field').hidden = true;
  $('sign-in-new-password').required = false;
  say(message);
}

function showAdmin(name) {
  $('sign-in-section').hidden = true;
  $('admin').hidden = false;
  if (name) $('signed-in-as').textContent = `Signed in as ${name}.`;
}

async function signIn(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { email: form.get('email'), password: form.get('password') };
  if (!$('new-password-field').hidden) body.newPassword = form.get('newPassword');
  try {
    const signedIn = await call('/api/v1/staff/sign-in', json(body));
    event.target.reset();
    showAdmin(signedIn.displayName);
    say('');
    await loadPrograms();
  } catch (error) {
    if (error.code === 'password_change_required') {
      $('new-password-field').hidden = false;
      $('sign-in-new-password').required = true;
      $('sign-in-new-password').focus();
    }
    say(`Not signed in: ${error.message}`);
  }
}

async function signOut() {
  await call('/api/v1/staff/sign-out', { method: 'POST' });
  $('signed-in-as').textContent = '';
  showSignIn('Signed out.');
}

function say(text) { $('status').textContent = text; }

function cells(row, values) {
  for (const value of values) {
    const cell = document.createElement('td');
    cell.textContent = value ?? '';
    // A name in Arabic or Hebrew keeps its own direction inside a left-to-right table.
    cell.dir = 'auto';
    row.append(cell);
  }
}

async function loadPrograms() {
  const programs = await call(api);
  const select = $('program');
  select.replaceChildren(...programs.map((p) => new Option(`${p.name} (${p.organisationName})`, p.programId)));
  if (programs.length === 0) {
    programId = null;
    for (const table of ['contracts', 'members']) $(table).tBodies[0].replaceChildren();
    $('join-url').textContent = '';
    say('No program yet.');
    return;
  }
  await showProgram(programs[0].programId);
}

async function showProgram(id) {
  programId = id;
  const details = await call(`${api}/${id}`);
  const link = $('join-url');
  link.textContent = details.program.joinUrl;
  link.href = details.program.joinUrl;
  const body = $('contracts').tBodies[0];
  body.replaceChildren();
  for (const c of details.contracts) { cells(body.insertRow(), [c.name, c.licencesUsed, c.licenceCount, c.startsOn, c.endsOn]); }
  for (const a of $('reports').querySelectorAll('a')) { a.href = `${api}/${id}/reports/${a.dataset.report}`; }
  await showMembers();
}

async function showMembers() {
  const query = new URLSearchParams();
  if ($('filter').value) query.set('filter', $('filter').value);
  if ($('state').value) query.set('state', $('state').value);
  const members = await call(`${api}/${programId}/members?${query}`);
  const body = $('members').tBodies[0];
  body.replaceChildren();
  for (const m of members) {
    const row = body.insertRow();
    cells(row, [m.fullName, m.email, m.externalId, m.state, m.lastActivityAt?.slice(0, 10)]);
    const action = document.createElement('td');
    if (m.state !== 'DELETED_MEMBER') {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove ${m.fullName}`);
      remove.addEventListener('click', () => run(async () => {
        await call(`${api}/${programId}/members/${m.memberId}`, { method: 'DELETE' });
        say(`${m.fullName} removed.`);
        await showProgram(programId);
      }));
      action.append(remove);
    }
    row.append(action);
  }
}

async function invite(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  await call(`${api}/${programId}/invitations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fullName: form.get('fullName'), email: form.get('email'), externalId: form.get('externalId') || null }),
  });
  event.target.reset();
  say(`${form.get('fullName')} invited.`);
  await showProgram(programId);
}

async function upload(event) {
  event.preventDefault();
  const file = $('csv').files[0];
  const report = await call(`${api}/${programId}/invitations/csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: file });
  const table = $('csv-errors');
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const e of report.errors) { cells(body.insertRow(), [e.line, e.reason]); }
  table.hidden = report.errors.length === 0;
  say(`${report.invited} invited, ${report.errors.length} rows not invited.`);
  await showProgram(programId);
}

async function run(work) {
  try {
    await work();
  } catch (error) {
    if (error.status === 401) showSignIn('Sign in to see your programs.');
    else say(`Not done: ${error.message}`);
  }
}

async function start() {
  try {
    await loadPrograms();
    showAdmin(null);
  } catch (error) {
    if (error.status === 401) showSignIn('Sign in to see your programs.');
    else throw error;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('program').addEventListener('change', (e) => run(() => showProgram(e.target.value)));
  $('filter').addEventListener('change', () => run(showMembers));
  $('state').addEventListener('change', () => run(showMembers));
  $('invite').addEventListener('submit', (e) => run(() => invite(e)));
  $('upload').addEventListener('submit', (e) => run(() => upload(e)));
  $('sign-in').addEventListener('submit', (e) => run(() => signIn(e)));
  $('sign-out').addEventListener('click', () => run(signOut));
  run(start);
});
