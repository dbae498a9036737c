CREATE SCHEMA IF NOT EXISTS enrollment;

CREATE TABLE enrollment.learners (
    id           uuid        PRIMARY KEY,
    full_name    text        NOT NULL,
    email        text        NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL
);

-- Course and track ids belong to the catalog module: kept as plain ids, never joined across schemas.
CREATE TABLE enrollment.enrollments (
    id                  uuid        PRIMARY KEY,
    learner_id          uuid        NOT NULL REFERENCES enrollment.learners (id),
    course_id           uuid        NOT NULL,
    certificate_track_id uuid,
    enrolled_at         timestamptz NOT NULL,
    completed_at        timestamptz,
    passed              boolean,
    UNIQUE (learner_id, course_id)
);
