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

-- The typing phrase holds the learner's full name: new profiles keep it sealed under the learner's key instead of in
-- plain text (typing_phrase stays for rows enrolled before, and is cleared when the learner enrolls again), and
-- enrollment samples name their phrase by a tag keyed with the learner's key, not by its text.
ALTER TABLE proctoring.identity_profiles
    ALTER COLUMN typing_phrase DROP NOT NULL,
    ADD COLUMN typing_phrase_sealed bytea,
    ADD COLUMN typing_phrase_key_id text,
    ADD CONSTRAINT identity_profiles_typing_phrase_once CHECK ((typing_phrase IS NULL) <> (typing_phrase_sealed IS NULL));

-- The outcome of each typing check during a session (never the key timings), for the learner's export and the
-- reviewer. Kept as long as per-frame scores; deleted with the session's scores by retention and erasure.
CREATE TABLE proctoring.typing_checks (
    session_id           uuid        NOT NULL REFERENCES proctoring.sessions (id) ON DELETE CASCADE,
    check_number         integer     NOT NULL,
    checked_at           timestamptz NOT NULL,
    usable               boolean     NOT NULL,
    code                 text,
    genuine_probability  real,
    accepted             boolean,
    PRIMARY KEY (session_id, check_number)
);
