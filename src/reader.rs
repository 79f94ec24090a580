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

use crate::annex::{self, Row, TableLine};
use crate::diagnostic::{Code, Diagnostic};
use crate::envelope::{self, cc_list, plan_title, printed_on, tail_label};
use crate::error::Error;
use crate::model::{Annex, Division, Document, Mode, Notice, Requirement, Section, Task};
use crate::part::{part_heading, requirement_parts};
use crate::reflow::{self, Block, Kind};
use crate::source::{self, Line};
use crate::task::{self, label, leader_names, sentences, task_header, Label};
use crate::text::{is_space, normalize};

/// Reads a notice from its text.
pub(crate) fn read(text: &str) -> Result<Notice, Error> {
    let lines = source::lines(text);
    if text.is_empty() {
        return Err(Error::Empty);
    }
    if lines.iter().all(Line::is_blank) {
        return Err(Error::WhitespaceOnly);
    }
    let body_start = body_start(&lines);
    let mut document = Document::default();
    let mut diagnostics = Vec::new();
    envelope::read_envelope(&lines[..body_start], &mut document, &mut diagnostics);
    let mut body = Body::new(&lines, document, diagnostics);
    for block in reflow::blocks(&lines[body_start..]) {
        body.block(block);
    }
    body.finish()
}

/// Where the body begins: the first part heading or task after the plan title.
fn body_start(lines: &[Line<'_>]) -> usize {
    let starts_body = |l: &Line<'_>| {
        matches!(
            reflow::classify(l.text),
            Kind::PartHeading | Kind::TaskHeader
        )
    };
    let first_task = lines
        .iter()
        .position(|l| task_header(l.text).is_ok())
        .unwrap_or(lines.len());
    let after_title = lines[..first_task]
        .iter()
        .position(|l| plan_title(l.text).is_some())
        .map_or(0, |p| p + 1);
    lines[after_title..]
        .iter()
        .position(starts_body)
        .map_or(lines.len(), |p| p + after_title)
}

/// A task being read: its header seen, its fields coming.
struct Draft {
    task: Task,
    measures_seen: bool,
    leaders_seen: bool,
    division_line: Option<u32>,
}

/// The state of the body's reading.
struct Body<'s> {
    lines: &'s [Line<'s>],
    notice: Notice,
    draft: Option<Draft>,
    rows: Vec<Row>,
    previous: Option<Kind>,
}

impl<'s> Body<'s> {
    fn new(lines: &'s [Line<'s>], document: Document, diagnostics: Vec<Diagnostic>) -> Self {
        Body {
            lines,
            notice: Notice {
                document,
                sections: Vec::new(),
                tasks: Vec::new(),
                requirements: Vec::new(),
                annex: None,
                livelihood_projects: Vec::new(),
                diagnostics,
            },
            draft: None,
            rows: Vec::new(),
            previous: None,
        }
    }

    fn warn(&mut self, code: Code, line: u32, message: impl Into<String>) {
        self.notice
            .diagnostics
            .push(Diagnostic::warning(code, line, message));
    }

    /// One `unrecognized` diagnostic for every non-blank line of the block.
    fn unrecognized(&mut self, block: &Block<'_>, why: &str) {
        let first = block.lines.first as usize - 1;
        let last = (block.lines.last as usize).min(self.lines.len());
        for line in self.lines[first..last].iter().filter(|l| !l.is_blank()) {
            let d = Diagnostic::warning(Code::Unrecognized, line.number, why)
                .with_excerpt(line.text.trim_matches(is_space));
            self.notice.diagnostics.push(d);
        }
    }

    fn block(&mut self, block: Block<'_>) {
        match block.kind {
            Kind::PartHeading => self.part(&block),
            Kind::TaskHeader => self.task(&block),
            Kind::Label(l) => self.field(l, &block),
            Kind::Requirement => self.requirement(&block),
            Kind::AnnexStart => self.annex(&block),
            Kind::TableRow => self.table_row(&block),
            Kind::Disclosure | Kind::CarbonCopy | Kind::PrintedOn => self.tail(block.kind, &block),
            Kind::Text => self.text(&block),
        }
        self.previous = Some(block.kind);
    }

    fn part(&mut self, block: &Block<'_>) {
        self.close_task();
        let Ok((title, number)) = part_heading(&block.text) else {
            return self.unrecognized(block, "part heading without a numeral");
        };
        self.notice.sections.push(Section {
            number,
            title: normalize(title).into_owned(),
            tasks: Vec::new(),
            line: block.lines.first,
            intro: None,
            intro_lines: None,
        });
    }

    fn task(&mut self, block: &Block<'_>) {
        self.close_task();
        let Ok((title, number)) = task_header(&block.text) else {
            return self.unrecognized(block, "task header without a number");
        };
        let section = match self.notice.sections.last_mut() {
            Some(section) => {
                section.tasks.push(number);
                section.number
            }
            None => 0,
        };
        self.draft = Some(Draft {
            task: Task {
                number,
                section,
                title: task::title(title),
                measures: Vec::new(),
                leaders: Vec::new(),
                departments: None,
                lines: block.lines,
            },
            measures_seen: false,
            leaders_seen: false,
            division_line: None,
        });
    }

    fn field(&mut self, which: Label, block: &Block<'_>) {
        let Some(draft) = self.draft.as_mut() else {
            return self.unrecognized(block, &format!("'{}：' outside any task", which.as_str()));
        };
        let Ok((value, _)) = label(&block.text) else {
            return self.unrecognized(block, "field label without its colon");
        };
        draft.task.lines.extend_to(block.lines.last);
        let seen = match which {
            Label::Measures => std::mem::replace(&mut draft.measures_seen, true),
            Label::Leaders => std::mem::replace(&mut draft.leaders_seen, true),
            Label::Division => draft.division_line.replace(block.lines.first).is_some(),
        };
        if seen {
            let message = format!(
                "task {} gives '{}：' twice; the first is kept",
                draft.task.number,
                which.as_str()
            );
            return self.warn(Code::DuplicateField, block.lines.first, message);
        }
        match which {
            Label::Measures => draft.task.measures = sentences(&normalize(value)),
            Label::Leaders => draft.task.leaders = leader_names(value),
            Label::Division => draft.task.departments = Some(Division::parse(value)),
        }
    }

    fn close_task(&mut self) {
        let Some(draft) = self.draft.take() else {
            return;
        };
        let (number, first) = (draft.task.number, draft.task.lines.first);
        if !draft.leaders_seen {
            self.warn(
                Code::MissingLeaders,
                first,
                format!("task {number} has no 分管省领导"),
            );
        }
        match (&draft.task.departments, draft.division_line) {
            (None, _) => self.warn(
                Code::MissingDivision,
                first,
                format!("task {number} has no 部门分工"),
            ),
            (Some(d), Some(line)) if d.mode == Mode::Unparsed => {
                let d = Diagnostic::warning(
                    Code::DivisionGrammar,
                    line,
                    format!("task {number}: the 部门分工 clause is outside the grammar (X牵头，Y等配合 / X牵头 / X、Y按职责分工负责)"),
                )
                .with_excerpt(d.text.clone());
                self.notice.diagnostics.push(d);
            }
            _ => {}
        }
        self.notice.tasks.push(draft.task);
    }

    fn requirement(&mut self, block: &Block<'_>) {
        self.close_task();
        let Ok((rest, number)) = crate::part::requirement_heading(&block.text) else {
            return self.unrecognized(block, "requirement without a numeral");
        };
        let (title, text) = requirement_parts(rest);
        self.notice.requirements.push(Requirement {
            number,
            title,
            text,
            lines: block.lines,
        });
    }

    fn annex(&mut self, block: &Block<'_>) {
        self.close_task();
        let title = block.text.split_once(['：', ':']).map_or("", |(_, t)| t);
        self.notice.annex = Some(Annex {
            title: normalize(title).into_owned(),
            lines: block.lines,
        });
    }

    fn table_row(&mut self, block: &Block<'_>) {
        let Some(annex) = self.notice.annex.as_mut() else {
            return self.unrecognized(block, "table row outside the annex");
        };
        match annex::table_line(&block.text, block.lines.first) {
            TableLine::Header => annex.lines.extend_to(block.lines.last),
            TableLine::Row(row) => {
                annex.lines.extend_to(block.lines.last);
                self.rows.push(*row);
            }
            TableLine::Other => self.unrecognized(block, "annex row without a number"),
        }
    }

    fn tail(&mut self, kind: Kind, block: &Block<'_>) {
        self.close_task();
        let doc = &mut self.notice.document;
        match &mut doc.tail_lines {
            Some(span) => span.extend_to(block.lines.last),
            None => doc.tail_lines = Some(block.lines),
        }
        let value = tail_label(&block.text).map_or("", |(rest, _)| rest);
        match kind {
            Kind::Disclosure => doc.disclosure = Some(normalize(value).into_owned()),
            Kind::CarbonCopy => doc.cc = cc_list(value),
            _ => {
                if let Some((office, date)) = printed_on(&block.text) {
                    doc.printed_by = office.or(doc.printed_by.take());
                    doc.printed_on = Some(date);
                }
            }
        }
    }

    fn text(&mut self, block: &Block<'_>) {
        match self.previous {
            Some(Kind::PartHeading) => {
                if let Some(section) = self.notice.sections.last_mut() {
                    section.intro = Some(normalize(&block.text).into_owned());
                    section.intro_lines = Some(block.lines);
                    return;
                }
            }
            Some(Kind::AnnexStart) => {
                if let Some(annex) = self.notice.annex.as_mut() {
                    annex.lines.extend_to(block.lines.last);
                    return;
                }
            }
            Some(Kind::CarbonCopy | Kind::Disclosure)
                if self.notice.document.printed_by.is_none() =>
            {
                let doc = &mut self.notice.document;
                doc.printed_by = Some(normalize(&block.text).into_owned());
                if let Some(span) = doc.tail_lines.as_mut() {
                    span.extend_to(block.lines.last);
                }
                return;
            }
            _ => {}
        }
        self.unrecognized(block, "line fits no construct of the notice");
    }

    fn finish(mut self) -> Result<Notice, Error> {
        if let Some(draft) = &self.draft {
            let incomplete = !draft.leaders_seen || draft.division_line.is_none();
            if incomplete {
                let (number, last) = (draft.task.number, draft.task.lines.last);
                self.warn(
                    Code::Truncated,
                    last,
                    format!("the input ends inside task {number}"),
                );
            }
        }
        self.close_task();
        self.notice.livelihood_projects = annex::projects(std::mem::take(&mut self.rows));
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
        Ok(notice)
    }
}

/// Task numbers run 1..N with no gap or repeat; parts run 一, 二, … in order.
fn number_checks(notice: &mut Notice) {
    let mut found = Vec::new();
    let mut expected = 1;
    for task in &notice.tasks {
        let line = task.lines.first;
        let n = task.number;
        if n == expected {
        } else if n + 1 == expected {
            found.push(Diagnostic::warning(
                Code::TaskNumber,
                line,
                format!("task number {n} repeats"),
            ));
        } else if n > expected {
            let missing = if n == expected + 1 {
                format!("{expected}")
            } else {
                format!("{expected}–{}", n - 1)
            };
            found.push(Diagnostic::warning(
                Code::TaskNumber,
                line,
                format!("task {n} follows task {}: {missing} missing", expected - 1),
            ));
        } else {
            found.push(Diagnostic::warning(
                Code::TaskNumber,
                line,
                format!("task {n} is out of order after task {}", expected - 1),
            ));
        }
        expected = expected.max(n + 1);
    }
    let mut expected = 1;
    for section in &notice.sections {
        let n = section.number;
        if n != expected {
            let message = format!("part {n} stands where part {expected} is expected");
            found.push(Diagnostic::warning(Code::PartNumber, section.line, message));
        }
        expected = expected.max(n + 1);
    }
    notice.diagnostics.extend(found);
}
