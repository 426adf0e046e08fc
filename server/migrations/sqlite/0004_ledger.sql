-- The service ledger (台账): every service event, appended and never changed. `seq` comes from
-- ledger_head's counter inside the event's own transaction, so numbers have no gaps and a
-- missing one means a deleted event. `entry` is the event's exact text (the Merkle leaf is
-- the SHA-256 `digest` of it); `kind` and `at_s` are copies for queries. Signed tree heads
-- (the root at a size, Ed25519) are kept in ledger_heads. Events before this migration are in
-- posting_events and application_events only.

CREATE TABLE ledger_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO ledger_head (id, n) VALUES (1, 0);

CREATE TABLE ledger (
    seq    INTEGER PRIMARY KEY,
    kind   TEXT    NOT NULL,
    at_s   INTEGER NOT NULL,
    entry  TEXT    NOT NULL,
    digest TEXT    NOT NULL
);
CREATE INDEX ledger_by_time ON ledger (at_s);

CREATE TABLE ledger_heads (
    size      INTEGER PRIMARY KEY,
    root      TEXT    NOT NULL,
    at        TEXT    NOT NULL,
    signature TEXT    NOT NULL
);
