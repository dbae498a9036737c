-- Enterprise learning programs: organisations buy licences for their people.
-- partner_id: the partner account that manages the organisation until organisation administrators sign in themselves.
CREATE TABLE enrollment.organisations (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    slug       text        NOT NULL UNIQUE,
    partner_id uuid,
    created_at timestamptz NOT NULL
);

CREATE TABLE enrollment.programs (
    id              uuid        PRIMARY KEY,
    organisation_id uuid        NOT NULL REFERENCES enrollment.organisations (id),
    slug            text        NOT NULL UNIQUE,
    name            text        NOT NULL,
    created_at      timestamptz NOT NULL
);

-- Course and specialization ids belong to the catalog module: plain ids, never joined across schemas.
CREATE TABLE enrollment.program_curriculum (
    program_id        uuid    NOT NULL REFERENCES enrollment.programs (id),
    position          integer NOT NULL CHECK (position >= 1),
    course_id         uuid,
    specialization_id uuid,
    due_on            date,
    PRIMARY KEY (program_id, position),
    CHECK ((course_id IS NULL) <> (specialization_id IS NULL))
);

CREATE TABLE enrollment.program_contracts (
    id            uuid        PRIMARY KEY,
    program_id    uuid        NOT NULL REFERENCES enrollment.programs (id),
    name          text        NOT NULL,
    licence_count integer     NOT NULL CHECK (licence_count >= 0),
    starts_on     date        NOT NULL,
    ends_on       date        NOT NULL,
    created_at    timestamptz NOT NULL,
    CHECK (ends_on >= starts_on)
);

-- An INVITED or MEMBER row occupies one licence of its contract; DELETED_MEMBER frees it.
CREATE TABLE enrollment.program_members (
    id              uuid        PRIMARY KEY,
    program_id      uuid        NOT NULL REFERENCES enrollment.programs (id),
    contract_id     uuid        NOT NULL REFERENCES enrollment.program_contracts (id),
    full_name       text        NOT NULL,
    email           text        NOT NULL,
    external_id     text,
    state           text        NOT NULL CHECK (state IN ('INVITED', 'MEMBER', 'DELETED_MEMBER')),
    join_token_hash bytea       NOT NULL UNIQUE,
    learner_id      uuid        REFERENCES enrollment.learners (id),
    invited_at      timestamptz NOT NULL,
    joined_at       timestamptz,
    removed_at      timestamptz
);
CREATE UNIQUE INDEX program_members_active_email ON enrollment.program_members (program_id, lower(email)) WHERE state <> 'DELETED_MEMBER';
CREATE INDEX program_members_contract ON enrollment.program_members (contract_id) WHERE state <> 'DELETED_MEMBER';

-- Mails leave through this outbox: written in the transaction that caused them, sent and retried by MailSender.
CREATE TABLE enrollment.mail_outbox (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL,
    to_address      text        NOT NULL,
    to_name         text        NOT NULL,
    subject         text        NOT NULL,
    body_text       text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz,
    last_error      text
);
CREATE INDEX mail_outbox_due ON enrollment.mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
