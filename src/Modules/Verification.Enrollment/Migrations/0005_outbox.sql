-- Messages to other modules (a completed course), written in the transaction that decided them and published by the
-- outbox dispatcher (Verification.BuildingBlocks.Outbox).
CREATE TABLE enrollment.outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_type text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    delivered_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX outbox_pending ON enrollment.outbox (id) WHERE delivered_at IS NULL;
