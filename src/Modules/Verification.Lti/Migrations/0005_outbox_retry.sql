-- The ACS calls leave one by one: a platform that is away or refuses waits for its own next attempt (backoff) and is
-- given up after a while, and holds no other platform's call (OutboxTable.Independent).
ALTER TABLE lti.outbox ADD COLUMN next_attempt_at timestamptz, ADD COLUMN given_up_at timestamptz;
DROP INDEX lti.outbox_pending;
CREATE INDEX outbox_pending ON lti.outbox (id) WHERE delivered_at IS NULL AND given_up_at IS NULL;
