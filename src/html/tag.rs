//! Markup as html5ever's tokenizer reads it where it reads markup: where
//! a tag, a comment or a declaration that opens at a '<' ends, a tag's
//! name and number of attributes, and where raw text ends.
//!
//! ```text
//! <p class="a>b" id=x>正文          a tag: name 'p', 2 attributes, ends after 'x>'
//! ^
//! <!-- 注释 --!>                     a comment: ends at '-->' or '--!>'
//! ^
//! <!DOCTYPE html>  <?xml?>  </1>    declarations and bogus comments: end at '>'
//! ^
//! ```
//!
//! The scan in step with html5ever (`budget`) reads the page with it to
//! count each tag's attributes before html5ever reads them, which it must
//! do exactly as the tokenizer does: a quoted '>' does not end a tag.

/// A tag read by [`read`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tag {
    /// The name's byte range in the page.
    pub name: (usize, usize),
    /// An end tag (`</p>`).
    pub closing: bool,
    /// How many attributes it holds (repeated names counted each time).
    pub attributes: usize,
}

/// What opens at a '<'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Markup {
    /// A start or end tag.
    Tag(Tag),
    /// A comment, a DOCTYPE, a bogus comment, or a CDATA section.
    Skipped,
    /// A '<' that opens nothing: text.
    Text,
}

/// The markup opening at `start` (a '<') and the byte after it. `foreign`
/// says whether the tokenizer is in SVG or MathML, where `<![CDATA[` opens
/// a section that ends at `]]>` instead of a bogus comment.
// markup       = "<!--" comment | "<!" declaration | "<?" declaration
//              | "</" letter tag | "<" letter tag | "</" declaration
pub(super) fn read(bytes: &[u8], start: usize, foreign: bool) -> (Markup, usize) {
    let after = |n: usize| bytes.get(start + n).copied();
    match after(1) {
        Some(b'!') if bytes[start..].starts_with(b"<!--") => {
            (Markup::Skipped, comment_end(bytes, start + 2))
        }
        Some(b'!') if foreign && bytes[start..].starts_with(b"<![CDATA[") => {
            let end = memchr::memmem::find(&bytes[start..], b"]]>");
            (Markup::Skipped, end.map_or(bytes.len(), |e| start + e + 3))
        }
        Some(b'!' | b'?') => (Markup::Skipped, past_gt(bytes, start + 2)),
        Some(b'/') => match after(2) {
            Some(c) if c.is_ascii_alphabetic() => tag(bytes, start + 2, true),
            Some(b'>') => (Markup::Skipped, start + 3),
            Some(_) => (Markup::Skipped, past_gt(bytes, start + 2)),
            None => (Markup::Text, bytes.len()),
        },
        Some(c) if c.is_ascii_alphabetic() => tag(bytes, start + 1, false),
        _ => (Markup::Text, start + 1),
    }
}

/// The byte after the first '>' from `from`, or the end.
fn past_gt(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'>', &bytes[from.min(bytes.len())..]).map_or(bytes.len(), |e| from + e + 1)
}

/// The end of a comment opened at `from` - 2: `from` is just after '<!',
/// at the opening dashes, so that `<!-->` and `<!--->` end where they
/// stand. '--!>' ends a comment only after the opening '<!--': `<!--!>`
/// and `<!---!>` open one.
// comment-end  = "-->" | "--!>"
fn comment_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"--") {
        let dashes = at + found;
        let bang = dashes >= from + 2 && bytes.get(dashes + 3) == Some(&b'>');
        match bytes.get(dashes + 2) {
            Some(b'>') => return dashes + 3,
            Some(b'!') if bang => return dashes + 4,
            _ => at = dashes + 1,
        }
    }
    bytes.len()
}

/// Whitespace as the tokenizer sees it (a CR reads as a LF).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The first byte from `at` that is not a space.
fn skip_spaces(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&b| !is_space(b))
        .map_or(bytes.len(), |p| at + p)
}

/// A tag whose name starts at `name_start` (a letter).
// tag          = name *( space / "/" / attribute ) [ "/" ] ">"
// name         = letter *( not space, "/" or ">" )
fn tag(bytes: &[u8], name_start: usize, closing: bool) -> (Markup, usize) {
    let name_end = bytes[name_start..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')
        .map_or(bytes.len(), |p| name_start + p);
    let (end, attributes) = attributes(bytes, name_end);
    let tag = Tag {
        name: (name_start, name_end),
        closing,
        attributes,
    };
    (Markup::Tag(tag), end)
}

/// The attributes from `at` to the tag's '>' (or '/>'): the byte after the
/// tag, and how many attributes.
// attribute    = attr-name [ *space "=" *space value ]
// attr-name    = (any but space, "/" or ">") *( not space, "/", "=" or ">" )
// value        = '"' *(not '"') '"' | "'" *(not "'") "'"
//              | 1*( not space or ">" )
fn attributes(bytes: &[u8], mut at: usize) -> (usize, usize) {
    let mut count = 0;
    loop {
        // before an attribute's name
        at = skip_spaces(bytes, at);
        match bytes.get(at) {
            None => return (bytes.len(), count),
            Some(b'>') => return (at + 1, count),
            // a '/' before the name, as in '/>', is passed over
            Some(b'/') => {
                at += 1;
                continue;
            }
            Some(_) => {}
        }
        // the name (a first '=' belongs to it)
        count += 1;
        at += 1;
        while at < bytes.len() && !matches!(bytes[at], b'/' | b'=' | b'>') && !is_space(bytes[at]) {
            at += 1;
        }
        at = skip_spaces(bytes, at);
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        at = skip_spaces(bytes, at);
        at = value_end(bytes, at);
    }
}

/// The byte after the attribute value starting at `at`.
fn value_end(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(&quote @ (b'"' | b'\'')) => {
            memchr::memchr(quote, &bytes[at + 1..]).map_or(bytes.len(), |e| at + 1 + e + 1)
        }
        // a '>' here ends the tag with the value missing
        Some(b'>') | None => at,
        Some(_) => bytes[at..]
            .iter()
            .position(|&b| is_space(b) || b == b'>')
            .map_or(bytes.len(), |p| at + p),
    }
}

/// Where the raw text of a `<script>`, `<style>` or the like that starts
/// at `from` ends: at its end tag, the name followed by a space, '/' or
/// '>' (`</scripts>` does not end it). In a script, text between `<!--`
/// and `-->` that opens another `<script` hides the next `</script>`.
// script       = *( text | "<!--" escaped "-->" )
// escaped      = *( text | "<script" delimiter double "</script" delimiter )
pub(super) fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let script = name.eq_ignore_ascii_case("script");
    let (mut escaped, mut double) = (false, false);
    let mut at = from;
    while let Some(found) = memchr::memchr2(b'<', b'-', &bytes[at..]) {
        let i = at + found;
        let rest = &bytes[i..];
        at = i + 1;
        if script && !escaped && rest.starts_with(b"<!--") {
            // the dashes may close it at once: '<!-->'
            (escaped, at) = (true, i + 2);
        } else if script && escaped && rest.starts_with(b"-->") {
            (escaped, double) = (false, false);
        } else if script && escaped && !double && names(rest, b"<script") {
            double = true;
        } else if names(rest, b"</") && names(&rest[2..], name.as_bytes()) {
            if !double {
                return i;
            }
            double = false;
        }
    }
    bytes.len()
}

/// Does `text` start with `name` (ASCII case ignored) followed by a space,
/// '/' or '>'? With `name` ending in '/' (as "</"), only the prefix.
fn names(text: &[u8], name: &[u8]) -> bool {
    let Some(head) = text.get(..name.len()) else {
        return false;
    };
    if !head.eq_ignore_ascii_case(name) {
        return false;
    }
    name.ends_with(b"/")
        || text
            .get(name.len())
            .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tag as the tests spell it: name, closing, attributes.
    type Read<'a> = (&'a str, bool, usize);

    /// The tag read at byte `start` of `page`, and where it ends.
    fn tag_of(page: &str, start: usize) -> (Option<Read<'_>>, usize) {
        let (markup, end) = read(page.as_bytes(), start, false);
        let tag = match markup {
            Markup::Tag(t) => Some((&page[t.name.0..t.name.1], t.closing, t.attributes)),
            _ => None,
        };
        (tag, end)
    }

    #[test]
    fn tags() {
        // (input, (name, closing, attributes), where it ends)
        let cases: &[(&str, Read, usize)] = &[
            ("<p>正文", ("p", false, 0), 3),
            ("<P CLASS=a>", ("P", false, 1), 11),
            ("<p class=\"a>b\" id=x>", ("p", false, 2), 20),
            ("<div a=\">\" b=\"<!--\">x", ("div", false, 2), 20),
            ("<p-x>", ("p-x", false, 0), 5),
            ("</b-x>", ("b-x", true, 0), 6),
            ("<div/>", ("div", false, 0), 6),
            ("<img src = 'a' / >", ("img", false, 1), 18),
            ("<a b c=d e='f'g>", ("a", false, 4), 16),
            ("<a =b>", ("a", false, 1), 6),
            ("<a b=>", ("a", false, 1), 6),
            ("</p a b c>", ("p", true, 3), 10),
            ("<td\r\nrowspan=2>", ("td", false, 1), 15),
            ("<p class=\"never closed", ("p", false, 1), 22),
            ("<p a", ("p", false, 1), 4),
            ("<p =\"x>\"y>", ("p", false, 1), 7),
        ];
        for &(html, want, end) in cases {
            assert_eq!(tag_of(html, 0), (Some(want), end), "{html}");
            // the same tag further into the page
            let page = format!("文文{html}");
            assert_eq!(tag_of(&page, 6), (Some(want), end + 6), "{html}");
        }
    }

    #[test]
    fn comments_declarations_and_text() {
        // (input, what it is, where it ends)
        let cases: &[(&str, Markup, usize)] = &[
            ("<!-- a --> b", Markup::Skipped, 10),
            ("<!-- a --!> b", Markup::Skipped, 11),
            ("<!----!><div>", Markup::Skipped, 8),
            ("<!--!> a --> b", Markup::Skipped, 12),
            ("<!---!> a --> b", Markup::Skipped, 13),
            ("<!--> b", Markup::Skipped, 5),
            ("<!---> b", Markup::Skipped, 6),
            ("<!-- --!-- a --> b", Markup::Skipped, 16),
            ("<!-- never closed", Markup::Skipped, 17),
            ("<!DOCTYPE html><p>", Markup::Skipped, 15),
            ("<![CDATA[a>b]]>", Markup::Skipped, 11),
            ("<?xml version='1.0'?>", Markup::Skipped, 21),
            ("<!>x", Markup::Skipped, 3),
            ("<?a>x<p>", Markup::Skipped, 4),
            ("</1 a>b", Markup::Skipped, 6),
            ("</>b", Markup::Skipped, 3),
            ("< p>", Markup::Text, 1),
            ("<1>", Markup::Text, 1),
            ("<", Markup::Text, 1),
            ("</", Markup::Text, 2),
        ];
        for &(html, want, end) in cases {
            assert_eq!(read(html.as_bytes(), 0, false), (want, end), "{html}");
            let page = format!("文文{html}");
            assert_eq!(read(page.as_bytes(), 6, false), (want, end + 6), "{html}");
        }
        // in SVG or MathML, CDATA ends at ']]>'
        let cdata = b"<![CDATA[a>b]]>c";
        assert_eq!(read(cdata, 0, true), (Markup::Skipped, 15));
        assert_eq!(read(b"x <![CDATA[a>b]]>c", 2, true), (Markup::Skipped, 17));
    }

    #[test]
    fn raw_text() {
        // (element, its text and what follows, where the text ends)
        let cases: &[(&str, &str, usize)] = &[
            ("style", "a{}</style>", 3),
            ("style", "a</styles></STYLE >", 10),
            ("title", "a</title", 8),
            ("script", "if(a<b)x();</script>", 11),
            ("script", "'<!--';</script>", 7),
            ("script", "<!--<script></script>-->x</script>", 25),
            ("script", "<!--<script>--></script>", 15),
            ("script", "<!-- </script>", 5),
            ("script", "<!-->x</script>", 6),
            ("xmp", "<!--<script></xmp>", 12),
            ("script", "a</b>c</p></script>", 10),
            // '<script' outside an escape hides nothing
            ("script", "a<b<script></script>x</script>", 11),
            (
                "script",
                "if(a<b)document.write('<script src=x></script>');</script>",
                37,
            ),
        ];
        for &(name, text, end) in cases {
            assert_eq!(
                raw_text_end(text.as_bytes(), 0, name),
                end,
                "{name}: {text}"
            );
        }
    }
}
