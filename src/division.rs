//! The department clause — 部门分工: who leads a task and who supports it.
//!
//! ```text
//! clause       = joint / lead-support / lead-only
//! joint        = groups "按职责分工负责" ["。"]
//! lead-support = [groups] "牵头" "，" groups ["等"] "配合" ["。"]
//! lead-only    = [groups] "牵头" ["。"]      ; an empty lead is read, and reported by the check
//! groups       = group *("，" group)
//! group        = name *("、" name)
//! name         = 1*(bracketed / char)      ; up to a separator or keyword at depth 0
//! ```
//!
//! As it stands in the notice (task 14, line 117):
//!
//! ```text
//! 省发展改革委、交通运输厅牵头，广州、深圳市政府，省铁投集团，…等配合。
//! ^^^^^^^^^^^^ name
//!             ^ "、" within a group
//!                       ^^^^ lead ends
//!                             ^^^^^^^^^^^^^^^ group: a shared tail
//! ```
//!
//! Within a group the names share what the first one says once:
//!
//! - a head: '省委组织部、编办' names 省委组织部 and 省委编办; '省机场集团、
//!   交通集团' names 省机场集团 and 省交通集团. A name with its own head keeps
//!   it: '团省委、省妇联', '省发展改革委、横琴粤澳深度合作区执委会'.
//! - a tail: '深圳、珠海市政府' names 深圳市政府 and 珠海市政府; '省安委会、
//!   减灾委成员单位' names 省安委会成员单位 and 省减灾委成员单位.
//!
//! Collective entries (各地, 各部门, '…领导小组成员单位') stay whole.

use std::borrow::Cow;

use nom::bytes::complete::tag;
use nom::combinator::{eof, opt};
use nom::{IResult, Parser};

use crate::model::{Department, Division, Mode};
use crate::task::{self, Label};
use crate::text::{char3, lift, marks, normalize};

/// Words that end a name list when they stand at depth 0, each followed by
/// what may come after it (`None`: the end of the clause). Where two end
/// the same way, the longer comes first.
const KEYWORDS: [(&str, &[Option<char>]); 4] = [
    ("按职责分工负责", &[Some('。'), None]),
    ("牵头", &[Some('，'), Some('。'), None]),
    ("等配合", &[Some('。'), None]),
    ("配合", &[Some('。'), None]),
];

/// Reads one name, brackets and all.
///
/// ```text
/// name = 1*(char)     ; stops at '，' '、' '。' or a keyword, outside brackets
///
/// 长征国家文化公园（广东段）建设工作领导小组成员单位配合。
/// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ name   ^^^^ keyword
/// ```
///
/// A keyword is always followed by '，', '。' or the end, so it can only
/// stand at the end of the words before the first stop: those words are
/// found first ([`words_before_stop`]), then a keyword is taken off their end.
fn name(i: &str) -> IResult<&str, &str> {
    let (end, stop, depth) = words_before_stop(i);
    let mut words = &i[..end];
    if depth == 0 {
        let ending = KEYWORDS
            .iter()
            .filter(|(_, after)| after.contains(&stop))
            .find_map(|(word, _)| words.strip_suffix(word));
        if let Some(rest) = ending {
            words = rest;
        }
    }
    if words.is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TakeWhile1,
        )));
    }
    Ok((&i[words.len()..], words))
}

/// How far the words before the first '，' '、' '。' outside brackets run,
/// which stop ends them (`None`: the end of the text) and how deep in
/// brackets the text is there.
///
/// Every stop and bracket but '(' and ')' is a three-byte character with
/// lead byte 0xE2, 0xE3 or 0xEF: only those bytes are read ([`marks`]).
fn words_before_stop(i: &str) -> (usize, Option<char>, usize) {
    let bytes = i.as_bytes();
    let mut depth = 0usize;
    for at in marks(bytes) {
        let c = match bytes[at] {
            byte @ (b'(' | b')') => char::from(byte),
            _ => char3(bytes, at).unwrap_or(' '),
        };
        match c {
            '，' | '、' | '。' if depth == 0 => return (at, Some(c), 0),
            '（' | '《' | '“' | '‘' | '(' | '「' | '〔' | '【' | '［' => depth += 1,
            '）' | '》' | '”' | '’' | ')' | '」' | '〕' | '】' | '］' => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
    }
    (bytes.len(), None, depth)
}

/// Names in groups, as a clause is read: every name in order, each group
/// closed by an empty name (a name is never empty). The lead's groups and
/// the support's share one list, allocated once per clause.
type Names<'t> = Vec<&'t str>;

/// The groups of `names`, each one's names in order.
fn groups_of<'n, 't>(names: &'n [&'t str]) -> impl Iterator<Item = &'n [&'t str]> {
    names
        .split(|name| name.is_empty())
        .filter(|group| !group.is_empty())
}

/// Reads the names of one group into `into`.
///
/// ```text
/// group = name *("、" name)
///
/// 省委组织部、编办，各地、各部门配合。
/// ^^^^^^^^^^^^^^^^ here
/// ```
fn group<'t>(mut i: &'t str, into: &mut Names<'t>) -> IResult<&'t str, ()> {
    let (rest, first) = name(i)?;
    into.push(first);
    i = rest;
    while let Some(after) = i.strip_prefix('、') {
        let Ok((rest, next)) = name(after) else { break };
        into.push(next);
        i = rest;
    }
    Ok((i, ()))
}

/// Reads groups separated by '，' into `into`, each closed by an empty name.
///
/// ```text
/// groups = group *("，" group)
///
/// 省发展改革委，广州、深圳市政府牵头，…
/// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ here
/// ```
fn groups<'t>(i: &'t str, into: &mut Names<'t>) -> IResult<&'t str, ()> {
    let (mut i, ()) = group(i, into)?;
    into.push("");
    while let Some(after) = i.strip_prefix('，') {
        let Ok((rest, ())) = group(after, into) else {
            break;
        };
        into.push("");
        i = rest;
    }
    Ok((i, ()))
}

/// ```text
/// joint-end = "按职责分工负责" ["。"]
///
/// 省生态环境厅、农业农村厅按职责分工负责。
///                         ^ here
/// ```
fn joint_end(i: &str) -> IResult<&str, ()> {
    let (i, _) = (tag("按职责分工负责"), opt(tag("。")), eof).parse(i)?;
    Ok((i, ()))
}

/// ```text
/// support-end = "牵头" "，" groups ["等"] "配合" ["。"]
///
/// 省商务厅牵头，各地、各部门配合。
///         ^ here
/// ```
///
/// The support's names go into `into`; on failure it is left as it was.
fn support_end<'t>(i: &'t str, into: &mut Names<'t>) -> IResult<&'t str, ()> {
    let before = into.len();
    let read = (
        tag("牵头，"),
        |i| groups(i, into),
        opt(tag("等")),
        tag("配合"),
        opt(tag("。")),
        eof,
    )
        .parse(i);
    match read {
        Ok((i, _)) => Ok((i, ())),
        Err(e) => {
            into.truncate(before);
            Err(e)
        }
    }
}

/// ```text
/// lead-only-end = "牵头" ["。"]
///
/// 省国资委牵头。
///         ^ here
/// ```
fn lead_only_end(i: &str) -> IResult<&str, ()> {
    let (i, _) = (tag("牵头"), opt(tag("。")), eof).parse(i)?;
    Ok((i, ()))
}

/// Reads a whole clause: the lead groups once, then how the clause ends.
/// The names go into `names`, the lead's first; the mode and where the
/// support's names start are returned.
///
/// ```text
/// clause = [groups] (support-end / lead-only-end / joint-end)
///
/// 牵头，各地、各部门配合。    (an empty lead: read, and reported by the check)
/// ```
fn clause<'t>(i: &'t str, names: &mut Names<'t>) -> Option<(Mode, usize)> {
    let rest = match groups(i, names) {
        Ok((rest, ())) => rest,
        Err(_) => i,
    };
    let split = names.len();
    if support_end(rest, names).is_ok() {
        Some((Mode::LeadSupport, split))
    } else if lead_only_end(rest).is_ok() {
        Some((Mode::LeadOnly, split))
    } else if joint_end(rest).is_ok() && split > 0 {
        Some((Mode::Joint, split))
    } else {
        None
    }
}

/// Tails a group's last name may share with the names before it, and which
/// of those names take it.
fn takes_tail(tail: &str, written: &str) -> bool {
    match tail {
        // a place takes it; a body or a collective entry ('各地') does not
        "市政府" | "县政府" | "区政府" => !is_body(written) && !written.starts_with('各'),
        "成员单位" => COMMITTEES.iter().any(|s| written.ends_with(s)),
        _ => false,
    }
}

const TAILS: [&str; 4] = ["市政府", "县政府", "区政府", "成员单位"];

const COMMITTEES: [&str; 6] = ["委会", "委员会", "领导小组", "小组", "联席会议", "指挥部"];

/// Endings that make a name a body on its own (深圳 is a place; 深圳市政府 a body).
const BODY_SUFFIXES: [&str; 24] = [
    "厅", "局", "委", "会", "办", "部", "院", "府", "集团", "公司", "行", "署", "社", "联", "队",
    "中心", "所", "馆", "组", "班", "处", "站", "室", "单位",
];

fn is_body(name: &str) -> bool {
    BODY_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Beginnings that give a name its own head: places and bodies outside the
/// provincial government. Kept sorted (a test checks it): [`has_own_head`]
/// bisects it.
const OWN_HEADS: [&str; 53] = [
    "东莞",
    "中共",
    "中国",
    "中央",
    "中山",
    "中科院",
    "云浮",
    "人民银行",
    "佛山",
    "全国",
    "前海",
    "华南",
    "南方",
    "南沙",
    "各",
    "团省委",
    "国务院",
    "国家",
    "国核",
    "广东",
    "广州",
    "惠州",
    "拱北",
    "揭阳",
    "暨南",
    "有关",
    "梅州",
    "横琴",
    "武警",
    "民航",
    "水利部",
    "汕头",
    "汕尾",
    "江门",
    "河套",
    "河源",
    "海关",
    "深圳",
    "清远",
    "湛江",
    "潮州",
    "澳门",
    "珠海",
    "省",
    "粤港澳",
    "肇庆",
    "茂名",
    "长征",
    "阳江",
    "韶关",
    "香港",
    "驻粤",
    "黄埔",
];

fn has_own_head(name: &str) -> bool {
    let key = lead_key(name);
    // most names start with a character no head starts with: one bit of
    // [`OWN_HEAD_FILTER`] says so without a search
    if !passes_filter(key) {
        return false;
    }
    // [`OWN_HEADS`] is sorted: the heads sharing the name's first character
    // stand together, found by bisection ('交通运输厅' finds none)
    let from = OWN_HEAD_KEYS.partition_point(|&k| k < key);
    OWN_HEAD_KEYS[from..]
        .iter()
        .zip(&OWN_HEADS[from..])
        .take_while(|(&k, _)| k == key)
        .any(|(_, head)| name.starts_with(head))
}

/// [`lead_key`] of every head, computed when the crate is compiled.
static OWN_HEAD_KEYS: [u32; OWN_HEADS.len()] = {
    let mut keys = [0; OWN_HEADS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = lead_key(OWN_HEADS[i]);
        i += 1;
    }
    keys
};

/// A bit for every head's [`lead_key`], set when the crate is compiled: a
/// name whose bit is clear has no own head (a set bit may be another
/// character's: the heads are then searched).
static OWN_HEAD_FILTER: [u64; 4] = {
    let mut filter = [0u64; 4];
    let mut i = 0;
    while i < OWN_HEADS.len() {
        let bit = filter_bit(lead_key(OWN_HEADS[i]));
        filter[bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    filter
};

/// Whether [`OWN_HEAD_FILTER`] lets a name's [`lead_key`] on to the search:
/// '省…' passes, '交通运输厅' is turned away.
fn passes_filter(key: u32) -> bool {
    let bit = filter_bit(key);
    OWN_HEAD_FILTER[bit / 64] & (1 << (bit % 64)) != 0
}

/// Where a key falls in [`OWN_HEAD_FILTER`]: its bits mixed, then the top 8.
const fn filter_bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 24) as usize
}

/// The first three bytes of `s` as a number that sorts as they do (every
/// head starts with a three-byte Han character).
const fn lead_key(s: &str) -> u32 {
    let bytes = s.as_bytes();
    let mut key = 0;
    let mut i = 0;
    while i < 3 {
        let byte = if i < bytes.len() { bytes[i] as u32 } else { 0 };
        key = (key << 8) | byte;
        i += 1;
    }
    key
}

/// The head the first name of a group lends to the rest.
fn head_of(first: &str) -> &'static str {
    ["省委", "省政府", "省"]
        .into_iter()
        .find(|h| first.starts_with(h))
        .unwrap_or("")
}

/// Restores the heads and tails a group shares.
///
/// ```text
/// 省委组织部、编办        → 省委组织部, 省委编办
/// 深圳、珠海市政府        → 深圳市政府, 珠海市政府
/// ```
// `&Cow`, not `&str`: whether `whole` is borrowed decides whether names borrow
#[allow(clippy::ptr_arg)]
fn expand<'a>(whole: &Cow<'a, str>, group: &[&str], out: &mut Vec<Department<'a>>) {
    let Some(last) = group.last() else { return };
    let tail = TAILS
        .into_iter()
        .find(|t| last.len() > t.len() && last.ends_with(t));
    let tail_for = |written: &str| match tail {
        // '深圳市、珠海市政府': 深圳市 takes only 政府
        Some("市政府") if written.ends_with('市') && !is_body(written) => "政府",
        Some(t) if !written.ends_with(t) && takes_tail(t, written) => t,
        _ => "",
    };
    // the head in force: the nearest name before that has its own
    let mut head = "";
    out.extend(group.iter().enumerate().map(|(at, written)| {
        let tail = tail_for(written);
        let own = at == 0 || head.is_empty() || has_own_head(written);
        let lent = if own { "" } else { head };
        if own {
            head = head_of(written);
        }
        let words = lift(whole, Cow::Borrowed(written));
        let name = if lent.is_empty() && tail.is_empty() {
            words.clone()
        } else {
            let mut name = String::with_capacity(lent.len() + written.len() + tail.len());
            name.push_str(lent);
            name.push_str(written);
            name.push_str(tail);
            Cow::Owned(name)
        };
        Department {
            name,
            written: words,
        }
    }));
}

fn expand_all<'a>(whole: &Cow<'a, str>, names: &[&str]) -> Vec<Department<'a>> {
    // one department a name; the empty ones stand between groups
    let mut out = Vec::with_capacity(names.iter().filter(|name| !name.is_empty()).count());
    for group in groups_of(names) {
        expand(whole, group, &mut out);
    }
    out
}

/// Reads the clause `text`, a slice of `whole`: the departments borrow from
/// `whole` where it is borrowed.
///
/// `room` is the list a reader keeps for the names of its clauses: empty,
/// with room left by the clause before.
pub(crate) fn read<'a>(whole: &Cow<'a, str>, text: &str, room: &mut Room) -> Division<'a> {
    let text = lift(whole, normalize(text));
    let mut names = emptied(std::mem::take(&mut room.0));
    names.reserve(32);
    let (mode, lead, support) = match clause(&text, &mut names) {
        Some((mode, split)) => {
            let (lead, support) = names.split_at(split);
            (mode, expand_all(&text, lead), expand_all(&text, support))
        }
        None => (Mode::Unparsed, Vec::new(), Vec::new()),
    };
    room.0 = emptied(names);
    Division {
        mode,
        lead,
        support,
        text,
    }
}

/// Room for the names of a clause, kept from clause to clause so that
/// reading one allocates no list of names (a notice has 180).
#[derive(Debug, Default)]
pub(crate) struct Room(Vec<&'static str>);

/// `names` emptied, its room kept for names that live as long as another
/// text: the standard library collects a list's own iterator into the same
/// allocation (no item is mapped: the list is empty).
fn emptied<'t>(mut names: Vec<&str>) -> Vec<&'t str> {
    names.clear();
    names.into_iter().map(|_| "").collect()
}

impl<'a> Division<'a> {
    /// Reads a department clause (the words after '部门分工：'). A whole
    /// line, label and all, reads as the clause after its label.
    ///
    /// A clause outside the grammar reads as [`Mode::Unparsed`], naming no
    /// body and keeping its text.
    ///
    /// ```
    /// use fengong::{Division, Mode};
    /// let d = Division::parse("省发展改革委，广州、深圳市政府牵头，省政府办公厅等配合。");
    /// let lead: Vec<&str> = d.lead.iter().map(|b| &*b.name).collect();
    /// assert_eq!(lead, ["省发展改革委", "广州市政府", "深圳市政府"]);
    /// assert_eq!(Division::parse("省财政厅负责").mode, Mode::Unparsed);
    /// // names standing whole in the clause borrow from it
    /// assert!(matches!(d.lead[0].name, std::borrow::Cow::Borrowed("省发展改革委")));
    /// // the label, if given, is not a body's name
    /// let line = Division::parse("部门分工：省财政厅牵头。");
    /// assert_eq!((&*line.lead[0].name, &*line.text), ("省财政厅", "省财政厅牵头。"));
    /// let indented = Division::parse("\u{3000}\u{3000}部门分工：省财政厅牵头。");
    /// assert_eq!(indented, line);
    /// ```
    pub fn parse(text: &'a str) -> Division<'a> {
        let clause = match task::label(crate::text::trim(text)) {
            Ok((rest, Label::Division)) => rest,
            _ => text,
        };
        read(&Cow::Borrowed(clause), clause, &mut Room::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::samples;

    #[test]
    fn emptied_names_keep_their_room() {
        let clause = String::from("省发展改革委、交通运输厅牵头");
        let mut names: Vec<&str> = Vec::with_capacity(32);
        names.extend([&clause[..18], &clause[21..36]]);
        let (at, room) = (names.as_ptr() as usize, names.capacity());
        let names: Vec<&'static str> = emptied(names);
        assert_eq!((names.len(), names.capacity()), (0, room));
        assert_eq!(names.as_ptr() as usize, at);
        // and a reading leaves the room it used for the next
        let mut room = Room::default();
        let d = read(&Cow::Borrowed(&clause[..]), &clause, &mut room);
        assert_eq!(d.lead.len(), 2);
        assert!(room.0.is_empty() && room.0.capacity() >= 32);
    }

    // The first reading of a name, char by char: the oracle for `name`.
    const KEYWORDS_BY_CHARS: [(&str, &[&str]); 4] = [
        ("按职责分工负责", &["。"]),
        ("牵头", &["，", "。"]),
        ("等配合", &["。"]),
        ("配合", &["。"]),
    ];

    fn at_keyword_by_chars(rest: &str) -> bool {
        KEYWORDS_BY_CHARS.iter().any(|(word, after)| {
            rest.strip_prefix(word)
                .is_some_and(|tail| tail.is_empty() || after.iter().any(|a| tail.starts_with(a)))
        })
    }

    fn name_by_chars(i: &str) -> IResult<&str, &str> {
        let mut depth = 0usize;
        let mut end = i.len();
        for (at, c) in i.char_indices() {
            match c {
                '，' | '、' | '。' if depth == 0 => {
                    end = at;
                    break;
                }
                '按' | '牵' | '等' | '配' if depth == 0 && at_keyword_by_chars(&i[at..]) => {
                    end = at;
                    break;
                }
                '（' | '《' | '“' | '‘' | '(' | '「' | '〔' | '【' | '［' => depth += 1,
                '）' | '》' | '”' | '’' | ')' | '」' | '〕' | '】' | '］' => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
        }
        if end == 0 {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::TakeWhile1,
            )));
        }
        Ok((&i[end..], &i[..end]))
    }

    #[test]
    fn names_agree_with_the_char_by_char_reading() {
        let mut clauses = samples::fixture_values("部门分工：");
        assert_eq!(clauses.len(), 180);
        // words, keywords, stops and brackets in every order, up to 4 long
        let atoms = [
            "省财政厅",
            "牵头",
            "配合",
            "等配合",
            "等",
            "按职责分工负责",
            "，",
            "、",
            "。",
            "（",
            "）",
            "(",
            ")",
            "“",
            "”",
            "〔",
            "〕",
            "】",
            "［",
            "3@K",
            "ϼɀ",
            "\u{80740}",
        ];
        clauses.extend(samples::mixes(&atoms, 4));
        for clause in &clauses {
            // every position a name may start at
            for (at, _) in clause.char_indices() {
                let rest = &clause[at..];
                assert_eq!(name(rest).ok(), name_by_chars(rest).ok(), "{rest:?}");
            }
        }
    }

    fn names<'d>(bodies: &'d [Department<'_>]) -> Vec<(&'d str, &'d str)> {
        bodies.iter().map(|b| (&*b.name, &*b.written)).collect()
    }

    #[test]
    fn modes() {
        let cases = [
            ("省发展改革委牵头，各地、各部门配合。", Mode::LeadSupport),
            ("省国资委牵头。", Mode::LeadOnly),
            ("省生态环境厅、农业农村厅按职责分工负责。", Mode::Joint),
            ("省教育厅牵头，各地级以上市政府配合。", Mode::LeadSupport),
            ("省财政厅负责。", Mode::Unparsed),
            ("牵头，省财政厅配合。", Mode::LeadSupport),
            // a joint clause names its bodies: with none it is not read
            ("按职责分工负责。", Mode::Unparsed),
            ("", Mode::Unparsed),
        ];
        for (input, mode) in cases {
            assert_eq!(Division::parse(input).mode, mode, "{input:?}");
        }
    }

    #[test]
    fn heads_are_shared() {
        let cases: [(&str, &[(&str, &str)]); 6] = [
            (
                "省发展改革委、交通运输厅",
                &[
                    ("省发展改革委", "省发展改革委"),
                    ("省交通运输厅", "交通运输厅"),
                ],
            ),
            (
                "省委组织部、编办",
                &[("省委组织部", "省委组织部"), ("省委编办", "编办")],
            ),
            (
                "省机场集团、交通集团、铁投集团",
                &[
                    ("省机场集团", "省机场集团"),
                    ("省交通集团", "交通集团"),
                    ("省铁投集团", "铁投集团"),
                ],
            ),
            (
                "团省委、省妇联",
                &[("团省委", "团省委"), ("省妇联", "省妇联")],
            ),
            (
                "人民银行广州分行、广东银保监局",
                &[
                    ("人民银行广州分行", "人民银行广州分行"),
                    ("广东银保监局", "广东银保监局"),
                ],
            ),
            (
                "省发展改革委、横琴粤澳深度合作区执委会",
                &[
                    ("省发展改革委", "省发展改革委"),
                    ("横琴粤澳深度合作区执委会", "横琴粤澳深度合作区执委会"),
                ],
            ),
        ];
        for (input, expected) in cases {
            let clause = format!("{input}牵头。");
            let d = Division::parse(&clause);
            assert_eq!(names(&d.lead), expected, "{input:?}");
        }
    }

    #[test]
    fn tails_are_shared() {
        let cases: [(&str, &[(&str, &str)]); 3] = [
            (
                "深圳、珠海市政府",
                &[("深圳市政府", "深圳"), ("珠海市政府", "珠海市政府")],
            ),
            (
                "省安委会、减灾委成员单位",
                &[
                    ("省安委会成员单位", "省安委会"),
                    ("省减灾委成员单位", "减灾委成员单位"),
                ],
            ),
            (
                "省发展改革委、深圳市政府",
                &[
                    ("省发展改革委", "省发展改革委"),
                    ("深圳市政府", "深圳市政府"),
                ],
            ),
        ];
        for (input, expected) in cases {
            let clause = format!("{input}牵头。");
            let d = Division::parse(&clause);
            assert_eq!(names(&d.lead), expected, "{input:?}");
        }
    }

    #[test]
    fn heads_are_sorted_and_found() {
        assert!(
            OWN_HEADS.windows(2).all(|w| w[0] < w[1]),
            "OWN_HEADS must stay sorted"
        );
        for head in OWN_HEADS {
            assert!(has_own_head(&format!("{head}某某局")), "{head}");
            assert!(!has_own_head(&format!("某{head}")), "{head}");
        }
        assert!(!has_own_head("交通运输厅"));
        assert!(!has_own_head(""));
    }

    #[test]
    fn lead_keys_are_the_first_three_bytes() {
        let cases: [(&str, u32); 6] = [
            ("省委组织部", 0xE7_9C_81), // 省 is E7 9C 81
            ("省", 0xE7_9C_81),
            ("团省委", 0xE5_9B_A2),
            ("交通运输厅", 0xE4_BA_A4),
            ("ab", 0x61_62_00),
            ("", 0),
        ];
        for (name, key) in cases {
            assert_eq!(lead_key(name), key, "{name:?}");
        }
        // so they sort as the names' first characters do
        assert!(lead_key("交通运输厅") < lead_key("团省委"));
        assert!(lead_key("团省委") < lead_key("省委"));
    }

    #[test]
    fn the_filter_turns_away_names_no_head_begins() {
        // every head passes, and the heads' 43 first characters set 38 of
        // the 256 bits: spread, not piled on one
        assert!(OWN_HEADS.iter().all(|h| passes_filter(lead_key(h))));
        let mut keys: Vec<u32> = OWN_HEADS.iter().map(|h| lead_key(h)).collect();
        keys.dedup();
        let bits: u32 = OWN_HEAD_FILTER.iter().map(|w| w.count_ones()).sum();
        assert_eq!(keys.len(), 43);
        assert!(bits * 10 >= 43 * 8, "{bits} bits for 43 keys");
        // names of the 2023 notice whose first character begins no head
        for name in ["交通运输厅", "发展改革委", "财政厅", "教育厅", "商务厅"] {
            assert!(!passes_filter(lead_key(name)), "{name}");
        }
        // a name may share a head's bit: the search then says no
        for name in ["自然资源厅", "编办"] {
            assert!(passes_filter(lead_key(name)), "{name}");
            assert!(!has_own_head(name), "{name}");
        }
    }

    #[test]
    fn review_cases() {
        let cases: [(&str, &[&str]); 6] = [
            (
                "省财政厅、各地、深圳市政府",
                &["省财政厅", "各地", "深圳市政府"],
            ),
            (
                "省委宣传部、省文化和旅游厅、广电局",
                &["省委宣传部", "省文化和旅游厅", "省广电局"],
            ),
            ("深圳市、珠海市政府", &["深圳市政府", "珠海市政府"]),
            ("省商务厅、黄埔海关", &["省商务厅", "黄埔海关"]),
            ("省财政厅【试点、示范】", &["省财政厅【试点、示范】"]),
            ("省公安厅、武警广东省总队", &["省公安厅", "武警广东省总队"]),
        ];
        for (input, expected) in cases {
            let clause = format!("{input}牵头。");
            let d = Division::parse(&clause);
            let got: Vec<&str> = d.lead.iter().map(|b| &*b.name).collect();
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn brackets_hold_separators() {
        let d = Division::parse(
            "省文化和旅游厅牵头，长征国家文化公园（广东段、试点）建设工作领导小组成员单位配合。",
        );
        assert_eq!(
            d.support[0].name,
            "长征国家文化公园（广东段、试点）建设工作领导小组成员单位"
        );
    }
}
