//! Parts — the top-level divisions 一、… 十二、 — and the work requirements
//! （一）…（三） of the last part.
//!
//! ```text
//! part-heading        = numeral "、" title
//! requirement-heading = ("（" / "(") numeral ("）" / ")")
//! requirement         = requirement-heading title "。" text
//! ```
//!
//! As they stand in the 2023 notice (lines 21, 1567 and 1573):
//!
//! ```text
//! 一、2023 年经济社会发展主要预期目标
//! ^^^ part-heading
//! 十二、工作要求
//! （一）强化担当，主动作为。各地、各部门要高度重视，…
//! ^^^^^^ requirement-heading
//! ```

use std::borrow::Cow;

use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::one_of;
use nom::combinator::map_opt;
use nom::{IResult, Parser};

use crate::text::{chinese_number, is_numeral_char, lift, normalize};

fn numeral(i: &str) -> IResult<&str, u32> {
    map_opt(take_while1(is_numeral_char), chinese_number).parse(i)
}

/// Reads the numeral of a part heading.
///
/// ```text
/// part-heading = numeral "、"
///
/// 十二、工作要求
/// ^^^^^^ here
/// ```
pub(crate) fn part_heading(i: &str) -> IResult<&str, u32> {
    let (i, number) = numeral(i)?;
    let (i, _) = tag("、")(i)?;
    Ok((i, number))
}

/// Reads the numeral of a work requirement.
///
/// ```text
/// requirement-heading = ("（" / "(") numeral ("）" / ")")
///
/// （二）攻坚克难，合力推进。
/// ^^^^^^ here
/// ```
pub(crate) fn requirement_heading(i: &str) -> IResult<&str, u32> {
    let (i, _) = one_of("（(")(i)?;
    let (i, number) = numeral(i)?;
    let (i, _) = one_of("）)")(i)?;
    Ok((i, number))
}

/// Splits a requirement's words into its title (up to the first '。') and
/// the rest.
///
/// ```text
/// 强化担当，主动作为。各地、各部门要高度重视，…备案。
///                   ^ title ends
/// ```
pub(crate) fn requirement_parts<'a>(
    whole: &Cow<'a, str>,
    rest: &str,
) -> (Cow<'a, str>, Cow<'a, str>) {
    let rest = lift(whole, normalize(rest));
    match rest.split_once('。') {
        Some((title, text)) => (
            lift(&rest, Cow::Borrowed(title)),
            lift(&rest, Cow::Borrowed(text)),
        ),
        None => (rest, Cow::Borrowed("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_headings() {
        let cases = [
            (
                "一、2023 年经济社会发展主要预期目标",
                Some((1, "2023 年经济社会发展主要预期目标")),
            ),
            ("十二、工作要求", Some((12, "工作要求"))),
            ("五届全国运动会项目布局方案》", None),
            ("（一）强化担当", None),
        ];
        for (input, expected) in cases {
            let got = part_heading(input).ok().map(|(rest, n)| (n, rest));
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn requirement_headings() {
        let cases = [
            ("（一）强化担当", Some((1, "强化担当"))),
            ("(三)狠抓进度", Some((3, "狠抓进度"))),
            ("（青年）运动会。", None),
        ];
        for (input, expected) in cases {
            let got = requirement_heading(input).ok().map(|(rest, n)| (n, rest));
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn requirement_title_and_text() {
        let whole = Cow::Borrowed("强化担当，主动作为。各地要高度重视。");
        let (title, text) = requirement_parts(&whole, &whole);
        assert_eq!(
            (&*title, &*text),
            ("强化担当，主动作为", "各地要高度重视。")
        );
        assert!(matches!(
            (title, text),
            (Cow::Borrowed(_), Cow::Borrowed(_))
        ));
    }
}
