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

use nom::bytes::complete::tag;
use nom::combinator::{eof, opt};
use nom::{IResult, Parser};

use crate::model::{Department, Division, Mode};
use crate::text::normalize;

/// Words that end a name list when they stand at depth 0, each followed by
/// what may come after it.
const KEYWORDS: [(&str, &[&str]); 4] = [
    ("按职责分工负责", &["。"]),
    ("牵头", &["，", "。"]),
    ("等配合", &["。"]),
    ("配合", &["。"]),
];

/// Whether a keyword ending the list starts at the head of `rest`.
fn at_keyword(rest: &str) -> bool {
    KEYWORDS.iter().any(|(word, after)| {
        rest.strip_prefix(word)
            .is_some_and(|tail| tail.is_empty() || after.iter().any(|a| tail.starts_with(a)))
    })
}

/// Reads one name, brackets and all.
///
/// ```text
/// name = 1*(char)     ; stops at '，' '、' '。' or a keyword, outside brackets
///
/// 长征国家文化公园（广东段）建设工作领导小组成员单位配合。
/// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ name   ^^^^ keyword
/// ```
fn name(i: &str) -> IResult<&str, &str> {
    let mut depth = 0usize;
    let mut end = i.len();
    for (at, c) in i.char_indices() {
        match c {
            '，' | '、' | '。' if depth == 0 => {
                end = at;
                break;
            }
            '按' | '牵' | '等' | '配' if depth == 0 && at_keyword(&i[at..]) => {
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

/// Names in groups: every name in order, and where each group ends.
#[derive(Debug, Default)]
struct Groups<'a> {
    names: Vec<&'a str>,
    ends: Vec<usize>,
}

impl<'a> Groups<'a> {
    fn iter(&self) -> impl Iterator<Item = &[&'a str]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.names[start..end])
    }

    fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Reads the names of one group into `into`.
///
/// ```text
/// group = name *("、" name)
///
/// 省委组织部、编办，各地、各部门配合。
/// ^^^^^^^^^^^^^^^^ here
/// ```
fn group<'a>(mut i: &'a str, into: &mut Vec<&'a str>) -> IResult<&'a str, ()> {
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

/// Reads groups separated by '，'.
///
/// ```text
/// groups = group *("，" group)
///
/// 省发展改革委，广州、深圳市政府牵头，…
/// ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ here
/// ```
fn groups(i: &str) -> IResult<&str, Groups<'_>> {
    let mut found = Groups::default();
    let (mut i, ()) = group(i, &mut found.names)?;
    found.ends.push(found.names.len());
    while let Some(after) = i.strip_prefix('，') {
        let Ok((rest, ())) = group(after, &mut found.names) else {
            break;
        };
        found.ends.push(found.names.len());
        i = rest;
    }
    Ok((i, found))
}

/// The bodies a clause names, and its mode, before heads and tails are restored.
type Reading<'a> = (Mode, Groups<'a>, Groups<'a>);

/// What follows the lead groups: the mode and the support groups.
type Ending<'a> = (Mode, Groups<'a>);

/// ```text
/// joint-end = "按职责分工负责" ["。"]
///
/// 省生态环境厅、农业农村厅按职责分工负责。
///                         ^ here
/// ```
fn joint_end(i: &str) -> IResult<&str, Ending<'_>> {
    let (i, _) = (tag("按职责分工负责"), opt(tag("。")), eof).parse(i)?;
    Ok((i, (Mode::Joint, Groups::default())))
}

/// ```text
/// support-end = "牵头" "，" groups ["等"] "配合" ["。"]
///
/// 省商务厅牵头，各地、各部门配合。
///         ^ here
/// ```
fn support_end(i: &str) -> IResult<&str, Ending<'_>> {
    let (i, (_, support, _, _, _, _)) = (
        tag("牵头，"),
        groups,
        opt(tag("等")),
        tag("配合"),
        opt(tag("。")),
        eof,
    )
        .parse(i)?;
    Ok((i, (Mode::LeadSupport, support)))
}

/// ```text
/// lead-only-end = "牵头" ["。"]
///
/// 省国资委牵头。
///         ^ here
/// ```
fn lead_only_end(i: &str) -> IResult<&str, Ending<'_>> {
    let (i, _) = (tag("牵头"), opt(tag("。")), eof).parse(i)?;
    Ok((i, (Mode::LeadOnly, Groups::default())))
}

/// Reads a whole clause: the lead groups once, then how the clause ends.
///
/// ```text
/// clause = [groups] (joint-end / support-end / lead-only-end)
///
/// 牵头，各地、各部门配合。    (an empty lead: read, and reported by the check)
/// ```
fn clause(i: &str) -> IResult<&str, Reading<'_>> {
    let (i, lead) = opt(groups).parse(i)?;
    let lead = lead.unwrap_or_default();
    let (i, (mode, support)) =
        nom::branch::alt((support_end, lead_only_end, joint_end)).parse(i)?;
    if mode == Mode::Joint && lead.is_empty() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((i, (mode, lead, support)))
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
/// provincial government.
const OWN_HEADS: [&str; 53] = [
    "省",
    "团省委",
    "各",
    "广东",
    "广州",
    "深圳",
    "珠海",
    "汕头",
    "佛山",
    "韶关",
    "河源",
    "梅州",
    "惠州",
    "汕尾",
    "东莞",
    "中山",
    "江门",
    "阳江",
    "湛江",
    "茂名",
    "肇庆",
    "清远",
    "潮州",
    "揭阳",
    "云浮",
    "横琴",
    "前海",
    "南沙",
    "河套",
    "粤港澳",
    "香港",
    "澳门",
    "中国",
    "中共",
    "中央",
    "国家",
    "国务院",
    "人民银行",
    "海关",
    "民航",
    "中科院",
    "水利部",
    "南方",
    "国核",
    "长征",
    "全国",
    "驻粤",
    "黄埔",
    "拱北",
    "武警",
    "华南",
    "暨南",
    "有关",
];

fn has_own_head(name: &str) -> bool {
    // most names ('交通运输厅') start with no head's first character
    let Some(first) = name.chars().next() else {
        return false;
    };
    OWN_HEAD_FIRSTS.contains(first) && OWN_HEADS.iter().any(|h| name.starts_with(h))
}

/// The first characters of [`OWN_HEADS`].
const OWN_HEAD_FIRSTS: &str =
    "省团各广深珠汕佛韶河梅惠东中江阳湛茂肇清潮揭云横前南粤香澳人海民水国长全驻黄拱武华暨有";

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
fn expand(group: &[&str], out: &mut Vec<Department>) {
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
    for (at, written) in group.iter().enumerate() {
        let tail = tail_for(written);
        let own = at == 0 || head.is_empty() || has_own_head(written);
        let lent = if own { "" } else { head };
        if own {
            head = head_of(written);
        }
        let mut name = String::with_capacity(lent.len() + written.len() + tail.len());
        name.push_str(lent);
        name.push_str(written);
        name.push_str(tail);
        out.push(Department::new(name, *written));
    }
}

fn expand_all(groups: &Groups<'_>) -> Vec<Department> {
    let mut out = Vec::with_capacity(groups.names.len());
    for group in groups.iter() {
        expand(group, &mut out);
    }
    out
}

impl Division {
    /// Reads a department clause (the words after '部门分工：').
    ///
    /// A clause outside the grammar reads as [`Mode::Unparsed`], naming no
    /// body and keeping its text.
    ///
    /// ```
    /// use fengong::{Division, Mode};
    /// let d = Division::parse("省发展改革委，广州、深圳市政府牵头，省政府办公厅等配合。");
    /// let lead: Vec<&str> = d.lead.iter().map(|b| b.name.as_str()).collect();
    /// assert_eq!(lead, ["省发展改革委", "广州市政府", "深圳市政府"]);
    /// assert_eq!(Division::parse("省财政厅负责").mode, Mode::Unparsed);
    /// ```
    pub fn parse(text: &str) -> Division {
        let text = normalize(text);
        match clause(&text) {
            Ok((_, (mode, lead, support))) => Division {
                mode,
                lead: expand_all(&lead),
                support: expand_all(&support),
                text: text.into_owned(),
            },
            Err(_) => Division {
                mode: Mode::Unparsed,
                lead: Vec::new(),
                support: Vec::new(),
                text: text.into_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(bodies: &[Department]) -> Vec<(&str, &str)> {
        bodies
            .iter()
            .map(|b| (b.name.as_str(), b.written.as_str()))
            .collect()
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
            let d = Division::parse(&format!("{input}牵头。"));
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
            let d = Division::parse(&format!("{input}牵头。"));
            assert_eq!(names(&d.lead), expected, "{input:?}");
        }
    }

    #[test]
    fn every_head_has_its_first_character_listed() {
        for head in OWN_HEADS {
            assert!(
                OWN_HEAD_FIRSTS.contains(head.chars().next().unwrap()),
                "{head}"
            );
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
            let d = Division::parse(&format!("{input}牵头。"));
            let got: Vec<&str> = d.lead.iter().map(|b| b.name.as_str()).collect();
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
