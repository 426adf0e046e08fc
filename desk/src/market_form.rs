//! A market or station as staff type it in the directory editor (市场目录): every field as
//! text, turned into core's [`Market`] — what `PUT /api/v1/markets/{id}` takes and the phones'
//! 零工市场 page reads from the snapshot — or into the one field to fix first.

mod hours;

pub use hours::HoursRow;
pub use linggong_ui::week::{DAY_NAMES, hours_label};

use linggong_core::{Crs, Location, Market, MarketKind, parse_decimal};
use linggong_ui::i18n::Lang;

/// The form as typed; every field is the text of its input.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketForm {
    /// The market's id (made on the desk for a new one, `m-` and 12 hex digits).
    pub id: String,
    pub name: String,
    /// `market` (零工市场) or `station` (零工驿站).
    pub kind: String,
    pub address: String,
    /// WGS-84 degrees, as GPS and the district search give them.
    pub lat: String,
    pub lng: String,
    pub phone: String,
    /// Services, separated by 、 or commas.
    pub services: String,
    /// Opening hours, a row per set of days.
    pub hours: Vec<HoursRow>,
    /// Kept as loaded: the location's own address note, if it had one.
    pub location_address: Option<String>,
    /// Kept as loaded: demonstration data stays marked as such.
    pub demo: bool,
}

/// What is wrong, and in which input (its id, e.g. `m-lat`, `m-to-1`).
#[derive(Debug, Clone, PartialEq)]
pub struct FormError {
    /// The id of the input to fix.
    pub field: String,
    pub zh: String,
    pub en: String,
}

impl FormError {
    fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The message in the interface language.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// The trimmed text, or `None` when blank.
fn some(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A coordinate as the form shows it: the shortest text that reads back as the same number
/// (six decimals, about 0.1 m, when that would be longer than the reader takes).
fn coordinate_text(value: f64) -> String {
    let text = value.to_string();
    if parse_decimal(&text) == Some(value) {
        return text;
    }
    let text = format!("{value:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A coordinate typed in `id`, within ±`limit` degrees.
fn coordinate(text: &str, limit: f64, id: &str) -> Result<f64, FormError> {
    match parse_decimal(text) {
        Some(v) if v.abs() <= limit => Ok(v),
        _ if id == "m-lat" => Err(FormError::new(
            id,
            "纬度应为 -90 到 90 之间的数字，例如 32.06",
            "Latitude must be a number from -90 to 90, e.g. 32.06",
        )),
        _ => Err(FormError::new(
            id,
            "经度应为 -180 到 180 之间的数字，例如 118.79",
            "Longitude must be a number from -180 to 180, e.g. 118.79",
        )),
    }
}

impl MarketForm {
    /// An empty form for a new market under `id`, with one row of weekday hours to edit.
    pub fn new(id: String) -> Self {
        Self {
            id,
            name: String::new(),
            kind: "market".into(),
            address: String::new(),
            lat: String::new(),
            lng: String::new(),
            phone: String::new(),
            services: String::new(),
            hours: vec![HoursRow::default()],
            location_address: None,
            demo: false,
        }
    }

    /// The form filled from a market (its position in WGS-84, whatever datum it was kept in).
    pub fn from_market(m: &Market) -> Self {
        let (lat, lng) = match m.position() {
            Some(p) => (Some(p.lat), Some(p.lng)),
            None => (m.location.lat, m.location.lng),
        };
        let text = |v: Option<f64>| v.map(coordinate_text).unwrap_or_default();
        Self {
            id: m.id.clone(),
            name: m.name.clone(),
            kind: match m.kind {
                MarketKind::Market => "market",
                MarketKind::Station => "station",
            }
            .into(),
            address: m.address.clone(),
            lat: text(lat),
            lng: text(lng),
            phone: m.phone.clone().unwrap_or_default(),
            services: m.services.join("、"),
            hours: m.hours.iter().map(HoursRow::from_availability).collect(),
            location_address: m.location.address.clone(),
            demo: m.demo,
        }
    }

    /// The market this form describes, or the first field to fix (in the form's order).
    pub fn market(&self) -> Result<Market, FormError> {
        let id = some(&self.id).ok_or_else(|| {
            FormError::new(
                "m-id",
                "缺少编号，请重新打开表单",
                "No id: open the form again",
            )
        })?;
        let name = some(&self.name)
            .ok_or_else(|| FormError::new("m-name", "请填写名称", "The name is required"))?;
        let kind = match self.kind.as_str() {
            "market" => MarketKind::Market,
            "station" => MarketKind::Station,
            _ => {
                return Err(FormError::new(
                    "m-kind",
                    "请选择零工市场或零工驿站",
                    "Choose gig market or gig station",
                ));
            }
        };
        let address = some(&self.address)
            .ok_or_else(|| FormError::new("m-address", "请填写地址", "The address is required"))?;
        let lat = coordinate(&self.lat, 90.0, "m-lat")?;
        let lng = coordinate(&self.lng, 180.0, "m-lng")?;
        let hours = self
            .hours
            .iter()
            .enumerate()
            .map(|(i, row)| row.availability(i))
            .collect::<Result<_, _>>()?;
        Ok(Market {
            id,
            name,
            kind,
            address,
            location: Location {
                lat: Some(lat),
                lng: Some(lng),
                crs: Crs::Wgs84,
                address: self.location_address.clone(),
            },
            phone: some(&self.phone),
            hours,
            services: self
                .services
                .split(['、', ',', '，', ';', '；'])
                .filter_map(some)
                .collect(),
            demo: self.demo,
        })
    }
}

/// The input that shows a field the server named in a refusal (`name`, `location.lat`,
/// `hours[1].to`), to mark and focus it; `None` for a field the form has no input for.
pub fn input_for_field(field: &str) -> Option<String> {
    let field = field.strip_prefix("location.").unwrap_or(field);
    if let Some(rest) = field.strip_prefix("hours[") {
        let (row, part) = rest.split_once(']')?;
        let row: usize = row.parse().ok()?;
        return Some(match part.trim_start_matches('.') {
            "from" => format!("m-from-{row}"),
            "to" => format!("m-to-{row}"),
            _ => format!("m-day-{row}-0"),
        });
    }
    let plain = [
        "id", "name", "kind", "address", "lat", "lng", "phone", "services",
    ];
    plain
        .contains(&field)
        .then(|| format!("m-{field}"))
        .or_else(|| field.starts_with("services").then(|| "m-services".into()))
}

#[cfg(test)]
mod tests;
