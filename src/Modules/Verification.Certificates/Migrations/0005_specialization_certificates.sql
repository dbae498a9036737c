-- A specialization's certificate is a row of kind 'specialization' whose course_id holds the specialization's id (the
-- certificate's subject), so codes, the public page, credentials, the status list and webhooks serve both kinds alike.
ALTER TABLE certificates.certificates
    ADD COLUMN kind text NOT NULL DEFAULT 'course' CHECK (kind IN ('course', 'specialization'));
