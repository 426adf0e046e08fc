//! Pieces several pages share.

mod gig_card;
mod live_notice;
mod market_registration;
mod my_application;
mod place_picker;
mod radar;
mod trade_picker;

pub use gig_card::GigCard;
pub use live_notice::live_notice;
pub use market_registration::MarketRegistrationForm;
pub use my_application::MyApplication;
pub use place_picker::PlacePicker;
pub use radar::Radar;
pub use trade_picker::TradePicker;
