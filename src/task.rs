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

use nom::bytes::complete::take_while;
use nom::character::complete::{one_of, satisfy};
use nom::combinator::not;
use nom::{IResult, Parser};

use std::borrow::Cow;

use crate::reflow::Block;
use crate::text::{
    char3, digit_value, first_work, is_space, lift, normalize, sentence_marks, squeeze, trim_start,
};

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
/// task-header = 1*DIGIT *space ("." / "．" / "、") *space   ; not followed by a digit
/// DIGIT       = "0"–"9" / "０"–"９"
///
/// 12. 对接香港“北部都会区”发展策略…
/// ^^^^ here
/// 12．对接香港…        (a full-width stop)
/// 12.对接香港…         (no space)
/// １２．对接香港…      (full-width digits)
/// 12、对接香港…        (the enumeration comma: Stop::Comma)
/// 5.5% 以上            (not a header: a digit or '%' follows the stop)
/// 5、6 月              (not a header: a list of numbers wrapped to a line's start)
/// ```
///
/// Which stop a notice's tasks use is decided once, in the head
/// (`crate::reader`): a line with the other stop is text.
pub(crate) fn task_header(i: &str) -> IResult<&str, (u32, Stop)> {
    // a number too large for u32 still makes a header (numbered u32::MAX,
    // which the numbering check then reports)
    let (i, number) = number(i)?;
    let (i, (_, stop, _)) = (spaces, one_of(".．、"), spaces).parse(i)?;
    let (i, _) = not(satisfy(|c| digit_value(c).is_some() || c == '%')).parse(i)?;
    let stop = if stop == '、' {
        Stop::Comma
    } else {
        Stop::Dot
    };
    Ok((i, (number, stop)))
}

/// How a notice closes its task numbers.
///
/// ```text
/// 12. 对接香港…    Dot: '.' or '．', as the 2021–2023 notices print them
/// 12、对接香港…    Comma: '、', which prose also uses to count ('1、加强组织领导。')
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    Dot,
    Comma,
}

/// A number of ASCII or full-width digits ('12', '１２'), and what
/// follows it; u32::MAX when it is larger.
fn number(i: &str) -> IResult<&str, u32> {
    let (mut value, mut end) = (Some(0u32), 0);
    for (at, c) in i.char_indices() {
        let Some(digit) = digit_value(c) else { break };
        value = value.and_then(|n| n.checked_mul(10)?.checked_add(digit));
        end = at + c.len_utf8();
    }
    if end == 0 {
        let error = nom::error::Error::new(i, nom::error::ErrorKind::Digit);
        return Err(nom::Err::Error(error));
    }
    Ok((&i[end..], value.unwrap_or(u32::MAX)))
}

/// Reads a field label and its colon.
///
/// ```text
/// label = word *space ("：" / ":") *space     ; the colon, or
///       / word 1*space                       ; spaces in its place
/// word  = "工作措施" / "分管省领导" / "部门分工"  ; PDF spacing between
///                                             ; the characters allowed
///
/// 分管省领导：张虎、吕玉印
/// ^^^^^^^^^^^ here
/// 工 作 措 施：出台支持政策。   (spaced out, as the annex header is)
/// 工作措施 建设数据中心。       (no colon)
/// 部门分工省财政厅              (not a label: nothing between)
/// ```
pub(crate) fn label(i: &str) -> IResult<&str, Label> {
    // by hand rather than `alt((tag, …))`: every line starting 工, 分 or 部
    // is tried, and this is several times cheaper
    let not_a_label = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    let labels = [Label::Measures, Label::Leaders, Label::Division];
    let exact = labels
        .into_iter()
        .find_map(|label| Some((i.strip_prefix(label.as_str())?, label)));
    let (rest, label) = match exact {
        Some(found) => found,
        None => spaced_label(i).ok_or_else(not_a_label)?,
    };
    let spaced = trim_start(rest);
    match spaced.strip_prefix(['：', ':']) {
        Some(value) => Ok((trim_start(value), label)),
        None if spaced.len() < rest.len() && !spaced.is_empty() => Ok((spaced, label)),
        None => Err(not_a_label()),
    }
}

/// A label spelt with spaces between its characters ('工 作 措 施',
/// '分管 省领导'), and what follows it; tried only when a space stands
/// among the first characters.
fn spaced_label(i: &str) -> Option<(&str, Label)> {
    let first = i.chars().next()?;
    if !i.chars().take(6).any(is_space) {
        return None;
    }
    let labels = [Label::Measures, Label::Leaders, Label::Division];
    let label = labels.into_iter().find(|l| l.as_str().starts_with(first))?;
    let mut rest = i;
    for (k, c) in label.as_str().chars().enumerate() {
        if k > 0 {
            rest = trim_start(rest);
        }
        rest = rest.strip_prefix(c)?;
    }
    Some((rest, label))
}

/// The names of a leader list, padding removed.
///
/// ```text
/// leaders = name *(("、" / "，") name)
///
/// 张虎、吕玉印      → 张虎, 吕玉印
/// 王 曦            → 王曦          (a name padded to the width of three)
/// 张虎 王曦        → 张虎, 王曦    (names apart)
/// 王 曦  冯 玲     → 王曦, 冯玲    (both at once)
/// ```
pub(crate) fn leader_names<'a>(whole: &Cow<'a, str>, text: &str) -> Vec<Cow<'a, str>> {
    let between = |c: char| matches!(c, '、' | '，' | ',' | '；');
    // room for every piece (one name, mostly): a list grown from nothing
    // takes room for four
    let mut names = Vec::with_capacity(text.split(between).count());
    let pieces = text
        .split(between)
        .map(|name| name.trim_end_matches(|c| c == '。' || is_space(c)))
        .map(trim_start)
        .filter(|name| !name.is_empty());
    let mut push = |name| names.push(lift(whole, name));
    for piece in pieces {
        match squeeze(piece) {
            // no space inside: one name as it stands
            squeezed @ Cow::Borrowed(_) => push(squeezed),
            // padding: three characters or fewer hold no two names
            squeezed if squeezed.chars().nth(3).is_none() => push(squeezed),
            _ => {
                for spaced in widest_gaps(piece) {
                    push_spaced(&mut push, spaced);
                }
            }
        }
    }
    names
}

/// The pieces of `piece` between its widest runs of whitespace, when its
/// runs differ in width (U+3000 counting two): names set apart by a wider
/// gap than the padding inside them. Else the piece whole.
///
/// ```text
/// 张 虎  王 曦  冯 玲   → 张 虎 | 王 曦 | 冯 玲
/// 王 曦 张虎            → 王 曦 张虎
/// ```
fn widest_gaps(piece: &str) -> Vec<&str> {
    let width = |run: &str| {
        run.chars()
            .map(|c| if c == '\u{3000}' { 2 } else { 1 })
            .sum()
    };
    let gaps: Vec<(usize, usize, usize)> = space_runs(piece)
        .map(|(start, end)| (start, end, width(&piece[start..end])))
        .collect();
    let widest = gaps.iter().map(|g| g.2).max().unwrap_or(0);
    if gaps.iter().all(|g| g.2 == widest) {
        return vec![piece];
    }
    let mut pieces = Vec::new();
    let mut from = 0;
    for &(start, end, _) in gaps.iter().filter(|g| g.2 == widest) {
        pieces.push(&piece[from..start]);
        from = end;
    }
    pieces.push(&piece[from..]);
    pieces
}

/// The byte ranges of the runs of whitespace inside `s`.
fn space_runs(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + s[at..].find(is_space)?;
        let len = s[start..].find(|c| !is_space(c)).unwrap_or(s.len() - start);
        at = start + len;
        Some((start, at))
    })
}

/// The two-character surnames (复姓) a leader's name may open with: a name
/// of four characters only after one of them, and never one alone.
const COMPOUND_SURNAMES: [&str; 24] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "令狐", "端木", "独孤", "南宫", "西门", "澹台", "申屠", "轩辕", "呼延", "钟离", "淳于",
];

/// Pushes the names of a piece with spaces in it whose gaps are alike.
///
/// Characters each standing alone are one name letter-spaced ('洛 桑 江
/// 村'). Otherwise the spaces are read as the places between names where
/// exactly one reading of the parts as names exists ([`grouping`]); where
/// none does, the piece is each part a name when no part is a single
/// character, else one name squeezed (a name of five or more is then the
/// gate's `leader_name` finding).
///
/// ```text
/// 王 曦 张虎       → 王曦, 张虎
/// 张 新 吕玉印     → 张新, 吕玉印
/// 洛 桑 江 村      → 洛桑江村
/// 欧阳 卫民        → 欧阳卫民
/// 张 少康          → 张少康          (no reading: squeezed)
/// 张虎 王曦 等     → 张虎王曦等      (no reading: squeezed, and flagged)
/// 张虎王曦 吕玉印   → 张虎王曦, 吕玉印 (no reading, no single character)
/// ```
fn push_spaced<'p>(push: &mut impl FnMut(Cow<'p, str>), piece: &'p str) {
    let parts: Vec<&str> = piece.split(is_space).filter(|p| !p.is_empty()).collect();
    let single = |part: &&str| part.chars().nth(1).is_none();
    let name_of = |group: &[&'p str]| match group {
        [one] => Cow::Borrowed(*one),
        many => Cow::Owned(many.concat()),
    };
    if parts.iter().all(single) {
        return push(name_of(&parts));
    }
    match grouping(&parts) {
        Some(ends) => {
            let starts = std::iter::once(0).chain(ends.iter().copied());
            for (start, end) in starts.zip(ends.iter().copied()) {
                push(name_of(&parts[start..end]));
            }
        }
        None if !parts.iter().any(single) => parts.iter().for_each(|p| push(Cow::Borrowed(p))),
        None => push(name_of(&parts)),
    }
}

/// The ends of the groups of consecutive `parts` that read them as names,
/// when exactly one such reading exists.
///
/// ```text
/// grouping = 1*name
/// name     = 2*3CHAR / compound-surname 2CHAR      ; one part
///          / CHAR CHAR                              ; padded: '王 曦'
///          / compound-surname 1*2CHAR               ; '欧阳 卫民'
/// ```
///
/// Counted from the end (ways to read each suffix, stopping at two), so
/// the work is linear in the parts.
fn grouping(parts: &[&str]) -> Option<Vec<usize>> {
    let n = parts.len();
    // ways[i]: readings of parts[i..], capped at 2; next[i]: the end of the
    // first group of the one reading
    let mut ways = vec![0u8; n + 1];
    let mut next = vec![0usize; n + 1];
    ways[n] = 1;
    for i in (0..n).rev() {
        for end in i + 1..=n.min(i + 2) {
            if ways[end] > 0 && is_name(&parts[i..end]) {
                ways[i] = (ways[i] + ways[end]).min(2);
                next[i] = end;
            }
        }
    }
    if ways[0] != 1 {
        return None;
    }
    let mut ends = Vec::new();
    let mut at = 0;
    while at < n {
        at = next[at];
        ends.push(at);
    }
    Some(ends)
}

/// Whether `group`, one part or two, reads as one person's name.
fn is_name(group: &[&str]) -> bool {
    let chars = |part: &str| part.chars().count();
    let compound = |part: &str| COMPOUND_SURNAMES.contains(&part);
    let opens_with_compound = |part: &str| {
        let head = part
            .char_indices()
            .nth(2)
            .map_or(part, |(at, _)| &part[..at]);
        compound(head)
    };
    match group {
        [one] => match chars(one) {
            2 => !compound(one),
            3 => true,
            4 => opens_with_compound(one),
            _ => false,
        },
        [first, second] => match (chars(first), chars(second)) {
            (1, 1) => true,
            (2, 1 | 2) => compound(first),
            _ => false,
        },
        _ => false,
    }
}

/// What a sentence split sees in the measures text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// '。' '！' '？'
    Stop,
    /// '“' '‘' '（' '《' '「', and '(' (which becomes '（')
    Open,
    /// '”' '’' '）' '》' '」' '』', and ')' (which becomes '）')
    Close,
}

/// The mark starting at `at`, where a character starts (every mark but
/// '(' and ')' is a three-byte character with lead byte 0xE2, 0xE3 or 0xEF).
#[inline]
fn mark_at(bytes: &[u8], at: usize) -> Option<Mark> {
    match bytes.get(at)? {
        b'(' => Some(Mark::Open),
        b')' => Some(Mark::Close),
        _ => char3(bytes, at).and_then(mark_of),
    }
}

/// What `c` is to a sentence split, if anything.
#[inline]
pub(crate) fn mark_of(c: char) -> Option<Mark> {
    match c {
        '。' | '！' | '？' => Some(Mark::Stop),
        '“' | '‘' | '（' | '《' | '「' | '(' => Some(Mark::Open),
        '”' | '’' | '）' | '》' | '」' | '』' | ')' => Some(Mark::Close),
        _ => None,
    }
}

/// The end of a closing mark that follows `at`, whitespace between allowed
/// (whitespace between two CJK marks is PDF spacing, removed later).
#[inline]
fn closer_after(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let mark = at + (rest.len() - trim_start(rest).len());
    let width = if text.as_bytes().get(mark) == Some(&b')') {
        1
    } else {
        3
    };
    (mark_at(text.as_bytes(), mark) == Some(Mark::Close)).then_some(mark + width)
}

/// The ranges of the sentences of the measures text, as it stands (PDF
/// spacing still in).
///
/// A sentence ends at '。', '！' or '？' outside quotes and brackets; a
/// closing quote right after the stop stays with its sentence. The ranges
/// cover the whole text.
///
/// ```text
/// 实施同线同标同质工程。支持检验检测认证机构…
///                     ^ a sentence ends here
/// 实施“碳达峰十五大行动”。
/// ```
///
/// Splitting before the spacing is removed finds the same sentences as
/// splitting after it: whitespace never stands inside a mark, a half-width
/// bracket counts as the full-width one it becomes, and whitespace between
/// the stop and a closing quote is looked past.
///
/// Only the bytes where a mark may start are looked at ([`sentence_marks`]).
fn split_sentences(text: &str, mut each: impl FnMut(std::ops::Range<usize>)) {
    let bytes = text.as_bytes();
    let (mut depth, mut start, mut skip_to) = (0usize, 0, 0);
    for at in sentence_marks(bytes) {
        if at < skip_to {
            continue;
        }
        match mark_at(bytes, at) {
            Some(Mark::Open) => depth += 1,
            Some(Mark::Close) => depth = depth.saturating_sub(1),
            Some(Mark::Stop) => {
                // closing marks right after the stop stay with its sentence
                let mut end = at + 3;
                while let Some(after) = closer_after(text, end) {
                    depth = depth.saturating_sub(1);
                    end = after;
                }
                skip_to = end;
                if depth == 0 {
                    each(start..end);
                    start = end;
                }
            }
            None => {}
        }
    }
    if start < text.len() {
        each(start..text.len());
    }
}

/// The measures — 工作措施: the block's words after the label (`value`, a
/// suffix of `block.text`) as sentences, PDF spacing removed.
///
/// Each sentence is normalized on its own and borrows from the input when
/// its words stand on one line and need no change, even where another
/// sentence of the paragraph straddles a page break or holds a '5 %'.
/// The sentences are pushed onto `out`, a list the reader keeps from task to
/// task (their count is known only at the end, and the task's own list is
/// then made to fit them).
pub(crate) fn measures<'a>(block: &Block<'a>, value: &str, out: &mut Vec<Cow<'a, str>>) {
    let offset = block.text.len().saturating_sub(value.len());
    let mut sources = block.sources();
    // where the next spacing or half-width mark stands: the sentences before
    // it are taken as they are, and the text is scanned for it only once
    let mut work = first_work(value);
    split_sentences(value, |range| {
        let whole = offset + range.start..offset + range.end;
        let changes = work.is_some_and(|w| w < range.end);
        let sentence = match sources.slice(whole) {
            Some(raw) if !changes => Cow::Borrowed(raw),
            Some(raw) => normalize(raw),
            None => {
                Cow::Owned(normalize(value.get(range.clone()).unwrap_or_default()).into_owned())
            }
        };
        if changes {
            work = value
                .get(range.end..)
                .and_then(first_work)
                .map(|w| w + range.end);
        }
        if !sentence.is_empty() {
            out.push(sentence);
        }
    });
}

/// Whether `text` ends a sentence: '。', '！' or '？', then any closing
/// quotes or brackets ('…十五大行动。”').
pub(crate) fn ends_sentence(text: &str) -> bool {
    let words = text.trim_end_matches(|c| mark_of(c) == Some(Mark::Close) || is_space(c));
    words.chars().next_back().and_then(mark_of) == Some(Mark::Stop)
}

/// A task's title after its header, normalized.
pub(crate) fn title<'a>(whole: &Cow<'a, str>, rest: &str) -> Cow<'a, str> {
    lift(whole, normalize(rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::samples;

    #[test]
    fn task_headers() {
        let cases: [(&str, Option<(u32, &str)>); 12] = [
            ("12. 对接香港", Some((12, "对接香港"))),
            ("12、对接香港", Some((12, "对接香港"))),
            ("１２、 对接香港", Some((12, "对接香港"))),
            ("5、6 月", None),
            ("12.对接香港", Some((12, "对接香港"))),
            ("12．对接香港", Some((12, "对接香港"))),
            ("１２．对接香港", Some((12, "对接香港"))),
            ("５．５％ 以上", None),
            (
                "180. 深入推进法治广东建设。",
                Some((180, "深入推进法治广东建设。")),
            ),
            ("5.5% 以上", None),
            ("20 个全国“一村一品”示范村镇", None),
            ("2.2万户", None),
        ];
        for (input, expected) in cases {
            let got = task_header(input).ok().map(|(rest, (n, _))| (n, rest));
            assert_eq!(got, expected, "{input:?}");
        }
        let stop = |input| task_header(input).ok().map(|(_, (_, stop))| stop);
        assert_eq!(stop("12. 对接香港"), Some(Stop::Dot));
        assert_eq!(stop("１２．对接香港"), Some(Stop::Dot));
        assert_eq!(stop("12、对接香港"), Some(Stop::Comma));
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
            (
                "工 作 措 施：出台支持政策。",
                Some((Label::Measures, "出台支持政策。")),
            ),
            (
                "工作措施 建设数据中心。",
                Some((Label::Measures, "建设数据中心。")),
            ),
            ("分 管 省 领 导 ： 张虎", Some((Label::Leaders, "张虎"))),
            ("分管 省领导：张虎", Some((Label::Leaders, "张虎"))),
            ("部门分工 ", None),
            ("工 作", None),
        ];
        for (input, expected) in cases {
            let got = label(input).ok().map(|(rest, l)| (l, rest));
            assert_eq!(got, expected, "{input:?}");
        }
    }

    /// Every list of up to 14 characters drawn from Han characters (one of
    /// them starting a compound surname), spaces of both widths and the
    /// separators, read: no panic, no word lost or invented (the names
    /// joined are the list without its spaces and separators), and no name
    /// empty or holding a space.
    #[test]
    fn leader_lists_of_every_shape_lose_nothing() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngSeed, TestRunner};
        let alphabet = vec![
            '王', '曦', '欧', '阳', '张', '虎', ' ', '\u{a0}', '\u{3000}', '、', '，', ',', '；',
        ];
        let list = proptest::collection::vec(proptest::sample::select(alphabet), 0..14)
            .prop_map(|chars| chars.into_iter().collect::<String>());
        let config = Config {
            cases: 4096,
            rng_seed: RngSeed::Fixed(23),
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let outcome = runner.run(&list, |text| {
            let names = leader_names(&Cow::Borrowed(&text[..]), &text);
            let words: String = text
                .chars()
                .filter(|&c| !is_space(c) && !matches!(c, '、' | '，' | ',' | '；'))
                .collect();
            prop_assert_eq!(names.concat(), words);
            prop_assert!(names.iter().all(|n| !n.is_empty() && !n.contains(is_space)));
            Ok(())
        });
        assert!(outcome.is_ok(), "{outcome:?}");
    }

    #[test]
    fn sentences_end_at_a_stop_and_its_closers() {
        let cases = [
            ("推进产业有序转移。", true),
            ("实施“百千万工程”十五大行动。”", true),
            ("推进学科类培训机构治理（试点。）", true),
            ("提升服务质量！ \u{3000}", true),
            ("推进发票电子化改革（金税四期）", false),
            ("“湾区通办”", false),
            ("", false),
        ];
        for (text, ends) in cases {
            assert_eq!(ends_sentence(text), ends, "{text:?}");
        }
    }

    #[test]
    fn space_runs_are_found_to_their_ends() {
        let cases: [(&str, &[(usize, usize)]); 5] = [
            ("王 曦", &[(3, 4)]),
            ("张 虎  王 曦", &[(3, 4), (7, 9), (12, 13)]),
            ("王\u{3000}曦", &[(3, 6)]),
            // a run that ends the text ends with it
            ("王曦 \u{3000}", &[(6, 10)]),
            ("王曦", &[]),
        ];
        for (text, runs) in cases {
            assert_eq!(space_runs(text).collect::<Vec<_>>(), runs, "{text:?}");
        }
    }

    #[test]
    fn leaders() {
        fn names(text: &str) -> Vec<Cow<'_, str>> {
            leader_names(&Cow::Borrowed(text), text)
        }
        assert_eq!(names("张虎、吕玉印"), ["张虎", "吕玉印"]);
        assert_eq!(names("王 曦"), ["王曦"]);
        assert_eq!(names("张虎 王曦"), ["张虎", "王曦"]);
        assert_eq!(names("欧阳 卫民"), ["欧阳卫民"]);
        assert_eq!(names("欧阳 卫民 王曦"), ["欧阳卫民", "王曦"]);
        assert_eq!(names("欧阳 卫民、张 虎"), ["欧阳卫民", "张虎"]);
        assert_eq!(names("王曦 欧阳"), ["王曦", "欧阳"]);
        assert_eq!(names("欧阳卫民 王曦"), ["欧阳卫民", "王曦"]);
        // four characters are one name only after a compound surname
        assert_eq!(names("欧阳卫民 王 曦"), ["欧阳卫民", "王曦"]);
        assert_eq!(names("张虎卫民 王 曦"), ["张虎卫民王曦"]);
        // padded and apart at once
        assert_eq!(names("王 曦 张虎"), ["王曦", "张虎"]);
        assert_eq!(names("张虎 王 曦"), ["张虎", "王曦"]);
        assert_eq!(names("张 新 吕玉印"), ["张新", "吕玉印"]);
        assert_eq!(
            names("王 曦 孙志洋 冯 玲 陈良贤"),
            ["王曦", "孙志洋", "冯玲", "陈良贤"]
        );
        // names set apart by wider gaps than their padding
        assert_eq!(names("张 虎  王 曦  冯 玲"), ["张虎", "王曦", "冯玲"]);
        assert_eq!(
            names("王\u{3000}曦\u{3000}\u{3000}冯\u{3000}玲\u{3000}\u{3000}张\u{3000}新"),
            ["王曦", "冯玲", "张新"]
        );
        assert_eq!(names("王 曦\u{3000}冯 玲"), ["王曦", "冯玲"]);
        // one name letter-spaced
        assert_eq!(names("洛 桑 江 村"), ["洛桑江村"]);
        assert_eq!(names("张 新 吕 玉 印"), ["张新吕玉印"]);
        // no reading: squeezed whole (five characters or more: the gate's finding)
        assert_eq!(names("张虎 王曦 等"), ["张虎王曦等"]);
        assert_eq!(names("张虎王曦 吕玉印"), ["张虎王曦", "吕玉印"]);
        assert_eq!(names("张虎 王"), ["张虎王"]);
        assert_eq!(names("张 少康、吕玉 印"), ["张少康", "吕玉印"]);
        assert_eq!(names(" 张虎 、 王 曦 "), ["张虎", "王曦"]);
        assert_eq!(names("王曦。 "), ["王曦"]);
        assert_eq!(
            names("王曦、孙志洋、冯玲、陈良贤"),
            ["王曦", "孙志洋", "冯玲", "陈良贤"]
        );
        // names stand unchanged in the input: borrowed; squeezed ones are owned
        let got = names("张虎、王 曦");
        assert!(matches!(got[0], Cow::Borrowed(_)) && matches!(got[1], Cow::Owned(_)));
    }

    // The first sentence splitter, char by char: the oracle for `sentences`.
    fn sentences_by_chars(text: &str) -> Vec<String> {
        const TERMINATORS: [char; 3] = ['。', '！', '？'];
        const OPENERS: [char; 5] = ['“', '‘', '（', '《', '「'];
        const CLOSERS: [char; 6] = ['”', '’', '）', '》', '」', '』'];
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut start = 0;
        let mut skip_to = 0;
        for (at, c) in text.char_indices() {
            if at < skip_to {
                continue;
            }
            if OPENERS.contains(&c) {
                depth += 1;
            } else if CLOSERS.contains(&c) {
                depth = depth.saturating_sub(1);
            } else if TERMINATORS.contains(&c) {
                let mut end = at + c.len_utf8();
                while let Some(next) = text[end..].chars().next().filter(|n| CLOSERS.contains(n)) {
                    depth = depth.saturating_sub(1);
                    end += next.len_utf8();
                }
                skip_to = end;
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

    /// The measures read from `text` standing on one line.
    fn measures_of(text: &str) -> Vec<Cow<'_, str>> {
        let mut out = Vec::new();
        measures(&Block::line(text), text, &mut out);
        out
    }

    #[test]
    fn sentences_agree_with_normalizing_then_splitting_char_by_char() {
        let mut inputs = samples::fixture_values("工作措施：");
        assert_eq!(inputs.len(), 169);
        // stops, quotes, brackets, spacing and characters of every width, up
        // to 4 long: '3@K' and 'ϼɀ' and U+80740 hold byte triples that read as
        // closers when taken for three-byte characters
        let atoms = [
            "甲",
            "。",
            "！",
            "？",
            "“",
            "”",
            "（",
            "）",
            "』",
            "(",
            ")",
            " ",
            "\u{3000}",
            "3@K",
            "ϼɀ",
            "\u{80740}",
            "a",
        ];
        inputs.extend(samples::mixes(&atoms, 4));
        for input in &inputs {
            let got = measures_of(input);
            assert_eq!(got, sentences_by_chars(&normalize(input)), "{input:?}");
        }
    }

    #[test]
    // `[0..6]` here is one range, as meant, not the numbers 0 to 5
    #[allow(clippy::single_range_in_vec_init)]
    fn sentences_are_split_into_ranges_that_cover_the_text() {
        let ranges = |text: &str| {
            let mut got: Vec<std::ops::Range<usize>> = Vec::new();
            split_sentences(text, |range| got.push(range));
            got
        };
        // '。' is three bytes: each sentence ends after its stop
        assert_eq!(ranges("推进。实施。"), [0..9, 9..18]);
        assert_eq!(ranges("推进。实施"), [0..9, 9..15]);
        assert_eq!(ranges("“推进。”实施。"), [0..15, 15..24]);
        assert_eq!(ranges("推进"), [0..6]);
        assert!(ranges("").is_empty(), "no sentence in no text");
    }

    #[test]
    fn sentences_borrow_unless_their_own_words_change() {
        let got = measures_of("增长 5% 以上。实施“碳达峰十五大行动”。 他说“好。 ”然后走了。");
        assert_eq!(
            got,
            [
                "增长5%以上。",
                "实施“碳达峰十五大行动”。",
                "他说“好。”",
                "然后走了。"
            ]
        );
        let borrowed: Vec<bool> = got.iter().map(|s| matches!(s, Cow::Borrowed(_))).collect();
        assert_eq!(borrowed, [false, true, false, true]);
    }

    #[test]
    fn sentences_within_one_piece_borrow_from_it() {
        // lines 103–105 of the fixture: a page break in the middle of a sentence
        let text = "工作措施：用好管好港珠澳大桥。进一步落实“澳车北\n\n上”，推动“港车北上”落地实施。推动“要素通”。\n";
        let blocks = crate::reflow::Block::all_of(text);
        let block = blocks.first().expect("one block");
        let (value, _) = label(&block.text).expect("a label");
        let mut got = Vec::new();
        measures(block, value, &mut got);
        assert_eq!(
            got,
            [
                "用好管好港珠澳大桥。",
                "进一步落实“澳车北上”，推动“港车北上”落地实施。",
                "推动“要素通”。"
            ]
        );
        let borrowed: Vec<bool> = got.iter().map(|s| matches!(s, Cow::Borrowed(_))).collect();
        assert_eq!(borrowed, [true, false, true]);
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
            let got = measures_of(input);
            assert_eq!(got, expected, "{input:?}");
            assert_eq!(got.concat(), input);
            assert!(got.iter().all(|s| matches!(s, Cow::Borrowed(_))));
        }
    }
}
