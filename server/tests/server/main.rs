//! The server's tests, one binary:
//! - `store`: the storage conformance suite, every test run on SQLite and on PostgreSQL (a
//!   real server: `scripts/pg.sh` starts a throwaway cluster under target/ when
//!   `LINGGONG_TEST_PG_URL` does not name one);
//! - `intake`: the same for applications and reports from the phone's outbox;
//! - `ledger`: the service ledger (台账) on both databases, its heads and proofs checked by an
//!   independent RFC 6962 implementation, and tampering of every kind named;
//! - `api`: the HTTP API of a real server on a free port, driven as clients drive it;
//! - `outbox_api`: the routes the phone's outbox sends to (applications, reports);
//! - `steps_api`: an application's steps (offer, confirm, arrive with the code, …) by role;
//! - `registered_api`: registered seekers ranked for the employer, and helped into work in
//!   the month's figures;
//! - `live_api`: the feed as Server-Sent Events, resumed from `Last-Event-ID`;
//! - `live_faults`: the same through faults: a stream cut inside an event (a raw TCP client),
//!   the server killed and restarted, a client resuming from behind more than a read batch;
//! - `desk_api`: what the desk asks first (who is signed in, their postings);
//! - `directory_api`: the market directory edited by staff and served by a second process on
//!   the same database (both databases);
//! - `ledger_api`: the ledger browsed by day, kind and subject, exported for any days, and
//!   verified as the command does (both databases);
//! - `report_api`: entries at the counter (代录) recorded and counted, the month's report as
//!   Markdown and CSV downloads (both databases);
//! - `abuse_api`: wrong passwords against one number, posting past the limit from another
//!   address, invisible direction and control characters;
//! - `crash`: `kill -9` in the middle of a burst of applications, a restart and the retries;
//! - `matrix`: every route × every kind of caller, from one table that must cover the API;
//! - `command`: the `linggong-server` binary (`--demo`, `staff add`, `report`, a password
//!   pepper set later).
//! - `backup`: `backup` under load and `restore` into a new database, on both databases; what
//!   a restore refuses.

mod common;

mod abuse_api;
mod api;
mod backup;
mod command;
mod crash;
mod desk_api;
mod directory_api;
mod intake;
mod ledger;
mod ledger_api;
mod live_api;
mod live_faults;
mod matrix;
mod outbox_api;
mod registered_api;
mod report_api;
mod steps_api;
mod store;
