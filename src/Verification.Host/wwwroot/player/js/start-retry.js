// Which StartSession refusals the player tries again by itself, and after how long (docs/player-protocol.md,
// "Refusals"): server_busy (the node is at capacity) and database_unavailable name the seconds to wait; the wait gets
// a random share on top, so that players refused together do not come back together. Bounded: after the last attempt
// the refusal is shown as it is.
const RETRIED = ["server_busy", "database_unavailable"];
export const MAX_START_ATTEMPTS = 5;
const MAX_WAIT_SECONDS = 60;
const DEFAULT_WAIT_SECONDS = 5;

// The seconds to wait before attempt number attempt + 1, or null when the error is not retried or attempts are spent.
export function startRetryDelaySeconds(error, attempt) {
  if (attempt >= MAX_START_ATTEMPTS) {
    return null;
  }
  const message = String(error?.message ?? "");
  if (!RETRIED.some(code => message.includes(`${code}:`))) {
    return null;
  }
  const hint = /Retry in (\d+) seconds/.exec(message);
  const seconds = Math.min(Math.max(hint ? Number(hint[1]) : DEFAULT_WAIT_SECONDS, 1), MAX_WAIT_SECONDS);
  return Math.ceil(seconds * (1 + Math.random() / 2));
}
