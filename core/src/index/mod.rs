mod envelope;
mod filter;
mod gig_index;
mod leaf;
mod query;
mod summary;
mod tree;
mod walk;

pub use filter::GigFilter;
pub use gig_index::GigIndex;
pub use query::{DEFAULT_NEARBY_K, NearbyGig, NearbyQuery};
