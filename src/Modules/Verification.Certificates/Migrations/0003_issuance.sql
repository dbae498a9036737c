-- The decision is recomputed from Billing's, Enrollment's and Proctoring's answers at every trigger, so the copy of
-- verdicts goes (nothing read it). The certificates table was never written, so its new NOT NULL columns need no default.
DROP TABLE certificates.identity_verdicts;

ALTER TABLE certificates.certificates
    ADD COLUMN track_id          uuid        NOT NULL,
    ADD COLUMN partner_id        uuid        NOT NULL,
    ADD COLUMN status_changed_at timestamptz NOT NULL,
    ADD COLUMN revocation_reason text,
    ADD COLUMN name_hidden       boolean     NOT NULL DEFAULT false;

CREATE INDEX certificates_by_learner_track ON certificates.certificates (learner_id, track_id);

-- Every change of state with its reason and what caused it, for the audit and for the public page's dates.
CREATE TABLE certificates.certificate_events (
    id             uuid        PRIMARY KEY,
    certificate_id uuid        NOT NULL REFERENCES certificates.certificates (id),
    status         text        NOT NULL CHECK (status IN ('held', 'issued', 'revoked')),
    reason         text,
    caused_by      text        NOT NULL,
    at             timestamptz NOT NULL
);
CREATE INDEX certificate_events_by_certificate ON certificates.certificate_events (certificate_id, at);

-- The service's ES256 signing keys. The newest unretired key signs; retired keys stay published (JWKS) so that every
-- credential signed before a rotation still verifies. Private keys are sealed with the envelope encryption (key id
-- in private_key_key_id, the kid as associated data).
CREATE TABLE certificates.signing_keys (
    kid                text        PRIMARY KEY,
    public_jwk         text        NOT NULL,
    private_key        bytea       NOT NULL,
    private_key_key_id text        NOT NULL,
    created_at         timestamptz NOT NULL,
    retired_at         timestamptz
);

-- Each signed credential (a VC-JWT) and its entry in the revocation status list. A certificate issued again (after a
-- reversed decision) gets a new credential at a new index, so a revoked entry is never cleared.
CREATE SEQUENCE certificates.status_index MINVALUE 0 START 0;
CREATE TABLE certificates.credentials (
    id             uuid        PRIMARY KEY,
    certificate_id uuid        NOT NULL REFERENCES certificates.certificates (id),
    status_index   integer     NOT NULL UNIQUE,
    kid            text        NOT NULL REFERENCES certificates.signing_keys (kid),
    jwt            text        NOT NULL,
    issued_at      timestamptz NOT NULL,
    revoked_at     timestamptz
);
CREATE UNIQUE INDEX credentials_one_current ON certificates.credentials (certificate_id) WHERE revoked_at IS NULL;
