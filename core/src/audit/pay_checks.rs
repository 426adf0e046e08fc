//! `pay.*`: pay that is implausible for its unit, below the minimum wage or far from the
//! local wage guide.

use super::fields::finding;
use super::{AuditContext, Finding, Severity};
use crate::{PayUnit, Posting, hourly_pay_cny};

/// Plausible yuan per unit for gig work in mainland China, widely drawn: outside these a
/// typo (an extra zero, a monthly figure given as daily) is far likelier than a real offer.
pub(crate) fn plausible_range_cny(unit: PayUnit) -> (f64, f64) {
    match unit {
        PayUnit::Hour => (5.0, 500.0),
        PayUnit::Day => (40.0, 3000.0),
        PayUnit::Month => (800.0, 60_000.0),
        PayUnit::Piece => (0.01, 5000.0),
        PayUnit::Task => (10.0, 100_000.0),
    }
}

/// Below half the guide's low price, or above twice its high price, is flagged.
const GUIDE_LOW_FACTOR: f64 = 0.5;
const GUIDE_HIGH_FACTOR: f64 = 2.0;

pub(super) fn check_pay(p: &Posting, context: &AuditContext, out: &mut Vec<Finding>) {
    let Some(pay) = &p.pay else { return };
    let (Some(amount), Some(unit)) = (pay.amount, pay.unit) else {
        return;
    };
    if amount <= 0.0 {
        return; // invalid.pay already says so
    }
    let (low, high) = plausible_range_cny(unit);
    if !(low..=high).contains(&amount) {
        out.push(finding(
            "pay.implausible",
            Severity::Warn,
            "pay.amount",
            format!("¥{amount}/{}", unit.label_zh()),
            format!(
                "按{}计酬的金额通常在¥{low}～¥{high}之间，请核对是否多写或少写了位数，杜绝虚假信息（《人力资源市场暂行条例》第二十四条）",
                unit.label_zh()
            ),
        ));
    }
    let Some(hourly) = hourly_pay_cny(p) else {
        return;
    };
    if let Some(minimum) = context.min_hourly_wage_cny()
        && hourly < minimum
    {
        out.push(finding(
            "pay.below_minimum_wage",
            Severity::Block,
            "pay.amount",
            format!("折合每小时¥{hourly:.1}"),
            format!(
                "折合时薪低于当地非全日制用工小时最低工资标准¥{minimum}（《最低工资规定》第十二条）"
            ),
        ));
    }
    if let Some(band) = context.wage_guide() {
        let (floor, ceiling) = (
            band.low_cny_per_hour() * GUIDE_LOW_FACTOR,
            band.high_cny_per_hour() * GUIDE_HIGH_FACTOR,
        );
        let (code, side) = if hourly < floor {
            ("pay.below_guide", "远低于")
        } else if hourly > ceiling {
            ("pay.above_guide", "远高于")
        } else {
            return;
        };
        out.push(finding(
            code,
            Severity::Warn,
            "pay.amount",
            format!("折合每小时¥{hourly:.1}"),
            format!(
                "折合时薪{side}当地工资指导价位（¥{:.0}～¥{:.0}/小时），请核实（《江苏省规范化零工市场建设标准》第18项）",
                band.low_cny_per_hour(),
                band.high_cny_per_hour()
            ),
        ));
    }
}
