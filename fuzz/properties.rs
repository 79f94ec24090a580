//! The properties the fuzz targets check, one function per target, kept
//! apart from libFuzzer so that the main crate's tests compile them and run
//! them over the seed corpus (`tests/fuzz_properties.rs`): a property that
//! no longer compiles, or that fails on a seed, fails `cargo test`.
//!
//! Each function panics when its property does not hold.

use fengong::check::{self, Format};
use fengong::{LineSpan, Notice};

/// Bytes → `parse_bytes`. A reading must never panic; a notice it returns
/// must survive a JSON round trip unchanged, `write_json` must write the
/// bytes serde_json writes, and `check::lint` over the text it was read
/// from must not panic either.
pub fn parse(data: &[u8]) {
    let Ok(notice) = fengong::parse_bytes(data) else {
        return;
    };
    let json = serde_json::to_string(&notice).expect("a notice serializes");
    let mut line = Vec::new();
    notice.write_json(&mut line);
    assert!(
        line == json.as_bytes(),
        "write_json differs from serde_json"
    );
    let back: Notice<'static> = serde_json::from_str(&json).expect("its JSON reads back");
    assert_eq!(back, notice, "JSON round trip changed the notice");
    let text = fengong::read_text(data).expect("parse_bytes read this text");
    let _ = check::lint(&notice, &text);
}

/// Bytes → `read_text` → `parse` → `check::findings` + `check::render` in
/// every format: the path of `parse-notice check`. None of it may panic.
pub fn check(data: &[u8]) {
    let Ok(text) = fengong::read_text(data) else {
        return;
    };
    let Ok(notice) = fengong::parse(&text) else {
        return;
    };
    let diagnostics = check::findings(&notice, &text);
    for format in [Format::Human, Format::Github, Format::Json] {
        let _ = check::render("fuzz.txt", &text, &diagnostics, format);
    }
}

/// Bytes → `parse_bytes`, with the property the tests check: every
/// non-blank line of the text read is claimed by a record (document, tail,
/// section, task, requirement, annex, livelihood project) or a diagnostic,
/// but for a line holding only a page number ('— 12 —', '12'). Spans must
/// name lines the text has, first ≤ last.
pub fn lines(data: &[u8]) {
    let Ok(notice) = fengong::parse_bytes(data) else {
        return;
    };
    let text = fengong::read_text(data).expect("parse_bytes read this text");
    coverage(&notice, &text);
}

/// The `lines` property of a notice read from `text`.
pub fn coverage(notice: &Notice, text: &str) {
    let lines = numbered_lines(text);
    let mut depth = vec![0i64; lines.len() + 2];
    for span in spans(notice) {
        assert!(
            span.first >= 1 && span.first <= span.last && span.last as usize <= lines.len(),
            "span [{}, {}] of {} lines",
            span.first,
            span.last,
            lines.len()
        );
        depth[span.first as usize] += 1;
        depth[span.last as usize + 1] -= 1;
    }
    let mut covered = 0;
    for (i, line) in lines.iter().enumerate() {
        covered += depth[i + 1];
        let filler = line.chars().all(is_space) || fengong::text::is_page_number(line.trim());
        assert!(covered > 0 || filler, "line {} lost: {line:?}", i + 1);
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// The lines as the reader must number them, worked out here apart from
/// the library: split at '\n', as `grep -n` and editors count, but an old
/// Mac file's (no '\n' but perhaps a last one, and a '\r') at '\r'.
fn numbered_lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let body = text.strip_suffix('\n').unwrap_or(text);
    let end = if !body.contains('\n') && body.contains('\r') {
        '\r'
    } else {
        '\n'
    };
    let mut lines: Vec<&str> = text.split(end).collect();
    if text.ends_with(end) {
        lines.pop();
    }
    lines
}

/// Every span a record or a diagnostic claims.
fn spans(notice: &Notice) -> Vec<LineSpan> {
    let doc = &notice.document;
    let mut spans: Vec<LineSpan> = doc.lines.into_iter().chain(doc.tail_lines).collect();
    for s in &notice.sections {
        spans.push(s.lines);
        spans.extend(s.intro_lines);
    }
    spans.extend(notice.tasks.iter().map(|t| t.lines));
    spans.extend(notice.requirements.iter().map(|r| r.lines));
    spans.extend(notice.annex.as_ref().map(|a| a.lines));
    spans.extend(notice.livelihood_projects.iter().map(|p| p.lines));
    spans.extend(notice.diagnostics.iter().map(|d| LineSpan::line(d.line)));
    spans
}
