-- Staff accounts live in the Access module (access.staff); the reviewer accounts of the first proctoring build were
-- never read after that move.
DROP TABLE IF EXISTS proctoring.reviewers;
