//! Pieces several pages share.

mod gig_card;
mod my_application;
mod place_picker;
mod radar;
mod trade_picker;

pub use gig_card::GigCard;
pub use my_application::MyApplication;
pub use place_picker::PlacePicker;
pub use radar::Radar;
pub use trade_picker::TradePicker;
