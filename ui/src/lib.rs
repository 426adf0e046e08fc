//! What the seeker's app (`web/`) and the desk (`desk/`) share, so that a label or a form
//! behaves the same in both: the interface language ([`i18n::Lang`]), how pay, times and
//! distances read ([`format`]), following the market's live feed ([`live`]), and the
//! callbacks that copy what a person typed into a form's state ([`form_field`]), and a seeker's
//! registration form as it becomes a profile ([`profile_draft`]).

pub mod form_field;
pub mod format;
pub mod i18n;
pub mod ids;
pub mod live;
pub mod profile_draft;
pub mod trade_picker;
pub mod week;
