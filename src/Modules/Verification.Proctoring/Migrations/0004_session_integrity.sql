-- Sessions closed at start-up after a crash are 'interrupted'; each session records the token that opened it (a token
-- opens at most one session) and the attempt it was bound to.
ALTER TABLE proctoring.sessions DROP CONSTRAINT sessions_status_check;
ALTER TABLE proctoring.sessions ADD CONSTRAINT sessions_status_check CHECK (status IN ('open', 'ended', 'timed_out', 'interrupted'));
ALTER TABLE proctoring.sessions ADD COLUMN attempt integer NOT NULL DEFAULT 1;
ALTER TABLE proctoring.sessions ADD COLUMN token_id uuid UNIQUE;
CREATE INDEX sessions_open ON proctoring.sessions (started_at) WHERE status = 'open';

-- Messages to other modules, written in the transaction that decided them and published by the outbox dispatcher.
CREATE TABLE proctoring.outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_type text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    delivered_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX outbox_pending ON proctoring.outbox (id) WHERE delivered_at IS NULL;
