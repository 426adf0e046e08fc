//! Words around a trade that say nothing about it: 急招, 日结, 2名, 师傅, 阿姨 …

use std::sync::LazyLock;

use crate::regex_engine::Regex;

const NOISE: &str = concat!(
    "急招|急聘|诚聘|诚招|高薪|招聘|招募|聘请|招工|长期|短期|临时工?|兼职|全职|日结|周结|月结|当天结|现结|",
    "包吃住|包吃|包住|若干|[0-9]+(?:名|人|位|个)|多名|数名|一名|师傅|大姐|大哥|小哥|阿姨|老师|大叔|小妹|",
    "招|聘|找|需要|求|的|[,():+&.\\-!]",
);

// A constant pattern checked by the tests; it cannot fail at run time.
#[allow(clippy::expect_used)]
static NOISE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(NOISE).expect("noise pattern compiles"));

/// The text without noise words; the text itself when nothing else would be left.
pub(crate) fn strip_noise(normalized: &str) -> String {
    NOISE_RE.replace_all(normalized, "").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noise_around_a_trade_is_removed() {
        assert_eq!(strip_noise("急招水电工2名,日结"), "水电工");
        assert_eq!(strip_noise("保洁阿姨"), "保洁");
        assert_eq!(strip_noise("电焊师傅(兼职)"), "电焊");
    }

    #[test]
    fn nothing_but_noise_leaves_nothing() {
        assert_eq!(strip_noise("急招,日结"), "");
    }
}
