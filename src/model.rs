//! The records a notice reads into.
//!
//! Every type here derives [`Serialize`] and [`Deserialize`]; the field names
//! are the JSON contract printed by `parse-notice` (fields may be added, none
//! renamed). Text fields hold the notice's own words with page-break pieces
//! joined and PDF spacing removed (see [`crate::text::normalize`]).
//!
//! Text fields are [`Cow<'a, str>`](Cow). The body's records read by
//! [`crate::parse`] — sections, tasks, their measures, leaders and
//! departments, requirements, annex rows — borrow from the input where their
//! words stand on one input line and need no change (a sentence of the
//! measures does even when its paragraph spans a page break); what the
//! reading had to change is owned: pieces joined across a page break, PDF
//! spacing removed, a shared head restored ('交通运输厅' → 省交通运输厅).
//! The envelope's fields (issuer, number, title, addressees, letter, plan
//! title, preamble) and the cc list are always owned; the tail's disclosure
//! borrows as the body's records do, and so does the printing office when
//! it stands on a line of its own (not on the '…印发' line). In the 2023 notice
//! about 2,800 of the tasks' 3,600 texts are borrowed.
//!
//! `into_owned` turns any record into a `'static` one that outlives its input.
//! Deserialising never borrows: it gives owned records, and
//! `Notice<'static>` is `DeserializeOwned` (so it can be read from any
//! reader). A list that is empty may be left out of the JSON read back; a
//! record's own fields (a task's number, title and lines, …) may not.
//!
//! Every record (not [`Diagnostic`], nor [`Date`], which has no default
//! day) is `#[non_exhaustive]` and has a `Default`: build one by
//! hand from the default and set its fields, and the code keeps compiling
//! when fields are added. Equality takes in where a record was read from as
//! well as its words (`lines`, a department's `written`).

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// A whole notice — 分工方案通知: the envelope, the plan's parts and tasks,
/// the work requirements, the annex and what could not be read.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// assert_eq!(notice.tasks.len(), 180);
/// assert_eq!(notice.document.doc_number.as_deref(), Some("粤府〔2023〕18号"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Notice<'a> {
    /// The envelope and the tail: issuer, number, title, cc list, print date.
    pub document: Document<'a>,
    /// Every top-level part (一、… 十二、) in order.
    #[serde(default)]
    pub sections: Vec<Section<'a>>,
    /// Every numbered task, in the order it stands.
    #[serde(default)]
    pub tasks: Vec<Task<'a>>,
    /// The numbered work requirements （一）…（三） of the last part.
    #[serde(default)]
    pub requirements: Vec<Requirement<'a>>,
    /// The annex (附件) heading, if the notice has one.
    #[serde(default)]
    pub annex: Option<Annex<'a>>,
    /// One record per numbered row of the annex table — 十件民生实事.
    #[serde(default)]
    pub livelihood_projects: Vec<LivelihoodProject<'a>>,
    /// What the reading noticed: lines it could not place, numbers out of order.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
}

/// The envelope of the notice — 文件头 and 版记.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// let doc = &notice.document;
/// assert_eq!(doc.issuer.as_deref(), Some("广东省人民政府"));
/// assert_eq!(doc.year, Some(2023));
/// assert_eq!(doc.printed_on.map(|d| d.to_string()).as_deref(), Some("2023-02-22"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document<'a> {
    /// The issuing body — 发文机关, from '广东省人民政府文件'.
    pub issuer: Option<Cow<'a, str>>,
    /// The document number — 发文字号, '粤府〔2023〕18号'.
    pub doc_number: Option<Cow<'a, str>>,
    /// The notice's title — 标题, '…关于印发…的通知'.
    pub title: Option<Cow<'a, str>>,
    /// The addressees — 主送机关, the line ending in '：'.
    #[serde(default)]
    pub addressees: Vec<Cow<'a, str>>,
    /// The letter — 正文, its paragraphs joined by '\n'.
    #[serde(default)]
    pub letter: Option<Cow<'a, str>>,
    /// The year the plan is for, from its title.
    pub year: Option<u16>,
    /// The plan's own title — '2023年省《政府工作报告》工作任务分工方案'.
    pub plan_title: Option<Cow<'a, str>>,
    /// The plan's opening paragraph before part 一.
    #[serde(default)]
    pub preamble: Option<Cow<'a, str>>,
    /// The date the letter was signed — 成文日期, where the notice prints one.
    pub signed_on: Option<Date>,
    /// How the notice is published — 公开方式, '主动公开'.
    pub disclosure: Option<Cow<'a, str>>,
    /// The bodies sent copies — 抄送.
    #[serde(default)]
    pub cc: Vec<Cow<'a, str>>,
    /// The office that printed it — 印发机关.
    pub printed_by: Option<Cow<'a, str>>,
    /// The date it was printed — 印发日期.
    pub printed_on: Option<Date>,
    /// First and last input line of the envelope (up to the preamble).
    #[serde(default)]
    pub lines: Option<LineSpan>,
    /// First and last input line of the tail (公开方式 … 印发).
    #[serde(default)]
    pub tail_lines: Option<LineSpan>,
}

/// A top-level part of the plan — '一、2023年经济社会发展主要预期目标'.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// let first = &notice.sections[0];
/// assert_eq!((first.number, &*first.title), (1, "2023年经济社会发展主要预期目标"));
/// assert_eq!(first.tasks, (1..=11).collect::<Vec<u32>>());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Section<'a> {
    /// The part's number: 一 is 1, 十二 is 12.
    pub number: u32,
    /// The heading after '一、'.
    pub title: Cow<'a, str>,
    /// The numbers of the tasks under it.
    #[serde(default)]
    pub tasks: Vec<u32>,
    /// The input lines of the heading: one, or more when a wrap broke it.
    /// JSON gives `"lines": [first, last]`; a heading's `"line": N`, as
    /// version 0.1 wrote it, is read too.
    #[serde(alias = "line", deserialize_with = "span_or_line")]
    pub lines: LineSpan,
    /// A paragraph between the heading and the first task or requirement.
    #[serde(default)]
    pub intro: Option<Cow<'a, str>>,
    /// The input lines of `intro`.
    #[serde(default)]
    pub intro_lines: Option<LineSpan>,
}

/// A span read as `[first, last]`, or as one line number.
fn span_or_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<LineSpan, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum SpanOrLine {
        Span(LineSpan),
        Line(u32),
    }
    Ok(match SpanOrLine::deserialize(d)? {
        SpanOrLine::Span(span) => span,
        SpanOrLine::Line(line) => LineSpan::line(line),
    })
}

/// A numbered task — 工作任务: '53. 推进内外贸产品同线同标同质…'.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// let task = &notice.tasks[52];
/// assert_eq!(task.number, 53);
/// assert_eq!(task.leaders, ["张新", "吕玉印"]);
/// assert_eq!(task.measures.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task<'a> {
    /// The task's number as printed.
    pub number: u32,
    /// The number of the part it stands in.
    pub section: u32,
    /// The task itself, after its number ('N. ', 'N．' or 'N、').
    pub title: Cow<'a, str>,
    /// The measures — 工作措施, one sentence each; `[]` where there are none.
    #[serde(default)]
    pub measures: Vec<Cow<'a, str>>,
    /// The supervising provincial leaders — 分管省领导.
    #[serde(default)]
    pub leaders: Vec<Cow<'a, str>>,
    /// The division of work — 部门分工; `None` where the task has no clause.
    pub departments: Option<Division<'a>>,
    /// First and last input line of the task.
    pub lines: LineSpan,
}

/// The department clause of a task — 部门分工: who leads (牵头), who supports (配合).
///
/// ```
/// use fengong::{Division, Mode};
/// let division = Division::parse("省商务厅、市场监管局牵头，省工业和信息化厅，海关总署广东分署等配合。");
/// assert_eq!(division.mode, Mode::LeadSupport);
/// assert_eq!(division.lead[1].name, "省市场监管局");
/// assert_eq!(division.lead[1].written, "市场监管局");
/// assert_eq!(division.support.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Division<'a> {
    /// Which shape the clause has.
    pub mode: Mode,
    /// The leading bodies — 牵头单位; for [`Mode::Joint`] every body named.
    #[serde(default)]
    pub lead: Vec<Department<'a>>,
    /// The supporting bodies — 配合单位.
    #[serde(default)]
    pub support: Vec<Department<'a>>,
    /// The whole clause, in the notice's words (PDF spacing removed, full-width punctuation).
    pub text: Cow<'a, str>,
}

/// The shape of a department clause.
///
/// ```
/// use fengong::{Division, Mode};
/// assert_eq!(Division::parse("省财政厅牵头，各地、各部门配合。").mode, Mode::LeadSupport);
/// assert_eq!(Division::parse("省财政厅牵头。").mode, Mode::LeadOnly);
/// assert_eq!(Division::parse("省财政厅、省税务局按职责分工负责。").mode, Mode::Joint);
/// assert_eq!(Division::parse("省财政厅负责落实。").mode, Mode::Unparsed);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mode {
    /// 'X牵头，Y等配合。'
    LeadSupport,
    /// 'X牵头。'
    LeadOnly,
    /// 'X、Y按职责分工负责。'
    Joint,
    /// A clause outside the grammar; its text is kept, no body is named.
    /// The default: a division built by hand names no body until told.
    #[default]
    Unparsed,
}

/// One body named in a clause — 部门.
///
/// `written` is the words as they stand; `name` restores what the clause
/// shares: '省委组织部、编办' names 省委编办, written '编办'.
///
/// ```
/// let division = fengong::Division::parse("省委组织部、编办牵头。");
/// let names: Vec<_> = division.lead.iter().map(|d| (&*d.name, &*d.written)).collect();
/// assert_eq!(names, [("省委组织部", "省委组织部"), ("省委编办", "编办")]);
/// assert_eq!(division.lead[1].to_string(), "省委编办");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Department<'a> {
    /// The expanded name.
    pub name: Cow<'a, str>,
    /// The words as they stand in the clause.
    pub written: Cow<'a, str>,
}

impl<'a> Department<'a> {
    /// A department whose expanded name differs from its written words.
    ///
    /// ```
    /// let d = fengong::Department::new("省委编办", "编办");
    /// assert_eq!((&*d.name, &*d.written), ("省委编办", "编办"));
    /// ```
    pub fn new(name: impl Into<Cow<'a, str>>, written: impl Into<Cow<'a, str>>) -> Self {
        Department {
            name: name.into(),
            written: written.into(),
        }
    }
}

/// An owned copy of a borrowed text.
fn own(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

/// Owned copies of borrowed texts.
fn own_all(texts: Vec<Cow<'_, str>>) -> Vec<Cow<'static, str>> {
    texts.into_iter().map(own).collect()
}

impl Notice<'_> {
    /// The same records, owning their text: they outlive the input.
    ///
    /// ```
    /// let notice = {
    ///     let text = std::fs::read_to_string("fixtures/guangdong-2023.txt")?;
    ///     fengong::parse(&text)?.into_owned()
    /// };
    /// assert_eq!(notice.tasks[179].title, "深入推进法治广东建设。");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_owned(self) -> Notice<'static> {
        Notice {
            document: self.document.into_owned(),
            sections: self.sections.into_iter().map(Section::into_owned).collect(),
            tasks: self.tasks.into_iter().map(Task::into_owned).collect(),
            requirements: self
                .requirements
                .into_iter()
                .map(Requirement::into_owned)
                .collect(),
            annex: self.annex.map(Annex::into_owned),
            livelihood_projects: self
                .livelihood_projects
                .into_iter()
                .map(LivelihoodProject::into_owned)
                .collect(),
            diagnostics: self.diagnostics,
        }
    }
}

impl<'a> Notice<'a> {
    /// The task numbered `number` — 第 N 项任务.
    ///
    /// ```
    /// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
    /// assert_eq!(notice.task(53).map(|t| &*t.leaders[0]), Some("张新"));
    /// assert!(notice.task(181).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// Where a notice repeats a number (a `task_number` diagnostic says so),
    /// the first task of that number. A look through the tasks in order.
    pub fn task(&self, number: u32) -> Option<&Task<'a>> {
        self.tasks.iter().find(|t| t.number == number)
    }

    /// The part numbered `number` (一 is 1).
    ///
    /// ```
    /// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
    /// // 二、纵深推进粤港澳大湾区…: tasks 12–22
    /// assert_eq!(notice.section(2).map(|s| s.tasks.len()), Some(11));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn section(&self, number: u32) -> Option<&Section<'a>> {
        self.sections.iter().find(|s| s.number == number)
    }

    /// The task whose input lines hold `line` (counted from 1): where a
    /// diagnostic's line belongs.
    ///
    /// Tasks as a reading gives them, in input order and apart, are found
    /// by halving; where a notice built by hand or read back from JSON has
    /// them otherwise, the first that holds the line is found all the same.
    ///
    /// ```
    /// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
    /// let task = notice.task(2).unwrap();
    /// assert_eq!(notice.task_at(task.lines.last).map(|t| t.number), Some(2));
    /// assert!(notice.task_at(1).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn task_at(&self, line: u32) -> Option<&Task<'a>> {
        task_holding(&self.tasks, line)
    }

    /// The tasks whose clause names `department` (its expanded name, as
    /// [`Department::name`] holds it) among the bodies that lead, in the
    /// order they stand. A joint clause (按职责分工负责) names every body
    /// as leading.
    ///
    /// ```
    /// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
    /// let led: Vec<u32> = notice.tasks_led_by("省财政厅").map(|t| t.number).collect();
    /// assert_eq!(led, [6, 103, 105, 106, 107, 113]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tasks_led_by<'s, 'd>(
        &'s self,
        department: &'d str,
    ) -> impl Iterator<Item = &'s Task<'a>> + use<'s, 'd, 'a> {
        self.tasks
            .iter()
            .filter(move |t| t.departments.as_ref().is_some_and(|d| d.leads(department)))
    }

    /// The tasks whose clause names `department` among the bodies that
    /// support (配合).
    ///
    /// ```
    /// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
    /// // task 19: '…，省科技厅、工业和信息化厅、司法厅、财政厅、…等配合。'
    /// let supported: Vec<u32> = notice.tasks_supported_by("省财政厅").map(|t| t.number).collect();
    /// assert_eq!((supported[0], supported.len()), (19, 46));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tasks_supported_by<'s, 'd>(
        &'s self,
        department: &'d str,
    ) -> impl Iterator<Item = &'s Task<'a>> + use<'s, 'd, 'a> {
        self.tasks.iter().filter(move |t| {
            t.departments
                .as_ref()
                .is_some_and(|d| d.supports(department))
        })
    }

    /// The tasks `leader` supervises — 分管省领导.
    ///
    /// ```
    /// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
    /// assert_eq!(notice.tasks_supervised_by("王曦").count(), 33);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tasks_supervised_by<'s, 'd>(
        &'s self,
        leader: &'d str,
    ) -> impl Iterator<Item = &'s Task<'a>> + use<'s, 'd, 'a> {
        self.tasks
            .iter()
            .filter(move |t| t.leaders.iter().any(|l| l == leader))
    }
}

/// The first of `tasks` whose lines hold `line`: found by halving where the
/// tasks stand in input order and apart, as a reading gives them, else by a
/// look through them all.
fn task_holding<'t, 'a>(tasks: &'t [Task<'a>], line: u32) -> Option<&'t Task<'a>> {
    if line == 0 {
        return None;
    }
    let holds = |t: &&Task<'a>| t.lines.contains(line);
    let after = tasks.partition_point(|t| t.lines.last < line);
    let halved = tasks.get(after).filter(holds);
    halved.or_else(|| tasks.iter().find(holds))
}

/// Gives each of `diagnostics` the number of the task whose lines hold its
/// line ([`Diagnostic::task`]).
pub(crate) fn place_in_tasks(tasks: &[Task<'_>], diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        d.task = task_holding(tasks, d.line).map(|t| t.number);
    }
}

impl Division<'_> {
    /// Every body the clause names: the leading ones, then the supporting.
    ///
    /// ```
    /// let d = fengong::Division::parse("省商务厅牵头，省财政厅等配合。");
    /// let names: Vec<&str> = d.bodies().map(|b| &*b.name).collect();
    /// assert_eq!(names, ["省商务厅", "省财政厅"]);
    /// ```
    pub fn bodies(&self) -> impl Iterator<Item = &Department<'_>> {
        self.lead.iter().chain(&self.support)
    }

    /// Whether a body of this expanded name leads (for [`Mode::Joint`]:
    /// is named at all).
    ///
    /// ```
    /// let d = fengong::Division::parse("省委组织部、编办牵头。");
    /// assert!(d.leads("省委编办") && !d.leads("编办"));
    /// ```
    pub fn leads(&self, name: &str) -> bool {
        self.lead.iter().any(|d| d.name == name)
    }

    /// Whether a body of this expanded name supports.
    ///
    /// ```
    /// let d = fengong::Division::parse("省商务厅牵头，省财政厅等配合。");
    /// assert!(d.supports("省财政厅") && !d.supports("省商务厅"));
    /// ```
    pub fn supports(&self, name: &str) -> bool {
        self.support.iter().any(|d| d.name == name)
    }
}

/// The expanded name.
///
/// ```
/// assert_eq!(fengong::Department::new("省委编办", "编办").to_string(), "省委编办");
/// ```
impl fmt::Display for Department<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl Document<'_> {
    /// The same envelope, owning its text.
    ///
    /// ```
    /// let doc = fengong::Document::default().into_owned();
    /// assert_eq!(doc.issuer, None);
    /// ```
    #[must_use]
    pub fn into_owned(self) -> Document<'static> {
        Document {
            issuer: self.issuer.map(own),
            doc_number: self.doc_number.map(own),
            title: self.title.map(own),
            addressees: own_all(self.addressees),
            letter: self.letter.map(own),
            year: self.year,
            plan_title: self.plan_title.map(own),
            preamble: self.preamble.map(own),
            signed_on: self.signed_on,
            disclosure: self.disclosure.map(own),
            cc: own_all(self.cc),
            printed_by: self.printed_by.map(own),
            printed_on: self.printed_on,
            lines: self.lines,
            tail_lines: self.tail_lines,
        }
    }
}

impl Section<'_> {
    /// The same part, owning its text.
    #[must_use]
    pub fn into_owned(self) -> Section<'static> {
        Section {
            number: self.number,
            title: own(self.title),
            tasks: self.tasks,
            lines: self.lines,
            intro: self.intro.map(own),
            intro_lines: self.intro_lines,
        }
    }
}

impl Task<'_> {
    /// The same task, owning its text.
    #[must_use]
    pub fn into_owned(self) -> Task<'static> {
        Task {
            number: self.number,
            section: self.section,
            title: own(self.title),
            measures: own_all(self.measures),
            leaders: own_all(self.leaders),
            departments: self.departments.map(Division::into_owned),
            lines: self.lines,
        }
    }
}

impl Division<'_> {
    /// The same clause, owning its text.
    ///
    /// ```
    /// let clause = String::from("省财政厅牵头。");
    /// let division = fengong::Division::parse(&clause).into_owned();
    /// drop(clause);
    /// assert_eq!(division.lead[0].name, "省财政厅");
    /// ```
    #[must_use]
    pub fn into_owned(self) -> Division<'static> {
        Division {
            mode: self.mode,
            lead: self.lead.into_iter().map(Department::into_owned).collect(),
            support: self
                .support
                .into_iter()
                .map(Department::into_owned)
                .collect(),
            text: own(self.text),
        }
    }
}

impl Department<'_> {
    /// The same department, owning its text.
    #[must_use]
    pub fn into_owned(self) -> Department<'static> {
        Department {
            name: own(self.name),
            written: own(self.written),
        }
    }
}

impl Requirement<'_> {
    /// The same requirement, owning its text.
    #[must_use]
    pub fn into_owned(self) -> Requirement<'static> {
        Requirement {
            number: self.number,
            title: own(self.title),
            text: own(self.text),
            lines: self.lines,
        }
    }
}

impl Annex<'_> {
    /// The same heading, owning its text.
    #[must_use]
    pub fn into_owned(self) -> Annex<'static> {
        Annex {
            title: own(self.title),
            lines: self.lines,
        }
    }
}

impl LivelihoodProject<'_> {
    /// The same row, owning its text.
    #[must_use]
    pub fn into_owned(self) -> LivelihoodProject<'static> {
        LivelihoodProject {
            number: self.number,
            category: self.category,
            category_title: own(self.category_title),
            task: own(self.task),
            leaders: own_all(self.leaders),
            department: self.department.map(own),
            principal: self.principal.map(own),
            deputies: own_all(self.deputies),
            lines: self.lines,
        }
    }
}

/// A work requirement of the last part — '（一）强化担当，主动作为。…'.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// assert_eq!(notice.requirements[0].title, "强化担当，主动作为");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Requirement<'a> {
    /// Its number: （一） is 1.
    pub number: u32,
    /// The words up to the first '。'.
    pub title: Cow<'a, str>,
    /// The rest of the paragraph.
    pub text: Cow<'a, str>,
    /// First and last input line.
    pub lines: LineSpan,
}

/// The annex heading — '附件：2023 年省十件民生实事任务分解表'.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// assert_eq!(notice.annex.map(|a| a.title).as_deref(), Some("2023年省十件民生实事任务分解表"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Annex<'a> {
    /// The annex's title after '附件：'.
    pub title: Cow<'a, str>,
    /// From the '附件：' line to the table's last row.
    pub lines: LineSpan,
}

/// A numbered row of the annex table — one task of 十件民生实事.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// let row = &notice.livelihood_projects[4];
/// assert_eq!((row.number, row.category), (5, 2));
/// assert_eq!(row.principal.as_deref(), Some("朱宏"));
/// assert_eq!(row.deputies, ["高燕"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LivelihoodProject<'a> {
    /// The row's number — 序号.
    pub number: u32,
    /// The number of the 事项 it belongs to.
    pub category: u32,
    /// The 事项's title.
    pub category_title: Cow<'a, str>,
    /// The task — 工作任务.
    pub task: Cow<'a, str>,
    /// The supervising leaders — 分管省领导.
    #[serde(default)]
    pub leaders: Vec<Cow<'a, str>>,
    /// The leading department — 省牵头部门.
    pub department: Option<Cow<'a, str>>,
    /// Its principal — 主要负责人.
    pub principal: Option<Cow<'a, str>>,
    /// The deputies in charge — 分管负责人.
    #[serde(default)]
    pub deputies: Vec<Cow<'a, str>>,
    /// First and last input line.
    pub lines: LineSpan,
}

/// The first and last 1-based input line of a record; JSON `[first, last]`.
///
/// ```
/// let span = fengong::LineSpan::new(23, 27);
/// assert_eq!(serde_json::to_string(&span)?, "[23,27]");
/// assert!(span.contains(25));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(try_from = "[u32; 2]", into = "[u32; 2]")]
pub struct LineSpan {
    /// The first line.
    pub first: u32,
    /// The last line.
    pub last: u32,
}

impl LineSpan {
    /// The span from `first` to `last`, both included; given the other way
    /// round, the lines are put in order.
    ///
    /// ```
    /// assert_eq!(fengong::LineSpan::new(9, 3), fengong::LineSpan::new(3, 9));
    /// ```
    pub fn new(first: u32, last: u32) -> Self {
        LineSpan {
            first: first.min(last),
            last: first.max(last),
        }
    }

    /// A span of one line.
    ///
    /// ```
    /// let span = fengong::LineSpan::line(17);
    /// assert_eq!((span.first, span.last), (17, 17));
    /// ```
    pub fn line(line: u32) -> Self {
        LineSpan::new(line, line)
    }

    /// Whether `line` lies within the span.
    ///
    /// ```
    /// let span = fengong::LineSpan::new(457, 465); // task 53 of the 2023 notice
    /// assert!(span.contains(457) && span.contains(465));
    /// assert!(!span.contains(456) && !span.contains(466));
    /// ```
    pub fn contains(&self, line: u32) -> bool {
        self.first <= line && line <= self.last
    }

    /// The span reaching to `last` as well; a line before its end leaves
    /// it as it is.
    ///
    /// ```
    /// let mut span = fengong::LineSpan::line(457);
    /// span.extend_to(465);
    /// assert_eq!(span, fengong::LineSpan::new(457, 465));
    /// span.extend_to(460);
    /// assert_eq!(span.last, 465);
    /// ```
    pub fn extend_to(&mut self, last: u32) {
        self.last = self.last.max(last);
    }

    /// The line numbers, first to last.
    ///
    /// ```
    /// let span = fengong::LineSpan::new(23, 27);
    /// assert_eq!(span.range(), 23..=27);
    /// assert_eq!(span.into_iter().count(), 5);
    /// ```
    pub fn range(&self) -> std::ops::RangeInclusive<u32> {
        self.first..=self.last
    }

    /// The span's lines of `text`, as the reader numbers and trims them:
    /// the words each line holds, without its line end, a byte-order mark
    /// or a web page's indentation. Lines past the text's end are left out.
    ///
    /// Quote a record from the text it was read from (for [`crate::parse_bytes`],
    /// the text [`crate::read_text`] gives): lines end at '\n', or at '\r'
    /// in an old Mac file, one with no '\n' but perhaps a last one (which
    /// [`str::lines`] would count otherwise).
    ///
    /// ```
    /// let text = include_str!("../fixtures/guangdong-2023.txt");
    /// let notice = fengong::parse(text)?;
    /// let task = notice.task(1).unwrap();
    /// let quoted: Vec<&str> = task.lines.quote(text).collect();
    /// assert_eq!(quoted, [
    ///     "1. 地区生产总值增长 5% 以上。",
    ///     "",
    ///     "分管省领导：张虎",
    ///     "",
    ///     "部门分工：省发展改革委牵头，各地、各部门配合。",
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quote<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> {
        let (first, last) = (self.first, self.last);
        crate::source::lines(text)
            .skip_while(move |line| line.number < first)
            .take_while(move |line| line.number <= last)
            .map(|line| line.text)
    }
}

/// The line numbers, first to last.
impl IntoIterator for LineSpan {
    type Item = u32;
    type IntoIter = std::ops::RangeInclusive<u32>;

    fn into_iter(self) -> Self::IntoIter {
        self.range()
    }
}

/// A span read from JSON: `[first, last]`, the first line no later than the last.
///
/// ```
/// let span: fengong::LineSpan = serde_json::from_str("[23,27]")?;
/// assert_eq!((span.first, span.last), (23, 27));
/// assert!(serde_json::from_str::<fengong::LineSpan>("[9,3]").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<[u32; 2]> for LineSpan {
    type Error = BackwardSpan;

    fn try_from([first, last]: [u32; 2]) -> Result<Self, Self::Error> {
        if first > last {
            return Err(BackwardSpan { first, last });
        }
        Ok(LineSpan { first, last })
    }
}

/// Two line numbers that make no [`LineSpan`]: the last before the first.
///
/// ```
/// use fengong::{BackwardSpan, LineSpan};
/// let err = LineSpan::try_from([9, 3]).unwrap_err();
/// assert_eq!(err, BackwardSpan { first: 9, last: 3 });
/// assert_eq!(err.to_string(), "a line span runs backwards: [9, 3]");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a line span runs backwards: [{first}, {last}]")]
pub struct BackwardSpan {
    /// The first number given.
    pub first: u32,
    /// The last number given, smaller than the first.
    pub last: u32,
}

impl From<LineSpan> for [u32; 2] {
    fn from(span: LineSpan) -> Self {
        [span.first, span.last]
    }
}

/// A calendar date as the notice prints it ('2023 年 2 月 22 日'); JSON "YYYY-MM-DD".
///
/// ```
/// let date: fengong::Date = "2023-02-22".parse()?;
/// assert_eq!((date.year, date.month, date.day), (2023, 2, 22));
/// assert_eq!(date.to_string(), "2023-02-22");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    /// The year.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day, 1–31.
    pub day: u8,
}

impl Date {
    /// The date, if it is one: the month 1–12 and the day within the
    /// month's length (29 February only in a leap year).
    ///
    /// ```
    /// use fengong::Date;
    /// assert!(Date::new(2023, 2, 22).is_some() && Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2023, 2, 29).is_none() && Date::new(2023, 4, 31).is_none());
    /// assert!(Date::new(2023, 13, 1).is_none() && Date::new(2023, 1, 0).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Text that is not a [`Date`]: not written `YYYY-MM-DD`, or a day the
/// calendar does not have.
///
/// ```
/// use fengong::{Date, InvalidDate};
/// assert_eq!("2023-2-22".parse::<Date>(), Err(InvalidDate::Form("2023-2-22".into())));
/// let err = "2023-02-31".parse::<Date>().unwrap_err();
/// assert_eq!(err, InvalidDate::OutOfRange("2023-02-31".into()));
/// assert_eq!(err.to_string(), "no such day: \"2023-02-31\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidDate {
    /// Not four digits, two and two, joined by '-'.
    #[error("not a YYYY-MM-DD date: {0:?}")]
    Form(String),
    /// Written right, but no such day: month 13, 31 April, 29 February of
    /// a common year.
    #[error("no such day: {0:?}")]
    OutOfRange(String),
}

impl std::str::FromStr for Date {
    type Err = InvalidDate;

    /// Reads `YYYY-MM-DD`: four digits, two, two.
    ///
    /// ```
    /// use fengong::Date;
    /// assert!("2023-02-22".parse::<Date>().is_ok());
    /// for odd in ["+2023-02-22", "2023-2-22", "2023-02-31", "2023-02-22x"] {
    ///     assert!(odd.parse::<Date>().is_err(), "{odd}");
    /// }
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = |part: &str, width: usize| {
            (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        let mut parts = s.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (
            parts.next().and_then(|p| digits(p, 4)),
            parts.next().and_then(|p| digits(p, 2)),
            parts.next().and_then(|p| digits(p, 2)),
        ) else {
            return Err(InvalidDate::Form(s.to_string()));
        };
        let (m, d) = (u8::try_from(m).unwrap_or(0), u8::try_from(d).unwrap_or(0));
        Date::new(y, m, d).ok_or_else(|| InvalidDate::OutOfRange(s.to_string()))
    }
}

impl TryFrom<String> for Date {
    type Error = InvalidDate;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Date> for String {
    fn from(date: Date) -> Self {
        date.to_string()
    }
}
