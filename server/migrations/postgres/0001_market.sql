-- The market's first schema (PostgreSQL). Times are Unix seconds (ordering) beside RFC 3339 text
-- (what was written); postings are kept as the interchange JSON core reads and writes.

CREATE TABLE accounts (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('employer', 'staff')),
    password_hash TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);

-- A session is kept by the digest of its cookie, so a copy of the database signs nobody in.
CREATE TABLE sessions (
    token_digest TEXT    PRIMARY KEY,
    account_id   BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at_s BIGINT  NOT NULL
);

CREATE TABLE postings (
    id                TEXT    PRIMARY KEY,
    owner_id          BIGINT  REFERENCES accounts (id),
    status            TEXT    NOT NULL CHECK (status IN ('pending_review', 'published', 'rejected',
                                  'withdrawn', 'taken_down', 'filled', 'expired')),
    reason            TEXT,
    body              TEXT    NOT NULL,
    tile              TEXT    NOT NULL,
    valid_through_s   BIGINT,
    ever_published    BIGINT  NOT NULL DEFAULT 0,
    updated_at_s      BIGINT  NOT NULL
);
CREATE INDEX postings_by_status_tile ON postings (status, tile);
CREATE INDEX postings_by_owner ON postings (owner_id);

-- Every change of a posting's status: who (role, account), when, why.
CREATE TABLE posting_events (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    posting_id TEXT    NOT NULL REFERENCES postings (id),
    status     TEXT    NOT NULL,
    reason     TEXT,
    actor_role TEXT    NOT NULL,
    actor_id   BIGINT,
    at         TEXT    NOT NULL
);
CREATE INDEX posting_events_by_posting ON posting_events (posting_id, seq);

-- The change feed. `seq` comes from feed_head's counter, taken as the last step of a write
-- transaction: the row lock orders commits, so no reader ever sees seq n+1 before n.
CREATE TABLE feed_head (
    id BIGINT  PRIMARY KEY CHECK (id = 1),
    n  BIGINT  NOT NULL
);
INSERT INTO feed_head (id, n) VALUES (1, 0);

CREATE TABLE feed (
    seq        BIGINT  PRIMARY KEY,
    posting_id TEXT    NOT NULL,
    op         TEXT    NOT NULL CHECK (op IN ('upsert', 'remove')),
    reason     TEXT,
    body       TEXT,
    tiles      TEXT    NOT NULL
);

-- The market directory and the seekers registered with the market (from --demo or imports).
CREATE TABLE markets (
    id   TEXT PRIMARY KEY,
    body TEXT NOT NULL
);

CREATE TABLE seekers (
    id   TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
