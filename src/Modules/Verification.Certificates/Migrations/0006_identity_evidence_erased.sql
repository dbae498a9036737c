-- When the learner had their identity evidence erased (Proctoring's LearnerIdentityEvidenceErased). The certificate
-- stays valid: the verdicts behind it remain; only the photos and templates that produced them are gone.
ALTER TABLE certificates.certificates ADD COLUMN identity_evidence_erased_at timestamptz;
