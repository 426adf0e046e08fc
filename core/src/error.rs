use std::fmt;

/// Everything that can go wrong in the engine.
///
/// Absent results (no trade recognised, no gig nearby) are `Option`s, not errors:
/// an `Error` always means the input itself was unusable.
///
/// ```
/// use linggong_core::{parse_posting, Error};
///
/// let err = parse_posting(r#"{"id": "a", "pay": {"amount": "lots"}}"#).unwrap_err();
/// assert!(matches!(err, Error::Parse { .. }));
/// assert!(err.to_string().contains("pay.amount"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is not valid interchange-format JSON.
    Parse {
        /// 1-based line of the input (within one JSON document) where the problem is.
        line: usize,
        /// 1-based column within that line.
        column: usize,
        /// Dotted path of the offending field, e.g. `pay.unit`; empty for the document itself.
        field: String,
        /// What is wrong, in plain words.
        reason: String,
    },
    /// A value that is well-formed but unusable: a latitude of 91, an unknown trade id.
    Invalid {
        /// The name of the offending argument or field, e.g. `lat` or `trade`.
        field: String,
        /// What is wrong, in plain words.
        reason: String,
    },
}

impl Error {
    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.to_string(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Parse {
                line,
                column,
                field,
                reason,
            } if field.is_empty() => write!(f, "line {line}, column {column}: {reason}"),
            Error::Parse {
                line,
                column,
                field,
                reason,
            } => write!(f, "line {line}, column {column}, field `{field}`: {reason}"),
            Error::Invalid { field, reason } => write!(f, "`{field}`: {reason}"),
        }
    }
}

impl std::error::Error for Error {}
