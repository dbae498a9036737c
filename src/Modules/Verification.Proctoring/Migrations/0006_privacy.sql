-- Crypto-shredding: each learner's biometric data is encrypted under data keys of its own, each wrapped by the
-- master key (an AES-GCM envelope whose associated data names the learner and the scope). Scope 'identity' seals
-- the identity profile, enrollment captures and the ID photo; scope 'session:<id>' seals one session's evidence
-- frames, so evidence can outlive an erasure while its review case is open and then be shredded on its own.
-- Deleting a row here makes every ciphertext under it unreadable, in the table files, the WAL and every backup.
CREATE TABLE proctoring.learner_keys (
    learner_id   uuid        NOT NULL,
    scope        text        NOT NULL,
    wrapped_key  bytea       NOT NULL,
    key_id       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (learner_id, scope)
);
CREATE INDEX learner_keys_by_master_key ON proctoring.learner_keys (key_id);

-- A learner's erasure request. It stays pending while a review case holds evidence of theirs; the retention job
-- completes it when the case closes. Holds no personal data: the learner appears as an opaque id.
CREATE TABLE proctoring.erasures (
    learner_id    uuid        PRIMARY KEY,
    requested_at  timestamptz NOT NULL,
    completed_at  timestamptz
);
CREATE INDEX erasures_pending ON proctoring.erasures (requested_at) WHERE completed_at IS NULL;

-- The consent text quotes the configured retention schedule (Proctoring:Retention) instead of carrying its own copy,
-- so the text shown and the periods enforced cannot disagree. With the default schedule the sentence says what
-- version 1 said: the ID photo at most 30 days after enrolling, the profile at most three years after the last activity.
UPDATE proctoring.consent_texts
SET text = replace(text,
    'We keep the photo of your ID for at most 30 days after you finish enrolling, and your profile until your certificate track ends (at most three years after your last activity). ',
    '{retention} ')
WHERE version = 1;
