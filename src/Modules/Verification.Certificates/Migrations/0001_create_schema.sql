CREATE SCHEMA IF NOT EXISTS certificates;

CREATE TABLE certificates.certificates (
    id                uuid        PRIMARY KEY,
    learner_id        uuid        NOT NULL,
    course_id         uuid        NOT NULL,
    verification_code text        NOT NULL UNIQUE,
    status            text        NOT NULL CHECK (status IN ('held', 'issued', 'revoked')),
    signature         bytea,
    created_at        timestamptz NOT NULL,
    issued_at         timestamptz,
    revoked_at        timestamptz,
    UNIQUE (learner_id, course_id)
);
