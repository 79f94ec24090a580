//! The CI gate: checks beyond what reading reports, and their rendering.
//!
//! When a new year's notice is released, `parse-notice check FILE` says
//! whether it was read completely. Reading already reports lines that fit
//! nowhere, task and part numbers out of order and missing fields; [`lint`]
//! adds the checks of the records' shape:
//!
//! - every leader name is 2–4 Han characters and not a body's name
//!   (`leader_name`);
//! - a title of one sentence (`task_title`), measures that end sentences
//!   (`measure`), and 工作措施 for every task among tasks that have them
//!   (`missing_measures`);
//! - every department name looks like a body: no sentence punctuation, at most
//!   40 characters, no '牵头' or '配合' left inside (`department_name`);
//! - a clause whose lead list is empty (`empty_lead`);
//! - every annex row has a number, task, leader and department, and a plan
//!   that speaks of its 民生实事 has their annex (`annex_row`);
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
use crate::model::{Division, LineSpan, Notice, Task};
use crate::task::{mark_of, Mark};
use crate::text::{is_cjk, is_han, squeeze};

/// Everything the CI gate reports for a notice: the reading's own
/// diagnostics and the shape checks of [`lint`], in line order. This is
/// what `parse-notice check` prints; `text` is what was parsed.
///
/// ```
/// let text = include_str!("../fixtures/guangdong-2023.txt");
/// let notice = fengong::parse(text)?;
/// assert!(fengong::check::findings(&notice, text).is_empty());
///
/// // task 53's '工作措施：' label lost: its measures run into its title
/// let damaged = text.replacen("工作措施：实施同线同标同质工程。", "实施同线同标同质工程。", 1);
/// let notice = fengong::parse(&damaged)?;
/// let found = fengong::check::findings(&notice, &damaged);
/// let codes: Vec<_> = found.iter().map(|d| (d.code, d.line)).collect();
/// assert_eq!(codes, [(fengong::Code::TaskTitle, 457)]);
/// assert_eq!(found[0].task, Some(53));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn findings(notice: &Notice<'_>, text: &str) -> Vec<Diagnostic> {
    let mut all = notice.diagnostics.clone();
    all.extend(lint(notice, text));
    all.sort_by_key(|d| d.line);
    all
}

/// The shape checks of a notice's records; `text` is what was parsed, to
/// find the line each finding stands on. [`findings`] adds the reading's
/// own diagnostics.
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
    let known = KnownLeaders::of(notice);
    let mut found = Vec::new();
    for task in &notice.tasks {
        let mut at = Locator::new(&lines, task.lines);
        sentence_checks(task, &mut at, &mut found);
        let odd_leaders = task.leaders.iter().filter_map(|n| Some((n, known.odd(n)?)));
        for (name, why) in odd_leaders.take(MAX_PER_RECORD) {
            let message = format!("task {}: leader name '{name}' {why}", task.number);
            let line = at.item_line(LEADERS, name, true);
            found.push(
                Diagnostic::warning(Code::LeaderName, line, message).with_excerpt(name.as_ref()),
            );
        }
        if let Some(division) = &task.departments {
            department_checks(division, task.number, &mut at, &mut found);
        }
    }
    measures_checks(&notice.tasks, &mut found);
    for row in &notice.livelihood_projects {
        annex_row_checks(row, &known, &mut found);
    }
    year_check(notice, &lines, &mut found);
    annex_check(notice, &lines, &mut found);
    found.sort_by_key(|d| d.line);
    crate::model::place_in_tasks(&notice.tasks, &mut found);
    found
}

/// At most this many findings of one kind are reported for one record.
const MAX_PER_RECORD: usize = 8;

/// The labels of a task's fields, as they stand in its lines.
const MEASURES: &str = "工作措施";
const LEADERS: &str = "分管省领导";
const DIVISION: &str = "部门分工";

/// A task's title of more than one sentence (`task_title`), and measures
/// that do not end a sentence (`measure`).
///
/// ```text
/// 53. 推进内外贸产品同线同标同质，开展“粤贸全国”经贸活动。实施同线同标同质工程。…
///                                                       ^ a second sentence: the label lost
/// 工作措施：实施同线同标同质工程。…发动不少于 1 万家次的广东企业参加。
/// 这是一行多余的文字                                    ← a measure with no stop
/// ```
fn sentence_checks(task: &Task<'_>, at: &mut Locator<'_>, found: &mut Vec<Diagnostic>) {
    let sentences = title_sentences(&task.title);
    if sentences > 1 {
        let message = format!(
            "task {}: the title holds {sentences} sentences: a '工作措施：' label may be lost, or a line read into it",
            task.number
        );
        found.push(Diagnostic::warning(
            Code::TaskTitle,
            task.lines.first,
            message,
        ));
    }
    let open = task
        .measures
        .iter()
        .filter(|m| !crate::task::ends_sentence(m) && !is_aside(m));
    for measure in open.take(MAX_PER_RECORD) {
        // its last eight characters, to find its line by
        let from = measure.char_indices().rev().nth(7).map_or(0, |(at, _)| at);
        let tail = measure[from..].to_string();
        let line = at.item_line(MEASURES, &tail, false);
        let message = format!(
            "task {}: the measure '{measure}' does not end a sentence",
            task.number
        );
        found.push(Diagnostic::warning(Code::Measure, line, message).with_excerpt(tail));
    }
}

/// How many sentences a title holds: '。', '！' or '？' outside quotes and
/// brackets ends one ('落实“制造业当家。”要求。' is one).
///
/// ```text
/// 推进内外贸产品同线同标同质，开展“粤贸全国”经贸活动。              1
/// 推进…经贸活动。实施同线同标同质工程。                               2
/// ```
fn title_sentences(title: &str) -> usize {
    let (mut depth, mut count, mut open) = (0usize, 0, false);
    // straight quotes open and close alike: '实施"一把手。"工程。'
    let mut straight = false;
    for c in title.chars() {
        match (c, mark_of(c)) {
            ('"', _) => straight = !straight,
            (_, Some(Mark::Open)) => depth += 1,
            (_, Some(Mark::Close)) => depth = depth.saturating_sub(1),
            (_, Some(Mark::Stop)) if depth == 0 && !straight => {
                count += usize::from(open);
                open = false;
                continue;
            }
            _ => {}
        }
        open |= !crate::text::is_space(c);
    }
    count + usize::from(open)
}

/// A bracketed aside after a measure's stop ('（2023 年底前完成）'): no
/// sentence of its own, but no stray line either.
fn is_aside(measure: &str) -> bool {
    measure.starts_with(['（', '(']) && measure.ends_with(['）', ')'])
}

/// Tasks without measures among tasks of their part that have them
/// (`missing_measures`). The targets of part 一 have none and every task of
/// the other parts has some; a run of tasks without them is reported when
/// tasks with them stand on both sides of it, or when it is the part's
/// only run and one task. A longer run at a part's start is the targets of
/// a part whose heading was lost (reported as `part_number`), and a target
/// after targets with measures is a target, not measures lost. A task whose
/// measures ran into its title is reported as `task_title` instead.
///
/// ```text
/// 52. 加快建设现代流通体系。            工作措施：…
/// 53. 推进内外贸产品同线同标同质，…      ← no 工作措施: reported
/// 54. 全年安排省重点建设项目 1530 个、…  工作措施：…
/// ```
fn measures_checks(tasks: &[Task<'_>], found: &mut Vec<Diagnostic>) {
    let bare = |t: &Task<'_>| t.measures.is_empty() && title_sentences(&t.title) <= 1;
    for part in tasks.chunk_by(|a, b| a.section == b.section) {
        if part.iter().all(bare) {
            continue;
        }
        let runs: Vec<&[Task<'_>]> = part.chunk_by(|a, b| bare(a) == bare(b)).collect();
        let bare_runs = runs.iter().filter(|run| bare(&run[0])).count();
        let mut before = 0;
        for run in runs {
            let after = part.len() - before - run.len();
            let enclosed = before > 0 && after > 0;
            let lone = run.len() == 1 && bare_runs == 1;
            if bare(&run[0]) && (enclosed || lone) {
                for task in run {
                    let message = format!(
                        "task {} has no 工作措施, though other tasks of part {} have them",
                        task.number, task.section
                    );
                    let d = Diagnostic::warning(Code::MissingMeasures, task.lines.first, message);
                    found.push(d);
                }
            }
            before += run.len();
        }
    }
}

fn annex_row_checks(
    row: &crate::model::LivelihoodProject<'_>,
    known: &KnownLeaders<'_>,
    found: &mut Vec<Diagnostic>,
) {
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
    let odd_leaders = row.leaders.iter().filter_map(|n| Some((n, known.odd(n)?)));
    for (name, why) in odd_leaders.take(MAX_PER_RECORD) {
        let message = format!("annex row {}: leader name '{name}' {why}", row.number);
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
        let clause_line = at.label_line(DIVISION);
        let message = format!("task {task}: the 部门分工 clause names no leading department");
        found.push(Diagnostic::warning(Code::EmptyLead, clause_line, message));
    }
    let bodies = division.lead.iter().chain(&division.support);
    let odd = bodies.filter_map(|body| odd_department(&body.written).map(|why| (body, why)));
    for (body, why) in odd.take(MAX_PER_RECORD) {
        let message = format!("task {task}: department '{}' {why}", body.written);
        let excerpt: String = body.written.chars().take(40).collect();
        found.push(
            Diagnostic::warning(
                Code::DepartmentName,
                at.item_line(DIVISION, &body.written, false),
                message,
            )
            .with_excerpt(excerpt),
        );
    }
}

/// Finds the line of a record's span that holds some words.
///
/// The span's lines are squeezed (spaces dropped) and joined once, so that
/// words a page end broke are found whole; a place in the joined text maps
/// back to the line it came from.
///
/// ```text
/// 457 | 53. 推进内外贸产品同线同标同质，开展“粤贸全国”经贸        ← '同' stands here first
/// 463 | 分管省领导：张新、吕玉印、同                             ← the item '同' stands here
/// ```
struct Locator<'a> {
    lines: &'a [&'a str],
    span: LineSpan,
    joined: Option<Joined>,
}

/// A span's lines squeezed and joined, with where each line starts.
struct Joined {
    text: String,
    starts: Vec<usize>,
}

/// What separates the items of a leader list or a department clause.
const SEPARATORS: [char; 7] = ['：', ':', '、', '，', ',', '；', ';'];

impl<'a> Locator<'a> {
    fn new(lines: &'a [&'a str], span: LineSpan) -> Self {
        Locator {
            lines,
            span,
            joined: None,
        }
    }

    fn joined(&mut self) -> &Joined {
        let (lines, span) = (self.lines, self.span);
        self.joined.get_or_insert_with(|| {
            let first = (span.first as usize).saturating_sub(1).min(lines.len());
            let last = (span.last as usize).min(lines.len()).max(first);
            let mut joined = Joined {
                text: String::new(),
                starts: Vec::with_capacity(last - first),
            };
            for line in &lines[first..last] {
                joined.starts.push(joined.text.len());
                joined.text.push_str(&squeeze(line));
            }
            joined
        })
    }

    /// The span's line holding the byte `at` of the joined text.
    fn line_at(&mut self, at: usize) -> u32 {
        let first = self.span.first;
        let starts = &self.joined().starts;
        let index = starts
            .partition_point(|&start| start <= at)
            .saturating_sub(1);
        first.saturating_add(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// The byte range of the joined text from `label` to the next field's
    /// label (or the end); `None` when the label stands nowhere.
    fn field(&mut self, label: &str) -> Option<std::ops::Range<usize>> {
        let text = &self.joined().text;
        let start = text.find(label)?;
        let after = start + label.len();
        let end = [MEASURES, LEADERS, DIVISION]
            .iter()
            .filter_map(|other| text[after..].find(other).map(|at| after + at))
            .min()
            .unwrap_or(text.len());
        Some(start..end)
    }

    /// The line where `needle` first stands (spaces ignored).
    fn find_line(&mut self, needle: &str) -> Option<u32> {
        let needle = squeeze(needle);
        let at = self.joined().text.find(needle.as_ref())?;
        Some(self.line_at(at))
    }

    /// The line where `needle` first stands, or the span's first line.
    fn text_line(&mut self, needle: &str) -> u32 {
        self.find_line(needle).unwrap_or(self.span.first)
    }

    /// The line of the field's label, or the span's first line.
    fn label_line(&mut self, label: &str) -> u32 {
        match self.field(label) {
            Some(field) => self.line_at(field.start),
            None => self.span.first,
        }
    }

    /// The line of `needle` as an item of the field under `label`: after a
    /// separator and, when `whole`, before one or the field's end. Failing
    /// that, where the words first stand in the field; then the label's line.
    fn item_line(&mut self, label: &str, needle: &str, whole: bool) -> u32 {
        let needle = squeeze(needle);
        let Some(field) = self.field(label) else {
            return self.span.first;
        };
        let text = &self.joined().text[field.clone()];
        let starts_item = |at: usize| text[..at].ends_with(SEPARATORS);
        let ends_item = |end: usize| {
            let rest = &text[end..];
            !whole || rest.is_empty() || rest.starts_with(SEPARATORS) || rest.starts_with('。')
        };
        let mut places = text.match_indices(needle.as_ref()).map(|(at, _)| at);
        let item = places
            .clone()
            .find(|&at| starts_item(at) && ends_item(at + needle.len()));
        let at = item.or_else(|| places.next()).unwrap_or(0);
        self.line_at(field.start + at)
    }
}

/// Whether `name` looks like a person's name: 2–4 Han characters, and not
/// a body's ([`odd_leader`]).
///
/// ```
/// use fengong::check::is_leader_name;
/// assert!(is_leader_name("王曦") && is_leader_name("吕玉印"));
/// assert!(!is_leader_name("张") && !is_leader_name("Zhang") && !is_leader_name("省商务厅"));
/// ```
pub fn is_leader_name(name: &str) -> bool {
    odd_leader(name).is_none()
}

/// Why a leader name does not look like a person's, if it does not: not
/// 2–4 Han characters, or a body's name (starting '省', or ending '厅',
/// '局', '委', '办' or '署': a department read into the leaders).
///
/// ```
/// use fengong::check::odd_leader;
/// assert_eq!(odd_leader("孙志洋"), None);
/// assert_eq!(odd_leader("张"), Some("is not 2–4 Han characters"));
/// assert_eq!(odd_leader("省商务厅"), Some("is a body's name, not a person's"));
/// ```
pub fn odd_leader(name: &str) -> Option<&'static str> {
    let count = name.chars().count();
    if !(2..=4).contains(&count) || !name.chars().all(is_han) {
        Some("is not 2–4 Han characters")
    } else if name.starts_with('省') || name.ends_with(['厅', '局', '委', '办', '署']) {
        Some("is a body's name, not a person's")
    } else {
        None
    }
}

/// The names of two or three characters the notice gives its leaders, in
/// tasks and annex rows alike: two of them run together ('王曦张虎', from
/// '王 曦 张 虎' or a lost '、') make a name that looks like a person's.
struct KnownLeaders<'n>(std::collections::HashSet<&'n str>);

impl<'n> KnownLeaders<'n> {
    fn of(notice: &'n Notice<'_>) -> Self {
        let tasks = notice.tasks.iter().flat_map(|t| &t.leaders);
        let rows = notice.livelihood_projects.iter().flat_map(|r| &r.leaders);
        let short = |name: &&str| name.chars().count() <= 3 && odd_leader(name).is_none();
        KnownLeaders(
            tasks
                .chain(rows)
                .map(|n| n.as_ref())
                .filter(short)
                .collect(),
        )
    }

    /// Why `name` does not look like one leader's name, if it does not:
    /// two known names run together, or [`odd_leader`]'s reasons.
    ///
    /// ```text
    /// 王曦张虎      → is two of the notice's leaders run together ('王曦', '张虎')
    /// 张新吕玉印    → … ('张新', '吕玉印')
    /// ```
    fn odd(&self, name: &str) -> Option<std::borrow::Cow<'static, str>> {
        let split = (2..=3).find_map(|k| {
            let (at, _) = name.char_indices().nth(k)?;
            let (first, second) = name.split_at(at);
            let known = |part: &str| self.0.contains(part);
            (known(first) && known(second)).then_some((first, second))
        });
        match split {
            Some((first, second)) => Some(
                format!("is two of the notice's leaders run together ('{first}', '{second}')")
                    .into(),
            ),
            None => odd_leader(name).map(Into::into),
        }
    }
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

/// The year of the notice's title against the plan title's
/// (`year_mismatch`), reported at the title's line.
///
/// ```text
///  7 | 广东省人民政府关于印发2024年 省《政府工作报告》工作任务 分工方案的通知
/// 17 | 2023 年省《政府工作报告》工作任务 分工方案
/// ```
fn year_check(notice: &Notice<'_>, lines: &[&str], found: &mut Vec<Diagnostic>) {
    let doc = &notice.document;
    let (Some(title), Some(year), Some(span)) = (&doc.title, doc.year, doc.lines) else {
        return;
    };
    let Some(title_year) = crate::envelope::year_of(title) else {
        return;
    };
    if title_year != year {
        let mut at = Locator::new(lines, span);
        let line = at.text_line(title);
        let plan_line = doc.plan_title.as_deref().map(|plan| at.text_line(plan));
        let plan = match plan_line {
            Some(line) => format!("the plan title (line {line})"),
            None => "the plan title".to_string(),
        };
        let message = format!("the notice's title says {title_year}, {plan} {year}");
        let d = Diagnostic::warning(Code::YearMismatch, line, message);
        found.push(d.with_excerpt(title_year.to_string()));
    }
}

/// A notice that speaks of its livelihood projects (民生实事) in its
/// preamble or requirements but has no annex table (`annex_row`): the
/// annex lost whole, heading and all.
///
/// ```text
///   17 | 为认真落实…现就省《政府工作报告》确定的…以及省十件民生实事进行细化分解…
/// 1581 | 附件：2023 年省十件民生实事任务分解表                ← gone, and the table with it
/// ```
fn annex_check(notice: &Notice<'_>, lines: &[&str], found: &mut Vec<Diagnostic>) {
    const PROJECTS: &str = "民生实事";
    if notice.annex.is_some() || !notice.livelihood_projects.is_empty() {
        return;
    }
    let spans = notice.document.lines.into_iter();
    let spans = spans.chain(notice.requirements.iter().map(|r| r.lines));
    let line = spans
        .filter_map(|span| Locator::new(lines, span).find_line(PROJECTS))
        .next();
    if let Some(line) = line {
        let message = "the plan speaks of its 民生实事, but no annex table of them was read";
        found.push(Diagnostic::warning(Code::AnnexRow, line, message).with_excerpt(PROJECTS));
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
    /// One line of JSON, `{"file": …, "diagnostics": […]}`, in that key
    /// order; no summary line.
    Json,
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
/// let json = render("n.txt", text, &[], Format::Json);
/// assert_eq!(json, "{\"file\":\"n.txt\",\"diagnostics\":[]}\n");
/// ```
pub fn render(name: &str, text: &str, diagnostics: &[Diagnostic], format: Format) -> String {
    if format == Format::Json {
        return json_report(name, diagnostics);
    }
    let lines: Vec<&str> = crate::source::lines(text).map(|l| l.text).collect();
    let mut out = String::new();
    for d in diagnostics {
        match format {
            Format::Human => human(&mut out, name, &lines, d),
            Format::Github => github(&mut out, name, d),
            Format::Json => {}
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
        Format::Github | Format::Json => {}
    }
    out
}

/// One file's line of [`Format::Json`], its keys in this order.
#[derive(serde::Serialize)]
struct Report<'a> {
    file: &'a str,
    diagnostics: &'a [Diagnostic],
}

fn json_report(file: &str, diagnostics: &[Diagnostic]) -> String {
    let report = Report { file, diagnostics };
    // strings, numbers and lists of them: serde_json cannot fail on it, but
    // if it did, the file would still get a line of JSON, not a panic
    let json = serde_json::to_string(&report).unwrap_or_else(|e| {
        serde_json::json!({ "file": file, "error": e.to_string() }).to_string()
    });
    format!("{json}\n")
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

/// A GitHub Actions error annotation for the file `name` that could not be
/// read at all, for the reason `parse-notice` gives on its `error:` line.
///
/// ```
/// let out = fengong::check::github_error("notices/a,b.txt", "no such file");
/// assert_eq!(out, "::error file=notices/a%2Cb.txt,title=unreadable::no such file\n");
/// ```
pub fn github_error(name: &str, reason: &str) -> String {
    format!(
        "::error file={},title=unreadable::{}\n",
        escape_property(name),
        escape_data(reason)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_sentences() {
        let cases = [
            ("推进内外贸产品同线同标同质，开展“粤贸全国”经贸活动。", 1),
            ("推进…经贸活动。实施同线同标同质工程。", 2),
            ("落实“制造业当家。”要求。", 1),
            ("实施制造业当家\"一把手。\"工程。", 1),
            ("推进（试点。）工作", 1),
            ("加快建设“数字湾区”", 1),
            ("", 0),
        ];
        for (title, expected) in cases {
            assert_eq!(title_sentences(title), expected, "{title}");
        }
    }

    #[test]
    fn leaders_that_are_bodies() {
        let cases = [
            ("冉波", None),
            ("欧阳卫民", None),
            ("省长", Some("is a body's name, not a person's")),
            ("省政府", Some("is a body's name, not a person's")),
            ("商务厅", Some("is a body's name, not a person's")),
            ("港澳办", Some("is a body's name, not a person's")),
            ("王曦张虎冯", Some("is not 2–4 Han characters")),
        ];
        for (name, why) in cases {
            assert_eq!(odd_leader(name), why, "{name}");
        }
    }

    #[test]
    fn departments_that_are_no_bodies() {
        let forty = "省".repeat(40);
        let forty_one = "省".repeat(41);
        let cases = [
            ("省商务厅", None),
            ("海关总署广东分署", None),
            (&forty[..], None),
            (&forty_one[..], Some("is longer than 40 characters")),
            ("省商务厅：市场监管局", Some("holds sentence punctuation")),
            ("省商务厅牵头", Some("still holds '牵头' or '配合'")),
            ("省工业和信息化厅配合", Some("still holds '牵头' or '配合'")),
        ];
        for (name, why) in cases {
            assert_eq!(odd_department(name), why, "{name}");
        }
    }

    #[test]
    fn asides_are_bracketed_whole() {
        let cases = [
            ("（2023 年底前完成）", true),
            ("(2023年底前完成)", true),
            // a bracket at one end only: a measure that lost its stop
            ("（一）推进试点工作", false),
            ("推进试点工作（2023 年底前）", false),
            ("推进试点工作", false),
            ("", false),
        ];
        for (measure, aside) in cases {
            assert_eq!(is_aside(measure), aside, "{measure}");
        }
    }

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
