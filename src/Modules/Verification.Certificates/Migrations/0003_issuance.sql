-- The decision is recomputed from Billing's, Enrollment's and Proctoring's answers at every trigger, so the copy of
-- verdicts goes (nothing read it). The certificates table was never written, so its new NOT NULL columns need no default.
DROP TABLE certificates.identity_verdicts;

ALTER TABLE certificates.certificates
    ADD COLUMN track_id          uuid        NOT NULL,
    ADD COLUMN partner_id        uuid        NOT NULL,
    ADD COLUMN status_changed_at timestamptz NOT NULL,
    ADD COLUMN revocation_reason text,
    ADD COLUMN name_hidden       boolean     NOT NULL DEFAULT false,
    ADD COLUMN status_index      integer     NOT NULL UNIQUE;

-- Each certificate's position in the published status list; positions are never reused.
CREATE SEQUENCE certificates.status_index MINVALUE 0 START 0;

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
