CREATE SCHEMA IF NOT EXISTS proctoring;

-- Consent text versions are data, so a change of wording is a new row and old acceptances keep their meaning.
CREATE TABLE proctoring.consent_texts (
    version    integer     PRIMARY KEY,
    text       text        NOT NULL,
    covers     text[]      NOT NULL,
    published_at timestamptz NOT NULL
);

CREATE TABLE proctoring.consents (
    id           uuid        PRIMARY KEY,
    learner_id   uuid        NOT NULL,
    version      integer     NOT NULL REFERENCES proctoring.consent_texts (version),
    covers       text[]      NOT NULL,
    accepted_at  timestamptz NOT NULL,
    withdrawn_at timestamptz
);
CREATE INDEX consents_by_learner ON proctoring.consents (learner_id, accepted_at DESC);

-- Reviewer accounts; a one-time password must be replaced at first sign-in.
CREATE TABLE proctoring.reviewers (
    id                 uuid        PRIMARY KEY,
    display_name       text        NOT NULL,
    email              text        NOT NULL UNIQUE,
    password_hash      text        NOT NULL,
    password_one_time  boolean     NOT NULL,
    created_at         timestamptz NOT NULL
);
