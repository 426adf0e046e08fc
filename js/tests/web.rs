//! The engine running in headless Chromium through the JS binding.

use linggong::audit_posting;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn posting(content: &str) -> JsValue {
    let json = format!(
        r#"{{"id": "w-1", "trade": "保洁员", "skills": ["不限"], "content": "{content}",
        "location": {{"lat": 32.06, "lng": 118.79, "address": "南京市鼓楼区"}},
        "schedule": {{"hours_per_day": 4}}, "pay": {{"amount": 25, "unit": "hour", "settlement": "same_day"}},
        "employer": {{"name": "某物业", "contact": "13800000000"}}}}"#
    );
    js_sys::JSON::parse(&json).unwrap()
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &name.into()).unwrap()
}

#[wasm_bindgen_test]
fn a_compliant_posting_passes_the_audit_in_the_browser() {
    let report = audit_posting(posting("楼道清扫，男女不限，欢迎大龄")).unwrap();
    assert_eq!(field(&report, "ok"), JsValue::TRUE);
    assert_eq!(field(&report, "id"), JsValue::from_str("w-1"));
}

#[wasm_bindgen_test]
fn discriminatory_wording_is_caught_in_the_browser() {
    let report = audit_posting(posting("限男性，年龄十八到三十五岁")).unwrap();
    assert_eq!(field(&report, "ok"), JsValue::FALSE);
    let findings: js_sys::Array = field(&report, "findings").into();
    let codes: Vec<String> = findings
        .iter()
        .filter_map(|f| field(&f, "code").as_string())
        .collect();
    assert_eq!(codes, ["discrimination.gender", "discrimination.age"]);
}

#[wasm_bindgen_test]
fn a_malformed_posting_throws_an_error_that_says_why() {
    let err = audit_posting(JsValue::from_str("not a posting")).unwrap_err();
    let err: js_sys::Error = err.into();
    let message = String::from(err.message());
    assert!(message.starts_with("not a valid posting"), "{message}");
}
