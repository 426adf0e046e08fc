//! The desk (工作台): the web app of the people who post gigs and run the market, served by
//! `linggong-server` at `/desk/` with a bundle of its own (the seeker's download stays
//! small). Employers sign in, post a gig with the server's own audit shown as they type,
//! and follow their postings; staff also review the queue: postings waiting for a check
//! and postings seekers reported.
//!
//! Pages hold no rules: what a posting must say is core's audit (`draft` only turns the
//! form's text into a posting), what an account may do is the server's answer.

pub mod api;
mod app;
pub mod draft;
pub mod hall_board;
pub mod market_form;
mod pages;
pub mod wage_guide;

pub use app::{Desk, run};
