//! Tasks — 工作任务: the numbered items of parts 一 to 十一.
//!
//! A task is a header, then up to three labelled fields:
//!
//! ```text
//! task      = task-header [measures] [leaders] [division]
//! measures  = "工作措施" "：" text
//! leaders   = "分管省领导" "：" name *(("、" / "，" / "；") name)
//! division  = "部门分工" "：" clause          ; see crate::division
//! ```
//!
//! As it stands in the notice (line 457 of the 2023 fixture; the title is
//! broken by a page end and rejoined by [`crate::reflow`] first):
//!
//! ```text
//! 53. 推进内外贸产品同线同标同质，开展“粤贸全国”经贸
//! ^^^ task-header
//! 活动。
//! 工作措施：实施同线同标同质工程。支持检验检测认证机构为企业提供一站式服务，…
//! ^^^^^^^^^ label
//! 分管省领导：张新、吕玉印
//! 部门分工：省商务厅、市场监管局牵头，省工业和信息化厅，海关总署广东分署等配合。
//! ```

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::{digit1, one_of, satisfy};
use nom::combinator::{map, not, value};
use nom::{IResult, Parser};

use crate::text::{is_space, normalize, squeeze};

/// The three field labels of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// 工作措施
    Measures,
    /// 分管省领导
    Leaders,
    /// 部门分工
    Division,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Measures => "工作措施",
            Label::Leaders => "分管省领导",
            Label::Division => "部门分工",
        }
    }
}

fn spaces(i: &str) -> IResult<&str, &str> {
    take_while(is_space)(i)
}

/// Reads the number in front of a task title.
///
/// ```text
/// task-header = 1*DIGIT *space ("." / "．") *space   ; not followed by a digit
///
/// 12. 对接香港“北部都会区”发展策略…
/// ^^^^ here
/// 12．对接香港…        (a full-width stop)
/// 12.对接香港…         (no space)
/// 5.5% 以上            (not a header: a digit or '%' follows the stop)
/// ```
pub(crate) fn task_header(i: &str) -> IResult<&str, u32> {
    // a number too large for u32 still makes a header (numbered u32::MAX,
    // which the numbering check then reports)
    let (i, number) = map(digit1, |d: &str| d.parse::<u32>().unwrap_or(u32::MAX)).parse(i)?;
    let (i, _) = (spaces, one_of(".．"), spaces).parse(i)?;
    let (i, _) = not(satisfy(|c| c.is_ascii_digit() || c == '%')).parse(i)?;
    Ok((i, number))
}

/// Reads a field label and its colon.
///
/// ```text
/// label = ("工作措施" / "分管省领导" / "部门分工") *space ("：" / ":") *space
///
/// 分管省领导：张虎、吕玉印
/// ^^^^^^^^^^^ here
/// ```
pub(crate) fn label(i: &str) -> IResult<&str, Label> {
    let mut name = alt((
        value(Label::Measures, tag("工作措施")),
        value(Label::Leaders, tag("分管省领导")),
        value(Label::Division, tag("部门分工")),
    ));
    let (i, label) = name.parse(i)?;
    let (i, _) = (spaces, one_of("：:"), spaces).parse(i)?;
    Ok((i, label))
}

/// The names of a leader list, padding removed.
///
/// ```text
/// leaders = name *(("、" / "，") name)
///
/// 张虎、吕玉印      → 张虎, 吕玉印
/// 王 曦            → 王曦
/// ```
pub(crate) fn leader_names(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', '；'])
        .map(|name| squeeze(name).trim_end_matches('。').to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

const TERMINATORS: [char; 3] = ['。', '！', '？'];
const OPENERS: [char; 5] = ['“', '‘', '（', '《', '「'];
const CLOSERS: [char; 6] = ['”', '’', '）', '》', '」', '』'];

/// The measures text split into sentences.
///
/// A sentence ends at '。', '！' or '？' outside quotes and brackets; a
/// closing quote right after the stop stays with its sentence. Joined back,
/// the sentences are the whole text.
///
/// ```text
/// 实施同线同标同质工程。支持检验检测认证机构…
///                     ^ a sentence ends here
/// 实施“碳达峰十五大行动”。
/// ```
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    // every stop, quote and bracket is a 3-byte character led by 0xE2, 0xE3 or 0xEF
    let mut marks = memchr::memchr3_iter(0xE2, 0xE3, 0xEF, text.as_bytes()).peekable();
    while let Some(at) = marks.next() {
        let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
            continue;
        };
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) {
            depth = depth.saturating_sub(1);
        } else if TERMINATORS.contains(&c) {
            let mut end = at + c.len_utf8();
            while let Some(next) = text
                .get(end..)
                .and_then(|t| t.chars().next())
                .filter(|n| CLOSERS.contains(n))
            {
                depth = depth.saturating_sub(1);
                end += next.len_utf8();
            }
            while marks.next_if(|&m| m < end).is_some() {}
            if depth == 0 {
                out.push(text[start..end].to_string());
                start = end;
            }
        }
    }
    if start < text.len() {
        out.push(text[start..].to_string());
    }
    out
}

/// A task's title after its header, normalized.
pub(crate) fn title(rest: &str) -> String {
    normalize(rest).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_headers() {
        let cases: [(&str, Option<(u32, &str)>); 7] = [
            ("12. 对接香港", Some((12, "对接香港"))),
            ("12.对接香港", Some((12, "对接香港"))),
            ("12．对接香港", Some((12, "对接香港"))),
            (
                "180. 深入推进法治广东建设。",
                Some((180, "深入推进法治广东建设。")),
            ),
            ("5.5% 以上", None),
            ("20 个全国“一村一品”示范村镇", None),
            ("2.2万户", None),
        ];
        for (input, expected) in cases {
            let got = task_header(input).ok().map(|(rest, n)| (n, rest));
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn labels() {
        let cases = [
            ("工作措施：编制", Some((Label::Measures, "编制"))),
            ("分管省领导：张虎", Some((Label::Leaders, "张虎"))),
            (
                "部门分工: 省财政厅牵头。",
                Some((Label::Division, "省财政厅牵头。")),
            ),
            ("部门分工省财政厅", None),
            ("工作要求", None),
        ];
        for (input, expected) in cases {
            let got = label(input).ok().map(|(rest, l)| (l, rest));
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn leaders() {
        assert_eq!(leader_names("张虎、吕玉印"), ["张虎", "吕玉印"]);
        assert_eq!(leader_names("王 曦"), ["王曦"]);
        assert_eq!(
            leader_names("王曦、孙志洋、冯玲、陈良贤"),
            ["王曦", "孙志洋", "冯玲", "陈良贤"]
        );
    }

    #[test]
    fn sentence_split() {
        let cases: [(&str, &[&str]); 4] = [
            ("甲。乙。", &["甲。", "乙。"]),
            (
                "实施“碳达峰十五大行动”。出台政策。",
                &["实施“碳达峰十五大行动”。", "出台政策。"],
            ),
            ("他说“好。”然后走了。", &["他说“好。”", "然后走了。"]),
            ("没有句号", &["没有句号"]),
        ];
        for (input, expected) in cases {
            assert_eq!(sentences(input), expected, "{input:?}");
            assert_eq!(sentences(input).concat(), input);
        }
    }
}
