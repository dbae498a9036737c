-- A mail that failed Smtp:MaxAttempts times is given up: kept, marked, and no longer tried.
ALTER TABLE enrollment.mail_outbox ADD COLUMN given_up_at timestamptz;
CREATE INDEX mail_outbox_given_up ON enrollment.mail_outbox (given_up_at) WHERE given_up_at IS NOT NULL;
