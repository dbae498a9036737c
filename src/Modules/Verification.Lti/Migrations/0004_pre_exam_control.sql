-- What was sent to the ACS (the partner's policy decides the action), and the pre-exam check's session, so that a
-- policy asking for it can send the check's flags to the ACS once the assessment has started.
ALTER TABLE lti.acs_flags ADD COLUMN action text;
ALTER TABLE lti.launches ADD COLUMN pre_exam_session_id uuid, ADD COLUMN pre_exam_priority text;
