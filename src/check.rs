//! The CI gate: checks beyond what reading reports, and their rendering.
//!
//! When a new year's notice is released, `parse-notice check FILE` says
//! whether it was read completely. Reading already reports lines that fit
//! nowhere, task and part numbers out of order and missing fields; [`lint`]
//! adds the checks of the records' shape:
//!
//! - every leader name is 2–4 Han characters (`leader_name`);
//! - every department name looks like a body: no sentence punctuation, at most
//!   40 characters, no '牵头' or '配合' left inside (`department_name`);
//! - a clause whose lead list is empty (`empty_lead`);
//! - every annex row has a number, task, leader and department (`annex_row`);
//! - the year in the notice's title agrees with the plan title (`year_mismatch`).
//!
//! [`render`] prints a diagnostic as compilers do, with the source line and
//! a caret under the offending words:
//!
//! ```text
//! notice.txt:25: warning[leader_name]: leader name '张' is not 2–4 Han characters
//!    25 | 分管省领导：张
//!       |             ^^
//! ```

use std::fmt::Write as _;

use unicode_segmentation::UnicodeSegmentation;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Division, LineSpan, Notice};
use crate::text::{is_cjk, is_han, squeeze};

/// The shape checks of a notice's records; `text` is what was parsed, to
/// find the line each finding stands on.
///
/// ```
/// let text = include_str!("../fixtures/guangdong-2023.txt");
/// let notice = fengong::parse(text)?;
/// assert!(fengong::check::lint(&notice, text).is_empty());
///
/// let damaged = text.replace("分管省领导：张虎、吕玉印", "分管省领导：张");
/// let notice = fengong::parse(&damaged)?;
/// let found = fengong::check::lint(&notice, &damaged);
/// assert_eq!(found[0].code, fengong::Code::LeaderName);
/// assert_eq!(found[0].line, 115);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn lint(notice: &Notice<'_>, text: &str) -> Vec<Diagnostic> {
    let lines: Vec<&str> = crate::source::lines(text).map(|l| l.text).collect();
    let mut found = Vec::new();
    for task in &notice.tasks {
        let mut at = Locator::new(&lines, task.lines);
        let odd_leaders = task.leaders.iter().filter(|n| !is_leader_name(n));
        for name in odd_leaders.take(MAX_PER_RECORD) {
            let message = format!(
                "task {}: leader name '{name}' is not 2–4 Han characters",
                task.number
            );
            found.push(
                Diagnostic::warning(Code::LeaderName, at.line_of(name), message)
                    .with_excerpt(name.as_ref()),
            );
        }
        if let Some(division) = &task.departments {
            department_checks(division, task.number, &mut at, &mut found);
        }
    }
    for row in &notice.livelihood_projects {
        annex_row_checks(row, &mut found);
    }
    year_check(notice, &mut found);
    found.sort_by_key(|d| d.line);
    found
}

/// At most this many findings of one kind are reported for one record.
const MAX_PER_RECORD: usize = 8;

fn annex_row_checks(row: &crate::model::LivelihoodProject<'_>, found: &mut Vec<Diagnostic>) {
    let line = row.lines.first;
    let missing: Vec<&str> = [
        (row.number == 0, "number"),
        (row.task.is_empty(), "task"),
        (row.leaders.is_empty(), "leader"),
        (row.department.is_none(), "department"),
    ]
    .into_iter()
    .filter_map(|(absent, what)| absent.then_some(what))
    .collect();
    if !missing.is_empty() {
        let message = format!("annex row {} has no {}", row.number, missing.join(", "));
        found.push(Diagnostic::warning(Code::AnnexRow, line, message));
    }
    for name in row
        .leaders
        .iter()
        .filter(|n| !is_leader_name(n))
        .take(MAX_PER_RECORD)
    {
        let message = format!(
            "annex row {}: leader name '{name}' is not 2–4 Han characters",
            row.number
        );
        found
            .push(Diagnostic::warning(Code::LeaderName, line, message).with_excerpt(name.as_ref()));
    }
}

fn department_checks(
    division: &Division,
    task: u32,
    at: &mut Locator<'_>,
    found: &mut Vec<Diagnostic>,
) {
    if division.lead.is_empty() && division.mode != crate::model::Mode::Unparsed {
        let clause_line = at.line_of(&division.text.chars().take(8).collect::<String>());
        let message = format!("task {task}: the 部门分工 clause names no leading department");
        found.push(Diagnostic::warning(Code::EmptyLead, clause_line, message));
    }
    let bodies = division.lead.iter().chain(&division.support);
    let odd = bodies.filter_map(|body| odd_department(&body.written).map(|why| (body, why)));
    for (body, why) in odd.take(MAX_PER_RECORD) {
        let message = format!("task {task}: department '{}' {why}", body.written);
        let excerpt: String = body.written.chars().take(40).collect();
        found.push(
            Diagnostic::warning(Code::DepartmentName, at.line_of(&body.written), message)
                .with_excerpt(excerpt),
        );
    }
}

/// Finds the line of a record's span that holds some words, squeezing the
/// span's lines once.
struct Locator<'a> {
    lines: &'a [&'a str],
    span: LineSpan,
    squeezed: Option<Vec<String>>,
}

impl<'a> Locator<'a> {
    fn new(lines: &'a [&'a str], span: LineSpan) -> Self {
        Locator {
            lines,
            span,
            squeezed: None,
        }
    }

    /// The line within the span holding `needle` (spaces ignored); the span's first line otherwise.
    fn line_of(&mut self, needle: &str) -> u32 {
        let (lines, span) = (self.lines, self.span);
        let squeezed = self.squeezed.get_or_insert_with(|| {
            let first = (span.first as usize).saturating_sub(1).min(lines.len());
            let last = (span.last as usize).min(lines.len()).max(first);
            lines[first..last]
                .iter()
                .map(|l| squeeze(l).into_owned())
                .collect()
        });
        let needle = squeeze(needle);
        let found = squeezed.iter().position(|l| l.contains(needle.as_ref()));
        found.map_or(span.first, |i| span.first + i as u32)
    }
}

/// Whether `name` is 2–4 Han characters.
///
/// ```
/// use fengong::check::is_leader_name;
/// assert!(is_leader_name("王曦") && is_leader_name("吕玉印"));
/// assert!(!is_leader_name("张") && !is_leader_name("Zhang"));
/// ```
pub fn is_leader_name(name: &str) -> bool {
    let count = name.chars().count();
    (2..=4).contains(&count) && name.chars().all(is_han)
}

/// Why a department name does not look like a body, if it does not.
///
/// ```
/// use fengong::check::odd_department;
/// assert_eq!(odd_department("省发展改革委"), None);
/// assert!(odd_department("省财政厅牵头").is_some());
/// ```
pub fn odd_department(name: &str) -> Option<&'static str> {
    if name.contains(['。', '！', '？', '；', '：', ';', ':', '!', '?']) {
        Some("holds sentence punctuation")
    } else if name.chars().count() > 40 {
        Some("is longer than 40 characters")
    } else if name.contains("牵头") || name.contains("配合") {
        Some("still holds '牵头' or '配合'")
    } else {
        None
    }
}

fn year_check(notice: &Notice<'_>, found: &mut Vec<Diagnostic>) {
    let doc = &notice.document;
    let (Some(title), Some(year)) = (&doc.title, doc.year) else {
        return;
    };
    let Some(title_year) = crate::envelope::year_of(title) else {
        return;
    };
    if title_year != year {
        let line = doc.lines.map_or(1, |s| s.first);
        let message = format!("the notice's title says {title_year}, the plan title {year}");
        found.push(Diagnostic::warning(Code::YearMismatch, line, message));
    }
}

/// How `render` prints a file's diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// `FILE:LINE: warning[code]: message`, the line, a caret.
    Human,
    /// GitHub Actions annotations: `::warning file=…,line=…,title=…::…`.
    Github,
}

/// Renders `diagnostics` of the file `name`, whose text is `text`, then a
/// one-line summary.
///
/// ```
/// use fengong::{check::{render, Format}, Code, Diagnostic};
/// let text = "一、目标\n分管省领导：张\n";
/// let d = Diagnostic::warning(Code::LeaderName, 2, "odd").with_excerpt("张");
/// let out = render("n.txt", text, &[d], Format::Human);
/// assert!(out.starts_with("n.txt:2: warning[leader_name]: odd\n"));
/// assert!(out.contains("    2 | 分管省领导：张\n      |             ^^\n"));
/// ```
pub fn render(name: &str, text: &str, diagnostics: &[Diagnostic], format: Format) -> String {
    let lines: Vec<&str> = crate::source::lines(text).map(|l| l.text).collect();
    let mut out = String::new();
    for d in diagnostics {
        match format {
            Format::Human => human(&mut out, name, &lines, d),
            Format::Github => github(&mut out, name, d),
        }
    }
    let summary = match diagnostics.len() {
        0 => "read completely, no diagnostics".to_string(),
        1 => "1 diagnostic".to_string(),
        n => format!("{n} diagnostics"),
    };
    match format {
        Format::Human => {
            let _ = writeln!(out, "{name}: {summary}");
        }
        Format::Github if diagnostics.is_empty() => {
            let _ = writeln!(out, "::notice file={}::{summary}", escape_property(name));
        }
        Format::Github => {}
    }
    out
}

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn human(out: &mut String, name: &str, lines: &[&str], d: &Diagnostic) {
    let _ = writeln!(
        out,
        "{name}:{}: {}[{}]: {}",
        d.line,
        severity(d),
        d.code,
        d.message
    );
    let Some(source) = (d.line as usize).checked_sub(1).and_then(|i| lines.get(i)) else {
        return;
    };
    let source = source.trim_end_matches('\r');
    let gutter = format!("{:>5}", d.line);
    let _ = writeln!(out, "{gutter} | {}", source.replace('\t', "→"));
    let (start, width) = caret(source, d.excerpt.as_deref());
    let _ = writeln!(
        out,
        "{} | {}{}",
        " ".repeat(gutter.len()),
        " ".repeat(start),
        "^".repeat(width.max(1))
    );
}

/// Display columns before and under the excerpt (CJK characters are two wide).
fn caret(source: &str, excerpt: Option<&str>) -> (usize, usize) {
    let columns = |s: &str| {
        s.graphemes(true)
            .map(|g| if g.chars().any(is_cjk) { 2 } else { 1 })
            .sum::<usize>()
    };
    let found = excerpt
        .filter(|e| !e.is_empty())
        .and_then(|e| source.find(e).map(|at| (at, e)));
    match found {
        Some((at, e)) => (columns(&source[..at]), columns(e)),
        None => {
            let indent = source.len() - source.trim_start().len();
            (columns(&source[..indent]), columns(source.trim()))
        }
    }
}

fn escape_property(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github(out: &mut String, name: &str, d: &Diagnostic) {
    let _ = writeln!(
        out,
        "::{} file={},line={},title={}::{}",
        severity(d),
        escape_property(name),
        d.line,
        d.code,
        escape_data(&d.message)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets() {
        let cases = [
            ("分管省领导：张", Some("张"), (12, 2)),
            ("abc def", Some("def"), (4, 3)),
            ("  整行", None, (2, 4)),
            ("缺", Some("无"), (0, 2)),
        ];
        for (source, excerpt, expected) in cases {
            assert_eq!(caret(source, excerpt), expected, "{source:?}");
        }
    }

    #[test]
    fn github_lines() {
        let d = Diagnostic::warning(Code::TaskNumber, 29, "task number 2 repeats");
        let out = render("a,b.txt", "", &[d], Format::Github);
        assert_eq!(
            out,
            "::warning file=a%2Cb.txt,line=29,title=task_number::task number 2 repeats\n"
        );
    }
}
