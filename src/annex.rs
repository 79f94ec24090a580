//! The annex table — 十件民生实事任务分解表.
//!
//! Each row is one line of tab-separated cells. The 事项 (category) cell
//! stands only on some rows; the header row repeats on every page:
//!
//! ```text
//! header = "事 项" TAB "序号" TAB "工 作 任 务" TAB "分管 省领导" TAB "省牵头部门…" *TAB
//! row    = [category] TAB number TAB task TAB leaders TAB department *(SP / TAB) names
//! names  = name *((SP / TAB) name)       ; '朱 宏' is one name, padded
//! ```
//!
//! As rows stand in the 2023 notice (lines 1590, 1591, 1596; → is a tab):
//!
//! ```text
//! 二、优化生育支持政策→5→免费为超过 50 万名…→冯 玲→省卫生健康委 朱 宏 高 燕
//! ^^^^^^^^^^^^^^^^^^ category
//! →6→免费为 64 万名孕妇提供…→冯 玲→省卫生健康委 朱 宏 高 燕
//! ^ no category: the row belongs to the one above
//! 三、推进城镇保障性安居工程建设→9→…→孙志洋→省住房城乡建设厅→张 勇→刘 玮
//!                                       department ^^^^^^^^ principal, deputy
//! ```
//!
//! A category cell spanning several rows is printed on the row where the PDF
//! centred its text, which need not be its first: in 2023 '十、提高惠企利民
//! 服务便捷度' stands on row 28, while row 27 above it is also 十's (same
//! department and leader as 28, not as 九's rows). So an unlabelled run just
//! above a category's labelled row moves to that category when it shares the
//! labelled row's department and not the department of the category before.

use std::borrow::Cow;

use crate::model::{LineSpan, LivelihoodProject};
use crate::part::part_heading;
use crate::task::leader_names;
use crate::text::{is_space, lift, normalize, squeeze, trim};

/// One table row as read, before categories are settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    pub label: Option<(u32, Cow<'a, str>)>,
    /// A category cell that is not numbered '一、…', kept to be reported.
    pub odd_category: Option<String>,
    pub number: u32,
    pub task: Cow<'a, str>,
    pub leaders: Vec<Cow<'a, str>>,
    pub department: Option<Cow<'a, str>>,
    pub principal: Option<Cow<'a, str>>,
    pub deputies: Vec<Cow<'a, str>>,
    pub line: u32,
}

/// What one tab-separated line of the annex is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TableLine<'a> {
    /// The repeated header row.
    Header,
    /// A numbered row.
    Row(Box<Row<'a>>),
    /// Cells that are neither.
    Other,
}

/// Whether the cells are the header row: '事 项→序号→工 作 任 务→…'.
fn is_header(cells: &[&str]) -> bool {
    // header cells are short; squeezing only those spares the long task cells
    let is = |cell: &str, word: &str| cell.len() <= 3 * word.len() && squeeze(cell) == word;
    cells.iter().any(|c| is(c, "序号")) || cells.first().is_some_and(|c| is(c, "事项"))
}

/// Pairs the one-character pieces of padded names: '朱 宏 高 燕' → 朱宏, 高燕.
///
/// ```text
/// 江效东 王 玲   → 江效东, 王玲
/// ```
pub(crate) fn pair_names<'a>(whole: &Cow<'a, str>, tokens: &[&str]) -> Vec<Cow<'a, str>> {
    let mut names = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let one = |t: &str| t.chars().count() == 1;
        if one(tokens[i]) && tokens.get(i + 1).is_some_and(|t| one(t)) {
            names.push(Cow::Owned(format!("{}{}", tokens[i], tokens[i + 1])));
            i += 2;
        } else {
            names.push(lift(whole, Cow::Borrowed(tokens[i])));
            i += 1;
        }
    }
    names
}

/// Reads one tab-separated line of the annex.
///
/// ```text
/// →2→实现技工院校招生规模 19 万人以上。→王 曦→省人力资源社会保障厅 杨红山
/// ^ empty category cell
/// ```
pub(crate) fn table_line<'a>(whole: &Cow<'a, str>, line: u32) -> TableLine<'a> {
    let cells: Vec<&str> = cells(whole).collect();
    if is_header(&cells) {
        return TableLine::Header;
    }
    let number_at = |i: usize| cells.get(i).and_then(|c| c.parse::<u32>().ok());
    let (label, rest) = match (number_at(0), number_at(1)) {
        (Some(_), _) => (None, &cells[..]),
        (None, Some(_)) => (category(whole, cells[0]), &cells[1..]),
        (None, None) => return TableLine::Other,
    };
    let [number, task, leaders, people @ ..] = rest else {
        return TableLine::Other;
    };
    let tokens: Vec<&str> = people
        .iter()
        .flat_map(|c| c.split(is_space))
        .filter(|t| !t.is_empty())
        .collect();
    let names = tokens
        .get(1..)
        .map(|t| pair_names(whole, t))
        .unwrap_or_default();
    let mut names = names.into_iter();
    let odd_category = (label.is_none() && number_at(0).is_none() && !cells[0].is_empty())
        .then(|| cells[0].to_string());
    TableLine::Row(Box::new(Row {
        label,
        odd_category,
        number: number.parse().unwrap_or(0),
        task: lift(whole, normalize(task)),
        leaders: leader_names(whole, leaders),
        department: tokens.first().map(|d| lift(whole, Cow::Borrowed(d))),
        principal: names.next(),
        deputies: names.collect(),
        line,
    }))
}

/// The cells of a row, trimmed: the text between its tabs, which are
/// found sixteen or thirty-two bytes at a time (`memchr`).
fn cells(row: &str) -> impl Iterator<Item = &str> {
    let ends = memchr::memchr_iter(b'\t', row.as_bytes()).chain([row.len()]);
    let mut start = 0;
    ends.map(move |end| {
        // a tab is one byte: both ends stand between characters
        let cell = row.get(start..end).unwrap_or_default();
        start = end + 1;
        trim(cell)
    })
}

/// The number and title of a category cell: '一、深入实施…三项工程'.
fn category<'a>(whole: &Cow<'a, str>, cell: &str) -> Option<(u32, Cow<'a, str>)> {
    let (title, number) = part_heading(cell).ok()?;
    Some((number, lift(whole, normalize(title))))
}

/// Settles each row's category and makes the records.
pub(crate) fn projects(rows: Vec<Row<'_>>) -> Vec<LivelihoodProject<'_>> {
    let categories = settle_categories(&rows);
    rows.into_iter()
        .zip(categories)
        .map(|(row, category)| {
            let (category, category_title) = category.unwrap_or((0, Cow::Borrowed("")));
            LivelihoodProject {
                number: row.number,
                category,
                category_title,
                task: row.task,
                leaders: row.leaders,
                department: row.department,
                principal: row.principal,
                deputies: row.deputies,
                lines: LineSpan::line(row.line),
            }
        })
        .collect()
}

/// The category of each row: the last label at or above it, except for the
/// unlabelled run just above a label that shares that label's department.
fn settle_categories<'a>(rows: &[Row<'a>]) -> Vec<Option<(u32, Cow<'a, str>)>> {
    let labels: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].label.is_some())
        .collect();
    let mut owner: Vec<Option<usize>> = Vec::with_capacity(rows.len());
    let mut current = labels.first().copied();
    for (i, row) in rows.iter().enumerate() {
        if row.label.is_some() {
            current = Some(i);
        }
        owner.push(current);
    }
    for pair in labels.windows(2) {
        let (previous, label) = (pair[0], pair[1]);
        let mut i = label;
        while i > previous + 1 {
            i -= 1;
            let row = &rows[i];
            let joins_next = row.department == rows[label].department
                && row.department != rows[previous].department;
            if !joins_next {
                break;
            }
            owner[i] = Some(label);
        }
    }
    owner
        .into_iter()
        .map(|o| o.and_then(|at| rows[at].label.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_between_tabs() {
        let cases: [(&str, &[&str]); 5] = [
            (
                "\t2\t实现技工院校招生规模 19 万人以上。\t王 曦\t省人力资源社会保障厅 杨红山",
                &[
                    "",
                    "2",
                    "实现技工院校招生规模 19 万人以上。",
                    "王 曦",
                    "省人力资源社会保障厅 杨红山",
                ],
            ),
            (" 事 项 \t序号\t", &["事 项", "序号", ""]),
            ("\u{3000}甲\t\t乙 ", &["甲", "", "乙"]),
            ("无表格", &["无表格"]),
            ("", &[""]),
        ];
        for (row, expected) in cases {
            assert_eq!(cells(row).collect::<Vec<_>>(), expected, "{row:?}");
        }
        // every row of the 2023 annex, as splitting at each tab reads it
        let text = include_str!("../fixtures/guangdong-2023.txt");
        for row in text.lines().filter(|l| l.contains('\t')) {
            let expected: Vec<&str> = row.split('\t').map(trim).collect();
            assert_eq!(cells(row).collect::<Vec<_>>(), expected, "{row:?}");
        }
    }

    #[test]
    fn rows() {
        let text = Cow::Borrowed("二、优化生育支持政策\t5\t免费为超过 50 万名适龄妇女提供筛查。\t冯 玲\t省卫生健康委 朱 宏 高 燕");
        let TableLine::Row(row) = table_line(&text, 9) else {
            panic!("not a row");
        };
        assert_eq!(row.label, Some((2, "优化生育支持政策".into())));
        assert_eq!(
            (row.number, &*row.task),
            (5, "免费为超过50万名适龄妇女提供筛查。")
        );
        assert_eq!(row.leaders, ["冯玲"]);
        assert_eq!(row.department.as_deref(), Some("省卫生健康委"));
        assert_eq!(row.principal.as_deref(), Some("朱宏"));
        assert_eq!(row.deputies, ["高燕"]);
    }

    #[test]
    fn tab_separated_people() {
        let text = Cow::Borrowed("\t10\t发放租赁补贴。\t孙志洋\t省住房城乡建设厅\t张 勇\t刘 玮");
        let TableLine::Row(row) = table_line(&text, 1) else {
            panic!("not a row");
        };
        assert_eq!(row.label, None);
        assert_eq!(
            (row.principal.as_deref(), row.deputies.as_slice()),
            (Some("张勇"), &["刘玮".into()][..])
        );
    }

    #[test]
    fn headers_and_others() {
        // line 1585 of the 2023 notice, then the same header padded wider,
        // without its category column, and with its number column renamed
        let cases: [(&str, bool); 7] = [
            (
                "事 项\t序号\t工 作 任 务\t分管 省领导\t省牵头部门及主要负责人、 分管负责人",
                true,
            ),
            ("事　　项\t序　　号\t工 作 任 务", true),
            ("序号\t工 作 任 务\t分管 省领导", true),
            ("事 项\t编号\t工 作 任 务", true),
            // a cell that squeezes to 序号 but is too long to be a header's
            ("序　　　　　号\t工作任务", false),
            ("\t序 号 之 外\t工作", false),
            ("甲\t乙", false),
        ];
        for (row, header) in cases {
            let line = table_line(&Cow::Borrowed(row), 1);
            assert_eq!(line == TableLine::Header, header, "{row:?}");
        }
        assert_eq!(table_line(&Cow::Borrowed("甲\t乙"), 1), TableLine::Other);
    }

    #[test]
    fn names_pair_up() {
        let cases: [(&[&str], &[&str]); 3] = [
            (&["朱", "宏", "高", "燕"], &["朱宏", "高燕"]),
            (&["江效东", "王", "玲"], &["江效东", "王玲"]),
            (&["杨红山"], &["杨红山"]),
        ];
        for (input, expected) in cases {
            let whole = Cow::Borrowed("");
            assert_eq!(pair_names(&whole, input), expected);
        }
    }
}
