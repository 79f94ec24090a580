//! Input lines, numbered from 1, borrowed from the text.
//!
//! A line keeps its words and its inner tabs (the annex table's cells);
//! its end-of-line ('\n', '\r\n', or '\r' in an old Mac file), a leading byte-order mark and the
//! indentation web pages add ('\u{3000}\u{3000}') are cut off.

use crate::text::is_space;

/// One input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// The words, without indentation or line end.
    pub text: &'a str,
    /// Whether the words hold a tab (annex table rows do), found while the
    /// line's end was looked for.
    pub has_tab: bool,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Blank, or a page number ([`crate::text::is_page_number`]): a line
    /// that belongs to no paragraph.
    pub fn is_filler(&self) -> bool {
        self.is_blank() || crate::text::is_page_number(self.text)
    }
}

/// Spaces but not tabs: a leading tab is an empty table cell.
fn is_pad(c: char) -> bool {
    is_space(c) && c != '\t'
}

/// Trim the padding around one raw line.
fn trim_line(raw: &str) -> &str {
    // most lines start with a Han character or ASCII and end without
    // padding; a blank line between paragraphs is empty
    let clean_start = match raw.as_bytes().first() {
        Some(0x21..=0x7F | 0xE4..=0xE9) => true,
        Some(_) => false,
        None => return raw,
    };
    if clean_start && raw.chars().next_back().is_some_and(|c| !is_pad(c)) {
        return raw;
    }
    let text = raw.trim_matches(is_pad);
    if text.chars().all(is_space) {
        ""
    } else {
        text
    }
}

/// The numbered lines of `text`, one at a time.
///
/// Lines end at '\n' (the '\r' of '\r\n' is trimmed), or at '\r' in an
/// old Mac file ([`line_end`]).
pub(crate) fn lines(text: &str) -> Lines<'_> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    Lines {
        text,
        at: 0,
        number: 0,
        end: line_end(text.as_bytes()),
    }
}

/// The byte that ends the lines of `bytes`: '\r' in an old Mac file, one
/// with '\r' and no '\n' but perhaps a last byte an editor added; else
/// '\n'. A file with both ('\r\r\n', a stray '\r') keeps '\n', so that its
/// line numbers are those `grep -n` and editors show.
fn line_end(bytes: &[u8]) -> u8 {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    if memchr::memchr(b'\n', body).is_none() && memchr::memchr(b'\r', body).is_some() {
        b'\r'
    } else {
        b'\n'
    }
}

/// An iterator over numbered lines: a last line without a newline counts,
/// an empty line after a final newline does not.
#[derive(Clone)]
pub(crate) struct Lines<'a> {
    text: &'a str,
    at: usize,
    number: u32,
    /// The byte that ends a line.
    end: u8,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.text.get(self.at..)?;
        // an empty input is one empty line; after the last line, no more
        if rest.is_empty() && self.number > 0 {
            return None;
        }
        let bytes = rest.as_bytes();
        // half the notice's lines are the blank ones between paragraphs: a
        // line that ends where it starts needs no search
        if bytes.first() == Some(&self.end) {
            self.at += 1;
            self.number = self.number.saturating_add(1);
            return Some(Line {
                number: self.number,
                text: "",
                has_tab: false,
            });
        }
        let (end, has_tab) = match memchr::memchr2(self.end, b'\t', bytes) {
            Some(at) if bytes[at] == b'\t' => {
                let after = memchr::memchr(self.end, &bytes[at..]).map(|e| at + e);
                (after.unwrap_or(bytes.len()), true)
            }
            found => (found.unwrap_or(bytes.len()), false),
        };
        self.at += end + 1;
        self.number = self.number.saturating_add(1);
        let text = trim_line(&rest[..end]);
        // trimming never takes a tab away (`is_pad`), so the raw line's tab
        // is the text's
        debug_assert_eq!(has_tab && !text.is_empty(), text.contains('\t'));
        Some(Line {
            number: self.number,
            text,
            has_tab: has_tab && !text.is_empty(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_trims() {
        let got: Vec<(u32, &str)> =
            lines("\u{FEFF}附件：\r\n\r\n\u{3000}\u{3000}一、目标\n\t2\t任务\t\n")
                .map(|l| (l.number, l.text))
                .collect();
        assert_eq!(
            got,
            [(1, "附件："), (2, ""), (3, "一、目标"), (4, "\t2\t任务\t")]
        );
    }

    #[test]
    fn line_ends() {
        let cases: [(&str, u8); 11] = [
            ("a\nb\n", b'\n'),
            ("a\r\nb\r\n", b'\n'),
            ("a\rb\r", b'\r'),
            ("a\rb\r\n", b'\r'),
            ("a\rb\nc\n", b'\n'),
            ("abc", b'\n'),
            ("", b'\n'),
            ("a\r\n\rb\r\n", b'\n'),
            // a CRLF file rewritten in text mode, and one '\r'-ended line
            ("a\r\r\nb\r\r\n", b'\n'),
            ("a\rb\nc\r\n", b'\n'),
            ("\n", b'\n'),
        ];
        for (text, end) in cases {
            assert_eq!(line_end(text.as_bytes()), end, "{text:?}");
        }
        // a first line longer than the 4 KB looked at
        let long = format!("{}\rb\r", "a".repeat(5000));
        assert_eq!(line_end(long.as_bytes()), b'\r');
    }

    #[test]
    fn last_line_without_newline() {
        let got: Vec<&str> = lines("a\nb").map(|l| l.text).collect();
        assert_eq!(got, ["a", "b"]);
        let counts: Vec<usize> = ["", "\n", "a", "a\n", "a\n\n", "\n\n"]
            .iter()
            .map(|t| lines(t).count())
            .collect();
        assert_eq!(counts, [1, 1, 1, 1, 2, 2]);
        let old_mac: Vec<(u32, &str)> = lines("一、目标\r1. 任务\r")
            .map(|l| (l.number, l.text))
            .collect();
        assert_eq!(old_mac, [(1, "一、目标"), (2, "1. 任务")]);
        // an old Mac file an editor gave a final '\n': that '\n' is a
        // blank last line
        let old_mac_lf: Vec<(u32, &str)> = lines("一、目标\r1. 任务\r\n")
            .map(|l| (l.number, l.text))
            .collect();
        assert_eq!(old_mac_lf, [(1, "一、目标"), (2, "1. 任务"), (3, "")]);
        // blank lines, which end where they start, under each line end
        for text in ["a\n\n\nb\n", "a\r\n\r\n\r\nb\r\n", "a\r\r\rb\r"] {
            let got: Vec<(u32, &str)> = lines(text).map(|l| (l.number, l.text)).collect();
            assert_eq!(got, [(1, "a"), (2, ""), (3, ""), (4, "b")], "{text:?}");
        }
    }
}
