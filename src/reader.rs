//! From lines to records: the envelope, then the body's blocks in order.
//!
//! ```text
//! notice = envelope body
//! body   = *part [annex] [tail]
//! part   = part-heading [intro] *(task / requirement)
//! task   = task-header [measures] [leaders] [division]
//! annex  = annex-start [caption] *(header-row / row)
//! ```
//!
//! The envelope runs up to the first part heading after the plan's own title
//! ('2023 年省《政府工作报告》工作任务 分工方案'); everything after it is
//! reflowed into blocks ([`crate::reflow`]) and read here one block at a
//! time. A block that fits nowhere becomes one `unrecognized` diagnostic per
//! input line.

use std::borrow::Cow;

use crate::annex::{self, Row, TableLine};
use crate::diagnostic::{Code, Diagnostic};
use crate::division;
use crate::envelope::{self, cc_list, plan_title, printed_on, tail_label};
use crate::error::Error;
use crate::model::{Annex, Document, Mode, Notice, Requirement, Section, Task};
use crate::part::{part_heading, requirement_parts};
use crate::reflow::{self, Block, Kind};
use crate::source::{self, Line};
use crate::task::{self, leader_names, task_header, Label, Stop};
use crate::text::{is_space, lift, normalize};

/// Reads a notice from its text, in one pass over its lines.
pub(crate) fn read(text: &str) -> Result<Notice<'_>, Error> {
    if text.is_empty() {
        return Err(Error::Empty);
    }
    let mut lines = source::lines(text);
    let (head, stop) = read_head(&mut lines);
    // a blank head ends only where the input does (no task header is blank)
    if head.iter().all(Line::is_blank) {
        return Err(Error::WhitespaceOnly);
    }
    let body_start = body_start(&head, stop);
    let mut document = Document::default();
    let mut diagnostics = Vec::new();
    envelope::read_envelope(&head[..body_start], &mut document, &mut diagnostics);
    // reported at the envelope's first words, or the body's when it has none
    let first_words = head.iter().find(|l| !l.is_filler()).map_or(1, |l| l.number);
    diagnostics.extend(envelope_gaps(&document, first_words));
    let mut body = Body::new(document, diagnostics, text.len());
    let body_lines = head[body_start..].iter().copied().chain(lines);
    reflow::each_block(body_lines, stop, |block| body.block(block));
    body.finish().map_err(|err| with_script_hint(err, text))
}

/// The head: every line up to and including the first task header, and
/// the stop the notice's task numbers take ([`Stop`]), which the body's
/// headers must then use.
///
/// A line numbered 'N、' is a count in the prose as often as a task: it is
/// the first task only once a part heading has been read, and only in a
/// notice with no 'N.' header anywhere.
///
/// ```text
/// 《…分工方案》已经省政府全体会议审议通过，现印发给你们
/// 1、加强组织领导。                ← text: no part heading yet
/// 一、2023 年经济社会发展主要预期目标
/// 1、稳中求进。                    ← text: a 'N.' header follows
/// 1. 地区生产总值增长 5% 以上。    ← the first task: Stop::Dot
/// ```
fn read_head<'a>(lines: &mut source::Lines<'a>) -> (Vec<Line<'a>>, Stop) {
    let mut head = Vec::new();
    let mut body_seen = false;
    let mut dot_header_later = None;
    while let Some(line) = lines.next() {
        body_seen = body_seen || part_heading(line.text).is_ok();
        let stop = task_header(line.text).ok().map(|(_, (_, stop))| stop);
        head.push(line);
        match stop {
            Some(Stop::Dot) => return (head, Stop::Dot),
            Some(Stop::Comma) if body_seen => {
                // looked for once: the head's later counts stand before it too
                let later = *dot_header_later.get_or_insert_with(|| has_dot_header(lines.clone()));
                if !later {
                    return (head, Stop::Comma);
                }
            }
            _ => {}
        }
    }
    (head, Stop::Dot)
}

/// Whether any of `lines` is a task header numbered 'N.'.
fn has_dot_header(mut lines: source::Lines<'_>) -> bool {
    lines.any(|l| matches!(task_header(l.text), Ok((_, (_, Stop::Dot)))))
}

/// The labels a copy in traditional characters (繁體) prints in place of
/// 分管省领导 and 部门分工, as the provincial portal's 繁體版 gives them.
const TRADITIONAL_LABELS: [&str; 2] = ["分管省領導", "部門分工"];

/// Names the line of a traditional-script label when a text is refused for
/// having no task fields: such a copy is a notice, only not in the script
/// the reader knows.
///
/// ```text
/// 分管省領導：張虎      ← 領導, not 领导: the label is not read
/// 部門分工：省發展改革委牽頭，各地、各部門配合。
/// ```
fn with_script_hint(err: Error, text: &str) -> Error {
    let Error::NotANotice { reason } = err else {
        return err;
    };
    let found = source::lines(text).find_map(|line| {
        let label = TRADITIONAL_LABELS
            .into_iter()
            .find(|label| line.text.contains(label))?;
        Some((line.number, label))
    });
    let reason = match found {
        Some((line, label)) => format!(
            "{reason}; line {line} has '{label}' in traditional characters (繁體): convert the text to simplified characters first"
        ),
        None => reason,
    };
    Error::NotANotice { reason }
}

/// Where the body begins within the head: the first part heading after the
/// plan title, or else the head's first task header, its last line.
fn body_start(head: &[Line<'_>], stop: Stop) -> usize {
    let ends_in_task = head
        .last()
        .is_some_and(|l| matches!(task_header(l.text), Ok((_, (_, its))) if its == stop));
    let first_task = head.len() - usize::from(ends_in_task);
    let after_title = head[..first_task]
        .iter()
        .position(|l| plan_title(l.text).is_some())
        .map_or(0, |p| p + 1);
    head[after_title..first_task]
        .iter()
        .position(|l| reflow::classify(l, stop) == Kind::PartHeading)
        .map_or(first_task, |p| p + after_title)
}

/// What has been seen of the task being read — the last of
/// `notice.tasks`, filled in place as its fields come.
struct Draft {
    measures_seen: bool,
    /// The line of the first '分管省领导：'.
    leaders_line: Option<u32>,
    /// The line of the first '部门分工：'.
    division_line: Option<u32>,
}

/// Notes `line` as where a field first stands in `slot`; true when it
/// stood there already (the field is given twice).
fn first_line(slot: &mut Option<u32>, line: u32) -> bool {
    if slot.is_some() {
        return true;
    }
    *slot = Some(line);
    false
}

/// The state of the body's reading.
struct Body<'a> {
    notice: Notice<'a>,
    draft: Option<Draft>,
    rows: Vec<Row<'a>>,
    previous: Option<Kind>,
    /// The last input line read so far.
    last_line: u32,
    /// A task's sentences as they are split, before they go into a list
    /// of their own, of the right size.
    sentences: Vec<Cow<'a, str>>,
    /// Room for the names of a department clause, from clause to clause.
    names: division::Room,
}

impl<'a> Body<'a> {
    /// A reading of a notice of `len` bytes.
    fn new(document: Document<'a>, diagnostics: Vec<Diagnostic>, len: usize) -> Self {
        let last_line = document.lines.map_or(1, |span| span.last);
        Body {
            last_line,
            notice: Notice {
                document,
                sections: Vec::new(),
                // a task takes about 750 bytes in the 2023 notice: room for
                // all the tasks up front, so that a long input's tasks are
                // never moved as the list grows (at most a quarter of the
                // input's size, reserved and touched only as tasks come)
                tasks: Vec::with_capacity(len / 640),
                requirements: Vec::new(),
                annex: None,
                livelihood_projects: Vec::new(),
                diagnostics,
            },
            draft: None,
            rows: Vec::new(),
            previous: None,
            sentences: Vec::new(),
            names: division::Room::default(),
        }
    }

    fn warn(&mut self, code: Code, line: u32, message: impl Into<String>) {
        self.notice
            .diagnostics
            .push(Diagnostic::warning(code, line, message));
    }

    /// One `unrecognized` diagnostic for every non-blank line of the block.
    fn unrecognized(&mut self, block: &Block<'_>, why: &str) {
        for (line, text) in block.pieces() {
            let d = Diagnostic::warning(Code::Unrecognized, line, why)
                .with_excerpt(text.trim_matches(is_space));
            self.notice.diagnostics.push(d);
        }
    }

    fn block(&mut self, block: &Block<'a>) {
        self.last_line = block.lines.last;
        match block.kind {
            Kind::PartHeading => self.part(block),
            Kind::TaskHeader { number, title_at } => self.task(number, title_at, block),
            Kind::Label { label, value_at } => self.field(label, value_at, block),
            Kind::Requirement => self.requirement(block),
            Kind::AnnexStart if !self.annex(block) => {
                // a rejected heading takes no caption or continuation
                self.previous = None;
                return;
            }
            Kind::AnnexStart => {}
            Kind::TableRow => self.table_row(block),
            Kind::Disclosure | Kind::CarbonCopy | Kind::PrintedOn => self.tail(block.kind, block),
            // the heading stays open for its intro after its wrapped rest
            Kind::Text if self.heading_rest(block) => return,
            Kind::Text => self.text(block),
        }
        self.previous = Some(block.kind);
    }

    fn part(&mut self, block: &Block<'a>) {
        self.close_task();
        let Ok((title, number)) = part_heading(&block.text) else {
            return self.unrecognized(block, "part heading without a numeral");
        };
        self.notice.sections.push(Section {
            number,
            title: lift(&block.text, normalize(title)),
            tasks: Vec::new(),
            lines: block.lines,
            intro: None,
            intro_lines: None,
        });
    }

    /// A task header, its number and title read by [`reflow::classify`]
    /// from the block's first line. A header continued on the next line is
    /// read again whole: '12.' then '5G基站…' reads '12.5G…', a number, not
    /// a header.
    fn task(&mut self, number: u32, title_at: usize, block: &Block<'a>) {
        self.close_task();
        let (title, number) = if block.more.is_empty() {
            (block.text.get(title_at..).unwrap_or_default(), number)
        } else {
            match task_header(&block.text) {
                Ok((title, (number, _))) => (title, number),
                Err(_) => return self.unrecognized(block, "task header without a number"),
            }
        };
        let section = match self.notice.sections.last_mut() {
            Some(section) => {
                section.tasks.push(number);
                section.number
            }
            None => 0,
        };
        self.notice.tasks.push(Task {
            number,
            section,
            title: task::title(&block.text, title),
            measures: Vec::new(),
            leaders: Vec::new(),
            departments: None,
            lines: block.lines,
        });
        self.draft = Some(Draft {
            measures_seen: false,
            leaders_line: None,
            division_line: None,
        });
    }

    /// A field of the task being read, its label read by [`reflow::classify`].
    fn field(&mut self, which: Label, value_at: usize, block: &Block<'a>) {
        let (Some(draft), Some(task)) = (self.draft.as_mut(), self.notice.tasks.last_mut()) else {
            return self.unrecognized(block, &format!("'{}：' outside any task", which.as_str()));
        };
        let value = block.text.get(value_at..).unwrap_or_default();
        task.lines.extend_to(block.lines.last);
        let seen = match which {
            Label::Measures => std::mem::replace(&mut draft.measures_seen, true),
            Label::Leaders => first_line(&mut draft.leaders_line, block.lines.first),
            Label::Division => first_line(&mut draft.division_line, block.lines.first),
        };
        if seen {
            let message = format!(
                "task {} gives '{}：' twice; the first is kept",
                task.number,
                which.as_str()
            );
            return self.warn(Code::DuplicateField, block.lines.first, message);
        }
        match which {
            Label::Measures => {
                task::measures(block, value, &mut self.sentences);
                task.measures = self.sentences.drain(..).collect();
            }
            Label::Leaders => task.leaders = leader_names(&block.text, value),
            Label::Division => {
                task.departments = Some(division::read(&block.text, value, &mut self.names))
            }
        }
    }

    fn close_task(&mut self) {
        let (Some(draft), Some(task)) = (self.draft.take(), self.notice.tasks.last()) else {
            return;
        };
        let (number, first) = (task.number, task.lines.first);
        // an empty '分管省领导：' is reported where it stands
        let leaders_line = draft.leaders_line.unwrap_or(first);
        let missing_leaders = draft.leaders_line.is_none() || task.leaders.is_empty();
        let missing_division = task.departments.is_none();
        let unparsed = match (&task.departments, draft.division_line) {
            (Some(d), Some(line)) if d.mode == Mode::Unparsed => Some((line, d.text.to_string())),
            _ => None,
        };
        if missing_leaders {
            self.warn(
                Code::MissingLeaders,
                leaders_line,
                format!("task {number} has no 分管省领导"),
            );
        }
        if missing_division {
            self.warn(
                Code::MissingDivision,
                first,
                format!("task {number} has no 部门分工"),
            );
        }
        if let Some((line, text)) = unparsed {
            let d = Diagnostic::warning(
                Code::DivisionGrammar,
                line,
                format!("task {number}: the 部门分工 clause is outside the grammar (X牵头，Y等配合 / X牵头 / X、Y按职责分工负责)"),
            )
            .with_excerpt(text);
            self.notice.diagnostics.push(d);
        }
    }

    fn requirement(&mut self, block: &Block<'a>) {
        self.close_task();
        let Ok((rest, number)) = crate::part::requirement_heading(&block.text) else {
            return self.unrecognized(block, "requirement without a numeral");
        };
        let (title, text) = requirement_parts(&block.text, rest);
        self.notice.requirements.push(Requirement {
            number,
            title,
            text,
            lines: block.lines,
        });
    }

    /// Reads an annex heading; false when it is a second one, reported.
    fn annex(&mut self, block: &Block<'a>) -> bool {
        self.close_task();
        let title = block.text.split_once(['：', ':']).map_or("", |(_, t)| t);
        let title = lift(&block.text, normalize(title));
        match self.notice.annex.as_mut() {
            None => {
                self.notice.annex = Some(Annex {
                    title,
                    lines: block.lines,
                });
                true
            }
            Some(annex) => {
                annex.lines.extend_to(block.lines.last);
                let why = if annex.title == title {
                    "the annex heading repeats"
                } else {
                    "a second annex: only the first is read"
                };
                self.unrecognized(block, why);
                false
            }
        }
    }

    fn table_row(&mut self, block: &Block<'a>) {
        let Some(annex) = self.notice.annex.as_mut() else {
            return self.unrecognized(block, "table row outside the annex");
        };
        match annex::table_line(&block.text, block.lines.first) {
            TableLine::Header => annex.lines.extend_to(block.lines.last),
            TableLine::Row(row) => {
                annex.lines.extend_to(block.lines.last);
                if let Some(cell) = &row.odd_category {
                    let message = format!("annex category cell '{cell}' is not numbered '一、…'; the row is kept in the category above");
                    let d = Diagnostic::warning(Code::AnnexCategory, block.lines.first, message)
                        .with_excerpt(cell.clone());
                    self.notice.diagnostics.push(d);
                }
                self.rows.push(*row);
            }
            TableLine::Other => self.unrecognized(block, "annex row without a number"),
        }
    }

    fn tail(&mut self, kind: Kind, block: &Block<'a>) {
        self.close_task();
        let doc = &mut self.notice.document;
        match &mut doc.tail_lines {
            Some(span) => span.extend_to(block.lines.last),
            None => doc.tail_lines = Some(block.lines),
        }
        let value = tail_label(&block.text).map_or("", |(rest, _)| rest);
        let repeated = match kind {
            Kind::Disclosure => doc
                .disclosure
                .replace(lift(&block.text, normalize(value)))
                .is_some(),
            Kind::CarbonCopy => !std::mem::replace(&mut doc.cc, cc_list(value)).is_empty(),
            _ => match printed_on(&block.text) {
                Some((office, date)) => {
                    if let Some(office) = &office {
                        if let Some(d) = odd_office(office, block.lines.first) {
                            self.notice.diagnostics.push(d);
                        }
                    }
                    let doc = &mut self.notice.document;
                    doc.printed_by = office.map(Cow::Owned).or(doc.printed_by.take());
                    doc.printed_on.replace(date).is_some()
                }
                None => false,
            },
        };
        if repeated {
            let message = "a line of the tail given twice; the last is kept";
            self.warn(Code::DuplicateField, block.lines.first, message);
        }
        if kind == Kind::CarbonCopy && !block.text.ends_with('。') {
            let message = "the 抄送 list does not end with '。': a printing office after it would be read into it";
            self.warn(Code::Tail, block.lines.last, message);
        }
    }

    /// Reads a text block right after a part heading as the rest of the
    /// heading a wrap broke off, when it is short and ends no sentence;
    /// false when it is not (an intro is a paragraph of sentences).
    ///
    /// ```text
    /// 二、纵深推进粤港澳大湾区、深圳先行示范区建设，高水平建设横琴、
    /// 前海、南沙三大平台                       ← the heading's rest
    /// ```
    fn heading_rest(&mut self, block: &Block<'a>) -> bool {
        let Some(section) = self.notice.sections.last_mut() else {
            return false;
        };
        if self.previous != Some(Kind::PartHeading) {
            return false;
        }
        let rest = normalize(&block.text);
        // an intro may be short, but it ends a sentence or opens a list
        // ('主要预期目标如下：')
        let is_rest = rest.chars().count() <= MAX_HEADING_REST
            && !rest.contains(['。', '！', '？', '；'])
            && !rest.ends_with(['：', ':']);
        if is_rest {
            section.title.to_mut().push_str(&rest);
            section.lines.extend_to(block.lines.last);
        }
        is_rest
    }

    fn text(&mut self, block: &Block<'a>) {
        match self.previous {
            Some(Kind::PartHeading) => {
                if let Some(section) = self.notice.sections.last_mut() {
                    section.intro = Some(lift(&block.text, normalize(&block.text)));
                    section.intro_lines = Some(block.lines);
                    return;
                }
            }
            Some(Kind::AnnexStart) => {
                if let Some(annex) = self.notice.annex.as_mut() {
                    if caption_or_continuation(&mut annex.title, &normalize(&block.text)) {
                        annex.lines.extend_to(block.lines.last);
                        return;
                    }
                }
            }
            Some(Kind::CarbonCopy | Kind::Disclosure)
                if self.notice.document.printed_by.is_none() =>
            {
                let office = lift(&block.text, normalize(&block.text));
                if let Some(d) = odd_office(&office, block.lines.first) {
                    self.notice.diagnostics.push(d);
                }
                let doc = &mut self.notice.document;
                doc.printed_by = Some(office);
                if let Some(span) = doc.tail_lines.as_mut() {
                    span.extend_to(block.lines.last);
                }
                return;
            }
            _ => {}
        }
        self.unrecognized(block, "line fits no construct of the notice");
    }

    /// One `truncated` warning when the input stops inside a task or
    /// before the notice's closing '…印发' line.
    fn truncation(&mut self) {
        let last_line = self.last_line;
        let open = self.draft.as_ref().zip(self.notice.tasks.last());
        let message = match open {
            Some((d, task)) if d.leaders_line.is_none() || d.division_line.is_none() => {
                format!("the input ends inside task {}", task.number)
            }
            _ if self.notice.document.printed_on.is_none() => {
                "the input ends without the notice's closing lines (公开方式, 抄送, …印发)"
                    .to_string()
            }
            _ => return,
        };
        self.warn(Code::Truncated, last_line, message);
    }

    fn finish(mut self) -> Result<Notice<'a>, Error> {
        self.truncation();
        self.close_task();
        self.notice.livelihood_projects = annex::projects(std::mem::take(&mut self.rows));
        if let Some(annex) = &self.notice.annex {
            if self.notice.livelihood_projects.is_empty() {
                let message = format!("the annex '{}' has no rows", annex.title);
                self.warn(Code::AnnexRow, annex.lines.first, message);
            }
        }
        let notice = self.notice;
        let carries_fields = |t: &Task| !t.leaders.is_empty() || t.departments.is_some();
        if !notice.tasks.iter().any(carries_fields) {
            return Err(Error::NotANotice {
                reason: "no numbered task carrying 分管省领导 or 部门分工".to_string(),
            });
        }
        let mut notice = notice;
        number_checks(&mut notice);
        notice.diagnostics.sort_by_key(|d| d.line);
        crate::model::place_in_tasks(&notice.tasks, &mut notice.diagnostics);
        Ok(notice)
    }
}

/// A `tail` warning when the printing office read from `line` holds the
/// punctuation of a list: the 抄送 list's later lines, read into the office
/// when the line with its label is lost.
///
/// ```text
/// 公开方式：主动公开
///                                      ← '抄送：省委有关部委办，…，省' lost
/// 纪委监委办公厅，南部战区、…，中直驻粤有关单位。
/// 广东省人民政府办公厅秘书处
/// ```
fn odd_office(office: &str, line: u32) -> Option<Diagnostic> {
    let marks = ['，', '、', '。', '；', ',', ';'];
    let at = office.find(marks)?;
    let message = format!(
        "the printing office '{office}' holds the punctuation of a list: a 抄送 line may be lost"
    );
    Some(Diagnostic::warning(Code::Tail, line, message).with_excerpt(&office[..at]))
}

/// An `envelope` warning naming what the envelope lacks of its document
/// number, title and plan title, at `line`.
///
/// ```text
/// 广东省人民政府文件                                   issuer
/// 粤府〔2023〕18号                                     document number
/// 广东省人民政府关于印发2023年 省《政府工作报告》…的通知  title
/// 2023 年省《政府工作报告》工作任务 分工方案            plan title
/// ```
fn envelope_gaps(document: &Document<'_>, line: u32) -> Option<Diagnostic> {
    // the issuer's line ('广东省人民政府文件') is the printed copy's: web
    // copies go without it, and are not reported for that
    let missing: Vec<&str> = [
        (
            document.doc_number.is_none(),
            "document number (粤府〔…〕…号)",
        ),
        (document.title.is_none(), "title (…的通知)"),
        (document.plan_title.is_none(), "plan title (…分工方案)"),
    ]
    .into_iter()
    .filter_map(|(absent, what)| absent.then_some(what))
    .collect();
    if missing.is_empty() {
        return None;
    }
    let message = format!("the envelope has no {}", missing.join(", "));
    Some(Diagnostic::warning(Code::Envelope, line, message))
}

/// The text after '附件：…' is the table's caption when it repeats the
/// title; otherwise it continues a title a wrap broke ('…任务分解' / '表'),
/// possibly followed by the caption.
fn caption_or_continuation(title: &mut Cow<'_, str>, text: &str) -> bool {
    if text == *title {
        return true;
    }
    // title + a == b, where text = a + b: the wrapped rest, then the caption
    let rest_len = text.len().saturating_sub(title.len()) / 2;
    if let (Some(rest), Some(caption)) = (text.get(..rest_len), text.get(rest_len..)) {
        if caption.strip_prefix(&**title) == Some(rest) {
            title.to_mut().push_str(rest);
            return true;
        }
    }
    // a short piece without a stop continues the title; anything else is not the annex's
    let short = text.chars().count() <= MAX_TITLE_REST && !text.contains(['。', '\t']);
    if short {
        title.to_mut().push_str(text);
    }
    short
}

/// The most characters a wrap can have left of a part heading (the 2023
/// notice's longest heading is 50 characters).
const MAX_HEADING_REST: usize = 60;

/// The most characters a wrap can have left of an annex title.
const MAX_TITLE_REST: usize = 16;

/// Task numbers run 1..N with no gap or repeat; so do annex rows; parts
/// run 一, 二, … in order.
fn number_checks(notice: &mut Notice) {
    let tasks: Vec<(u32, u32)> = notice
        .tasks
        .iter()
        .map(|t| (t.number, t.lines.first))
        .collect();
    let rows: Vec<(u32, u32)> = notice
        .livelihood_projects
        .iter()
        .map(|p| (p.number, p.lines.first))
        .collect();
    let parts: Vec<(u32, u32)> = notice
        .sections
        .iter()
        .map(|s| (s.number, s.lines.first))
        .collect();
    let mut found = sequence(&tasks, "task", Code::TaskNumber);
    found.extend(sequence(&rows, "annex row", Code::AnnexRow));
    found.extend(sequence(&parts, "part", Code::PartNumber));
    notice.diagnostics.extend(found);
}

/// Findings in a run of `(number, line)` that should count 1, 2, 3, …
///
/// One misnumbered item (1, 2, 2, 4) is one finding; a gap names what is
/// missing; a repeat or a step back names the item before it.
fn sequence(items: &[(u32, u32)], what: &str, code: Code) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // counted in u64: a number may be u32::MAX, and the next one expected after it
    let mut expected = 1u64;
    for (i, &(n, line)) in items.iter().enumerate() {
        let n = u64::from(n);
        let previous = expected.saturating_sub(1);
        let next = items.get(i + 1).map(|&(next, _)| u64::from(next));
        let message = if n == expected {
            None
        } else if next == Some(expected.saturating_add(1)) {
            Some(format!(
                "{what} numbered {n} stands where {expected} is expected"
            ))
        } else if n.saturating_add(1) == expected {
            Some(format!("{what} number {n} repeats"))
        } else if n > expected {
            let missing = if n == expected + 1 {
                format!("{expected}")
            } else {
                format!("{expected}–{}", n - 1)
            };
            match previous {
                0 => Some(format!(
                    "the first {what} is numbered {n}: {missing} missing"
                )),
                _ => Some(format!(
                    "{what} {n} follows {what} {previous}: {missing} missing"
                )),
            }
        } else {
            Some(format!(
                "{what} {n} is out of order after {what} {previous}"
            ))
        };
        let misnumbered = n != expected && next == Some(expected.saturating_add(1));
        if let Some(message) = message {
            found.push(Diagnostic::warning(code, line, message));
        }
        expected = if misnumbered {
            expected + 1
        } else {
            expected.max(n.saturating_add(1))
        };
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_continued_by_a_number_is_no_header() {
        // '13.' on its own line, its title starting with a digit on the next:
        // read whole, '13.5G…' is a number, not a task header (as the reading
        // before the header was taken from the first line alone had it)
        let fixture = include_str!("../fixtures/guangdong-2023.txt");
        let broken = fixture.replacen("13. 推动三地规则衔接", "13.\n5G推动三地规则衔接", 1);
        let notice = read(&broken).expect("reads");
        assert_eq!(notice.tasks.len(), 179);
        assert!(notice.tasks.iter().all(|t| t.number != 13));
        let header = notice
            .diagnostics
            .iter()
            .find(|d| d.line == 101)
            .expect("a diagnostic at line 101");
        assert_eq!(header.code, Code::Unrecognized);
        assert!(
            header.message.contains("task header without a number"),
            "{header:?}"
        );
        // a header standing on one line, or continued by words, is read
        let words = fixture.replacen("13. 推动三地规则衔接", "13.\n推动三地规则衔接", 1);
        let notice = read(&words).expect("reads");
        assert_eq!(notice.tasks.len(), 180);
        assert!(notice.tasks[12].title.starts_with("推动三地规则衔接"));
    }

    #[test]
    fn annex_captions() {
        let cases = [
            (
                "2023年省十件民生实事任务分解表",
                "2023年省十件民生实事任务分解表",
                "2023年省十件民生实事任务分解表",
            ),
            (
                "2023年省十件民生实事任务分解",
                "表2023年省十件民生实事任务分解表",
                "2023年省十件民生实事任务分解表",
            ),
            (
                "2023年省十件民生",
                "实事任务分解表",
                "2023年省十件民生实事任务分解表",
            ),
        ];
        for (title, text, expected) in cases {
            let mut title = Cow::Borrowed(title);
            assert!(caption_or_continuation(&mut title, text), "{text:?}");
            assert_eq!(title, expected, "{text:?}");
        }
        let mut title = Cow::Borrowed("分解表");
        let table = "事项序号工作任务分管省领导省牵头部门及主要负责人、分管负责人";
        assert!(!caption_or_continuation(&mut title, table));
        assert_eq!(title, "分解表");
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let items = [(u32::MAX, 1), (5, 2), (u32::MAX, 3)];
        let got: Vec<String> = sequence(&items, "task", Code::TaskNumber)
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            got,
            [
                "the first task is numbered 4294967295: 1–4294967294 missing",
                "task 5 is out of order after task 4294967295",
                "task number 4294967295 repeats"
            ]
        );
    }

    #[test]
    fn sequences() {
        let cases: [(&[u32], &[&str]); 6] = [
            (&[1, 2, 3], &[]),
            (
                &[1, 2, 2, 4],
                &["task numbered 2 stands where 3 is expected"],
            ),
            (&[1, 2, 4, 5], &["task 4 follows task 2: 3 missing"]),
            (&[1, 2, 3, 3, 4], &["task number 3 repeats"]),
            (&[1, 5, 6], &["task 5 follows task 1: 2–4 missing"]),
            (
                &[2, 1, 3],
                &[
                    "the first task is numbered 2: 1 missing",
                    "task 1 is out of order after task 2",
                ],
            ),
        ];
        for (numbers, expected) in cases {
            let items: Vec<(u32, u32)> = numbers.iter().map(|&n| (n, n.min(9))).collect();
            let got: Vec<String> = sequence(&items, "task", Code::TaskNumber)
                .into_iter()
                .map(|d| d.message)
                .collect();
            assert_eq!(got, expected, "{numbers:?}");
        }
    }
}
