-- What each ledger event is about (its `subject`), copied beside the entry as `kind` and
-- `at_s` are, so staff can list one posting's or one market's events without reading the
-- whole ledger. A copy for queries only: the entry's text stays what is hashed and verified.
-- Events written before this migration get it from their text; one whose text is not JSON
-- (a tampered ledger, which `ledger verify` must still be able to open and name) gets none.
ALTER TABLE ledger ADD COLUMN subject TEXT;
UPDATE ledger SET subject = json_extract(entry, '$.subject') WHERE json_valid(entry);
CREATE INDEX ledger_by_subject ON ledger (subject, seq);
