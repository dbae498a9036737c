-- One verification session per learner, course and assessment attempt.
CREATE TABLE proctoring.sessions (
    id              uuid        PRIMARY KEY,
    learner_id      uuid        NOT NULL,
    course_id       uuid        NOT NULL,
    assessment_id   text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('open', 'ended', 'timed_out')),
    verdict         text        CHECK (verdict IN ('Verified', 'NeedsReview')),
    priority        text,
    flag_kinds      text[]      NOT NULL DEFAULT '{}',
    evidence        bytea,
    evidence_key_id text,
    frames_received integer     NOT NULL DEFAULT 0,
    frames_shed     integer     NOT NULL DEFAULT 0,
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz
);
CREATE INDEX sessions_by_learner_course ON proctoring.sessions (learner_id, course_id, started_at DESC);

-- Per-frame scores (no image): the reviewer's timeline.
CREATE TABLE proctoring.session_frames (
    session_id     uuid        NOT NULL REFERENCES proctoring.sessions (id) ON DELETE CASCADE,
    frame          integer     NOT NULL,
    received_at    timestamptz NOT NULL,
    faces_found    integer     NOT NULL,
    match_score    real,
    liveness       real,
    rejection_code text,
    PRIMARY KEY (session_id, frame)
);

-- Frames kept because a flag names them; encrypted, deleted with the session's review retention.
CREATE TABLE proctoring.evidence_frames (
    session_id  uuid        NOT NULL REFERENCES proctoring.sessions (id) ON DELETE CASCADE,
    frame       integer     NOT NULL,
    image       bytea       NOT NULL,
    key_id      text        NOT NULL,
    kept_at     timestamptz NOT NULL,
    PRIMARY KEY (session_id, frame)
);

CREATE TABLE proctoring.review_cases (
    id          uuid        PRIMARY KEY,
    session_id  uuid        NOT NULL UNIQUE REFERENCES proctoring.sessions (id),
    learner_id  uuid        NOT NULL,
    course_id   uuid        NOT NULL,
    priority    text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('open', 'approved', 'rejected', 'escalated')),
    opened_at   timestamptz NOT NULL,
    decided_at  timestamptz,
    decided_by  uuid,
    note        text
);
CREATE INDEX review_cases_open ON proctoring.review_cases (status, priority, opened_at);
