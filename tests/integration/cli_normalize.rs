use crate::cli::linggong;

/// `linggong normalize args…`: the status and the JSON lines it printed.
fn normalize(args: &[&str], stdin: &str) -> (u8, Vec<serde_json::Value>) {
    let argv: Vec<&str> = std::iter::once("normalize")
        .chain(args.iter().copied())
        .collect();
    let o = linggong(&argv, stdin.as_bytes());
    let lines = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (o.status, lines)
}

#[test]
fn each_argument_gives_one_json_line_with_trade_confidence_and_alternatives() {
    let (status, lines) = normalize(&["水店工", "今天天气不错"], "");
    assert_eq!(status, 0);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["input"], "水店工");
    assert_eq!(lines[0]["trade"]["id"], "plumber_electrician");
    assert_eq!(lines[0]["trade"]["name"], "水电工");
    assert_eq!(lines[0]["trade"]["category"], "construction");
    assert!(lines[0]["confidence"].as_f64().unwrap() >= 0.6);
    assert!(lines[0]["alternatives"].is_array());
    assert_eq!(lines[1]["trade"], serde_json::Value::Null);
    assert_eq!(lines[1]["confidence"], 0.0);
}

#[test]
fn without_arguments_each_stdin_line_is_normalised() {
    let (status, lines) = normalize(&[], "保洁阿姨\n\n電焊師傅\n");
    assert_eq!(status, 0);
    let ids: Vec<_> = lines
        .iter()
        .map(|l| l["trade"]["id"].as_str().unwrap_or("-").to_string())
        .collect();
    assert_eq!(ids, ["cleaner", "welder"]);
}
