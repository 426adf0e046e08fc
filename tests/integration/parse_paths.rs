//! The field a parse error names, checked against `serde_path_to_error` (which tracks the
//! path while deserialising) on every way to break a real posting, seeker and market: each
//! value given the wrong type or a string nothing accepts, each object given an unknown key,
//! each object missing a field.

use linggong_core::{
    Error, Market, Posting, SeekerProfile, parse_market, parse_posting, parse_seeker,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

const SEEKER: &str = r#"{"id": "s1", "trades": ["水电工", "电工"], "skills": ["看图纸"],
    "location": {"lat": 32.06, "lng": 118.79}, "max_distance_km": 15,
    "availability": [{"days": ["mon", "tue"], "from": "08:00", "to": "17:00"}],
    "min_pay": {"amount": 200, "unit": "day"}, "priority": ["elderly"], "registered_at": "2026-11-23T09:00:00+08:00"}"#;
const MARKET: &str = r#"{"id": "m1", "name": "鼓楼区零工市场", "kind": "station",
    "location": {"lat": 32.06, "lng": 118.79}, "address": "中山路1号",
    "hours": [{"days": ["mon"], "from": "08:00", "to": "17:00"}], "phone": "025-1234"}"#;

/// Every document that differs from `doc` by one broken value or object.
fn broken(doc: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let mut visit = |path: &[PathStep], value: &Value| {
        let wrongs = match value {
            // A number, and a string no timestamp, time, enum or coordinate accepts.
            Value::String(_) => vec![Value::from(12345), Value::from("wrong")],
            Value::Number(_) | Value::Bool(_) => vec![Value::from("wrong")],
            Value::Array(_) => vec![Value::from(true)],
            Value::Object(map) => {
                let mut extra = map.clone();
                extra.insert("no_such_field".into(), Value::from(1));
                let mut fewer = map.clone();
                fewer.retain(|k, _| Some(k) != map.keys().next());
                vec![Value::Object(extra), Value::Object(fewer)]
            }
            Value::Null => Vec::new(),
        };
        for wrong in wrongs {
            out.push(replaced(doc, path, wrong));
        }
    };
    walk(doc, &mut Vec::new(), &mut visit);
    out
}

#[derive(Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn walk(value: &Value, path: &mut Vec<PathStep>, visit: &mut impl FnMut(&[PathStep], &Value)) {
    visit(path, value);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(PathStep::Key(k.clone()));
                walk(v, path, visit);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(PathStep::Index(i));
                walk(v, path, visit);
                path.pop();
            }
        }
        _ => {}
    }
}

fn replaced(doc: &Value, path: &[PathStep], new: Value) -> Value {
    let mut copy = doc.clone();
    let mut at = &mut copy;
    for step in path {
        at = match step {
            PathStep::Key(k) => &mut at[k.as_str()],
            PathStep::Index(i) => &mut at[*i],
        };
    }
    *at = new;
    copy
}

fn oracle_path<T: DeserializeOwned>(json: &str) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => None,
        Err(e) => Some(e.path().to_string().replace('?', "")),
    }
}

/// For every broken document that fails to parse, core names the oracle's field; returns how
/// many were compared.
fn fields_agree<T: DeserializeOwned>(
    original: &str,
    parse: impl Fn(&str) -> Result<T, Error>,
) -> usize {
    let doc: Value = serde_json::from_str(original).unwrap();
    let mut compared = 0;
    // Pretty-printed too, so that errors on later lines are located as well.
    for bad in broken(&doc) {
        for json in [bad.to_string(), serde_json::to_string_pretty(&bad).unwrap()] {
            let Some(expected) = oracle_path::<T>(&json) else {
                continue;
            };
            let expected = if expected == "." {
                String::new()
            } else {
                expected
            };
            match parse(&json) {
                Err(Error::Parse { field, .. }) => assert_eq!(field, expected, "{json}"),
                other => panic!("{json} should fail to parse: {:?}", other.err()),
            }
            compared += 1;
        }
    }
    compared
}

#[test]
fn a_posting_error_names_the_same_field_as_path_tracking_does() {
    let json = serde_json::to_string(&linggong_tests::compliant_posting()).unwrap();
    assert!(fields_agree::<Posting>(&json, parse_posting) > 40);
}

#[test]
fn a_seeker_error_names_the_same_field_as_path_tracking_does() {
    parse_seeker(SEEKER).unwrap();
    assert!(fields_agree::<SeekerProfile>(SEEKER, parse_seeker) > 20);
}

#[test]
fn a_market_error_names_the_same_field_as_path_tracking_does() {
    parse_market(MARKET).unwrap();
    assert!(fields_agree::<Market>(MARKET, parse_market) > 10);
}
