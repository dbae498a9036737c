-- Orders move through a payment provider; 'declined' is the card's refusal, 'failed' the provider's.
ALTER TABLE billing.orders DROP CONSTRAINT orders_status_check;
ALTER TABLE billing.orders
    ADD CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'refunded', 'failed', 'declined')),
    ADD COLUMN partner_id          uuid,
    ADD COLUMN provider            text,
    ADD COLUMN provider_payment_id text,
    ADD COLUMN decline_code        text,
    ADD COLUMN refunded_minor      bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT orders_refund_within_amount CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
    ADD CONSTRAINT orders_currency_upper CHECK (currency = upper(currency));
CREATE UNIQUE INDEX orders_by_provider_payment ON billing.orders (provider, provider_payment_id) WHERE provider_payment_id IS NOT NULL;

-- Double-entry ledger: an entry is a set of postings whose amounts sum to zero per currency (checked at commit by
-- the trigger below). Debits are positive. Postings are never updated or deleted: a correction is a new entry.
CREATE TABLE billing.ledger_entries (
    id          uuid        PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('payment', 'refund', 'subscription_charge')),
    learner_id  uuid        NOT NULL,
    partner_id  uuid,
    order_id    uuid,
    refund_id   uuid,
    subscription_id uuid,
    created_at  timestamptz NOT NULL
);
CREATE INDEX ledger_entries_by_order ON billing.ledger_entries (order_id);

CREATE TABLE billing.ledger_postings (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id     uuid        NOT NULL REFERENCES billing.ledger_entries (id),
    account      text        NOT NULL CHECK (account IN ('learner', 'partner', 'platform')),
    owner_id     uuid,
    currency     char(3)     NOT NULL CHECK (currency = upper(currency)),
    amount_minor bigint      NOT NULL CHECK (amount_minor <> 0)
);
CREATE INDEX ledger_postings_by_owner ON billing.ledger_postings (account, owner_id, currency);

CREATE FUNCTION billing.ledger_entry_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM billing.ledger_postings WHERE entry_id = NEW.entry_id GROUP BY currency HAVING sum(amount_minor) <> 0) THEN
        RAISE EXCEPTION 'ledger entry % does not balance', NEW.entry_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON billing.ledger_postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION billing.ledger_entry_must_balance();

CREATE FUNCTION billing.ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON billing.ledger_postings
    FOR EACH ROW EXECUTE FUNCTION billing.ledger_is_append_only();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON billing.ledger_entries
    FOR EACH ROW EXECUTE FUNCTION billing.ledger_is_append_only();

-- One row per Idempotency-Key and caller: the first request's fingerprint and its answer (text: replayed byte for byte).
CREATE TABLE billing.idempotency_keys (
    scope         text        NOT NULL,
    key           text        NOT NULL,
    request_hash  bytea       NOT NULL,
    status_code   integer     NOT NULL,
    response      text        NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);

-- Provider webhooks already applied, by the provider's event id: a replay changes nothing.
CREATE TABLE billing.webhook_events (
    provider    text        NOT NULL,
    event_id    text        NOT NULL,
    event_type  text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (provider, event_id)
);

CREATE TABLE billing.refunds (
    id                 uuid        PRIMARY KEY,
    order_id           uuid        NOT NULL REFERENCES billing.orders (id),
    amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
    reason             text,
    provider_refund_id text        NOT NULL,
    created_at         timestamptz NOT NULL
);
CREATE INDEX refunds_by_order ON billing.refunds (order_id);

CREATE TABLE billing.outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_type text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    delivered_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX outbox_pending ON billing.outbox (id) WHERE delivered_at IS NULL;
