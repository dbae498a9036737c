-- Every decision on a review case, each with its required note, its reviewer and its time. Rows are only ever added:
-- a later decision (an escalation, then a senior's rejection; an appeal's outcome) is a new row, so no note is lost.
CREATE TABLE proctoring.review_decisions (
    id          uuid        PRIMARY KEY,
    -- The order decisions were written in, even when two share a timestamp.
    sequence    bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    case_id     uuid        NOT NULL REFERENCES proctoring.review_cases (id),
    decision    text        NOT NULL CHECK (decision IN ('approved', 'rejected', 'escalated')),
    note        text        NOT NULL CHECK (char_length(note) BETWEEN 1 AND 2000),
    reviewer_id uuid        NOT NULL,
    decided_at  timestamptz NOT NULL
);
CREATE INDEX review_decisions_by_case ON proctoring.review_decisions (case_id, sequence);

CREATE FUNCTION proctoring.refuse_decision_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'proctoring.review_decisions is append-only';
END;
$$;
CREATE TRIGGER review_decisions_append_only BEFORE UPDATE ON proctoring.review_decisions
    FOR EACH ROW EXECUTE FUNCTION proctoring.refuse_decision_update();

-- Decisions of the first build kept one note on the case itself; they become the first rows of their history.
INSERT INTO proctoring.review_decisions (id, case_id, decision, note, reviewer_id, decided_at)
SELECT gen_random_uuid(), id, status, COALESCE(NULLIF(left(note, 2000), ''), '(no note was recorded)'), decided_by, decided_at
FROM proctoring.review_cases
WHERE status IN ('approved', 'rejected', 'escalated') AND decided_by IS NOT NULL AND decided_at IS NOT NULL
ORDER BY decided_at;

-- A claim: one reviewer holds the case until the claim expires. An appeal reopens a rejected case once, for any reviewer
-- but the one who rejected it.
ALTER TABLE proctoring.review_cases ADD COLUMN claimed_by uuid;
ALTER TABLE proctoring.review_cases ADD COLUMN claim_expires_at timestamptz;
ALTER TABLE proctoring.review_cases ADD COLUMN appealed_at timestamptz;
ALTER TABLE proctoring.review_cases ADD COLUMN appeal_reason text CHECK (char_length(appeal_reason) <= 2000);
ALTER TABLE proctoring.review_cases ADD COLUMN appeal_excludes uuid;
CREATE INDEX review_cases_by_learner ON proctoring.review_cases (learner_id, opened_at);
