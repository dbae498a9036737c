CREATE SCHEMA IF NOT EXISTS billing;

CREATE TABLE billing.orders (
    id                   uuid        PRIMARY KEY,
    learner_id           uuid        NOT NULL,
    certificate_track_id uuid        NOT NULL,
    amount_minor         bigint      NOT NULL CHECK (amount_minor >= 0),
    currency             char(3)     NOT NULL,
    status               text        NOT NULL CHECK (status IN ('pending', 'paid', 'refunded', 'failed')),
    created_at           timestamptz NOT NULL,
    paid_at              timestamptz
);
CREATE INDEX orders_by_learner ON billing.orders (learner_id, certificate_track_id);
