-- An application may name the seeker's registration with the market (求职登记), when the
-- seeker registered by choice: the employer then sees the applicants ranked with the
-- explanation matching gives, and the month's figures count priority seekers helped into
-- work. NULL for the seeker who did not register (most).
ALTER TABLE applications ADD COLUMN registration_id TEXT;
