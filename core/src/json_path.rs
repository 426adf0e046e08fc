//! The field path (`pay.unit`, `skills[1]`) at a byte offset of a JSON document, so that a
//! parse error can say which field is wrong.
//!
//! serde_json reports where an error happened (the end of the value, key or object it was
//! reading); a short scan of the text up to there recovers the path. Tracking the path while
//! deserialising (`serde_path_to_error`) doubles the deserialisation code of every type, which
//! the WebAssembly download cannot afford; the scan only runs when there is an error.

enum Frame {
    /// An object, with the key of the member being read (none before the first key and
    /// between a `,` and the next key).
    Object(Option<String>),
    /// An array, with the index of the element being read.
    Array(usize),
}

/// The path of the innermost key or value of `json` that ends at or after byte `pos` and is
/// not closed before it: the value or key serde_json had just read when it reported an error
/// at `pos`. Empty for the document itself; never panics, whatever the text.
pub(crate) fn path_at(json: &str, pos: usize) -> String {
    let bytes = json.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => i += 1,
            // An error at or before a bracket belongs to the value that the bracket opens,
            // named by the path so far; stopping here also bounds the walk (and the path)
            // on deeply nested input.
            b'{' | b'[' if pos <= i => return render(&stack),
            b'{' => {
                stack.push(Frame::Object(None));
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                i += 1;
            }
            b'}' | b']' => {
                i += 1;
                stack.pop();
                if pos <= i || stack.is_empty() {
                    return render(&stack);
                }
            }
            b',' => {
                i += 1;
                match stack.last_mut() {
                    Some(Frame::Array(index)) => *index += 1,
                    Some(Frame::Object(key)) => *key = None,
                    None => {}
                }
            }
            b'"' => {
                let end = string_end(bytes, i);
                if let Some(Frame::Object(key @ None)) = stack.last_mut() {
                    let raw = json.get(i..end).unwrap_or_default();
                    *key = Some(
                        serde_json::from_str(raw)
                            .unwrap_or_else(|_| raw.trim_matches('"').to_string()),
                    );
                }
                if pos <= end {
                    return render(&stack);
                }
                i = end;
            }
            _ => {
                let end = scalar_end(bytes, i);
                if pos <= end {
                    return render(&stack);
                }
                i = end;
            }
        }
    }
    render(&stack)
}

/// The byte after the closing quote of the string opening at `start` (or the end of text).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut j = start + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// The byte after a number, `true`, `false`, `null` or stray text starting at `start`.
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let stop = |b: &u8| b",:{}[]\" \t\n\r".contains(b);
    start + 1 + bytes[start + 1..].iter().take_while(|b| !stop(b)).count()
}

fn render(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array(index) => path.push_str(&format!("[{index}]")),
            Frame::Object(None) => {}
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_wrong_nested_value_is_named_by_its_own_path_not_its_first_child() {
        let err = crate::parse_posting(r#"{"id": "a", "skills": [["x"]]}"#).unwrap_err();
        assert!(
            err.to_string().contains("skills[0]") && !err.to_string().contains("skills[0][0]"),
            "{err}"
        );
    }

    #[test]
    fn deeply_nested_input_gets_a_short_path() {
        let deep = "[".repeat(1_000_000);
        let err = crate::parse_posting(&deep).unwrap_err().to_string();
        assert!(err.len() < 1_000, "{} bytes", err.len());
    }

    /// The path at the end of the first occurrence of `needle`.
    fn path_after(json: &str, needle: &str) -> String {
        let at = json.find(needle).expect("needle in text");
        path_at(json, at + needle.len())
    }

    #[test]
    fn a_value_is_named_by_the_keys_and_indices_above_it() {
        let json = r#"{"id": "x", "pay": {"unit": "week"}, "skills": ["a", 5]}"#;
        assert_eq!(path_after(json, r#""x""#), "id");
        assert_eq!(path_after(json, r#""week""#), "pay.unit");
        assert_eq!(path_after(json, "5"), "skills[1]");
    }

    #[test]
    fn an_error_at_a_key_names_the_key_and_one_at_a_closing_brace_names_the_object() {
        let json = r#"{"id": "x", "pay": {"amount": 1}, "skill": []}"#;
        assert_eq!(path_after(json, r#""skill""#), "skill");
        assert_eq!(path_after(json, "1}"), "pay");
        assert_eq!(path_at(json, json.len()), "");
    }

    #[test]
    fn escaped_keys_are_unescaped_and_chinese_text_counts_in_bytes() {
        let json = "{\"名\\\"字\": \"南京\", \"b\": {\"c\": tru}}";
        assert_eq!(path_after(json, "\"南京\""), "名\"字");
        assert_eq!(path_after(json, "tru"), "b.c");
    }

    proptest! {
        #[test]
        fn any_text_and_offset_give_a_path_without_panicking(text in "\\PC{0,40}", pos in 0usize..50) {
            let _ = path_at(&text, pos);
        }

        #[test]
        fn json_like_text_gives_a_path_without_panicking(text in r#"[\[\]{}",: a\\0-9]{0,40}"#, pos in 0usize..50) {
            let _ = path_at(&text, pos);
        }
    }
}
