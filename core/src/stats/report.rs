use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::PayBands;

/// A trade is short (紧缺) when demand is at least this many people …
pub const SHORTAGE_MIN_DEMAND: u64 = 5;
/// … and there are at least this many wanted per seeker (or no seeker at all).
pub const SHORTAGE_MIN_RATIO: f64 = 1.5;

/// The numbers for one trade, one category, or everything.
///
/// ```
/// use linggong_core::GroupStats;
/// let g = GroupStats::new("cleaner", "保洁员", 3, 6, 4, &[20.0, 30.0]);
/// assert_eq!(g.ratio, Some(1.5));
/// assert!(g.is_shortage()); // demand 6 ≥ 5 and ratio 1.5 ≥ 1.5
/// assert_eq!(g.pay.unwrap().p50, 25.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStats {
    /// Trade id, category key, or `all`.
    pub key: String,
    /// Chinese name.
    pub name: String,
    /// Postings counted.
    pub postings: usize,
    /// People wanted (sum of headcounts).
    pub demand: u64,
    /// Active seekers who name this trade or category.
    pub seekers: usize,
    /// 求人倍率: demand ÷ seekers, two decimals; `None` when there is no seeker.
    pub ratio: Option<f64>,
    /// Hourly-equivalent pay bands; `None` when no posting has an hourly equivalent.
    pub pay: Option<PayBands>,
}

impl GroupStats {
    /// A group from its counts and the hourly pays of its postings.
    ///
    /// ```
    /// use linggong_core::GroupStats;
    /// assert_eq!(GroupStats::new("a", "甲", 1, 3, 0, &[]).ratio, None);
    /// ```
    pub fn new(
        key: &str,
        name: &str,
        postings: usize,
        demand: u64,
        seekers: usize,
        hourly: &[f64],
    ) -> Self {
        Self {
            key: key.to_string(),
            name: name.to_string(),
            postings,
            demand,
            seekers,
            ratio: (seekers > 0).then(|| (demand as f64 / seekers as f64 * 100.0).round() / 100.0),
            pay: PayBands::from_hourly(hourly),
        }
    }

    /// Whether the group is short of workers: demand ≥ [`SHORTAGE_MIN_DEMAND`] and
    /// 求人倍率 ≥ [`SHORTAGE_MIN_RATIO`], or no seeker at all.
    ///
    /// ```
    /// use linggong_core::GroupStats;
    /// assert!(GroupStats::new("a", "甲", 5, 8, 0, &[]).is_shortage());
    /// assert!(!GroupStats::new("a", "甲", 5, 8, 8, &[]).is_shortage());
    /// assert!(!GroupStats::new("a", "甲", 1, 2, 0, &[]).is_shortage());
    /// ```
    pub fn is_shortage(&self) -> bool {
        self.demand >= SHORTAGE_MIN_DEMAND && self.ratio.is_none_or(|r| r >= SHORTAGE_MIN_RATIO)
    }
}

/// A market report for a period and an area; see [`market_stats`](crate::market_stats).
///
/// ```
/// use linggong_core::{market_stats, Area};
/// let report = market_stats(&[], &[], None, Area::Everywhere);
/// assert_eq!(report.total.postings, 0);
/// assert!(report.to_markdown().starts_with("# 零工市场供求统计"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketReport {
    /// The period's label (`2026年11月`), if a period was set.
    pub period: Option<String>,
    /// Everything together.
    pub total: GroupStats,
    /// Per category, in category order.
    pub by_category: Vec<GroupStats>,
    /// Per trade, most demand first.
    pub by_trade: Vec<GroupStats>,
    /// Short trades (紧缺工种), highest 求人倍率 first (no seeker counts as highest).
    pub shortage: Vec<GroupStats>,
    /// Postings whose trade the normaliser did not recognise (counted in the total only).
    pub unrecognised_postings: usize,
}

impl MarketReport {
    pub(crate) fn new(
        period: Option<String>,
        total: GroupStats,
        by_category: Vec<GroupStats>,
        by_trade: Vec<GroupStats>,
        unrecognised_postings: usize,
    ) -> Self {
        let mut shortage: Vec<GroupStats> = by_trade
            .iter()
            .filter(|t| t.is_shortage())
            .cloned()
            .collect();
        crate::sort::sort_by(&mut shortage, |a, b| {
            let r = |g: &GroupStats| g.ratio.unwrap_or(f64::INFINITY);
            r(b).total_cmp(&r(a))
                .then(b.demand.cmp(&a.demand))
                .then(a.key.cmp(&b.key))
        });
        Self {
            period,
            total,
            by_category,
            by_trade,
            shortage,
            unrecognised_postings,
        }
    }

    /// The report as Markdown tables, in Chinese, for staff to publish.
    ///
    /// ```
    /// use linggong_core::{market_stats, parse_posting, Area};
    /// let p = parse_posting(r#"{"id": "a", "trade": "电工", "pay": {"amount": 300, "unit": "day"}}"#).unwrap();
    /// let md = market_stats(&[p], &[], None, Area::Everywhere).to_markdown();
    /// assert!(md.contains("| 电工 | 1 | 1 | 0 | — | 37.5 | 37.5 | 37.5 | 37.5 |"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        let period = self.period.as_deref().unwrap_or("全部时间");
        let _ = writeln!(md, "# 零工市场供求统计（{period}）\n");
        let _ = writeln!(
            md,
            "发布岗位 {} 个，需求 {} 人，求职登记 {} 人，求人倍率 {}。{}\n",
            self.total.postings,
            self.total.demand,
            self.total.seekers,
            ratio(self.total.ratio),
            if self.unrecognised_postings > 0 {
                format!(
                    "另有 {} 个岗位工种未能识别，只计入总数。",
                    self.unrecognised_postings
                )
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            md,
            "求人倍率 = 需求人数 ÷ 求职人数；工资为折合时薪（元/小时），低位数、中位数、高位数分别为第10、50、90百分位。\n"
        );
        table(&mut md, "## 按行业类别", "类别", &self.by_category);
        table(&mut md, "## 按工种", "工种", &self.by_trade);
        let _ = writeln!(
            md,
            "## 紧缺工种\n\n规则：需求不少于 {SHORTAGE_MIN_DEMAND} 人，且求人倍率不低于 {SHORTAGE_MIN_RATIO}（或无人登记）。\n"
        );
        if self.shortage.is_empty() {
            let _ = writeln!(md, "本期无紧缺工种。");
        } else {
            for (i, g) in self.shortage.iter().enumerate() {
                let _ = writeln!(
                    md,
                    "{}. {}：需求 {} 人，求职 {} 人，求人倍率 {}",
                    i + 1,
                    g.name,
                    g.demand,
                    g.seekers,
                    ratio(g.ratio)
                );
            }
        }
        md
    }
}

impl MarketReport {
    /// The report as CSV (UTF-8, a header row, one row per group: the total, each category,
    /// each trade), for spreadsheets and the provincial data platform. Empty cells where a
    /// figure does not exist; names quoted when they hold a comma or a quote.
    ///
    /// ```
    /// use linggong_core::{market_stats, parse_posting, Area};
    /// let p = parse_posting(r#"{"id": "a", "trade": "电工", "pay": {"amount": 300, "unit": "day"}}"#).unwrap();
    /// let csv = market_stats(&[p], &[], None, Area::Everywhere).to_csv();
    /// let lines: Vec<&str> = csv.lines().collect();
    /// assert_eq!(lines[0], "group,key,name,postings,demand,seekers,ratio,pay_p10,pay_p50,pay_p90,pay_mean");
    /// assert!(lines.contains(&"trade,electrician,电工,1,1,0,,37.5,37.5,37.5,37.5"), "{csv}");
    /// ```
    pub fn to_csv(&self) -> String {
        let mut csv = String::from(
            "group,key,name,postings,demand,seekers,ratio,pay_p10,pay_p50,pay_p90,pay_mean\n",
        );
        let groups = std::iter::once(("total", &self.total))
            .chain(self.by_category.iter().map(|g| ("category", g)))
            .chain(self.by_trade.iter().map(|g| ("trade", g)));
        for (group, g) in groups {
            let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            let _ = writeln!(
                csv,
                "{group},{},{},{},{},{},{},{},{},{},{}",
                csv_field(&g.key),
                csv_field(&g.name),
                g.postings,
                g.demand,
                g.seekers,
                number(g.ratio),
                number(g.pay.as_ref().map(|p| p.p10)),
                number(g.pay.as_ref().map(|p| p.p50)),
                number(g.pay.as_ref().map(|p| p.p90)),
                number(g.pay.as_ref().map(|p| p.mean)),
            );
        }
        csv
    }
}

/// A CSV field, quoted when it must be.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn ratio(r: Option<f64>) -> String {
    r.map_or("—".to_string(), |r| format!("{r:.2}"))
}

fn table(md: &mut String, title: &str, column: &str, rows: &[GroupStats]) {
    let _ = writeln!(md, "{title}\n");
    let _ = writeln!(
        md,
        "| {column} | 岗位数 | 需求人数 | 求职人数 | 求人倍率 | 工资低位数 | 中位数 | 高位数 | 平均 |"
    );
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for g in rows {
        let money = |f: fn(&PayBands) -> f64| {
            g.pay
                .as_ref()
                .map_or("—".to_string(), |b| format!("{}", f(b)))
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            g.name,
            g.postings,
            g.demand,
            g.seekers,
            ratio(g.ratio),
            money(|b| b.p10),
            money(|b| b.p50),
            money(|b| b.p90),
            money(|b| b.mean)
        );
    }
    let _ = writeln!(md);
}
