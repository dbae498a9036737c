-- A session outlives its node: what its evidence needs is recorded as it happens, so that another node can rebuild the
-- evidence from the database and take the session over when the node serving it dies (docs/operations.md, "Several
-- nodes"). Per frame: what the fusion rules observe besides the scores (brightness, frozen), whether the frame was
-- observed or only accounted for (unreadable), and the frames shed just before it. Per session: the frames whose
-- analysis failed. Per typing check: the verifier's log-likelihood ratio the typing evidence adds up.
ALTER TABLE proctoring.session_frames ADD COLUMN brightness real;
ALTER TABLE proctoring.session_frames ADD COLUMN frozen boolean NOT NULL DEFAULT false;
ALTER TABLE proctoring.session_frames ADD COLUMN observed boolean NOT NULL DEFAULT true;
ALTER TABLE proctoring.session_frames ADD COLUMN shed_before integer[] NOT NULL DEFAULT '{}';
ALTER TABLE proctoring.sessions ADD COLUMN failed_frames integer[] NOT NULL DEFAULT '{}';
ALTER TABLE proctoring.typing_checks ADD COLUMN log_likelihood_ratio double precision;
