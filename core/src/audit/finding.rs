use serde::Serialize;

/// How serious a finding is.
///
/// ```
/// use linggong_core::Severity;
/// assert!(Severity::Block > Severity::Warn);
/// assert_eq!(serde_json::to_string(&Severity::Block).unwrap(), "\"block\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a second look by staff; publication may go ahead.
    Warn,
    /// Must be fixed before publication.
    Block,
}

/// One problem the audit found in a posting.
///
/// ```
/// use linggong_core::{audit, parse_posting, AuditContext, Severity};
/// let p = parse_posting(r#"{"id": "x", "content": "限男性，押金200元"}"#).unwrap();
/// let report = audit(&p, &AuditContext::new());
/// let gender = report.findings.iter().find(|f| f.code == "discrimination.gender").unwrap();
/// assert_eq!((gender.severity, gender.field.as_str(), gender.excerpt.as_str()), (Severity::Block, "content", "限男性"));
/// assert!(gender.message.contains("就业促进法"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable machine-readable code such as `discrimination.age` or `missing.pay`.
    /// The family before the dot is one of `missing`, `invalid`, `discrimination`, `fee`,
    /// `fraud`, `pay`.
    pub code: &'static str,
    /// Whether it blocks publication.
    pub severity: Severity,
    /// Dotted path of the field, e.g. `content` or `pay.amount`.
    pub field: String,
    /// The text that triggered the finding, as the author wrote it (empty for absent fields).
    pub excerpt: String,
    /// A short Chinese explanation citing the rule.
    pub message: String,
}

/// The audit's verdict on one posting.
///
/// ```
/// use linggong_core::{audit, parse_posting, AuditContext};
/// let p = parse_posting(r#"{"id": "x"}"#).unwrap();
/// let report = audit(&p, &AuditContext::new());
/// assert_eq!(report.id, "x");
/// assert!(!report.ok);
/// assert!(report.has("missing.trade"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The posting's id.
    pub id: String,
    /// `true` when no finding blocks publication.
    pub ok: bool,
    /// Everything found, blocking findings first.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether a finding with this exact code is present.
    ///
    /// ```
    /// use linggong_core::{audit, parse_posting, AuditContext};
    /// let p = parse_posting(r#"{"id": "x", "content": "需交培训费300元"}"#).unwrap();
    /// assert!(audit(&p, &AuditContext::new()).has("fee.training"));
    /// ```
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The codes found, in report order.
    ///
    /// ```
    /// use linggong_core::{audit, parse_posting, AuditContext};
    /// let p = parse_posting(r#"{"id": "x", "content": "乙肝勿扰"}"#).unwrap();
    /// assert!(audit(&p, &AuditContext::new()).codes().contains(&"discrimination.health"));
    /// ```
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code).collect()
    }
}
