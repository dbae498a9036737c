CREATE SCHEMA IF NOT EXISTS lti;

-- One LMS registration per partner: what the platform told its administrator to give the tool.
CREATE TABLE lti.platforms (
    id                     uuid        PRIMARY KEY,
    partner_id             uuid        NOT NULL UNIQUE,
    issuer                 text        NOT NULL,
    client_id              text        NOT NULL,
    deployment_ids         text[]      NOT NULL,
    authorization_endpoint text        NOT NULL,
    token_endpoint         text        NOT NULL,
    jwks_url               text        NOT NULL,
    created_at             timestamptz NOT NULL,
    UNIQUE (issuer, client_id)
);

-- The tool's RS256 keys (LTI 1.3 asks for RSA): the newest unretired one signs; all stay in the tool's JWKS.
CREATE TABLE lti.tool_keys (
    kid                text        PRIMARY KEY,
    public_jwk         text        NOT NULL,
    private_key        bytea       NOT NULL,
    private_key_key_id text        NOT NULL,
    created_at         timestamptz NOT NULL,
    retired_at         timestamptz
);

-- An OIDC login in flight: state and nonce are single use and short-lived; only their SHA-256 is kept.
CREATE TABLE lti.login_states (
    state_hash  bytea       PRIMARY KEY,
    nonce       text        NOT NULL UNIQUE,
    platform_id uuid        NOT NULL REFERENCES lti.platforms (id),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

-- A launch that passed every check.
CREATE TABLE lti.launches (
    id                   uuid        PRIMARY KEY,
    platform_id          uuid        NOT NULL REFERENCES lti.platforms (id),
    deployment_id        text        NOT NULL,
    message_type         text        NOT NULL,
    lti_user             text        NOT NULL,
    resource_link_id     text        NOT NULL,
    attempt_number       integer,
    created_at           timestamptz NOT NULL,
    -- LtiStartProctoring only: the learner and course it maps to, and what LtiStartAssessment must echo.
    learner_id           uuid,
    course_id            uuid,
    session_data         text,
    start_assessment_url text,
    acs_url              text,
    given_name           text,
    family_name          text,
    full_name            text,
    pre_exam_verdict     text,
    pre_exam_flags       text[],
    start_assessment_at  timestamptz
);
CREATE INDEX launches_by_learner ON lti.launches (learner_id, course_id, resource_link_id, created_at);

-- Who an LTI user and context are here, per platform: created on first sight through Enrollment's and Catalog's contracts.
CREATE TABLE lti.learners (
    platform_id uuid NOT NULL REFERENCES lti.platforms (id),
    lti_user    text NOT NULL,
    learner_id  uuid NOT NULL UNIQUE,
    PRIMARY KEY (platform_id, lti_user)
);

CREATE TABLE lti.courses (
    platform_id uuid NOT NULL REFERENCES lti.platforms (id),
    context_id  text NOT NULL,
    course_id   uuid NOT NULL UNIQUE,
    PRIMARY KEY (platform_id, context_id)
);
CREATE INDEX launches_by_platform ON lti.launches (platform_id, created_at);
