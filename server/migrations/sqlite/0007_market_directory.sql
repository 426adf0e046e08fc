-- The market directory's version: a counter moved in the transaction of every change to the
-- directory (staff editing it, the demo's seeding). Each server process compares it with the
-- version its snapshot was made at, so a change made through any process on the database
-- reaches every process's markets.jsonl, not only the one that made it.
CREATE TABLE markets_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO markets_head (id, n) VALUES (1, 0);
