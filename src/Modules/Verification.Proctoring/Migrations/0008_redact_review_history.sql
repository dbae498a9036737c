-- Review history is append-only, with one exception: erasing a learner redacts what reviewers wrote about them
-- (issue 16). The trigger lets an update through only when it replaces the note with the erasure marker and leaves
-- every other column as it was, so who decided what, and when, stays in the history.
CREATE OR REPLACE FUNCTION proctoring.refuse_decision_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.note = '[redacted: the learner''s data was erased]'
       AND (NEW.id, NEW.sequence, NEW.case_id, NEW.decision, NEW.reviewer_id, NEW.decided_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.sequence, OLD.case_id, OLD.decision, OLD.reviewer_id, OLD.decided_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'proctoring.review_decisions is append-only';
END;
$$;
