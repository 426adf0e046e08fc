-- The steps of an application after the phone sent it (DESIGN.md §8): an offer carries a
-- check-in code the seeker shows on arrival and a time by which the seeker must confirm;
-- a step sent from a phone's outbox carries the id the phone made, so a resend is one step.

ALTER TABLE applications ADD COLUMN check_in_code TEXT;
ALTER TABLE applications ADD COLUMN confirm_by_s BIGINT;
ALTER TABLE application_events ADD COLUMN step_id TEXT;
CREATE UNIQUE INDEX application_events_by_step_id ON application_events (step_id);
CREATE INDEX applications_offered ON applications (status, confirm_by_s);
