-- Pictures of the learner's face from enrollment, for the reviewer who compares them with an assessment's flagged
-- frames (until now only the embeddings were kept). An accepted enrollment frame keeps a small JPEG crop of the face,
-- sealed under the learner's identity key, while the enrollment is in progress; when the profile is built, the crops
-- of the first few accepted frames move to enrollment_faces. They share the template's retention: the foreign key
-- deletes them with the profile (retention, re-enrollment, erasure), and the identity key that seals them goes too.
ALTER TABLE proctoring.enrollment_frames ADD COLUMN face_crop bytea;

CREATE TABLE proctoring.enrollment_faces (
    learner_id   uuid        NOT NULL REFERENCES proctoring.identity_profiles (learner_id) ON DELETE CASCADE,
    number       integer     NOT NULL CHECK (number > 0),
    image        bytea       NOT NULL,
    key_id       text        NOT NULL,
    captured_at  timestamptz NOT NULL,
    PRIMARY KEY (learner_id, number)
);
