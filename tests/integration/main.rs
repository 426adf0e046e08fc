//! The one integration test binary: each module is a theme.

mod audit_corpus;
mod audit_fields;
mod cli;
mod cli_audit;
mod cli_input;
mod cli_normalize;
mod cli_search;
mod cli_snapshot;
mod demo_data;
mod geo_search;
mod market_stats;
mod matching;
mod parse_fuzz;
mod parse_paths;
mod snapshot;
mod trade_eval;
mod trade_taxonomy;
