-- Free-text typing (issue 17): the learner's free-text profile (timing statistics of key classes, encrypted under the
-- identity key; built at enrollment, refined by verified sessions) and each session's answer typing, one row per batch
-- the player sent (timing statistics only, encrypted under the session's key), purged with the session's scores.
ALTER TABLE proctoring.identity_profiles
    ADD COLUMN free_text_profile bytea,
    ADD COLUMN free_text_profile_key_id text,
    ADD COLUMN free_text_refinements integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT identity_profiles_free_text_key CHECK ((free_text_profile IS NULL) = (free_text_profile_key_id IS NULL));

CREATE TABLE proctoring.session_answer_typing (
    session_id   uuid        NOT NULL REFERENCES proctoring.sessions (id) ON DELETE CASCADE,
    batch_number integer     NOT NULL CHECK (batch_number > 0),
    received_at  timestamptz NOT NULL,
    key_presses  integer     NOT NULL CHECK (key_presses > 0),
    timings      bytea       NOT NULL,
    key_id       text        NOT NULL,
    PRIMARY KEY (session_id, batch_number)
);
