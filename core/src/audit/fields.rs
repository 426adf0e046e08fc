//! `missing.*` and `invalid.*`: the fields the standards require, and values that cannot be.

use super::{AuditContext, Finding, Severity};
use crate::Posting;

const REQUIRED_BY: &str =
    "（《江苏省规范化零工市场建设标准》第17项；《重庆市零工市场建设和服务规范》第七条）";

pub(super) fn finding(
    code: &'static str,
    severity: Severity,
    field: &str,
    excerpt: String,
    message: String,
) -> Finding {
    Finding {
        code,
        severity,
        field: field.to_string(),
        excerpt,
        message,
    }
}

fn missing(code: &'static str, severity: Severity, field: &str, what: &str) -> Finding {
    finding(
        code,
        severity,
        field,
        String::new(),
        format!("缺少{what}{REQUIRED_BY}"),
    )
}

fn blank(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

pub(super) fn check_required(p: &Posting, out: &mut Vec<Finding>) {
    use Severity::{Block, Warn};
    if blank(p.trade.as_deref()) {
        out.push(missing("missing.trade", Block, "trade", "职业（工种）"));
    }
    let skills = p.skills.as_deref().unwrap_or_default();
    if skills.iter().all(|s| s.trim().is_empty()) {
        out.push(finding(
            "missing.skills",
            Block,
            "skills",
            String::new(),
            format!("缺少技能要求，无要求请写“不限”{REQUIRED_BY}"),
        ));
    }
    if blank(p.content.as_deref()) {
        out.push(missing("missing.content", Block, "content", "工作内容"));
    }
    match &p.location {
        None => out.push(missing("missing.location", Block, "location", "工作地点")),
        Some(l) => {
            let no_address = blank(l.address.as_deref());
            let no_position = l.lat.is_none() || l.lng.is_none();
            if no_address && no_position {
                out.push(missing("missing.location", Block, "location", "工作地点"));
            } else if no_position {
                out.push(finding(
                    "missing.coordinates",
                    Warn,
                    "location",
                    String::new(),
                    "缺少经纬度，求职者无法按距离搜到该岗位".into(),
                ));
            } else if no_address {
                out.push(missing(
                    "missing.address",
                    Warn,
                    "location.address",
                    "详细地址",
                ));
            }
        }
    }
    match &p.schedule {
        Some(s) if s.start.is_some() || s.end.is_some() || s.hours_per_day.is_some() => {
            if s.hours_per_day.is_none() {
                out.push(missing(
                    "missing.hours",
                    Warn,
                    "schedule.hours_per_day",
                    "每天工作时长",
                ));
            }
        }
        _ => out.push(missing("missing.schedule", Block, "schedule", "工作时长")),
    }
    let pay = p.pay.as_ref();
    if pay.and_then(|p| p.amount).is_none() {
        out.push(missing(
            "missing.pay",
            Block,
            "pay.amount",
            "薪资待遇（金额）",
        ));
    }
    if pay.and_then(|p| p.unit).is_none() {
        out.push(missing("missing.pay_unit", Block, "pay.unit", "计酬方式"));
    }
    if pay.is_some_and(|p| p.amount.is_some()) && pay.and_then(|p| p.settlement).is_none() {
        out.push(missing(
            "missing.settlement",
            Warn,
            "pay.settlement",
            "结算方式（日结、周结等）",
        ));
    }
    let employer = p.employer.as_ref();
    if blank(employer.and_then(|e| e.name.as_deref())) {
        out.push(finding(
            "missing.employer",
            Block,
            "employer.name",
            String::new(),
            "缺少用工主体名称，招聘信息须“谁发布、谁负责”（《重庆市零工市场建设和服务规范》第十二条）".into(),
        ));
    }
    if blank(employer.and_then(|e| e.contact.as_deref())) {
        out.push(missing(
            "missing.contact",
            Warn,
            "employer.contact",
            "联系电话",
        ));
    }
}

/// Accepts Chinese mobile numbers and landlines with an optional area code, spaces and dashes.
fn plausible_phone(contact: &str) -> bool {
    let digits: String = contact
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '+'))
        .collect();
    let digits = digits
        .strip_prefix("86")
        .filter(|d| d.len() == 11)
        .unwrap_or(&digits);
    digits.chars().all(|c| c.is_ascii_digit()) && (7..=12).contains(&digits.len())
}

pub(super) fn check_values(p: &Posting, context: &AuditContext, out: &mut Vec<Finding>) {
    use Severity::{Block, Warn};
    if let Some(l) = &p.location {
        let lat_bad = l.lat.is_some_and(|v| !(-90.0..=90.0).contains(&v));
        let lng_bad = l.lng.is_some_and(|v| !(-180.0..=180.0).contains(&v));
        if lat_bad || lng_bad {
            out.push(finding(
                "invalid.coordinates",
                Block,
                if lat_bad {
                    "location.lat"
                } else {
                    "location.lng"
                },
                format!(
                    "{:?}, {:?}",
                    l.lat.unwrap_or(f64::NAN),
                    l.lng.unwrap_or(f64::NAN)
                ),
                "经纬度超出范围（纬度−90～90，经度−180～180）".into(),
            ));
        }
    }
    if let Some(s) = &p.schedule {
        if let Some(h) = s.hours_per_day.filter(|h| !(*h > 0.0 && *h <= 24.0)) {
            out.push(finding(
                "invalid.hours",
                Block,
                "schedule.hours_per_day",
                h.to_string(),
                "每天工作时长须大于0且不超过24小时".into(),
            ));
        }
        if let (Some(start), Some(end)) = (s.start, s.end)
            && end <= start
        {
            out.push(finding(
                "invalid.schedule",
                Block,
                "schedule.end",
                format!("{start} → {end}"),
                "结束时间早于或等于开始时间".into(),
            ));
        }
    }
    if let Some(amount) = p.pay.as_ref().and_then(|p| p.amount).filter(|a| *a <= 0.0) {
        out.push(finding(
            "invalid.pay",
            Block,
            "pay.amount",
            amount.to_string(),
            "薪资金额必须大于0（《劳动法》第五十条：工资应当以货币形式按月支付给劳动者本人）"
                .into(),
        ));
    }
    if p.headcount == Some(0) {
        out.push(finding(
            "invalid.headcount",
            Block,
            "headcount",
            "0".into(),
            "招聘人数须至少1人".into(),
        ));
    }
    if let (Some(posted), Some(until)) = (p.posted_at, p.valid_through)
        && until <= posted
    {
        out.push(finding(
            "invalid.validity",
            Block,
            "valid_through",
            until.to_string(),
            "有效期截止时间早于发布时间".into(),
        ));
    }
    if let (Some(now), Some(until)) = (context.now(), p.valid_through)
        && until < now
    {
        out.push(finding(
            "invalid.expired",
            Warn,
            "valid_through",
            until.to_string(),
            "岗位已过有效期，请更新或下架，避免发布失效信息".into(),
        ));
    }
    if let Some(contact) = p.employer.as_ref().and_then(|e| e.contact.as_deref())
        && !contact.trim().is_empty()
        && !plausible_phone(contact)
    {
        out.push(finding(
            "invalid.contact",
            Warn,
            "employer.contact",
            contact.to_string(),
            "联系电话格式不正确（手机号11位或带区号的固定电话）".into(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::plausible_phone;

    #[test]
    fn phone_numbers_in_common_shapes_are_plausible() {
        for ok in [
            "13800000000",
            "025-84567890",
            "+86 138 0000 0000",
            "(023)6789-1234",
            "84567890",
        ] {
            assert!(plausible_phone(ok), "{ok}");
        }
        for bad in ["加微信", "123", "138000000001234", "wx:abc"] {
            assert!(!plausible_phone(bad), "{bad}");
        }
    }
}
