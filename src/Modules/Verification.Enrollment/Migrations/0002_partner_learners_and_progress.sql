-- Learners are partner-scoped records (docs/catalog-and-enrollment.md says why): one email or external id per partner.
ALTER TABLE enrollment.learners
    ADD COLUMN partner_id  uuid,
    ADD COLUMN external_id text,
    ADD COLUMN updated_at  timestamptz;
ALTER TABLE enrollment.learners DROP CONSTRAINT learners_email_key;
CREATE UNIQUE INDEX learners_partner_email ON enrollment.learners (partner_id, lower(email)) NULLS NOT DISTINCT;
CREATE UNIQUE INDEX learners_partner_external_id ON enrollment.learners (partner_id, external_id) WHERE external_id IS NOT NULL;

ALTER TABLE enrollment.enrollments
    ADD COLUMN track             text NOT NULL DEFAULT 'audit' CHECK (track IN ('audit', 'verified')),
    ADD COLUMN specialization_id uuid,
    ADD COLUMN source            text NOT NULL DEFAULT 'partner' CHECK (source IN ('partner', 'program')),
    ADD COLUMN program_id        uuid,
    ADD COLUMN progress          numeric(5, 4) NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    ADD COLUMN grade             numeric(5, 4) CHECK (grade BETWEEN 0 AND 1),
    -- The platform's occurred_at of the progress now held: an older push never overwrites a newer one.
    ADD COLUMN progress_at       timestamptz,
    ADD COLUMN last_activity_at  timestamptz,
    ADD COLUMN removed_at        timestamptz;
UPDATE enrollment.enrollments SET track = 'verified' WHERE certificate_track_id IS NOT NULL;

-- The latest result of each graded item; a course is complete when every graded item has passed.
CREATE TABLE enrollment.graded_item_results (
    enrollment_id uuid          NOT NULL REFERENCES enrollment.enrollments (id),
    item_id       text          NOT NULL,
    passed        boolean       NOT NULL,
    grade         numeric(5, 4) CHECK (grade BETWEEN 0 AND 1),
    occurred_at   timestamptz   NOT NULL,
    PRIMARY KEY (enrollment_id, item_id)
);
