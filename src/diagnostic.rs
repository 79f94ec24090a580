//! Diagnostics: what a reading noticed, each tied to an input line.
//!
//! Nothing is dropped silently. A line that fits no construct becomes an
//! [`Code::Unrecognized`] diagnostic carrying its line number; numbers out of
//! order, missing fields and clauses outside the grammar are warnings too.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// The notice was read, but something in it is off.
    Warning,
    /// Part of the notice could not be read. No diagnostic of this version
    /// is an error: every finding is a warning, and a notice that cannot be
    /// read at all is an [`Error`](crate::Error). The severity is kept so
    /// that a later version may report a part it could not read without a
    /// breaking change.
    Error,
}

/// What a diagnostic is about; JSON and `check` print it in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Code {
    /// A line that fits no construct.
    Unrecognized,
    /// A task number out of order, missing or repeated.
    TaskNumber,
    /// A part heading out of order (一、二、…).
    PartNumber,
    /// A task without 分管省领导, or with an empty one.
    MissingLeaders,
    /// A task without 部门分工.
    MissingDivision,
    /// A 部门分工 clause outside the grammar.
    DivisionGrammar,
    /// A clause whose lead list is empty.
    EmptyLead,
    /// A leader name that is not 2–4 Han characters, or is a body's name.
    LeaderName,
    /// A department name that does not look like a body.
    DepartmentName,
    /// An annex row missing its number, task, leader or department, or
    /// numbered out of order; or an annex heading with no rows under it.
    AnnexRow,
    /// The year in the notice's title differs from the plan's.
    YearMismatch,
    /// The input ends inside a task, or before the notice's closing lines.
    Truncated,
    /// A field label given twice in one task, or a tail line given twice.
    DuplicateField,
    /// The tail (公开方式, 抄送, 印发) out of its shape.
    Tail,
    /// An annex category cell that is not numbered '一、…'.
    AnnexCategory,
    /// An envelope without its document number, title or plan title.
    Envelope,
    /// A task without 工作措施 in a part whose other tasks have them.
    MissingMeasures,
    /// A task title of more than one sentence: a lost '工作措施：' label, or
    /// a line read into the title.
    TaskTitle,
    /// A measure that does not end a sentence: a stray line read into the
    /// measures, or words lost at a page end.
    Measure,
}

impl Code {
    /// The snake_case name used in JSON and in `check` output.
    ///
    /// ```
    /// assert_eq!(fengong::Code::MissingLeaders.as_str(), "missing_leaders");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Unrecognized => "unrecognized",
            Code::TaskNumber => "task_number",
            Code::PartNumber => "part_number",
            Code::MissingLeaders => "missing_leaders",
            Code::MissingDivision => "missing_division",
            Code::DivisionGrammar => "division_grammar",
            Code::EmptyLead => "empty_lead",
            Code::LeaderName => "leader_name",
            Code::DepartmentName => "department_name",
            Code::AnnexRow => "annex_row",
            Code::YearMismatch => "year_mismatch",
            Code::Truncated => "truncated",
            Code::DuplicateField => "duplicate_field",
            Code::Tail => "tail",
            Code::AnnexCategory => "annex_category",
            Code::Envelope => "envelope",
            Code::MissingMeasures => "missing_measures",
            Code::TaskTitle => "task_title",
            Code::Measure => "measure",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a reading noticed, at an input line.
///
/// ```
/// use fengong::{Code, Diagnostic};
/// let d = Diagnostic::warning(Code::Unrecognized, 7, "line fits no construct");
/// assert_eq!(d.line, 7);
/// assert_eq!(serde_json::to_value(&d)?["code"], "unrecognized");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What it is about.
    pub code: Code,
    /// The 1-based input line.
    pub line: u32,
    /// What was found, in words.
    pub message: String,
    /// The offending words, when they are a part of the line; `check` puts a caret under them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

impl Diagnostic {
    /// A warning at `line`.
    pub fn warning(code: Code, line: u32, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            line,
            message: message.into(),
            excerpt: None,
        }
    }

    /// The same diagnostic, pointing at `excerpt` within its line.
    ///
    /// ```
    /// let d = fengong::Diagnostic::warning(fengong::Code::LeaderName, 3, "odd name")
    ///     .with_excerpt("张");
    /// assert_eq!(d.excerpt.as_deref(), Some("张"));
    /// ```
    pub fn with_excerpt(mut self, excerpt: impl Into<String>) -> Self {
        self.excerpt = Some(excerpt.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}: {severity}[{}]: {}",
            self.line, self.code, self.message
        )
    }
}
