-- Touch keyboards give no trustworthy per-key timings: a learner may enrol without typing, with the reason recorded,
-- and every session of such a profile records that typing was not available (the reviewer sees why it is missing).
ALTER TABLE proctoring.identity_profiles
    ADD COLUMN typing_unavailable text CHECK (typing_unavailable IN ('touch_keyboard')),
    ADD CONSTRAINT identity_profiles_typing_or_reason CHECK (typing_unavailable IS NULL OR keystroke_profile IS NULL);

ALTER TABLE proctoring.sessions
    ADD COLUMN typing_unavailable text CHECK (typing_unavailable IN ('touch_keyboard'));
