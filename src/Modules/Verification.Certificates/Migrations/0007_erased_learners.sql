-- Learners whose identity evidence was erased (Proctoring's LearnerIdentityEvidenceErased), so that a certificate
-- issued afterwards, on verdicts reached before the erasure, carries the same note as those issued before it.
-- Holds no personal data: the learner appears as an opaque id.
CREATE TABLE certificates.erased_learners (
    learner_id  uuid        PRIMARY KEY,
    erased_at   timestamptz NOT NULL
);
