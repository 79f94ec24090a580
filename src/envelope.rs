//! The envelope — 文件头 — before part 一, and the tail — 版记 — after the annex.
//!
//! ```text
//! envelope  = [attachment] issuer doc-number title addressees letter
//!             [signature date] plan-title preamble
//! tail      = [disclosure] [cc] [printed-by] printed-on
//! ```
//!
//! As they stand in the 2023 notice (lines 3–19 and 1622–1630):
//!
//! ```text
//! 附件：                                   attachment (the letter's 附件 label, printed first)
//! 广东省人民政府文件                         issuer
//! 粤府〔2023〕18号                           doc-number
//! 广东省人民政府关于印发2023年 省…分工方案的通知  title
//! 各地级以上市人民政府，省政府各部门、各直属机构：   addressees
//! 《2023年省《政府工作报告》工作任务分工方案》已经…   letter
//! 2023 年省《政府工作报告》工作任务 分工方案      plan-title
//! 为认真落实省第十四届人民代表大会…              preamble
//! …
//! 公开方式：主动公开                          disclosure
//! 抄送：省委有关部委办，…，省                   cc (wrapped, ends at '。')
//! 纪委监委办公厅，…
//! 广东省人民政府办公厅秘书处                   printed-by
//! 2023 年 2 月 22 日印发                      printed-on
//! ```
//!
//! Earlier years sign the letter ('广东省人民政府' then '2021年3月21日'),
//! which gives `signed_on`; the 2022 letter lists numbered opinions
//! ('一、主动担当、积极作为。…') that belong to the letter, not to the plan.

use std::borrow::Cow;

use nom::bytes::complete::{tag, take_till1, take_while, take_while_m_n};
use nom::character::complete::{digit1, one_of};
use nom::combinator::{eof, map_res};
use nom::{IResult, Parser};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Date, Document, LineSpan};
use crate::part::part_heading;
use crate::source::Line;
use crate::text::{is_space, normalize, squeeze};

fn spaces(i: &str) -> IResult<&str, &str> {
    take_while(is_space)(i)
}

fn number<T: std::str::FromStr>(i: &str) -> IResult<&str, T> {
    map_res(digit1, str::parse::<T>).parse(i)
}

/// Reads a date as the notice prints it.
///
/// ```text
/// date = year "年" month "月" day "日"     ; spaces allowed between; month 1–12, day 1–31
///
/// 2023 年 2 月 22 日印发
/// ^^^^^^^^^^^^^^^^^^ here
/// ```
pub(crate) fn date(i: &str) -> IResult<&str, Date> {
    let (i, (year, _, _, _, month, _, _, _, day, _, _)) = (
        number::<u16>,
        spaces,
        tag("年"),
        spaces,
        number::<u8>,
        spaces,
        tag("月"),
        spaces,
        number::<u8>,
        spaces,
        tag("日"),
    )
        .parse(i)?;
    match Date::new(year, month, day) {
        Some(date) => Ok((i, date)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// The printing office and date of the tail's last line.
///
/// ```text
/// printed-on = [printed-by] date "印发"
///
/// 2023 年 2 月 22 日印发
/// 广东省人民政府办公厅秘书处  2023年2月22日印发     (one line, in some copies)
/// ```
pub(crate) fn printed_on(line: &str) -> Option<(Option<String>, Date)> {
    let body = line.trim_end_matches(is_space).strip_suffix("印发")?;
    let start = body.find(|c: char| c.is_ascii_digit())?;
    let (office, rest) = body.split_at(start);
    let (rest, date) = date(rest).ok()?;
    if !rest.trim_matches(is_space).is_empty() {
        return None;
    }
    let office = normalize(office);
    Some(((!office.is_empty()).then(|| office.into_owned()), date))
}

/// Reads a tail label.
///
/// ```text
/// tail-label = ("公开方式" / "抄送") *space ("：" / ":")
///
/// 抄送：省委有关部委办，…
/// ^^^^^ here
/// ```
pub(crate) fn tail_label(i: &str) -> IResult<&str, TailLabel> {
    let (i, label) = nom::branch::alt((
        nom::combinator::value(TailLabel::Disclosure, tag("公开方式")),
        nom::combinator::value(TailLabel::CarbonCopy, tag("抄送")),
    ))
    .parse(i)?;
    let (i, _) = (spaces, nom::character::complete::one_of("：:"), spaces).parse(i)?;
    Ok((i, label))
}

/// The two labelled lines of the tail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TailLabel {
    /// 公开方式
    Disclosure,
    /// 抄送
    CarbonCopy,
}

/// The bodies of a cc list, split at '，' and '、'.
pub(crate) fn cc_list(text: &str) -> Vec<Cow<'static, str>> {
    squeeze(&normalize(text))
        .trim_end_matches('。')
        .split(['，', '、'])
        .filter(|s| !s.is_empty())
        .map(|body| Cow::Owned(body.to_owned()))
        .collect()
}

/// The brackets around a document number's year, as copies print them.
const OPEN: &str = "〔[［（(";
const CLOSE: &str = "〕]］）)";

/// Reads a whole line as a document number: the issuer's short name, the
/// year in brackets (any pair a copy may use), the serial number.
///
/// ```text
/// doc-number = 1*(char - space - open) open 4DIGIT close 1*4DIGIT "号" EOL
/// open       = "〔" / "[" / "［" / "（" / "("
/// close      = "〕" / "]" / "］" / "）" / ")"
///
/// 粤府〔2023〕18号
/// ^^^^ here, then the year, then the serial
/// ```
///
/// A grammar rather than a regular expression: a regex is built once per
/// process, and building this one took a sixth of a one-notice run, for a
/// line read once.
fn doc_number(i: &str) -> IResult<&str, ()> {
    let digits = |m, n| take_while_m_n(m, n, |c: char| c.is_ascii_digit());
    let short_name = take_till1(|c: char| c.is_whitespace() || OPEN.contains(c));
    let (i, _) = (short_name, one_of(OPEN), digits(4, 4), one_of(CLOSE)).parse(i)?;
    let (i, _) = (digits(1, 4), tag("号"), eof).parse(i)?;
    Ok((i, ()))
}

/// A document number, bare or in brackets as web copies print it under the
/// title ('（粤府〔2023〕18号）').
fn is_doc_number(line: &str) -> bool {
    let bare = line
        .strip_prefix(['（', '('])
        .and_then(|l| l.strip_suffix(['）', ')']))
        .unwrap_or(line);
    doc_number(bare).is_ok()
}

/// What one envelope line is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EnvelopeLine {
    Attachment,
    Issuer(String),
    DocNumber(String),
    Title(String),
    /// The addressee list's line, ending '：'.
    Addressees(String),
    PlanTitle(String, u16),
    Date(Date),
    Text(String),
}

/// The plan's title line and its year.
///
/// ```text
/// plan-title = 4DIGIT "年" 2*80(char) ("方案" / "安排")     ; no '。'
///
/// 2023 年省《政府工作报告》工作任务 分工方案
/// ```
pub(crate) fn plan_title(line: &str) -> Option<(String, u16)> {
    if !(line.ends_with("方案") || line.ends_with("安排")) {
        return None;
    }
    let text = normalize(line);
    let (rest, year) = (number::<u16>, tag("年"))
        .parse(text.as_ref())
        .ok()
        .map(|(rest, (y, _))| (rest, y))?;
    let middle = rest.chars().count().saturating_sub(2);
    let shaped = (1000..=9999).contains(&year) && !text.contains('。');
    (shaped && (2..=80).contains(&middle)).then(|| (text.into_owned(), year))
}

fn classify(line: &str, doc: &Document<'_>) -> EnvelopeLine {
    let text = normalize(line);
    let squeezed = squeeze(&text);
    if squeezed == "附件：" {
        return EnvelopeLine::Attachment;
    }
    if doc.issuer.is_none() {
        if let Some(issuer) = squeezed
            .strip_suffix("文件")
            .filter(|s| !s.is_empty() && !s.contains('，'))
        {
            return EnvelopeLine::Issuer(issuer.to_string());
        }
    }
    if doc.doc_number.is_none() && is_doc_number(&squeezed) {
        let bare = squeezed.trim_start_matches(['（', '(']);
        return EnvelopeLine::DocNumber(bare.trim_end_matches(['）', ')']).to_string());
    }
    if doc.title.is_none() && squeezed.ends_with("通知") && squeezed.contains("关于") {
        return EnvelopeLine::Title(squeezed.into_owned());
    }
    if let Ok(("", date)) = date(&squeezed) {
        return EnvelopeLine::Date(date);
    }
    if let Some((title, year)) = plan_title(&text) {
        return EnvelopeLine::PlanTitle(title, year);
    }
    // the letter is gathered apart and put in `doc` at the envelope's end:
    // a line ending '：' is the list until the list is read
    let opening = doc.addressees.is_empty();
    if opening && (text.ends_with('：') || text.ends_with(':')) {
        return EnvelopeLine::Addressees(text.into_owned());
    }
    EnvelopeLine::Text(text.into_owned())
}

/// The names of the addressee line, split at '，' and '、' outside brackets.
///
/// ```text
/// 各地级以上市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：
/// ^^^^^^^^^^^^^^^^^^  ^^^^^^^^^^^^^^^^^^^^^  ^^^^^^^^^^^^  ^^^^^^^^^^
/// ```
fn addressee_names(text: &str) -> Vec<Cow<'static, str>> {
    let text = text.trim_end_matches(['：', ':']);
    let (mut names, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (at, c) in text.char_indices() {
        match c {
            '（' | '(' | '《' | '【' => depth += 1,
            '）' | ')' | '》' | '】' => depth = depth.saturating_sub(1),
            '，' | '、' if depth == 0 => {
                names.push(Cow::Owned(text[start..at].to_string()));
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    names.push(Cow::Owned(text[start..].to_string()));
    names
}

/// Paragraphs being gathered: a numbered opinion ('一、…') starts a new one,
/// any other line continues the last.
#[derive(Default)]
struct Paragraphs(Vec<String>);

impl Paragraphs {
    /// The text gathered, taken away, when it is one paragraph that ends no
    /// sentence and starts as an addressee list does ('各…', '省…'): the
    /// first pieces of an addressee list a wrap broke.
    fn take_unstopped(&mut self) -> Option<String> {
        match self.0.as_slice() {
            [only] if !only.contains('。') && only.starts_with(['各', '省']) => self.0.pop(),
            _ => None,
        }
    }

    fn push_line(&mut self, text: &str) {
        match self.0.last_mut() {
            Some(last) if part_heading(text).is_err() => last.push_str(text),
            _ => self.0.push(text.to_string()),
        }
    }

    /// Whether the last paragraph ends a sentence: a letter, not the first
    /// pieces of an addressee list a wrap broke.
    fn ends_sentence(&self) -> bool {
        self.0.last().is_some_and(|p| crate::task::ends_sentence(p))
    }

    fn joined(self) -> Option<String> {
        (!self.0.is_empty()).then(|| self.0.join("\n"))
    }
}

/// Reads the envelope from the lines before the plan's first part.
///
/// A title or an addressee list a wrap broke is put back together: the
/// lines before the one ending '…通知' that holds (with them) '关于', and a
/// piece without '。' before the line ending '：'.
///
/// ```text
/// 广东省人民政府                                      ← the title's first piece
/// 关于印发2024年 省《政府工作报告》工作任务 分工方案的通知
/// 各地级以上市人民政府，各县（市、区）人民政府，省政府      ← the list's first piece
/// 各部门、各直属机构：
/// ```
pub(crate) fn read_envelope(
    lines: &[Line<'_>],
    doc: &mut Document<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut letter = Paragraphs::default();
    let mut preamble = Paragraphs::default();
    // lines before the title that may be its first pieces
    let mut before_title: Vec<(u32, String, &str)> = Vec::new();
    for line in lines.iter().filter(|l| !l.is_filler()) {
        match &mut doc.lines {
            Some(span) => span.extend_to(line.number),
            None => doc.lines = Some(LineSpan::line(line.number)),
        }
        if doc.plan_title.is_some() {
            preamble.push_line(&normalize(line.text));
            continue;
        }
        let kind = classify(line.text, doc);
        if !matches!(kind, EnvelopeLine::Text(_) | EnvelopeLine::Title(_)) {
            unread(&mut before_title, diagnostics);
        }
        match kind {
            EnvelopeLine::Attachment => {}
            EnvelopeLine::Issuer(issuer) => doc.issuer = Some(issuer.into()),
            EnvelopeLine::DocNumber(number) => doc.doc_number = Some(number.into()),
            EnvelopeLine::Title(title) => {
                let issuer = doc.issuer.as_deref();
                let title = title_with(&mut before_title, &title, issuer, diagnostics);
                doc.title = Some(title.into());
            }
            EnvelopeLine::Addressees(text) => {
                let text = match letter.take_unstopped() {
                    Some(head) => head + &text,
                    None => text,
                };
                doc.addressees = addressee_names(&text);
            }
            EnvelopeLine::PlanTitle(title, year) => {
                doc.plan_title = Some(title.into());
                doc.year = Some(year);
            }
            EnvelopeLine::Date(date) => doc.signed_on = Some(date),
            EnvelopeLine::Text(text) if doc.title.is_none() && doc.addressees.is_empty() => {
                let pieces = before_title.iter().map(|(_, piece, _)| squeeze(piece));
                let joined: String = pieces.chain([squeeze(&text)]).collect();
                if joined.ends_with("通知") && joined.contains("关于") {
                    let issuer = doc.issuer.as_deref();
                    let title = title_with(&mut before_title, &squeeze(&text), issuer, diagnostics);
                    doc.title = Some(title.into());
                } else {
                    // a title stands on a few lines: older ones do not begin it
                    if before_title.len() == MAX_TITLE_LINES - 1 {
                        let oldest = before_title.remove(0);
                        unread(&mut vec![oldest], diagnostics);
                    }
                    before_title.push((line.number, text, line.text));
                }
            }
            EnvelopeLine::Text(text) if is_signature(&text, doc, letter.ends_sentence()) => {}
            EnvelopeLine::Text(text) => letter.push_line(&text),
        }
    }
    unread(&mut before_title, diagnostics);
    doc.letter = letter.joined().map(Cow::Owned);
    doc.preamble = preamble.joined().map(Cow::Owned);
}

/// The most lines a wrap breaks the notice's title into.
const MAX_TITLE_LINES: usize = 4;

/// The title, after the pieces of it on the lines just before; the lines
/// before those are reported. The title starts where it starts with the
/// issuer's name, when the envelope gave one ('广东省人民政府文件');
/// otherwise at the last piece holding '关于', or at the issuer's name on
/// the line before a piece starting '关于'.
///
/// ```text
/// 特急                                         ← reported: not the title's
/// 广东省人民政府                                 ← the issuer's name: kept
/// 关于印发2024年 省《政府工作报告》工作任务 分工方案的通知
/// ```
fn title_with(
    before: &mut Vec<(u32, String, &str)>,
    last: &str,
    issuer: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    // the pieces from k on, and the last line, joined
    let joined = |before: &[(u32, String, &str)], k: usize| -> String {
        let pieces = before[k..].iter().map(|(_, piece, _)| squeeze(piece));
        pieces.chain([Cow::Borrowed(last)]).collect()
    };
    let starts = (0..=before.len()).rev();
    let from = match issuer {
        Some(issuer) => starts
            .clone()
            .find(|&k| joined(before, k).starts_with(issuer)),
        None => None,
    };
    let from = from.unwrap_or_else(|| {
        let about = starts
            .clone()
            .find(|&k| joined(before, k).contains("关于"))
            .unwrap_or(0);
        let issuer_before = about
            .checked_sub(1)
            .and_then(|k| before.get(k))
            .is_some_and(|(_, piece, _)| is_issuer_name(piece));
        if issuer_before && joined(before, about).starts_with("关于") {
            about - 1
        } else {
            about
        }
    });
    let mut title_lines = before.split_off(from);
    unread(before, diagnostics);
    title_lines
        .drain(..)
        .map(|(_, piece, _)| squeeze(&piece).into_owned())
        .chain([last.to_string()])
        .collect()
}

/// A line that names an issuing body ('广东省人民政府', '…办公厅').
fn is_issuer_name(text: &str) -> bool {
    let text = squeeze(text);
    let bodies = ["政府", "办公厅", "办公室"];
    text.chars().count() <= 16 && bodies.iter().any(|body| text.ends_with(body))
}

/// Reports the lines before the title that turned out not to begin it.
fn unread(before: &mut Vec<(u32, String, &str)>, diagnostics: &mut Vec<Diagnostic>) {
    for (number, _, raw) in before.drain(..) {
        diagnostics.push(
            Diagnostic::warning(
                Code::Unrecognized,
                number,
                "line before the notice's title fits no part of the envelope",
            )
            .with_excerpt(raw),
        );
    }
}

/// The issuer's name standing alone under the letter, above its date: the
/// issuer the envelope printed, or a short name ending '人民政府' under a
/// letter that ends a sentence (not under the first pieces of a broken
/// addressee list: '各地级以上市' / '人民政府' / '，省政府各部门…：').
///
/// ```text
/// 现将《2021年省〈政府工作报告〉重点任务分工方案》印发给你们，…
/// 广东省人民政府                 ← the signature: not the letter's
/// 2021年3月21日
/// ```
fn is_signature(text: &str, doc: &Document<'_>, under_letter: bool) -> bool {
    doc.issuer.as_deref() == Some(text)
        || (under_letter && text.ends_with("人民政府") && text.chars().count() <= 12)
}

/// The notice's year from its title or number, when the plan title has none:
/// the first run of exactly four digits starting 19 or 20.
pub(crate) fn year_of(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 4 && (run.starts_with("19") || run.starts_with("20")))
        .and_then(|run| run.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers() {
        let cases = [
            ("粤府〔2023〕18号", true),
            ("粤府[2022]6号", true),
            ("粤府［2021］1234号", true),
            ("粤府办（2020）9号", true),
            ("粤府(2019)10号", true),
            ("粤府〔2023〕12345号", false),
            ("粤府〔202〕18号", false),
            ("粤府〔20234〕18号", false),
            ("粤府〔2023〕号", false),
            ("粤府〔2023〕18号。", false),
            ("粤 府〔2023〕18号", false),
            ("〔2023〕18号", false),
            ("粤府〔2023〔18号", false),
            ("粤府〔２０２３〕18号", false),
            ("广东省人民政府文件", false),
            ("", false),
        ];
        for (line, expected) in cases {
            assert_eq!(is_doc_number(line), expected, "{line:?}");
        }
    }

    /// The grammar accepts exactly what the regular expression it replaced
    /// accepted: on every line made of a short name, brackets, a year, a
    /// serial and an ending, each well formed or a near miss, and on lines
    /// of random pieces.
    #[test]
    fn doc_numbers_as_the_pattern_read_them() {
        let pattern =
            regex::Regex::new(r"^[^\s〔\[［（(]+[〔\[［（(][0-9]{4}[〕\]］）)][0-9]{1,4}号$")
                .unwrap();
        let names = [
            "粤府",
            "粤府办",
            "a",
            "",
            "粤 府",
            "粤\u{3000}府",
            "粤〕府",
            "粤)府",
            "2",
        ];
        let opens = ["〔", "[", "［", "（", "(", "", "〕", " "];
        let years = ["2023", "0000", "202", "20234", "２０２３", "", "2 23"];
        let closes = ["〕", "]", "］", "）", ")", "", "〔", "】"];
        let serials = ["18", "1", "1234", "12345", "", "１８", "1a"];
        let ends = ["号", "", "号。", "号 ", "号号", " 号", "號"];
        let mut lines = Vec::new();
        for name in names {
            for open in opens {
                for year in years {
                    for close in closes {
                        for serial in serials {
                            for end in ends {
                                lines.push(format!("{name}{open}{year}{close}{serial}{end}"));
                            }
                        }
                    }
                }
            }
        }
        let built = lines.len();
        let pieces: Vec<&str> = [&names[..], &opens, &years, &closes, &serials, &ends].concat();
        let mut state = 0x2023_0218_u64;
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..6 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                line.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            lines.push(line);
        }
        for line in &lines {
            assert_eq!(is_doc_number(line), pattern.is_match(line), "{line:?}");
        }
        // the built lines well formed in every slot: 6 names (a close
        // bracket may stand in a name) × 5 opens × 2 years × 5 closes ×
        // 3 serials × 1 ending
        let accepted = lines[..built].iter().filter(|l| is_doc_number(l)).count();
        assert_eq!(accepted, 900);
    }

    #[test]
    fn dates() {
        let cases = [
            ("2023 年 2 月 22 日印发", Some((None, "2023-02-22"))),
            (
                "广东省人民政府办公厅秘书处  2023年2月22日印发",
                Some((Some("广东省人民政府办公厅秘书处"), "2023-02-22")),
            ),
            ("2023 年 13 月 22 日印发", None),
            ("2023 年 2 月 22 日", None),
        ];
        for (input, expected) in cases {
            let got = printed_on(input).map(|(o, d)| (o, d.to_string()));
            let expected = expected.map(|(o, d)| (o.map(str::to_string), d.to_string()));
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn envelope_lines() {
        let doc = Document::default();
        let cases = [
            (
                "广东省人民政府文件",
                EnvelopeLine::Issuer("广东省人民政府".into()),
            ),
            (
                "粤府〔2023〕18号",
                EnvelopeLine::DocNumber("粤府〔2023〕18号".into()),
            ),
            (
                "2023 年省《政府工作报告》工作任务 分工方案",
                EnvelopeLine::PlanTitle("2023年省《政府工作报告》工作任务分工方案".into(), 2023),
            ),
            (
                "2021年3月21日",
                EnvelopeLine::Date(Date::new(2021, 3, 21).unwrap()),
            ),
            ("附件：", EnvelopeLine::Attachment),
            // '文件' alone, or a sentence ending in it, names no issuer
            ("文件", EnvelopeLine::Text("文件".into())),
            (
                "请认真贯彻执行，有关文件",
                EnvelopeLine::Text("请认真贯彻执行，有关文件".into()),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(classify(input, &doc), expected, "{input:?}");
        }
    }

    #[test]
    fn plan_titles() {
        let cases = [
            (
                "2023 年省《政府工作报告》工作任务 分工方案",
                Some(("2023年省《政府工作报告》工作任务分工方案", 2023)),
            ),
            ("2022年重点工作安排", Some(("2022年重点工作安排", 2022))),
            // a sentence, not a title
            ("2023年制定实施方案。并印发方案", None),
            // the year has four digits
            ("202年省政府工作任务分工方案", None),
            ("20234年省政府工作任务分工方案", None),
            // two to eighty characters between '年' and the ending
            ("2023年方案", None),
            ("2023年分工方案", Some(("2023年分工方案", 2023))),
            ("省政府工作任务分工方案", None),
        ];
        for (line, expected) in cases {
            let got = plan_title(line);
            let got = got.as_ref().map(|(t, y)| (t.as_str(), *y));
            assert_eq!(got, expected, "{line:?}");
        }
        let long = format!("2023年{}方案", "工".repeat(81));
        assert_eq!(plan_title(&long), None);
        let longest = format!("2023年{}方案", "工".repeat(80));
        assert_eq!(plan_title(&longest).map(|(_, y)| y), Some(2023));
    }

    #[test]
    fn addressees_split_outside_brackets() {
        let cases: [(&str, &[&str]); 5] = [
            (
                "各地级以上市人民政府，省政府各部门、各直属机构：",
                &["各地级以上市人民政府", "省政府各部门", "各直属机构"],
            ),
            (
                "各地级以上市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构：",
                &[
                    "各地级以上市人民政府",
                    "各县（市、区）人民政府",
                    "省政府各部门",
                    "各直属机构",
                ],
            ),
            (
                "《条例》实施单位（甲、乙【丙、丁】），各县(市、区):",
                &["《条例》实施单位（甲、乙【丙、丁】）", "各县(市、区)"],
            ),
            // a stray close bracket does not leave the list inside one
            ("甲）、乙、丙：", &["甲）", "乙", "丙"]),
            ("省政府各部门：", &["省政府各部门"]),
        ];
        for (line, expected) in cases {
            assert_eq!(addressee_names(line), expected, "{line:?}");
        }
    }

    #[test]
    fn cc_bodies() {
        assert_eq!(
            cc_list("省法院，省检察院，南部战区、南部战区海军。"),
            ["省法院", "省检察院", "南部战区", "南部战区海军"]
        );
    }

    #[test]
    fn years() {
        assert_eq!(year_of("粤府〔2023〕18号"), Some(2023));
        assert_eq!(year_of("无"), None);
        // the first run of exactly four digits, starting 19 or 20
        assert_eq!(year_of("第20号、2050、1999年"), Some(2050));
        assert_eq!(year_of("粤府〔20234〕2023号"), Some(2023));
        assert_eq!(year_of("3023年"), None);
    }
}
