//! Bytes → `parse_bytes`, with the property the tests check: every
//! non-blank line of the text read is claimed by a record (document, tail,
//! section, task, requirement, annex, livelihood project) or a diagnostic,
//! but for a line holding only a page number ('— 12 —', '12').
//! Spans must name lines the text has, first ≤ last.

#![no_main]

use fengong::{LineSpan, Notice};
use libfuzzer_sys::fuzz_target;

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// The lines as the reader numbers them: split at '\n' here, as a user
/// would, and checked against the library's own numbering
/// (`LineSpan::quote`, which also reads old Mac files split at '\r').
fn lines(text: &str) -> Vec<&str> {
    let numbered: Vec<&str> = LineSpan::new(1, u32::MAX).quote(text).collect();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    if lines.len() != numbered.len() {
        // an old Mac file: its lines end at '\r'
        return numbered;
    }
    lines
}

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

fuzz_target!(|data: &[u8]| {
    let Ok(notice) = fengong::parse_bytes(data) else {
        return;
    };
    let text = fengong::read_text(data).expect("parse_bytes read this text");
    let lines = lines(&text);
    let mut depth = vec![0i64; lines.len() + 2];
    for span in spans(&notice) {
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
        assert!(
            covered > 0 || line.chars().all(is_space) || fengong::text::is_page_number(line.trim()),
            "line {} lost: {line:?}",
            i + 1
        );
    }
});
