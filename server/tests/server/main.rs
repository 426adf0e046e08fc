//! The server's tests, one binary:
//! - `store`: the storage conformance suite, every test run on SQLite and on PostgreSQL (a
//!   real server: `scripts/pg.sh` starts a throwaway cluster under target/ when
//!   `LINGGONG_TEST_PG_URL` does not name one);
//! - `api`: the HTTP API of a real server on a free port, driven as clients drive it;
//! - `command`: the `linggong-server` binary (`--demo`, `staff add`, `report`).

mod common;

mod api;
mod command;
mod store;
