//! Input lines, numbered from 1, borrowed from the text.
//!
//! A line keeps its words and its inner tabs (the annex table's cells);
//! its end-of-line ('\n' or '\r\n'), a leading byte-order mark and the
//! indentation web pages add ('\u{3000}\u{3000}') are cut off.

use crate::text::is_space;

/// One input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// The words, without indentation or line end.
    pub text: &'a str,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Spaces but not tabs: a leading tab is an empty table cell.
fn is_pad(c: char) -> bool {
    is_space(c) && c != '\t'
}

/// Trim the padding around one raw line.
fn trim_line(raw: &str) -> &str {
    let text = raw.trim_matches(is_pad);
    if text.chars().all(is_space) {
        ""
    } else {
        text
    }
}

/// Split `text` into numbered lines.
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut number = 0u32;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        if start > bytes.len() {
            break;
        }
        number = number.saturating_add(1);
        let raw = &text[start..end];
        out.push(Line {
            number,
            text: trim_line(raw),
        });
        start = end + 1;
    }
    if text.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_trims() {
        let got: Vec<(u32, &str)> =
            lines("\u{FEFF}附件：\r\n\r\n\u{3000}\u{3000}一、目标\n\t2\t任务\t\n")
                .iter()
                .map(|l| (l.number, l.text))
                .collect();
        assert_eq!(
            got,
            [(1, "附件："), (2, ""), (3, "一、目标"), (4, "\t2\t任务\t")]
        );
    }

    #[test]
    fn last_line_without_newline() {
        let got: Vec<&str> = lines("a\nb").iter().map(|l| l.text).collect();
        assert_eq!(got, ["a", "b"]);
    }
}
