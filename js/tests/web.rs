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
    assert_eq!(
        message,
        r#"auditPosting: posting must be an object, got "not a posting""#
    );
}

#[wasm_bindgen_test]
fn trades_are_normalised_in_the_browser_with_the_same_answers_as_natively() {
    let result = linggong::normalize_trade("水店工".into()).unwrap();
    let trade = field(&result, "trade");
    assert_eq!(
        field(&trade, "id"),
        JsValue::from_str("plumber_electrician")
    );
    let native = linggong_core::normalize_trade("水店工");
    assert_eq!(
        field(&result, "confidence").as_f64(),
        Some((native.confidence * 1000.0).round() / 1000.0)
    );
    let nothing = linggong::normalize_trade("今天天气不错".into()).unwrap();
    assert!(field(&nothing, "trade").is_null());
}

#[wasm_bindgen_test]
fn typeahead_works_in_the_browser() {
    let list: js_sys::Array = linggong::suggest_trades("sdg".into(), 3.into())
        .unwrap()
        .into();
    assert!(list.length() >= 1 && list.length() <= 3);
    assert_eq!(field(&list.get(0), "name"), JsValue::from_str("水电工"));
}

#[wasm_bindgen_test]
fn wrong_values_throw_errors_that_name_the_argument_in_the_browser() {
    let message = |err: JsValue| String::from(js_sys::Error::from(err).message());
    let err = linggong::suggest_trades("s".into(), (-1).into()).unwrap_err();
    assert_eq!(
        message(err),
        "suggestTrades: limit must be an integer from 0 to 1000, got -1"
    );
    let err = linggong::normalize_trade(123.into()).unwrap_err();
    assert_eq!(
        message(err),
        "normalizeTrade: text must be a string, got 123"
    );
}

fn message(err: JsValue) -> String {
    String::from(js_sys::Error::from(err).message())
}

fn upsert(id: &str, lat: f64) -> String {
    format!(
        r#"{{"op": "upsert", "posting": {{"id": "{id}", "title": "保洁", "location": {{"lat": {lat}, "lng": 118.79}}}}}}"#
    )
}

#[wasm_bindgen_test]
fn feed_changes_add_replace_and_remove_gigs_and_say_which() {
    let mut index = linggong::GigIndex::from_postings(js_sys::Array::new().into()).unwrap();
    let apply =
        |index: &mut linggong::GigIndex, change: JsValue| index.apply_change(change).unwrap();
    assert_eq!(apply(&mut index, upsert("g1", 32.06).into()), "added");
    // The same change as an object (as `JSON.parse` makes it), moved a little: replaced.
    let moved = js_sys::JSON::parse(&upsert("g1", 32.07)).unwrap();
    assert_eq!(apply(&mut index, moved), "replaced");
    assert_eq!(index.size(), 1);
    let found = index.get("g1".into()).unwrap();
    let lat = field(&field(&found, "location"), "lat").as_f64();
    assert_eq!(lat, Some(32.07), "the newer version");
    let gone = r#"{"op": "remove", "id": "g1", "reason": "withdrawn"}"#;
    assert_eq!(apply(&mut index, gone.into()), "removed");
    assert_eq!(
        apply(&mut index, gone.into()),
        "unchanged",
        "a replay changes nothing"
    );
    assert_eq!(index.size(), 0);
}

#[wasm_bindgen_test]
fn a_malformed_change_throws_an_error_that_names_what_is_wrong() {
    let mut index = linggong::GigIndex::from_postings(js_sys::Array::new().into()).unwrap();
    let mut err = |change: JsValue| message(index.apply_change(change).unwrap_err());
    assert_eq!(
        err(5.into()),
        "applyChange: change must be a JSON string or an object, got 5"
    );
    assert_eq!(
        err(r#"{"op": "rename", "id": "g1"}"#.into()),
        "applyChange: change.op: unknown op `rename`, expected `upsert` or `remove`"
    );
    let typo =
        js_sys::JSON::parse(r#"{"op": "upsert", "posting": {"id": "g1", "pay": {"amout": 25}}}"#)
            .unwrap();
    // Named down to the field inside the posting.
    let typo = err(typo);
    assert!(
        typo.starts_with("applyChange: change.posting.pay.amout: unknown field `amout`"),
        "{typo}"
    );
    assert_eq!(
        err("{\"op\": ".into()),
        "applyChange: change.op: EOF while parsing a value"
    );
}

#[wasm_bindgen_test]
fn an_upsert_that_cannot_be_placed_throws_and_takes_out_the_older_version() {
    let mut index = linggong::GigIndex::from_postings(js_sys::Array::new().into()).unwrap();
    index.apply_change(upsert("g1", 32.06).into()).unwrap();
    let nowhere = r#"{"op": "upsert", "posting": {"id": "g1"}}"#;
    let err = message(index.apply_change(nowhere.into()).unwrap_err());
    assert_eq!(
        err,
        "applyChange: change.posting.location: posting `g1` has no coordinates"
    );
    assert_eq!(
        index.size(),
        0,
        "the version the market no longer publishes is gone"
    );
}

#[wasm_bindgen_test]
fn subscribe_checks_its_arguments_before_it_connects() {
    let index = linggong::GigIndex::from_postings(js_sys::Array::new().into()).unwrap();
    let options = |json: &str| js_sys::JSON::parse(json).unwrap();
    let err = |url: JsValue, o: JsValue| message(index.subscribe(url, o).unwrap_err());
    assert_eq!(
        err(5.into(), JsValue::UNDEFINED),
        "subscribe: feedUrl must be a string, got 5"
    );
    assert_eq!(
        err("/api/v1/feed".into(), options(r#"{"onChange": "render"}"#)),
        r#"subscribe: options.onChange must be a function, got "render""#
    );
    assert_eq!(
        err("/api/v1/feed".into(), options(r#"{"after": 7}"#)),
        "subscribe: options.after must be a string, got 7"
    );
    assert_eq!(
        err("/api/v1/feed".into(), options(r#"{"cursor": "7"}"#)),
        "subscribe: options.cursor: unknown field `cursor`, expected one of `after`, `onChange`, `onError`"
    );
    assert_eq!(
        err("http://[".into(), JsValue::UNDEFINED),
        r#"subscribe: feedUrl must be a URL (an absolute one outside a web page), got "http://[""#
    );
}
