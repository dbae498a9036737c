// The organisation administrator's page. Every value from the server goes in as text, never as markup.
import { $, call, resetSignIn, say, signIn as signInWith, signOut as signOutWith } from '/js/staff.js';

const api = '/api/v1/programs';
let programId = null;

function showSignIn(message) {
  $('admin').hidden = true;
  $('sign-in-section').hidden = false;
  resetSignIn();
  say(message);
}

function showAdmin(name) {
  $('sign-in-section').hidden = true;
  $('admin').hidden = false;
  if (name) $('signed-in-as').textContent = `Signed in as ${name}.`;
}

async function signIn(event) {
  const signedIn = await signInWith(event);
  if (!signedIn) return;
  showAdmin(signedIn.displayName);
  await loadPrograms();
}

async function signOut() {
  await signOutWith();
  showSignIn('Signed out.');
}

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
  // Another program was chosen while this one loaded: its answer must not mix into what the page shows.
  if (programId !== id) return;
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
  const shown = programId;
  const members = await call(`${api}/${shown}/members?${query}`);
  if (programId !== shown) return;
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

// A form's submit button waits for its answer: a second click would send the same invitations again.
async function runForm(event, work) {
  event.preventDefault();
  const button = event.target.querySelector('button[type=submit]');
  if (button) button.disabled = true;
  try {
    await run(work);
  } finally {
    if (button) button.disabled = false;
  }
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
  $('invite').addEventListener('submit', (e) => runForm(e, () => invite(e)));
  $('upload').addEventListener('submit', (e) => runForm(e, () => upload(e)));
  $('sign-in').addEventListener('submit', (e) => run(() => signIn(e)));
  $('sign-out').addEventListener('click', () => run(signOut));
  run(start);
});
