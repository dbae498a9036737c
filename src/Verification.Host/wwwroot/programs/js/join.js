// Accepts the invitation whose token is in the join link; the program link (?program=) only greets.
const status = document.getElementById('status');
const query = new URLSearchParams(location.search);

async function join(token) {
  const response = await fetch('/api/v1/programs/join', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
  if (!response.ok) {
    status.textContent = 'This invitation is not valid any more. Ask your program administrator for a new one.';
    return;
  }
  const joined = await response.json();
  status.textContent = `Welcome to ${joined.programName}. Your courses are ready.`;
}

if (query.get('token')) {
  join(query.get('token'));
} else {
  status.textContent = query.get('program') ? 'Open the invitation mail you received to join this program.' : 'Open the link in your invitation mail.';
}
