-- A learner's identity profile: the face template (embeddings of the good enrollment frames), the score of the ID
-- photo against it, and the keystroke profile of the typing phrase. Both templates are AES-GCM envelopes whose
-- associated data names the learner and the column, so a ciphertext copied to another row does not decrypt.
CREATE TABLE proctoring.identity_profiles (
    learner_id                  uuid        PRIMARY KEY,
    face_template               bytea       NOT NULL,
    face_template_key_id        text        NOT NULL,
    id_photo_score              real        NOT NULL,
    keystroke_profile           bytea,
    keystroke_profile_key_id    text,
    typing_phrase               text        NOT NULL,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    version                     integer     NOT NULL,
    CHECK ((keystroke_profile IS NULL) = (keystroke_profile_key_id IS NULL))
);

-- Enrollment in progress. Frames keep only their embedding (the picture is not stored); typing samples keep the
-- raw key events, encrypted, because a sample is re-read against the phrase when the profile is built. Both are
-- deleted when the enrollment completes or consent is withdrawn.
CREATE TABLE proctoring.enrollment_frames (
    id           uuid        PRIMARY KEY,
    learner_id   uuid        NOT NULL,
    embedding    bytea       NOT NULL,
    key_id       text        NOT NULL,
    captured_at  timestamptz NOT NULL
);
CREATE INDEX enrollment_frames_by_learner ON proctoring.enrollment_frames (learner_id, captured_at);

CREATE TABLE proctoring.enrollment_typing_samples (
    id           uuid        PRIMARY KEY,
    learner_id   uuid        NOT NULL,
    phrase       text        NOT NULL,
    key_events   bytea       NOT NULL,
    key_id       text        NOT NULL,
    captured_at  timestamptz NOT NULL
);
CREATE INDEX enrollment_typing_samples_by_learner ON proctoring.enrollment_typing_samples (learner_id, captured_at);

-- The photo of the learner's photo ID, kept encrypted as evidence for a reviewer. Retention: while the enrollment is
-- in progress, then until delete_after (completion plus Proctoring:Enrollment:IdPhotoRetentionDays, 30 by default:
-- the shortest-lived biometric class); replaced by a new upload, deleted when consent is withdrawn before completion.
CREATE TABLE proctoring.id_photos (
    learner_id         uuid        PRIMARY KEY,
    image              bytea       NOT NULL,
    image_key_id       text        NOT NULL,
    content_type       text        NOT NULL,
    embedding          bytea       NOT NULL,
    embedding_key_id   text        NOT NULL,
    uploaded_at        timestamptz NOT NULL,
    delete_after       timestamptz
);
CREATE INDEX id_photos_by_delete_after ON proctoring.id_photos (delete_after) WHERE delete_after IS NOT NULL;

INSERT INTO proctoring.consent_texts (version, text, covers, published_at) VALUES (
    1,
    'To verify that you are the person earning this certificate, we collect, with your consent: '
    || 'a few webcam pictures of your face, a photo of your photo ID, and the rhythm of your typing of a short phrase. '
    || 'From them we build an identity profile (numbers describing your face and your typing, stored encrypted) and '
    || 'compare it with webcam pictures and typing during your graded assessments. A machine never rejects you: '
    || 'when a check is unsure, a person reviews it. We keep the photo of your ID for at most 30 days after you finish '
    || 'enrolling, and your profile until your certificate track ends (at most three years after your last activity). '
    || 'You can withdraw this consent at any time; collection stops at once. You can ask for a copy of your data or '
    || 'its erasure. If you do not want biometric checks, choose the manual ID review or the audit track instead.',
    ARRAY['face', 'id_photo', 'typing'],
    '2026-11-24T00:00:00Z'
);
