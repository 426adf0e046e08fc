use serde::Serialize;

/// One part of a match score.
///
/// ```
/// use linggong_core::TermKind;
/// assert_eq!(TermKind::Trade.label_zh(), "工种");
/// assert_eq!(TermKind::Trade.weight(), 35.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// Same trade, an alias of it, or a related trade.
    Trade,
    /// How close the gig is within the seeker's travel distance.
    Distance,
    /// Whether the gig's hours fall in the seeker's available time.
    Schedule,
    /// Pay against the seeker's minimum.
    Pay,
    /// The skills the gig asks for that the seeker has.
    Skills,
    /// How recently the gig was posted.
    Freshness,
    /// Priority help for the groups the standards name (seekers for a gig only).
    Priority,
}

impl TermKind {
    /// The points the term gives at full value; the six ranking terms sum to 100. Priority
    /// is a bonus: [`PRIORITY_POINTS_PER_GROUP`] per group, at most [`PRIORITY_CAP_POINTS`].
    ///
    /// ```
    /// use linggong_core::TermKind;
    /// let total: f64 = [TermKind::Trade, TermKind::Distance, TermKind::Schedule, TermKind::Pay,
    ///     TermKind::Skills, TermKind::Freshness].iter().map(|t| t.weight()).sum();
    /// assert_eq!(total, 100.0);
    /// ```
    pub fn weight(self) -> f64 {
        match self {
            TermKind::Trade => 35.0,
            TermKind::Distance => 20.0,
            TermKind::Schedule => 15.0,
            TermKind::Pay => 15.0,
            TermKind::Skills => 10.0,
            TermKind::Freshness => 5.0,
            TermKind::Priority => PRIORITY_CAP_POINTS,
        }
    }

    /// The term's Chinese name.
    ///
    /// ```
    /// assert_eq!(linggong_core::TermKind::Priority.label_zh(), "优先帮扶");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            TermKind::Trade => "工种",
            TermKind::Distance => "距离",
            TermKind::Schedule => "时间",
            TermKind::Pay => "工资",
            TermKind::Skills => "技能",
            TermKind::Freshness => "发布时间",
            TermKind::Priority => "优先帮扶",
        }
    }
}

/// Bonus points per priority group a seeker declares.
pub const PRIORITY_POINTS_PER_GROUP: f64 = 5.0;
/// The most bonus points priority help can add.
pub const PRIORITY_CAP_POINTS: f64 = 10.0;

/// One line of a match explanation: what was compared, how well it fits (0–1), the points
/// it gave, and a sentence a person can read.
///
/// ```
/// use linggong_core::{MatchTerm, TermKind};
/// let t = MatchTerm::new(TermKind::Distance, 0.5, "距离5.0公里".into());
/// assert_eq!(t.points, 10.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchTerm {
    /// What was compared.
    pub term: TermKind,
    /// How well it fits, 0 … 1, three decimals.
    pub value: f64,
    /// Points given: `value` × the term's weight.
    pub points: f64,
    /// The reason in plain Chinese.
    pub note: String,
}

impl MatchTerm {
    /// A term worth `value` (clamped to 0 … 1) of its weight.
    ///
    /// ```
    /// use linggong_core::{MatchTerm, TermKind};
    /// assert_eq!(MatchTerm::new(TermKind::Trade, 2.0, String::new()).value, 1.0);
    /// ```
    pub fn new(term: TermKind, value: f64, note: String) -> Self {
        let value = if value.is_finite() {
            value.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let points = (value * term.weight() * 10.0).round() / 10.0;
        Self {
            term,
            value,
            points,
            note,
        }
    }
}

/// The score and the readable reasons behind it.
///
/// ```
/// use linggong_core::{Explanation, MatchTerm, TermKind};
/// let e = Explanation::new(vec![MatchTerm::new(TermKind::Trade, 1.0, "工种对口".into()),
///                               MatchTerm::new(TermKind::Pay, 0.5, "工资略低".into())]);
/// assert_eq!(e.score, 42.5);
/// assert_eq!(e.summary_zh(), "工种对口（+35）；工资略低（+7.5）");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Sum of the terms' points: 0 … 100, plus at most [`PRIORITY_CAP_POINTS`].
    pub score: f64,
    /// The terms, in a fixed order.
    pub terms: Vec<MatchTerm>,
}

impl Explanation {
    /// An explanation from its terms; the score is their sum.
    ///
    /// ```
    /// assert_eq!(linggong_core::Explanation::new(vec![]).score, 0.0);
    /// ```
    pub fn new(terms: Vec<MatchTerm>) -> Self {
        let score = (terms.iter().map(|t| t.points).sum::<f64>() * 10.0).round() / 10.0;
        Self { score, terms }
    }

    /// One line for people: each reason with its points.
    ///
    /// ```
    /// use linggong_core::{Explanation, MatchTerm, TermKind};
    /// let e = Explanation::new(vec![MatchTerm::new(TermKind::Freshness, 1.0, "今天发布".into())]);
    /// assert_eq!(e.summary_zh(), "今天发布（+5）");
    /// ```
    pub fn summary_zh(&self) -> String {
        self.terms
            .iter()
            .map(|t| format!("{}（+{}）", t.note, t.points))
            .collect::<Vec<_>>()
            .join("；")
    }
}
