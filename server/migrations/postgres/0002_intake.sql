-- What seekers send from the phone's outbox: applications (报名) and reports (举报). Each
-- carries an id the phone made (a UUID), so a resend after a lost answer is recognised, never
-- counted twice. A seeker has no account: an application's token is derived from its id with
-- the server's key (server_keys), so it is never stored and a copy of the database grants
-- nothing.

CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    key  TEXT NOT NULL
);

CREATE TABLE applications (
    id            TEXT    PRIMARY KEY,
    posting_id    TEXT    NOT NULL REFERENCES postings (id),
    name          TEXT    NOT NULL,
    phone         TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('submitted', 'offered', 'confirmed', 'arrived',
                              'completed', 'declined', 'withdrawn', 'expired', 'no_show', 'disputed')),
    received_at_s BIGINT  NOT NULL,
    UNIQUE (posting_id, phone)
);

-- Every change of an application's state: who (role, account), when, through which channel.
CREATE TABLE application_events (
    seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id TEXT    NOT NULL REFERENCES applications (id),
    status         TEXT    NOT NULL,
    actor_role     TEXT    NOT NULL,
    actor_id       BIGINT,
    channel        TEXT    NOT NULL CHECK (channel IN ('online', 'offline')),
    at             TEXT    NOT NULL
);
CREATE INDEX application_events_by_application ON application_events (application_id, seq);

-- A report stays open until staff take the posting down or dismiss it, or the posting leaves
-- the phones (withdrawn, expired): `resolution` says which.
CREATE TABLE reports (
    id            TEXT    PRIMARY KEY,
    posting_id    TEXT    NOT NULL REFERENCES postings (id),
    reason        TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    received_at_s BIGINT  NOT NULL,
    resolution    TEXT
);
CREATE INDEX reports_open ON reports (resolution, posting_id);
