CREATE SCHEMA IF NOT EXISTS access;

-- A partner's API key: only its SHA-256 is kept; the short prefix finds the row and is what people see in lists.
CREATE TABLE access.api_keys (
    id           uuid        PRIMARY KEY,
    partner_id   uuid        NOT NULL,
    name         text        NOT NULL,
    prefix       text        NOT NULL UNIQUE,
    key_hash     bytea       NOT NULL,
    scopes       text[]      NOT NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_by_partner ON access.api_keys (partner_id, created_at);

-- Staff accounts; emails are kept lower-case. A one-time password must be replaced at first sign-in.
CREATE TABLE access.staff_accounts (
    id                uuid        PRIMARY KEY,
    email             text        NOT NULL UNIQUE,
    display_name      text        NOT NULL,
    role              text        NOT NULL CHECK (role IN ('reviewer', 'senior_reviewer', 'admin')),
    password_hash     text        NOT NULL,
    password_one_time boolean     NOT NULL,
    failed_sign_ins   integer     NOT NULL DEFAULT 0,
    locked_until      timestamptz,
    disabled_at       timestamptz,
    created_at        timestamptz NOT NULL
);
