//! Decimal numbers as people type them into a form or a CSV cell.
//!
//! `str::parse::<f64>` would do, but it carries a 10 KB table of powers of five into the
//! WebAssembly build; this parser is exact for the numbers the engine reads (pay, distances,
//! coordinates) and costs a few hundred bytes.

/// Significant digits kept exactly: below 2^53, so the digits fit an `f64` without rounding.
const MAX_DIGITS: usize = 15;

/// Parses a plain decimal number: an optional `-`, digits, at most one decimal point and
/// more digits, with spaces around it. Full-width digits and points (`２２．５`, typed on a
/// Chinese keyboard) count as ASCII. No exponent, no `+`, at most 15 digits in all; anything
/// else is `None`. The result is the `f64` nearest the decimal (one correctly rounded
/// division).
///
/// ```
/// use linggong_core::parse_decimal;
/// assert_eq!(parse_decimal("22.5"), Some(22.5));
/// assert_eq!(parse_decimal(" ２００ "), Some(200.0));
/// assert_eq!(parse_decimal("118.796877"), Some(118.796877));
/// assert_eq!(parse_decimal(".5"), Some(0.5));
/// assert_eq!(parse_decimal("-0.25"), Some(-0.25));
/// assert_eq!(parse_decimal("1e3"), None);
/// assert_eq!(parse_decimal("两百"), None);
/// assert_eq!(parse_decimal(""), None);
/// ```
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mut mantissa, mut digits, mut fraction_digits) = (0u64, 0usize, None::<i32>);
    for c in text.chars() {
        match c {
            '0'..='9' | '０'..='９' => {
                let value = if c.is_ascii_digit() {
                    c as u32 - '0' as u32
                } else {
                    c as u32 - '０' as u32
                };
                digits += 1;
                if digits > MAX_DIGITS {
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(value);
                if let Some(n) = fraction_digits.as_mut() {
                    *n += 1;
                }
            }
            '.' | '．' if fraction_digits.is_none() => fraction_digits = Some(0),
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    // Both operands are exact (mantissa < 2^53, 10^k for k ≤ 15), and IEEE division rounds
    // correctly, so the quotient is the nearest f64 to the decimal.
    let value = mantissa as f64 / 10f64.powi(fraction_digits.unwrap_or(0));
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn signs_points_and_exponents_that_forms_never_need_are_refused() {
        for bad in [
            "+1", "1.2.3", "1,000", "--1", "-", ".", "1e5", "inf", "NaN", "¥20",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
        assert_eq!(parse_decimal("1234567890123456"), None, "16 digits");
        assert_eq!(
            parse_decimal("123456789012345"),
            Some(123_456_789_012_345.0)
        );
    }

    proptest! {
        #[test]
        fn agrees_with_the_standard_library_on_plain_decimals(
            int in 0u64..1_000_000_000, frac in proptest::option::of("[0-9]{0,6}"), negative: bool,
        ) {
            let text = match &frac {
                Some(f) => format!("{}{int}.{f}", if negative { "-" } else { "" }),
                None => format!("{}{int}", if negative { "-" } else { "" }),
            };
            prop_assert_eq!(parse_decimal(&text), text.parse::<f64>().ok());
        }
    }
}
