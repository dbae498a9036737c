-- Staff accounts moved to the Access module; the reviewer accounts of the first proctoring build are read by nothing.
DROP TABLE IF EXISTS proctoring.reviewers;
