//! Why an input could not be read as a notice.

use crate::decode::DecodeError;
use crate::html::HtmlError;

/// Why an input gives no records.
///
/// ```
/// let err = fengong::parse("# README\n\nHow to build.\n").unwrap_err();
/// assert!(matches!(err, fengong::Error::NotANotice { .. }));
/// assert_eq!(err.to_string(), "not a task-division notice: no numbered task carrying 分管省领导 or 部门分工");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has no bytes.
    #[error("empty input")]
    Empty,
    /// The input holds nothing but whitespace.
    #[error("input is only whitespace")]
    WhitespaceOnly,
    /// The bytes are not text in any encoding the reader detects.
    #[error(transparent)]
    Decode(DecodeError),
    /// An HTML page refused because html5ever's work in building its tree
    /// would outgrow the page.
    #[error(transparent)]
    Html(#[from] HtmlError),
    /// The text is not a task-division notice.
    #[error("not a task-division notice: {reason}")]
    NotANotice {
        /// What was missing.
        reason: String,
    },
}

impl From<DecodeError> for Error {
    fn from(err: DecodeError) -> Self {
        match err {
            DecodeError::Empty => Error::Empty,
            DecodeError::WhitespaceOnly => Error::WhitespaceOnly,
            other => Error::Decode(other),
        }
    }
}
