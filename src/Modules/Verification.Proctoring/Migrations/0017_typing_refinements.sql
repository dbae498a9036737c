-- The fixed-phrase typing profile is refined by the scored typing checks of sessions that end Verified (the profile
-- keeps its enrollment typings and up to 40 of these); the count of refinements is reported in the learner's export
-- and reset by a re-enrollment, like free_text_refinements.
ALTER TABLE proctoring.identity_profiles
    ADD COLUMN typing_refinements integer NOT NULL DEFAULT 0;
