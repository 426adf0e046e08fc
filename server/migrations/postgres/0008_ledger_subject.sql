-- What each ledger event is about (its `subject`), copied beside the entry as `kind` and
-- `at_s` are, so staff can list one posting's or one market's events without reading the
-- whole ledger. A copy for queries only: the entry's text stays what is hashed and verified.
-- Events written before this migration get it from their text; one whose text is not JSON
-- (a tampered ledger, which `ledger verify` must still be able to open and name) gets none:
-- PostgreSQL 15 has no JSON test, so a function catches the failed cast row by row.
ALTER TABLE ledger ADD COLUMN subject TEXT;
CREATE FUNCTION linggong_subject_of(entry TEXT) RETURNS TEXT AS $$
BEGIN
    RETURN entry::json ->> 'subject';
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
UPDATE ledger SET subject = linggong_subject_of(entry);
DROP FUNCTION linggong_subject_of(TEXT);
CREATE INDEX ledger_by_subject ON ledger (subject, seq);
