-- Plans: a monthly or yearly price that unlocks the verified track of every course in the plan while active.
CREATE TABLE billing.plans (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL,
    interval     text        NOT NULL CHECK (interval IN ('month', 'year')),
    price_minor  bigint      NOT NULL CHECK (price_minor > 0),
    currency     char(3)     NOT NULL CHECK (currency = upper(currency)),
    track_ids    uuid[]      NOT NULL,
    created_at   timestamptz NOT NULL
);

-- A learner's subscription. 'past_due' keeps the tracks while renewal is retried; 'lapsed' and 'canceled' end them.
CREATE TABLE billing.subscriptions (
    id                   uuid        PRIMARY KEY,
    learner_id           uuid        NOT NULL,
    plan_id              uuid        NOT NULL REFERENCES billing.plans (id),
    status               text        NOT NULL CHECK (status IN ('incomplete', 'active', 'past_due', 'lapsed', 'canceled')),
    payment_method       text        NOT NULL,
    current_period_start timestamptz,
    current_period_end   timestamptz,
    cancel_at_period_end boolean     NOT NULL DEFAULT false,
    failed_attempts      integer     NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz,
    created_at           timestamptz NOT NULL,
    ended_at             timestamptz
);
CREATE INDEX subscriptions_by_learner ON billing.subscriptions (learner_id);
CREATE INDEX subscriptions_due ON billing.subscriptions (next_attempt_at) WHERE status IN ('active', 'past_due');

-- Each charge of a subscription (the first period and every renewal), confirmed by the provider's webhook.
CREATE TABLE billing.subscription_charges (
    id                  uuid        PRIMARY KEY,
    subscription_id     uuid        NOT NULL REFERENCES billing.subscriptions (id),
    period_start        timestamptz NOT NULL,
    period_end          timestamptz NOT NULL,
    amount_minor        bigint      NOT NULL CHECK (amount_minor > 0),
    currency            char(3)     NOT NULL,
    status              text        NOT NULL CHECK (status IN ('pending', 'paid', 'declined')),
    provider            text        NOT NULL,
    provider_payment_id text,
    decline_code        text,
    created_at          timestamptz NOT NULL
);
-- One live charge per period: a declined attempt may be followed by another, never by a second charge.
CREATE UNIQUE INDEX subscription_charges_one_per_period ON billing.subscription_charges (subscription_id, period_start) WHERE status IN ('pending', 'paid');
CREATE UNIQUE INDEX subscription_charges_by_payment ON billing.subscription_charges (provider, provider_payment_id) WHERE provider_payment_id IS NOT NULL;

-- Financial aid: an application an admin approves (the track is then paid at zero) or declines.
CREATE TABLE billing.aid_applications (
    id                   uuid        PRIMARY KEY,
    learner_id           uuid        NOT NULL,
    certificate_track_id uuid        NOT NULL,
    reason               text        NOT NULL,
    income_bracket       text        NOT NULL CHECK (income_bracket IN ('none', 'low', 'middle', 'high')),
    status               text        NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
    decided_by           uuid,
    decision_note        text,
    created_at           timestamptz NOT NULL,
    decided_at           timestamptz
);
CREATE UNIQUE INDEX aid_one_open_per_track ON billing.aid_applications (learner_id, certificate_track_id) WHERE status IN ('pending', 'approved');
