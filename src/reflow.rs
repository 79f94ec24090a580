//! Reflowing: joining the pieces a page end or a hard wrap broke apart.
//!
//! A PDF breaks a paragraph at the end of a page, mid-sentence and even
//! mid-word, and the extracted text puts a blank line in between (lines
//! 103–105 of the 2023 notice):
//!
//! ```text
//! 工作措施：…用好管好港珠澳大桥，加快推进大桥旅游开发运营。进一步落实“澳车北
//!
//! 上”，推动“港车北上”落地实施。…
//! ^ continues the paragraph above
//! ```
//!
//! Copies hard-wrapped at the page width break every paragraph the same
//! way, without the blank line, and a piece may end in '。' and start with
//! digits ('20 个全国“一村一品”示范村镇'). So whether a line continues the
//! paragraph above is decided by how the line *starts*, never by how the
//! previous one ends:
//!
//! ```text
//! block-start = task-header / label / part-heading / requirement-heading
//!             / annex-start / table-row / tail-label / printed-on
//! ```
//!
//! A line that starts no block continues the open block above it. Part
//! headings, the annex title, table rows and the tail's single lines are
//! closed: they stand on their own, and a line after them starts a new
//! [`Kind::Text`] block. The cc list closes at its final '。'.

use std::borrow::Cow;

use crate::envelope::{printed_on, tail_label, TailLabel};
use crate::model::LineSpan;
use crate::part::{part_heading, requirement_heading};
use crate::source::Line;
use crate::task::{label, task_header, Label, Stop};
use crate::text::{is_numeral_char, is_space};

/// What a block is, by how its first line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// '12. 对接香港…': the task's number, and where its title starts.
    TaskHeader { number: u32, title_at: usize },
    /// '工作措施：' / '分管省领导：' / '部门分工：', and where the value starts.
    Label { label: Label, value_at: usize },
    /// '一、2023 年经济社会发展主要预期目标'
    PartHeading,
    /// '（一）强化担当，主动作为。…'
    Requirement,
    /// '附件：2023 年省十件民生实事任务分解表'
    AnnexStart,
    /// A line with tabs: a row of the annex table.
    TableRow,
    /// '公开方式：主动公开'
    Disclosure,
    /// '抄送：…'
    CarbonCopy,
    /// '2023 年 2 月 22 日印发'
    PrintedOn,
    /// Anything else.
    Text,
}

impl Kind {
    /// Whether a following [`Kind::Text`] line may continue a block of this kind.
    fn takes_continuation(self) -> bool {
        !matches!(
            self,
            Kind::PartHeading
                | Kind::AnnexStart
                | Kind::TableRow
                | Kind::Disclosure
                | Kind::PrintedOn
        )
    }
}

/// A paragraph put back together, with the input lines it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block<'a> {
    pub kind: Kind,
    pub lines: LineSpan,
    /// The pieces joined with nothing between them; borrowed when there is one.
    pub text: Cow<'a, str>,
    /// The first piece.
    pub first: &'a str,
    /// The pieces after the first, with their line numbers.
    pub more: Vec<(u32, &'a str)>,
}

impl<'a> Block<'a> {
    /// Whether a following [`Kind::Text`] line continues this block; the
    /// cc list closes at its final '。'.
    fn open(&self) -> bool {
        match self.kind {
            Kind::CarbonCopy => !self.last_piece().ends_with('。'),
            kind => kind.takes_continuation(),
        }
    }

    fn last_piece(&self) -> &'a str {
        self.more.last().map_or(self.first, |&(_, piece)| piece)
    }

    /// A block begun by `line`.
    fn start(kind: Kind, line: &Line<'a>) -> Self {
        Block {
            kind,
            lines: LineSpan::line(line.number),
            text: Cow::Borrowed(line.text),
            first: line.text,
            more: Vec::new(),
        }
    }

    /// Begins the block anew with `line`, keeping the room its list of
    /// pieces took (a notice has some fifty blocks of several lines).
    fn restart(&mut self, kind: Kind, line: &Line<'a>) {
        self.kind = kind;
        self.lines = LineSpan::line(line.number);
        self.text = Cow::Borrowed(line.text);
        self.first = line.text;
        self.more.clear();
    }

    /// Joins the pieces into [`Block::text`], in one allocation, once all
    /// of them are known.
    fn join(&mut self) {
        if !self.more.is_empty() {
            let len = self.first.len() + self.more.iter().map(|(_, p)| p.len()).sum::<usize>();
            let mut text = String::with_capacity(len);
            text.push_str(self.first);
            for (_, piece) in &self.more {
                text.push_str(piece);
            }
            self.text = Cow::Owned(text);
        }
    }

    /// Each non-blank input line of the block, with its words.
    pub fn pieces(&self) -> impl Iterator<Item = (u32, &'a str)> + '_ {
        std::iter::once((self.lines.first, self.first)).chain(self.more.iter().copied())
    }

    /// The blocks of `text`, as a test lists them.
    #[cfg(test)]
    pub fn all_of(text: &'a str) -> Vec<Self> {
        let mut all = Vec::new();
        each_block(crate::source::lines(text), Stop::Dot, |block| {
            all.push(block.clone())
        });
        all
    }

    /// A block of one line, as a test builds it.
    #[cfg(test)]
    pub fn line(text: &'a str) -> Self {
        Block {
            kind: Kind::Text,
            lines: LineSpan::line(1),
            text: Cow::Borrowed(text),
            first: text,
            more: Vec::new(),
        }
    }

    /// A cursor that finds where ranges of [`Block::text`] stand in the input.
    pub fn sources(&self) -> Sources<'_, 'a> {
        Sources {
            block: self,
            piece: 0,
            start: 0,
        }
    }
}

/// Finds, for ranges of a block's text taken in order, the input slice that
/// reads the same: the range must lie within one piece.
///
/// ```text
/// 工作措施：…加快推进大桥旅游开发运营。进一步落实“澳车北
/// 上”，推动“港车北上”落地实施。推动数据、人才…
/// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ within the second piece: found
/// ```
///
/// The sentence '进一步落实“澳车北上”，…' straddles the break and has none.
/// The cursor only moves forward, so a whole block costs one pass over its
/// pieces however many ranges are asked for.
pub(crate) struct Sources<'b, 'a> {
    block: &'b Block<'a>,
    /// The piece the cursor stands in.
    piece: usize,
    /// Where that piece starts in the block's text.
    start: usize,
}

impl<'a> Sources<'_, 'a> {
    fn piece(&self, k: usize) -> Option<&'a str> {
        match k {
            0 => Some(self.block.first),
            k => self.block.more.get(k - 1).map(|&(_, piece)| piece),
        }
    }

    /// The input slice reading as `text[range]`, if the range lies within
    /// one piece and starts no earlier than the ranges asked for before.
    pub fn slice(&mut self, range: std::ops::Range<usize>) -> Option<&'a str> {
        if let Cow::Borrowed(text) = self.block.text {
            return text.get(range);
        }
        let mut piece = self.piece(self.piece)?;
        while self.start + piece.len() <= range.start {
            self.start += piece.len();
            self.piece += 1;
            piece = self.piece(self.piece)?;
        }
        let from = range.start.checked_sub(self.start)?;
        piece.get(from..range.end.checked_sub(self.start)?)
    }
}

/// Whether `text` starts an annex: '附件：…' (but not a bare '附件：').
fn annex_start(text: &str) -> bool {
    text.strip_prefix("附件")
        .and_then(|rest| rest.trim_start_matches(is_space).strip_prefix(['：', ':']))
        .is_some_and(|title| !title.trim_matches(is_space).is_empty())
}

/// What block a line starts, by its first words; the first character
/// picks which constructs to try. A line holding a tab is a table row.
pub(crate) fn classify(line: &Line<'_>, stop: Stop) -> Kind {
    if line.has_tab {
        return Kind::TableRow;
    }
    let text = line.text;
    let kind = match text.chars().next() {
        Some('工' | '分' | '部') => label(text).ok().map(|(value, label)| Kind::Label {
            label,
            value_at: text.len() - value.len(),
        }),
        Some('0'..='9' | '０'..='９') => task_header(text)
            .ok()
            .filter(|(_, (_, its))| *its == stop)
            .map(|(title, (number, _))| Kind::TaskHeader {
                number,
                title_at: text.len() - title.len(),
            }),
        Some(c) if is_numeral_char(c) => part_heading(text).is_ok().then_some(Kind::PartHeading),
        Some('（' | '(') => requirement_heading(text)
            .is_ok()
            .then_some(Kind::Requirement),
        Some('附') => annex_start(text).then_some(Kind::AnnexStart),
        Some('公' | '抄') => match tail_label(text) {
            Ok((_, TailLabel::Disclosure)) => Some(Kind::Disclosure),
            Ok((_, TailLabel::CarbonCopy)) => Some(Kind::CarbonCopy),
            Err(_) => None,
        },
        _ => None,
    };
    match kind {
        Some(kind) => kind,
        None if text.ends_with("印发") && printed_on(text).is_some() => Kind::PrintedOn,
        None => Kind::Text,
    }
}

/// Joins the body's lines into blocks and hands each to `each` as soon as
/// it is complete, so that no list of the whole input's lines or blocks is
/// ever held. The block is lent, not moved: one block is built in place and
/// overwritten by the next.
pub(crate) fn each_block<'a>(
    lines: impl Iterator<Item = Line<'a>>,
    stop: Stop,
    mut each: impl FnMut(&Block<'a>),
) {
    let mut pending: Option<Block<'a>> = None;
    let mut open = false;
    for line in lines.filter(|l| !l.is_filler()) {
        let kind = classify(&line, stop);
        match pending.as_mut() {
            Some(block) if kind == Kind::Text && open => {
                // lines come trimmed (crate::source); only a table row keeps
                // tabs. The pieces are joined when the block is complete.
                block.lines.extend_to(line.number);
                block.more.push((line.number, line.text));
            }
            Some(block) => {
                block.join();
                each(block);
                block.restart(kind, &line);
            }
            None => pending = Some(Block::start(kind, &line)),
        }
        open = pending.as_ref().is_some_and(Block::open);
    }
    if let Some(block) = pending.as_mut() {
        block.join();
        each(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let cases = [
            (
                "12. 对接香港",
                Kind::TaskHeader {
                    number: 12,
                    title_at: 4,
                },
            ),
            (
                "工作措施：编制",
                Kind::Label {
                    label: Label::Measures,
                    value_at: 15,
                },
            ),
            ("一、2023 年经济社会发展主要预期目标", Kind::PartHeading),
            ("（一）强化担当，主动作为。", Kind::Requirement),
            ("附件：2023 年省十件民生实事任务分解表", Kind::AnnexStart),
            ("\t2\t实现技工院校招生规模", Kind::TableRow),
            ("公开方式：主动公开", Kind::Disclosure),
            ("抄送：省委有关部委办", Kind::CarbonCopy),
            ("2023 年 2 月 22 日印发", Kind::PrintedOn),
            ("20 个全国“一村一品”示范村镇。", Kind::Text),
            ("（青年）运动会。", Kind::Text),
            ("附件：", Kind::Text),
            // '印发' ends a wrapped line of prose, not only the closing line
            ("《实施方案》由省政府办公厅印发", Kind::Text),
            ("2023 年 2 月 22 日印发", Kind::PrintedOn),
        ];
        for (input, kind) in cases {
            let line = crate::source::lines(input).next().expect("one line");
            assert_eq!(classify(&line, Stop::Dot), kind, "{input:?}");
        }
    }

    #[test]
    fn joins_page_break_pieces() {
        let text = "11. 全省空气质量优良天数比率和地表水水质优良率均完成\n\n国家下达任务。\n\n分管省领导：张少康\n";
        let got: Vec<(Kind, [u32; 2], String)> = Block::all_of(text)
            .into_iter()
            .map(|b| (b.kind, b.lines.into(), b.text.into_owned()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Kind::TaskHeader {
                        number: 11,
                        title_at: 4
                    },
                    [1, 3],
                    "11. 全省空气质量优良天数比率和地表水水质优良率均完成国家下达任务。"
                        .to_string()
                ),
                (
                    Kind::Label {
                        label: Label::Leaders,
                        value_at: 18
                    },
                    [5, 5],
                    "分管省领导：张少康".to_string()
                ),
            ]
        );
    }

    #[test]
    fn joined_text_is_allocated_once_at_its_length() {
        let fixture = include_str!("../fixtures/guangdong-2023.txt");
        let mut joined = 0;
        // the lent block itself: a clone would be sized afresh
        each_block(crate::source::lines(fixture), Stop::Dot, |block| {
            if let Cow::Owned(text) = &block.text {
                assert_eq!(text.capacity(), text.len(), "{text}");
                joined += 1;
            }
        });
        // the 2023 notice's blocks split by a page break or a wrap, task
        // 53's title ('…开展“粤贸全国”经贸' / '活动。') among them
        assert_eq!(joined, 57, "joined blocks");
    }

    #[test]
    fn closed_blocks_take_no_continuation() {
        let text = "十二、工作要求\n2023年是全面贯彻\n落实之年。\n抄送：省法院，省\n检察院。\n广东省人民政府办公厅秘书处\n";
        let got: Vec<(Kind, [u32; 2])> = Block::all_of(text)
            .into_iter()
            .map(|b| (b.kind, b.lines.into()))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::PartHeading, [1, 1]),
                (Kind::Text, [2, 3]),
                (Kind::CarbonCopy, [4, 5]),
                (Kind::Text, [6, 6])
            ]
        );
    }
}
