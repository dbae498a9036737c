// The reviewer console. Every value from the server goes in as text, never as markup; pictures load from their
// audited, no-store addresses only when a case is opened.
import { $, call, onSessionEnded, post, resetSignIn, say, signIn as signInWith, signOut as signOutWith } from '/js/staff.js';

const api = '/api/v1/review-cases';
const svgNs = 'http://www.w3.org/2000/svg';
let cases = [];
let selected = -1;
let current = null;
// Each opening of a case is numbered: when the reviewer has opened another case meanwhile, a late answer for this one
// is dropped instead of putting this case back on screen over the one they chose.
let openings = 0;

function show(section) {
  for (const id of ['sign-in-section', 'queue-section', 'case-section']) $(id).hidden = id !== section;
  $('account').hidden = section === 'sign-in-section';
}

function showSignIn(message) {
  show('sign-in-section');
  resetSignIn();
  say(message);
  $('sign-in-email').focus();
}

onSessionEnded(() => showSignIn('Your session ended. Sign in again.'));

async function signIn(event) {
  const signedIn = await signInWith(event);
  if (!signedIn) return;
  $('signed-in-as').textContent = `Signed in as ${signedIn.displayName} (${signedIn.role}).`;
  await loadQueue();
}

async function signOut() {
  await signOutWith();
  showSignIn('Signed out.');
}

function queuePath() {
  const form = new FormData($('filters'));
  const status = form.get('status');
  const query = new URLSearchParams();
  if (status !== 'escalated') query.set('status', status);
  for (const name of ['priority', 'flag', 'courseId']) if (form.get(name)) query.set(name, form.get(name));
  return `${status === 'escalated' ? `${api}/escalated` : api}?${query}`;
}

async function loadQueue() {
  let page;
  try {
    page = await call(queuePath());
  } catch (error) {
    if (error.status !== 401) { show('queue-section'); say(`The queue could not be read: ${error.message}`); }
    return;
  }
  show('queue-section');
  cases = page.cases;
  const c = page.counts;
  $('counts').textContent = `Open ${c.open}, escalated ${c.escalated}, approved ${c.approved}, rejected ${c.rejected}. Showing ${cases.length} of ${page.listed}.`;
  const rows = cases.map((item, index) => {
    const row = document.createElement('tr');
    const link = document.createElement('a');
    link.href = `#case-${item.caseId}`;
    link.textContent = item.caseId.slice(0, 8) + (item.appealed ? ' (appeal)' : '');
    link.addEventListener('click', (event) => { event.preventDefault(); openCase(index); });
    const first = document.createElement('td');
    first.append(link);
    row.append(first);
    for (const value of [item.priority, item.courseId.slice(0, 8), item.assessmentId, item.flags.join(', '), age(item.ageSeconds), item.evidenceFrames, item.heldBy ? 'held' : '']) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    return row;
  });
  $('queue').tBodies[0].replaceChildren(...rows);
  select(cases.length ? Math.max(0, Math.min(selected, cases.length - 1)) : -1);
}

function age(seconds) {
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

function select(index) {
  selected = index;
  [...$('queue').tBodies[0].rows].forEach((row, i) => row.classList.toggle('selected', i === index));
  const row = $('queue').tBodies[0].rows[index];
  if (row) row.querySelector('a').focus();
}

async function openCase(index) {
  const item = cases[index];
  if (!item) return;
  const opening = ++openings;
  selected = index;
  try {
    await call(`${api}/${item.caseId}/claim`, { method: 'POST' });
  } catch (error) {
    if (error.status === 401) return;
    say(`Not claimed: ${error.message}`);
  }
  let view;
  try {
    view = await call(`${api}/${item.caseId}`);
  } catch (error) {
    if (opening === openings) say(`The case could not be read: ${error.message}`);
    return;
  }
  if (opening !== openings) return;
  current = view;
  renderCase(current);
  show('case-section');
  $('case-heading').focus();
}

function renderCase(view) {
  const s = view.session;
  $('case-heading').tabIndex = -1;
  $('case-summary').textContent = `Case ${view.caseId}: ${view.status}, priority ${view.priority}. Learner ${s.learnerId}, course ${s.courseId}, assessment ${s.assessmentId} (attempt ${s.attempt}). Session ${s.status}, ${s.framesReceived} frames received, ${s.framesShed} shed.`;
  const pictures = [];
  if (view.idPhotoAvailable) pictures.push(figure(`${api}/${view.caseId}/evidence/id-photo`, 'ID photo from enrollment'));
  for (const face of view.enrollmentFaces) pictures.push(figure(`${api}/${view.caseId}/evidence/enrollment-faces/${face}`, `Enrollment face ${face}`));
  for (const frame of view.evidenceFrames) pictures.push(figure(`${api}/${view.caseId}/evidence/frames/${frame}`, `Flagged frame ${frame} from the session`));
  if (!pictures.length) pictures.push(text('p', 'No pictures are kept for this case.'));
  $('pictures').replaceChildren(...pictures);
  drawTimeline(view);
  $('timeline-table').tBodies[0].replaceChildren(...view.timeline.map((f) => tableRow([
    f.frame, f.offset ?? '', f.analysed ? 'yes' : 'no (gap)', f.facesFound ?? '', fixed(f.matchScore), fixed(f.liveness), [f.rejectionCode, f.evidence ? 'kept as evidence' : ''].filter(Boolean).join(', ')])));
  // Staff console, English only: the reason code is shown as words so the reviewer sees why typing is missing.
  const unavailable = $('typing-unavailable');
  unavailable.hidden = !s.typingUnavailable;
  unavailable.textContent = s.typingUnavailable ? `Typing not available: ${s.typingUnavailable.replaceAll('_', ' ')}. The verdict rests on the face evidence alone.` : '';
  $('typing-checks').tBodies[0].replaceChildren(...(view.typingChecks.length
    ? view.typingChecks.map((t) => tableRow([t.check, t.offset, t.usable ? 'yes' : `no (${t.code ?? 'unusable'})`, fixed(t.genuineProbability), t.accepted == null ? '' : (t.accepted ? 'accepted' : 'not accepted')]))
    : [tableRow(['No typing check in this session.', '', '', '', ''])]));
  $('flags').tBodies[0].replaceChildren(...view.flags.map((f) => tableRow([f.kind, f.rule, f.frames.join(', '), f.scores.map(fixed).join(', ')])));
  const weak = view.weakTypingEvidence;
  $('weak-typing').textContent = weak
    ? `Not a flag: ${weak.rule}. Checks ${weak.checks.join(', ')} scored ${weak.scores.map(fixed).join(', ')} (negative: more like someone else); checks ${weak.negativeChecks.join(', ') || 'none'} were negative.`
    : '';
  const freeText = view.freeTextEvidence;
  $('free-text-typing').textContent = freeText ? freeTextSentence(freeText) : '';
  $('history').replaceChildren(...(view.history.length ? view.history.map((h) => text('li', `${h.decidedAt}: ${h.decision} by reviewer ${h.reviewerId.slice(0, 8)}. ${h.note}`)) : [text('li', 'No decision yet.')]));
  $('appeal').textContent = view.appeal ? `Appealed ${view.appeal.appealedAt}: ${view.appeal.reason}` : '';
  $('earlier').replaceChildren(...(view.earlierCases.length ? view.earlierCases.map((e) => text('li', `${e.openedAt}: ${e.assessmentId}, ${e.status} (${e.flags.join(', ')})`)) : [text('li', 'None.')]));
  $('audit').replaceChildren(...view.auditTrail.map((a) => text('li', `${a.occurredAt} ${a.actor}: ${a.action}`)));
  $('decision').reset();
}

// The text answers' typing rhythm: how it compares with the learner's free-text profile, and whether it counted.
function freeTextSentence(f) {
  const compared = f.distance == null
    ? 'could not be compared with the learner\'s free-text profile (no profile, or no timings in common)'
    : `differs from the learner's free-text profile by ${fixed(f.distance)} spreads over ${f.timingsCompared} timings (higher: less alike)`;
  const use = f.use === 'fused'
    ? `Judged by the configured free-text model: evidence ${fixed(f.logLikelihoodRatio)} (negative: more like someone else)${f.flagged ? ', which raised the typing flag' : ', not strong enough to flag'}.`
    : 'For the reviewer only: no free-text model judged it, so it never flags a session.';
  return `Text answers: ${f.keyPresses} key presses typed; their rhythm ${compared}. ${use}`;
}

function figure(src, caption) {
  const fig = document.createElement('figure');
  const img = document.createElement('img');
  img.src = src;
  img.alt = caption;
  img.tabIndex = 0;
  img.title = 'Enter or click: full size';
  const toggle = () => img.classList.toggle('full');
  img.addEventListener('click', toggle);
  img.addEventListener('keydown', (event) => { if (event.key === 'Enter') toggle(); });
  fig.append(img, text('figcaption', caption));
  return fig;
}

function drawTimeline(view) {
  const width = 1000;
  const height = 200;
  const frames = view.timeline;
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Timeline of ${frames.length} frames: match score and liveness per frame; the table below lists the same values.`);
  const x = (i) => 20 + (frames.length <= 1 ? 0 : (i * (width - 40)) / (frames.length - 1));
  const y = (value) => height - 20 - Math.max(0, Math.min(1, value)) * (height - 40);
  const flagged = new Set(view.flags.flatMap((f) => (['TypingMismatch'].includes(f.kind) ? [] : f.frames)));
  frames.forEach((f, i) => {
    if (!f.analysed) svg.append(shape('rect', { x: x(i) - 4, y: 10, width: 8, height: height - 30, fill: '#bbb' }));
    if (flagged.has(f.frame)) svg.append(shape('line', { x1: x(i), x2: x(i), y1: 10, y2: height - 20, stroke: '#c00', 'stroke-width': 2 }));
  });
  for (const [key, dash] of [['matchScore', ''], ['liveness', '6 4']]) {
    const points = frames.map((f, i) => (f[key] == null ? null : `${x(i)},${y(f[key])}`)).filter(Boolean).join(' ');
    if (points) svg.append(shape('polyline', { points, fill: 'none', stroke: key === 'matchScore' ? '#0b3d6b' : '#2a7a2a', 'stroke-width': 2, 'stroke-dasharray': dash }));
  }
  // A typing check is drawn at the frame received closest before it: the timeline's axis is frames, not seconds.
  for (const check of view.typingChecks) {
    let i = frames.findLastIndex((f) => f.offset != null && f.offset <= check.offset);
    if (i < 0) i = 0;
    svg.append(shape('circle', { cx: x(i), cy: 14, r: 6, fill: check.accepted === false ? '#c00' : '#6a3d9a', stroke: '#fff' }));
  }
  svg.append(shape('line', { x1: 20, x2: width - 20, y1: height - 20, y2: height - 20, stroke: '#333' }));
  $('timeline').replaceChildren(svg);
}

function shape(name, attributes) {
  const element = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) if (value !== '') element.setAttribute(key, value);
  return element;
}

const fixed = (value) => (value == null ? '' : Number(value).toFixed(2));

function text(tag, value) {
  const element = document.createElement(tag);
  element.textContent = value;
  return element;
}

function tableRow(values) {
  const row = document.createElement('tr');
  for (const value of values) row.append(text('td', String(value)));
  return row;
}

async function decide(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const note = (form.get('note') ?? '').trim();
  if (!form.get('decision') || !note) {
    say('Choose a decision and write a note: the note is required.');
    (form.get('decision') ? $('note') : event.target.querySelector('input[name=decision]')).focus();
    return;
  }
  // A second click while the first decision is on its way would be refused as already decided, over its success.
  const submit = event.target.querySelector('button[type=submit]');
  if (submit) submit.disabled = true;
  try {
    await call(`${api}/${current.caseId}/decision`, post({ decision: form.get('decision'), note }));
    say(`Case ${current.caseId.slice(0, 8)}: ${form.get('decision')}.`);
    await loadQueue();
    $('queue-heading').focus();
  } catch (error) {
    if (error.status !== 401) say(`Not recorded: ${error.message}`);
  } finally {
    if (submit) submit.disabled = false;
  }
}

// The case after the open one in the queue as last read; the first one when the open one was the last.
function openNext() {
  const index = cases.findIndex((c) => c.caseId === current?.caseId);
  return openCase(index + 1 < cases.length ? index + 1 : 0);
}

function choose(value) {
  const radio = document.querySelector(`#decision input[value=${value}]`);
  radio.checked = true;
  $('note').focus();
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement?.tagName) && document.activeElement.type !== 'radio';
  if (typing) {
    if (event.key === 'Escape') document.activeElement.blur();
    return;
  }
  const inCase = !$('case-section').hidden;
  const inQueue = !$('queue-section').hidden;
  const actions = {
    j: () => inQueue && select(Math.min(selected + 1, cases.length - 1)),
    k: () => inQueue && select(Math.max(selected - 1, 0)),
    n: () => (inCase ? openNext() : inQueue && openCase(Math.max(selected, 0))),
    a: () => inCase && choose('approved'),
    r: () => inCase && choose('rejected'),
    e: () => inCase && choose('escalated'),
    '/': () => inCase && $('note').focus(),
    Escape: () => inCase && loadQueue(),
  };
  if (actions[event.key]) {
    event.preventDefault();
    actions[event.key]();
  }
}

$('sign-in').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', signOut);
$('filters').addEventListener('submit', (event) => { event.preventDefault(); loadQueue(); });
$('decision').addEventListener('submit', decide);
$('back').addEventListener('click', loadQueue);
$('next').addEventListener('click', openNext);
document.addEventListener('keydown', onKey);
loadQueue();
