//! Pieces several pages share.

mod gig_card;
mod live_notice;
mod market_registration;
mod my_application;
mod place_picker;
mod radar;

pub use gig_card::GigCard;
pub use linggong_ui::trade_picker::TradePicker;
pub use live_notice::live_notice;
pub use market_registration::MarketRegistrationForm;
pub use my_application::MyApplication;
pub use place_picker::PlacePicker;
pub use radar::Radar;
