//! The one integration test binary: each module is a theme.

mod audit_corpus;
mod audit_fields;
mod cli_audit;
mod cli_normalize;
mod geo_search;
mod parse_fuzz;
mod trade_eval;
mod trade_taxonomy;
