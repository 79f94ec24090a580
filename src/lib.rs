//! # fengong — 分工
//!
//! Reads a Chinese provincial government's yearly task-division notice
//! (《政府工作报告》工作任务分工方案) into exact, structured, source-grounded
//! records: every task with its measures (工作措施), supervising leaders
//! (分管省领导) and the departments that lead (牵头) or support (配合) it; the
//! annex table of livelihood projects (十件民生实事); and a diagnostic, with
//! its line number, for anything that could not be read.
//!
//! ```
//! let text = std::fs::read_to_string("fixtures/guangdong-2023.txt")?;
//! let notice = fengong::parse(&text)?;
//! let task = &notice.tasks[13];
//! assert_eq!(task.title, "打造“轨道上的大湾区”。");
//! let lead = task.departments.as_ref().map(|d| &*d.lead[1].name);
//! assert_eq!(lead, Some("省交通运输厅"));
//! assert!(notice.diagnostics.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The README's five lines, with what they print checked:
//!
//! ```
//! let text = std::fs::read_to_string("fixtures/guangdong-2023.txt")?;
//! let notice = fengong::parse(&text)?;
//! let mut printed = Vec::new();
//! for task in notice.tasks_supervised_by("王曦") {
//!     let lead = &task.departments.as_ref().unwrap().lead[0];
//!     printed.push(format!("{} {} — {lead}", task.number, task.title));
//! }
//! assert_eq!(printed.len(), 33);
//! // task 9, line 71: "9. 城镇新增就业 110 万人以上，城镇调查失业率控制在 5.5% 以内。"
//! assert_eq!(printed[0], "9 城镇新增就业110万人以上，城镇调查失业率控制在5.5%以内。 — 省人力资源社会保障厅");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The path from bytes to records, one module per step of the document:
//!
//! 1. [`decode`] — bytes to text (UTF-8, UTF-16, GB18030; HTML pages via [`html`]);
//! 2. `source` — numbered lines; `reflow` — page-break pieces joined into blocks;
//! 3. `envelope` — issuer, number, title, letter, plan title; the tail;
//! 4. `part` and `task` — parts 一…十二, tasks, measures, leaders;
//! 5. `division` — the 部门分工 clause, read as a grammar;
//! 6. `annex` — the livelihood-projects table;
//! 7. [`diagnostic`] — what could not be read, by line; [`check`] — the CI gate's extra checks;
//! 8. `json` — the records as one line of JSON ([`Notice::write_json`]).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod annex;
pub mod check;
pub mod decode;
pub mod diagnostic;
mod division;
mod envelope;
mod error;
pub mod html;
mod json;
mod model;
mod part;
mod reader;
mod reflow;
mod source;
mod task;
pub mod text;

pub use decode::Encoding;
pub use diagnostic::{Code, Diagnostic, Severity, UnknownCode};
pub use error::Error;
pub use model::{
    Annex, BackwardSpan, Date, Department, Division, Document, InvalidDate, LineSpan,
    LivelihoodProject, Mode, Notice, Requirement, Section, Task,
};

/// Reads a notice from its text.
///
/// Returns the records and any diagnostics; an input with no numbered task
/// carrying 分管省领导 or 部门分工 is an [`Error::NotANotice`]. The records
/// borrow their words from `text` where they stand in it unchanged;
/// [`Notice::into_owned`] frees them from it.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// assert_eq!((notice.sections.len(), notice.tasks.len()), (12, 180));
/// assert!(fengong::parse("").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse(text: &str) -> Result<Notice<'_>, Error> {
    reader::read(text)
}

/// Reads a notice from bytes in whatever form it arrived: UTF-8 (with or
/// without a byte-order mark), UTF-16 with a byte-order mark, GB18030/GBK,
/// or an HTML page of the provincial portal.
///
/// The records borrow from `bytes` when they are UTF-8 text; decoded or
/// extracted text is read, then owned.
///
/// ```
/// let text = include_str!("../fixtures/guangdong-2023.txt");
/// let (gbk, _, _) = encoding_rs::GB18030.encode(text);
/// let from_gbk = fengong::parse_bytes(&gbk)?;
/// assert_eq!(from_gbk, fengong::parse(text)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<Notice<'_>, Error> {
    match read_text(bytes)? {
        std::borrow::Cow::Borrowed(text) => parse(text),
        std::borrow::Cow::Owned(text) => parse(&text).map(Notice::into_owned),
    }
}

/// The text [`parse_bytes`] reads: the bytes decoded, and for an HTML page
/// the article's text. Diagnostics' line numbers count lines of this text.
///
/// ```
/// let page = "<html><body><nav>首页</nav><div id=\"zoom\"><p>一、目标</p></div></body></html>";
/// assert_eq!(fengong::read_text(page.as_bytes())?, "一、目标\n");
/// let bare = "<html><body><nav>首页</nav></body></html>";
/// let err = fengong::read_text(bare.as_bytes()).unwrap_err();
/// assert_eq!(err.to_string(), "not a task-division notice: the HTML page holds no article text");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_text(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, Error> {
    let (text, _encoding) = decode::decode(bytes)?;
    if html::looks_like_html(&text) {
        let article = html::article_text(&text)?;
        if article.chars().all(text::is_space) {
            return Err(Error::NotANotice {
                reason: "the HTML page holds no article text".to_string(),
            });
        }
        return Ok(std::borrow::Cow::Owned(article));
    }
    Ok(text)
}
