//! Text as the records hold it: PDF spacing removed, full-width punctuation.
//!
//! PDF extraction puts spaces around digits and inside words:
//!
//! ```text
//! 2023 年省《政府工作报告》工作任务 分工方案
//!     ^^                          ^
//! ```
//!
//! The rule: whitespace next to a CJK character or CJK punctuation is
//! dropped; any other run of whitespace becomes one space ('RE-ITs' stays,
//! 'Foo  Bar' becomes 'Foo Bar'). Copies typed on a Western keyboard use
//! half-width ',' ':' ';' '(' ')' where the notice uses '，' '：' '；' '（' '）';
//! they are restored, except a ',' between two digits ('1,000').

use std::borrow::Cow;

/// Whether `c` is a Han character, CJK punctuation or a full-width form.
///
/// ```
/// assert!(fengong::text::is_cjk('年'));
/// assert!(fengong::text::is_cjk('“'));
/// assert!(!fengong::text::is_cjk('5'));
/// ```
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c as u32,
            0x3000..=0x303F     // CJK symbols and punctuation: 、。《》「」〔〕
            | 0xFF00..=0xFFEF   // full-width forms: ，：；（）
            | 0x2010..=0x2027   // dashes, quotes “”‘’, ellipsis
            | 0x2030..=0x205E   // per mille, primes
            | 0x2150..=0x218F   // number forms: Ⅰ Ⅱ
            | 0x00B7            // middle dot: 粤菜师傅·四海同享
            | 0x00D7            // multiplication sign: 7×24
        )
}

/// Whether `c` is a Han (Chinese) character.
///
/// ```
/// assert!(fengong::text::is_han('曦'));
/// assert!(!fengong::text::is_han('、'));
/// ```
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x3007)
}

/// Whether `c` is whitespace as PDF and web copies produce it (U+3000 included).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// The byte offset of the first whitespace or half-width mark in `s`,
/// stepping a whole character at a time and decoding only where a space
/// or a mark can start (never for Han characters, lead bytes 0xE4–0xE9).
fn first_work(s: &str) -> Option<usize> {
    // Whole chunks are judged without branching on each byte (the compiler
    // vectorises it); only a chunk that holds work is looked at byte by byte.
    const CHUNK: usize = 16;
    let b = s.as_bytes();
    let byte = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i + CHUNK + 2 <= b.len() {
        let w = &b[i..i + CHUNK + 2];
        let mut any = false;
        for k in 0..CHUNK {
            any |= work_at(w[k], w[k + 1], w[k + 2]);
        }
        if any {
            break;
        }
        i += CHUNK;
    }
    (i..b.len()).find(|&at| work_at(b[at], byte(at + 1), byte(at + 2)))
}

/// Whether whitespace or a half-width mark starts with these three bytes.
///
/// Whitespace beyond ASCII, by its UTF-8 bytes: U+0085, U+00A0, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. (A C0
/// control byte counts too: it is looked at and kept.)
#[inline(always)]
fn work_at(b0: u8, b1: u8, b2: u8) -> bool {
    (b0 <= 0x20)
        | (b0 == b',')
        | (b0 == b':')
        | (b0 == b';')
        | (b0 == b'(')
        | (b0 == b')')
        | ((b0 == 0xc2) & ((b1 == 0x85) | (b1 == 0xa0)))
        | ((b0 == 0xe1) & (b1 == 0x9a) & (b2 == 0x80))
        | ((b0 == 0xe2)
            & (b1 == 0x80)
            & ((b2 <= 0x8a) | (b2 == 0xa8) | (b2 == 0xa9) | (b2 == 0xaf)))
        | ((b0 == 0xe2) & (b1 == 0x81) & (b2 == 0x9f))
        | ((b0 == 0xe3) & (b1 == 0x80) & (b2 == 0x80))
        | ((b0 == 0xef) & (b1 == 0xbb) & (b2 == 0xbf))
}

/// Whether a non-ASCII whitespace character starts at `i`, by its bytes.
#[cfg(test)]
fn wide_space_at(bytes: &[u8], i: usize) -> bool {
    let byte = |k: usize| bytes.get(k).copied().unwrap_or(0);
    bytes.get(i).is_some_and(|&b| b >= 0x80) && work_at(byte(i), byte(i + 1), byte(i + 2))
}

/// The text with PDF spacing removed and full-width punctuation restored.
///
/// Borrows when there is nothing to change.
///
/// ```
/// use fengong::text::normalize;
/// assert_eq!(normalize("地区生产总值增长 5% 以上。"), "地区生产总值增长5%以上。");
/// assert_eq!(normalize("做实基础设施 RE-ITs(不动产投资信托基金)"), "做实基础设施RE-ITs（不动产投资信托基金）");
/// assert_eq!(normalize("事 项"), "事项");
/// assert_eq!(normalize("1,000 Foo  Bar"), "1,000 Foo Bar");
/// ```
pub fn normalize(s: &str) -> Cow<'_, str> {
    let s = s.trim_matches(is_space);
    let Some(mut at) = first_work(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    loop {
        out.push_str(&s[run..at]);
        let c = char_at(s, at);
        let before = s[..at].chars().next_back();
        if is_space(c) {
            let mut end = at;
            while end < s.len() && is_space(char_at(s, end)) {
                end += char_at(s, end).len_utf8();
            }
            let after = s[end..].chars().next();
            if !(before.is_some_and(is_cjk_or_wide) || after.is_some_and(is_cjk_or_wide)) {
                out.push(' ');
            }
            run = end;
        } else {
            out.push(restore_punctuation(c, before, s[at + 1..].chars().next()));
            run = at + 1;
        }
        match first_work(&s[run..]) {
            Some(next) => at = run + next,
            None => break,
        }
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

/// The character starting at byte `i` (a char boundary).
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(' ')
}

/// CJK, or a half-width mark that will become full-width.
fn is_cjk_or_wide(c: char) -> bool {
    is_cjk(c) || full_width(c).is_some()
}

/// The full-width form of a half-width mark, unless it is a ',' between digits.
fn restore_punctuation(c: char, before: Option<char>, after: Option<char>) -> char {
    let Some(wide) = full_width(c) else {
        return c;
    };
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if c == ',' && digit(before) && digit(after) {
        return c;
    }
    wide
}

/// The text with every whitespace character removed: '王 曦' → '王曦'.
///
/// ```
/// assert_eq!(fengong::text::squeeze("朱 宏"), "朱宏");
/// ```
pub fn squeeze(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_space) {
        Cow::Owned(s.chars().filter(|c| !is_space(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// The value of a Chinese numeral from 一 to 九十九: '十二' → 12.
///
/// ```
/// use fengong::text::chinese_number;
/// assert_eq!(chinese_number("十二"), Some(12));
/// assert_eq!(chinese_number("二十"), Some(20));
/// assert_eq!(chinese_number("十"), Some(10));
/// assert_eq!(chinese_number("十十"), None);
/// ```
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] => digit(*d).filter(|&v| v > 0).or((*d == '十').then_some(10)),
        ['十', d] => digit(*d).filter(|&v| v > 0).map(|v| 10 + v),
        [t, '十'] => digit(*t).filter(|&v| v > 1).map(|v| v * 10),
        [t, '十', d] => {
            let tens = digit(*t).filter(|&v| v > 1)?;
            digit(*d).filter(|&v| v > 0).map(|v| tens * 10 + v)
        }
        _ => None,
    }
}

/// Whether `c` can stand in a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_cases() {
        let cases = [
            (
                "2023 年省《政府工作报告》工作任务 分工方案",
                "2023年省《政府工作报告》工作任务分工方案",
            ),
            (
                "\u{3000}\u{3000}部门分工：省国资委牵头。",
                "部门分工：省国资委牵头。",
            ),
            (
                "开展不少于 100 场“粤贸全国”线上",
                "开展不少于100场“粤贸全国”线上",
            ),
            ("压降 P2P 存量风险规模", "压降P2P存量风险规模"),
            ("实现 7×24 小时响应接办", "实现7×24小时响应接办"),
            ("分管省领导:张虎", "分管省领导：张虎"),
            ("城市信息模型(CIM)平台", "城市信息模型（CIM）平台"),
            ("1:10000 地质灾害", "1：10000地质灾害"),
            ("a   b", "a b"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "{input:?}");
        }
    }

    #[test]
    fn wide_spaces_by_their_bytes() {
        let spaces = [
            '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{200a}', '\u{2028}', '\u{2029}',
            '\u{202f}', '\u{205f}', '\u{3000}', '\u{feff}',
        ];
        for c in spaces {
            assert!(wide_space_at(c.to_string().as_bytes(), 0), "{c:?}");
        }
        for c in ['“', '、', '。', '（', '\u{200b}', '年'] {
            assert!(!wide_space_at(c.to_string().as_bytes(), 0), "{c:?}");
        }
        // every whitespace character the reader knows is found by its bytes
        for c in (0x80..0x3_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_space(c))
        {
            assert!(wide_space_at(c.to_string().as_bytes(), 0), "{c:?}");
        }
    }

    #[test]
    fn borrows_when_clean() {
        assert!(matches!(normalize("省财政厅牵头。"), Cow::Borrowed(_)));
    }

    #[test]
    fn numerals() {
        let cases = [
            ("一", Some(1)),
            ("九", Some(9)),
            ("十一", Some(11)),
            ("二十三", Some(23)),
            ("零", None),
            ("一十", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(chinese_number(input), expected, "{input:?}");
        }
    }
}
