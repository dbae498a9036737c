-- Partners' webhook endpoints. The HMAC secret is sealed with the envelope encryption (the endpoint id as associated data).
CREATE TABLE certificates.webhook_endpoints (
    id            uuid        PRIMARY KEY,
    partner_id    uuid        NOT NULL,
    url           text        NOT NULL,
    events        text[]      NOT NULL,
    secret        bytea       NOT NULL,
    secret_key_id text        NOT NULL,
    created_at    timestamptz NOT NULL,
    disabled_at   timestamptz
);
CREATE INDEX webhook_endpoints_by_partner ON certificates.webhook_endpoints (partner_id) WHERE disabled_at IS NULL;

-- One row per event and endpoint, written in the transaction that caused the event: the webhooks' outbox.
CREATE TABLE certificates.webhook_deliveries (
    id              uuid        PRIMARY KEY,
    endpoint_id     uuid        NOT NULL REFERENCES certificates.webhook_endpoints (id),
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz,
    abandoned_at    timestamptz,
    replay_of       uuid        REFERENCES certificates.webhook_deliveries (id)
);
-- A notification delivered twice queues one delivery; replays are further rows.
CREATE UNIQUE INDEX webhook_deliveries_once ON certificates.webhook_deliveries (endpoint_id, event_id) WHERE replay_of IS NULL;
CREATE INDEX webhook_deliveries_due ON certificates.webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND abandoned_at IS NULL;

-- Every attempt, with the receiver's HTTP status or the error.
CREATE TABLE certificates.webhook_attempts (
    delivery_id uuid        NOT NULL REFERENCES certificates.webhook_deliveries (id),
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL,
    status_code integer,
    error       text,
    PRIMARY KEY (delivery_id, attempt)
);
