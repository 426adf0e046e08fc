//! The demo data set: postings, seekers and markets, deterministic for a seed and a "now".

use linggong_core::{
    Availability, Employer, Gazetteer, LocalTime, Location, Market, MarketKind, MinPay, Pay,
    Posting, PriorityGroup, Schedule, SeekerProfile, Taxonomy, Timestamp, Trade, TradeCategory,
    Weekday,
};

use crate::SplitMix;
use crate::cities::{City, cities, point_in};
use crate::profiles::{BAD_WORDING, profile};

/// How much demo data to make.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    /// Postings.
    pub postings: usize,
    /// Seekers.
    pub seekers: usize,
    /// Share of postings made non-compliant on purpose, 0.01 … 0.2.
    pub bad_share: f64,
}

/// The generated data.
#[derive(Debug, Clone)]
pub struct DemoData {
    /// Gig postings.
    pub postings: Vec<Posting>,
    /// Seeker profiles.
    pub seekers: Vec<SeekerProfile>,
    /// 零工市场 and 零工驿站, marked `demo`.
    pub markets: Vec<Market>,
}

const ROADS: [&str; 12] = [
    "人民路",
    "解放路",
    "建设路",
    "中山路",
    "和平路",
    "新华路",
    "文化路",
    "胜利路",
    "长江路",
    "黄河路",
    "朝阳路",
    "光明路",
];
const FIRMS: [&str; 16] = [
    "鑫达", "华宇", "顺安", "佳美", "宏兴", "诚信", "利民", "恒瑞", "安居", "永泰", "金鼎", "众邦",
    "广源", "福满", "益家", "新程",
];
const TITLE_PREFIX: [&str; 5] = ["急招", "招", "日结", "诚聘", ""];

fn at(now: Timestamp, offset_s: i64) -> Timestamp {
    Timestamp::from_unix_s(now.unix_s() + offset_s, now.offset_min())
}

/// `now` moved to a whole hour of the day `days` ahead, in `now`'s offset.
fn day_at(now: Timestamp, days: i64, hour: i64) -> Timestamp {
    let offset_s = i64::from(now.offset_min()) * 60;
    let local_midnight = (now.unix_s() + offset_s).div_euclid(86_400) * 86_400 - offset_s;
    Timestamp::from_unix_s(
        local_midnight + days * 86_400 + hour * 3600,
        now.offset_min(),
    )
}

fn trades_by_category(taxonomy: &Taxonomy) -> Vec<(TradeCategory, Vec<&Trade>)> {
    TradeCategory::ALL
        .iter()
        .map(|&c| {
            (
                c,
                taxonomy
                    .trades()
                    .iter()
                    .filter(|t| t.category == c)
                    .collect(),
            )
        })
        .collect()
}

/// Makes the demo data. The same seed, size, gazetteer and `now` give the same data.
pub fn generate(seed: u64, size: DemoSize, gazetteer: &Gazetteer, now: Timestamp) -> DemoData {
    let taxonomy = Taxonomy::builtin();
    let cities = cities(gazetteer);
    let city_weights: Vec<f64> = cities.iter().map(City::weight).collect();
    let by_category = trades_by_category(taxonomy);
    let shares: Vec<f64> = by_category.iter().map(|(c, _)| profile(*c).share).collect();
    let mut rng = SplitMix::new(seed);
    let postings = (0..size.postings)
        .map(|i| {
            let city = &cities[rng.weighted(&city_weights)];
            let (category, trades) = &by_category[rng.weighted(&shares)];
            let trade = *rng.pick(trades);
            posting(
                i,
                city,
                *category,
                trade,
                size.bad_share,
                now,
                gazetteer,
                &mut rng,
            )
        })
        .collect();
    let seekers = (0..size.seekers)
        .map(|i| {
            let city = &cities[rng.weighted(&city_weights)];
            let (category, trades) = &by_category[rng.weighted(&shares)];
            seeker(i, city, *category, trades, now, &mut rng)
        })
        .collect();
    let markets = markets(&cities, gazetteer, &mut rng);
    DemoData {
        postings,
        seekers,
        markets,
    }
}

#[allow(clippy::too_many_arguments)]
fn posting(
    i: usize,
    city: &City<'_>,
    category: TradeCategory,
    trade: &Trade,
    bad_share: f64,
    now: Timestamp,
    gazetteer: &Gazetteer,
    rng: &mut SplitMix,
) -> Posting {
    let p = profile(category);
    let (county, lat, lng) = point_in(city, rng);
    let trade_text = if !trade.aliases.is_empty() && rng.chance(0.35) {
        rng.pick(&trade.aliases).clone()
    } else {
        trade.name.clone()
    };
    let headcount = 1 + rng.weighted(&[5.0, 4.0, 2.0, 1.0, 1.0, 0.5]) as u32
        * if category == TradeCategory::Construction {
            2
        } else {
            1
        };
    let unit_index = rng.weighted(&p.pay.iter().map(|(_, w, _)| *w).collect::<Vec<_>>());
    let (unit, _, base) = p.pay[unit_index];
    let amount =
        (base * city.pay_factor() * rng.range(0.85, 1.2) * if base < 10.0 { 100.0 } else { 1.0 })
            .round()
            / if base < 10.0 { 100.0 } else { 1.0 };
    let hours = rng.range(p.hours.0, p.hours.1).round();
    let start_day = rng.below(10) as i64;
    // A gig for today starts later today, never before it was posted.
    let hour = if start_day == 0 {
        *rng.pick(&[13, 14, 18])
    } else {
        *rng.pick(&[7, 8, 8, 9, 13, 18])
    };
    let start = day_at(now, start_day, hour);
    let length_days = rng.weighted(&[6.0, 2.0, 1.0, 1.0, 1.0]) as i64;
    let end = Timestamp::from_unix_s(
        start.unix_s() + length_days * 86_400 + (hours * 3600.0) as i64,
        now.offset_min(),
    );
    let mut content = format!(
        "{}，{}",
        rng.pick(p.content)
            .replace("{days}", &(length_days + 1).to_string()),
        rng.pick(&[
            "男女不限",
            "欢迎大龄",
            "可带饭",
            "提供工具",
            "包午饭",
            "交通方便"
        ])
    );
    let mut skills = vec![
        p.skills[if rng.chance(0.5) {
            0
        } else {
            rng.below(p.skills.len())
        }]
        .to_string(),
    ];
    let mut pay_unit = Some(unit);
    let mut contact = Some(format!("1380000{:04}", rng.below(10_000)));
    if rng.chance(bad_share) {
        match rng.below(4) {
            0 => skills.clear(),
            1 => pay_unit = None,
            2 => contact = None,
            _ => {}
        }
        content = format!("{content}，{}", rng.pick(&BAD_WORDING));
    }
    let province = gazetteer
        .parents(county)
        .first()
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let city_name = if city.place.name == province {
        String::new()
    } else {
        city.place.name.clone()
    };
    Posting {
        id: format!("demo-{i:06}"),
        title: Some(format!(
            "{}{}{}",
            rng.pick(&TITLE_PREFIX),
            trade.name,
            if headcount > 1 {
                format!("{headcount}名")
            } else {
                String::new()
            }
        )),
        trade: Some(trade_text),
        skills: Some(skills),
        content: Some(content),
        location: Some(Location {
            lat: Some((lat * 1e6).round() / 1e6),
            lng: Some((lng * 1e6).round() / 1e6),
            address: Some(format!(
                "{province}{city_name}{}{}{}号",
                county.name,
                rng.pick(&ROADS),
                1 + rng.below(300)
            )),
            ..Location::default()
        }),
        schedule: Some(Schedule {
            start: Some(start),
            end: Some(end),
            hours_per_day: Some(hours),
        }),
        pay: Some(Pay {
            amount: Some(amount),
            unit: pay_unit,
            settlement: Some(*rng.pick(p.settlements)),
        }),
        headcount: Some(headcount),
        employer: Some(Employer {
            name: Some(format!(
                "{}{}{}（演示）",
                county.name,
                rng.pick(&FIRMS),
                rng.pick(p.employer)
            )),
            contact,
            verified: rng.chance(0.7),
        }),
        posted_at: Some(at(now, -(rng.below(72 * 3600) as i64))),
        valid_through: Some(start),
    }
}

fn seeker(
    i: usize,
    city: &City<'_>,
    category: TradeCategory,
    trades: &[&Trade],
    now: Timestamp,
    rng: &mut SplitMix,
) -> SeekerProfile {
    use Weekday::*;
    let p = profile(category);
    let (_, lat, lng) = point_in(city, rng);
    let mut names: Vec<String> = (0..1 + rng.below(3))
        .map(|_| rng.pick(trades).name.clone())
        .collect();
    names.dedup();
    let time = |h: u16| {
        LocalTime::from_hm(h, 0)
            .unwrap_or(LocalTime::from_hm(0, 0).unwrap_or_else(|| unreachable!()))
    };
    let availability = match rng.below(4) {
        0 => vec![Availability {
            days: vec![Mon, Tue, Wed, Thu, Fri],
            from: time(8),
            to: time(18),
        }],
        1 => vec![Availability {
            days: vec![Sat, Sun],
            from: time(7),
            to: time(20),
        }],
        2 => vec![Availability {
            days: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
            from: time(18),
            to: time(23),
        }],
        _ => vec![Availability {
            days: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
            from: time(7),
            to: time(19),
        }],
    };
    let groups = [
        (PriorityGroup::Elderly, 0.08),
        (PriorityGroup::Disabled, 0.03),
        (PriorityGroup::LowIncome, 0.04),
        (PriorityGroup::LongUnemployed, 0.05),
    ];
    let priority = groups
        .iter()
        .filter(|(_, share)| rng.chance(*share))
        .map(|(g, _)| *g)
        .collect();
    let hourly_floor = (18.0 * city.pay_factor() * rng.range(0.9, 1.3)).round();
    SeekerProfile {
        id: format!("seeker-{i:06}"),
        trades: names,
        skills: vec![p.skills[rng.below(p.skills.len())].to_string()],
        location: Some(Location {
            lat: Some((lat * 1e4).round() / 1e4),
            lng: Some((lng * 1e4).round() / 1e4),
            ..Location::default()
        }),
        max_distance_km: Some(*rng.pick(&[5.0, 10.0, 10.0, 20.0])),
        availability,
        min_pay: Some(MinPay {
            amount: hourly_floor,
            unit: linggong_core::PayUnit::Hour,
        }),
        priority,
        registered_at: Some(at(now, -(rng.below(60 * 86_400) as i64))),
    }
}

fn markets(cities: &[City<'_>], gazetteer: &Gazetteer, rng: &mut SplitMix) -> Vec<Market> {
    use Weekday::*;
    let time = |h: u16, m: u16| LocalTime::from_hm(h, m).unwrap_or_else(|| unreachable!());
    let mut out = Vec::new();
    for city in cities {
        let stations = match city.tier {
            1 => 3,
            2 => 2,
            _ => usize::from(rng.chance(0.5)),
        };
        for s in 0..=stations {
            let (county, lat, lng) = point_in(city, rng);
            let kind = if s == 0 {
                MarketKind::Market
            } else {
                MarketKind::Station
            };
            let hours = match kind {
                MarketKind::Market => vec![
                    Availability {
                        days: vec![Mon, Tue, Wed, Thu, Fri],
                        from: time(8, 30),
                        to: time(17, 30),
                    },
                    Availability {
                        days: vec![Sat],
                        from: time(9, 0),
                        to: time(12, 0),
                    },
                ],
                MarketKind::Station => vec![Availability {
                    days: vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun],
                    from: time(6, 30),
                    to: time(19, 0),
                }],
            };
            // Fixed per kind (no draw from `rng`, so the rest of the data set is unchanged).
            let services: &[&str] = match kind {
                MarketKind::Market => &[
                    "零工登记",
                    "岗位推介",
                    "职业指导",
                    "技能培训",
                    "劳动维权",
                    "政策咨询",
                ],
                MarketKind::Station => &["零工登记", "岗位推介", "政策咨询", "休息饮水"],
            };
            let full = gazetteer.full_name(county);
            out.push(Market {
                id: format!("market-{}-{s}", city.place.adcode),
                name: format!("{}{}（演示数据）", county.name, kind.label_zh()),
                kind,
                address: format!("{full}{}{}号", rng.pick(&ROADS), 1 + rng.below(200)),
                location: Location {
                    lat: Some((lat * 1e6).round() / 1e6),
                    lng: Some((lng * 1e6).round() / 1e6),
                    ..Location::default()
                },
                phone: Some("12333".to_string()),
                hours,
                services: services.iter().map(|s| s.to_string()).collect(),
                demo: true,
            });
        }
    }
    out
}
