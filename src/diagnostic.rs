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

impl Code {
    /// Every code, in the order they are declared (new ones are added at the
    /// end).
    ///
    /// ```
    /// use fengong::Code;
    /// assert_eq!(Code::all()[0], Code::Unrecognized);
    /// assert!(Code::all().iter().all(|c| c.as_str().parse() == Ok(*c)));
    /// ```
    pub fn all() -> &'static [Code] {
        &[
            Code::Unrecognized,
            Code::TaskNumber,
            Code::PartNumber,
            Code::MissingLeaders,
            Code::MissingDivision,
            Code::DivisionGrammar,
            Code::EmptyLead,
            Code::LeaderName,
            Code::DepartmentName,
            Code::AnnexRow,
            Code::YearMismatch,
            Code::Truncated,
            Code::DuplicateField,
            Code::Tail,
            Code::AnnexCategory,
            Code::Envelope,
            Code::MissingMeasures,
            Code::TaskTitle,
            Code::Measure,
        ]
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code from its snake_case name, as JSON and `check` print it.
///
/// ```
/// use fengong::Code;
/// assert_eq!("missing_leaders".parse(), Ok(Code::MissingLeaders));
/// assert_eq!("MissingLeaders".parse::<Code>().unwrap_err().to_string(), "no diagnostic code 'MissingLeaders'");
/// ```
impl std::str::FromStr for Code {
    type Err = UnknownCode;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Code::all()
            .iter()
            .copied()
            .find(|code| code.as_str() == name)
            .ok_or_else(|| UnknownCode(name.to_string()))
    }
}

/// A name that is no diagnostic [`Code`]'s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no diagnostic code '{0}'")]
pub struct UnknownCode(pub String);

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
    /// The number of the task whose lines hold `line`, if one does; JSON
    /// leaves it out otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<u32>,
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
            task: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each code's place in [`Code::all`]. The match has no wildcard: a new
    /// code fails to compile here until it is given a place, and the test
    /// below then fails until `Code::all` holds it there.
    fn place(code: Code) -> usize {
        match code {
            Code::Unrecognized => 0,
            Code::TaskNumber => 1,
            Code::PartNumber => 2,
            Code::MissingLeaders => 3,
            Code::MissingDivision => 4,
            Code::DivisionGrammar => 5,
            Code::EmptyLead => 6,
            Code::LeaderName => 7,
            Code::DepartmentName => 8,
            Code::AnnexRow => 9,
            Code::YearMismatch => 10,
            Code::Truncated => 11,
            Code::DuplicateField => 12,
            Code::Tail => 13,
            Code::AnnexCategory => 14,
            Code::Envelope => 15,
            Code::MissingMeasures => 16,
            Code::TaskTitle => 17,
            Code::Measure => 18,
        }
    }

    #[test]
    fn all_holds_every_code_once_and_names_parse_back() {
        let all = Code::all();
        assert_eq!(all.len(), 19);
        // in the order of declaration, which the derived `Ord` follows
        assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
        for (at, code) in all.iter().enumerate() {
            assert_eq!(place(*code), at, "{code}");
            assert_eq!(code.as_str().parse::<Code>(), Ok(*code));
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        assert_eq!(
            "task-number".parse::<Code>(),
            Err(UnknownCode("task-number".to_string()))
        );
    }
}
