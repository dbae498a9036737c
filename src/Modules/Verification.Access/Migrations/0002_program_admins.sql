-- An organisation's program administrator is a staff account bound to one organisation (an id of the enrollment
-- module, never joined across schemas); every other role is bound to none.
ALTER TABLE access.staff_accounts DROP CONSTRAINT staff_accounts_role_check;
ALTER TABLE access.staff_accounts ADD CONSTRAINT staff_accounts_role_check CHECK (role IN ('reviewer', 'senior_reviewer', 'admin', 'program_admin'));
ALTER TABLE access.staff_accounts ADD COLUMN organisation_id uuid;
ALTER TABLE access.staff_accounts ADD CONSTRAINT staff_accounts_organisation_check CHECK ((role = 'program_admin') = (organisation_id IS NOT NULL));
