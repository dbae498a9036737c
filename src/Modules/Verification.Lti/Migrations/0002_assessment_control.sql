-- Messages to the platforms' Assessment Control Services, published from here after the commit that decided them.
CREATE TABLE lti.outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_type text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    delivered_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX outbox_pending ON lti.outbox (id) WHERE delivered_at IS NULL;

-- One ACS flag per flagged session, however often Proctoring's verdict is delivered.
CREATE TABLE lti.acs_flags (
    session_id uuid        PRIMARY KEY,
    launch_id  uuid        NOT NULL REFERENCES lti.launches (id),
    queued_at  timestamptz NOT NULL,
    sent_at    timestamptz
);
