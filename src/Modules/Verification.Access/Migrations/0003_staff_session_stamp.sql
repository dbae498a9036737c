-- Every cookie of an account carries its stamp; signing out or a new one-time password draws a new one, so a cookie
-- copied before either is refused at its next request instead of living out its lifetime.
ALTER TABLE access.staff_accounts ADD COLUMN session_stamp uuid NOT NULL DEFAULT gen_random_uuid();
