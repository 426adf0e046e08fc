//! The registration form's contents, and how they become a [`SeekerProfile`] (and back): the
//! seeker's own form on the phone and the staff's 代录 at the counter fill the same draft, and
//! send the same body to the market.

use linggong_core::{
    Availability, GeoPoint, LocalTime, Location, MinPay, PayUnit, PriorityGroup, SeekerProfile,
    Taxonomy, Weekday, parse_decimal,
};

/// The body `POST /api/v1/registrations` takes: the profile (FORMAT.md's seeker, as JSON)
/// under the client-made `id`, with the consent to register and, on its own, to the priority
/// groups going too.
///
/// ```
/// let body = linggong_ui::profile_draft::registration_body("r1", r#"{"id":"r1"}"#, false);
/// assert_eq!(body, r#"{"id":"r1","profile":{"id":"r1"},"consent":{"registration":true,"priority":false}}"#);
/// ```
pub fn registration_body(id: &str, profile_json: &str, priority: bool) -> String {
    format!(
        r#"{{"id":"{id}","profile":{profile_json},"consent":{{"registration":true,"priority":{priority}}}}}"#
    )
}

/// What the form holds, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Trade names, as chosen.
    pub trades: Vec<String>,
    /// Skills, separated by commas or spaces.
    pub skills: String,
    /// Monday … Sunday.
    pub days: [bool; 7],
    /// `HH:MM`.
    pub from: String,
    /// `HH:MM`.
    pub to: String,
    /// Minimum pay, as typed (empty: none).
    pub min_pay: String,
    /// Its unit.
    pub min_pay_unit: PayUnit,
    /// Home area and its name.
    pub home: Option<(GeoPoint, String)>,
    /// How far the seeker will travel, km.
    pub max_distance_km: f64,
    /// Priority groups the seeker chose to declare.
    pub priority: Vec<PriorityGroup>,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            trades: Vec::new(),
            skills: String::new(),
            days: [true; 7],
            from: "08:00".into(),
            to: "18:00".into(),
            min_pay: String::new(),
            min_pay_unit: PayUnit::Day,
            home: None,
            max_distance_km: 10.0,
            priority: Vec::new(),
        }
    }
}

impl Draft {
    /// The form filled from a saved profile.
    pub fn from_profile(p: &SeekerProfile) -> Self {
        let mut draft = Draft {
            trades: p.trades.clone(),
            skills: p.skills.join("，"),
            max_distance_km: p.max_distance_km.unwrap_or(10.0),
            priority: p.priority.clone(),
            ..Draft::default()
        };
        if let Some(a) = p.availability.first() {
            draft.days = [false; 7];
            for d in &a.days {
                draft.days[*d as usize] = true;
            }
            draft.from = a.from.to_string();
            draft.to = a.to.to_string();
        }
        if let Some(m) = &p.min_pay {
            draft.min_pay = format!("{}", m.amount);
            draft.min_pay_unit = m.unit;
        }
        if let Some(l) = &p.location
            && let (Some(lat), Some(lng)) = (l.lat, l.lng)
        {
            draft.home = Some((GeoPoint { lat, lng }, l.address.clone().unwrap_or_default()));
        }
        draft
    }

    /// The profile, or what to fix first (in Chinese and English).
    pub fn to_profile(&self) -> Result<SeekerProfile, String> {
        if self.trades.is_empty() {
            return Err("请至少选一个会做的工种 (choose at least one trade)".into());
        }
        let from: LocalTime = self
            .from
            .parse()
            .map_err(|_| "开始时间格式应为 08:00 (start time like 08:00)")?;
        let to: LocalTime = self
            .to
            .parse()
            .map_err(|_| "结束时间格式应为 18:00 (end time like 18:00)")?;
        let days: Vec<Weekday> = (0..7)
            .filter(|&i| self.days[i as usize])
            .filter_map(Weekday::from_index)
            .collect();
        if days.is_empty() {
            return Err("请至少选一天能上工 (choose at least one day)".into());
        }
        let min_pay = match self.min_pay.trim() {
            "" => None,
            text => match parse_decimal(text) {
                Some(amount) if amount > 0.0 => Some(MinPay {
                    amount,
                    unit: self.min_pay_unit,
                }),
                _ => return Err("最低工资请填数字，例如 200 (minimum pay must be a number)".into()),
            },
        };
        let skills = self
            .skills
            .split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        Ok(SeekerProfile {
            id: "me".into(),
            trades: self.trades.clone(),
            skills,
            location: self.home.as_ref().map(|(p, name)| Location {
                lat: Some(p.lat),
                lng: Some(p.lng),
                address: Some(name.clone()),
                ..Location::default()
            }),
            max_distance_km: Some(self.max_distance_km),
            availability: vec![Availability { days, from, to }],
            min_pay,
            priority: self.priority.clone(),
            registered_at: None,
        })
    }
}

/// The trade names a profile lists that the taxonomy does not know (shown as a warning).
pub fn unknown_trades(p: &SeekerProfile) -> Vec<String> {
    p.trades
        .iter()
        .filter(|t| Taxonomy::builtin().resolve(t).is_none())
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> Draft {
        Draft {
            trades: vec!["保洁员".into()],
            skills: "擦玻璃，开荒".into(),
            min_pay: "200".into(),
            home: Some((
                GeoPoint {
                    lat: 32.06,
                    lng: 118.79,
                },
                "玄武区".into(),
            )),
            priority: vec![PriorityGroup::Elderly],
            ..Draft::default()
        }
    }

    #[test]
    fn a_filled_form_becomes_a_profile_and_back_unchanged() {
        let profile = filled().to_profile().unwrap();
        assert_eq!(profile.skills, ["擦玻璃", "开荒"]);
        assert_eq!(
            profile.min_pay,
            Some(MinPay {
                amount: 200.0,
                unit: PayUnit::Day
            })
        );
        assert_eq!(profile.availability[0].days.len(), 7);
        assert_eq!(Draft::from_profile(&profile).to_profile().unwrap(), profile);
    }

    #[test]
    fn a_form_without_trades_or_with_a_bad_time_says_what_to_fix() {
        assert!(Draft::default().to_profile().unwrap_err().contains("工种"));
        let bad = Draft {
            from: "8点".into(),
            ..filled()
        };
        assert!(bad.to_profile().unwrap_err().contains("08:00"));
        let bad = Draft {
            min_pay: "很多".into(),
            ..filled()
        };
        assert!(bad.to_profile().unwrap_err().contains("数字"));
    }

    #[test]
    fn a_minimum_pay_typed_in_full_width_digits_is_understood() {
        let typed = Draft {
            min_pay: "２５０．５".into(),
            ..filled()
        };
        assert_eq!(typed.to_profile().unwrap().min_pay.unwrap().amount, 250.5);
    }
}
