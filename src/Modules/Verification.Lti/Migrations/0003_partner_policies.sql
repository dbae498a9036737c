-- Per partner: which Assessment Control action each session flag maps to, and what a failed pre-exam check reports.
-- A partner without a row gets the built-in policy (flag everything, never terminate).
CREATE TABLE lti.policies (
    partner_id uuid        PRIMARY KEY,
    policy     jsonb       NOT NULL,
    updated_at timestamptz NOT NULL
);
