-- What the proctoring module has published about each session: the certificate decision reads only this copy,
-- never proctoring's tables. The latest event per session wins (a reviewer's decision after the machine's verdict).
CREATE TABLE certificates.identity_verdicts (
    session_id  uuid        PRIMARY KEY,
    learner_id  uuid        NOT NULL,
    course_id   uuid        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('verified', 'needs_review', 'approved', 'rejected', 'escalated')),
    updated_at  timestamptz NOT NULL
);
CREATE INDEX identity_verdicts_by_learner_course ON certificates.identity_verdicts (learner_id, course_id);
