-- The ID photo's score against the face template is biometric-derived: new profiles keep it sealed under the learner's
-- key like the rest of the profile. Rows enrolled before keep the plain score until the profile re-seal job (which
-- also seals their plain typing phrase) runs at the next start; no SQL can seal them, the key is not in the database.
ALTER TABLE proctoring.identity_profiles
    ALTER COLUMN id_photo_score DROP NOT NULL,
    ADD COLUMN id_photo_score_sealed bytea,
    ADD COLUMN id_photo_score_key_id text,
    ADD CONSTRAINT identity_profiles_id_photo_score_once CHECK ((id_photo_score IS NULL) <> (id_photo_score_sealed IS NULL));
