-- A case's or a learner's history (AuditTrail) is read by subject; without this every read scans the whole log.
-- Applied as the audit schema's owner (verification_audit) where the audit log is provisioned: run
-- `verification audit provision` before a Host whose service role does not own the schema starts on this version.
CREATE INDEX entries_by_subject ON audit.entries (subject, sequence);
