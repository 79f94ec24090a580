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
///
/// ```
/// use fengong::text::is_space;
/// assert!(is_space('\u{3000}') && is_space(' ') && is_space('\u{FEFF}'));
/// assert!(!is_space('王') && !is_space('、'));
/// ```
#[inline]
pub fn is_space(c: char) -> bool {
    // Han characters and CJK punctuation after U+3000 are decided without
    // the Unicode table; only U+FEFF is whitespace up there.
    match u32::from(c) {
        0x09..=0x0D | 0x20 => true,
        0x00..=0x84 => false,
        0x3001.. => c == '\u{FEFF}',
        _ => c.is_whitespace(),
    }
}

/// `s` without whitespace ([`is_space`]) at either end.
///
/// Most text starts with a Han character or ASCII and ends with one or with
/// '。': those ends are judged from one byte or one character, without the
/// general search `str::trim_matches` makes.
///
/// ```
/// assert_eq!(fengong::text::trim("\u{3000}\u{3000}部门分工：省国资委牵头。 "), "部门分工：省国资委牵头。");
/// assert_eq!(fengong::text::trim(" \u{feff} "), "");
/// ```
pub fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `s` without whitespace at its start.
pub(crate) fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(0x21..=0x7F | 0xE4..=0xE9) | None => s,
        Some(_) => s.trim_start_matches(is_space),
    }
}

/// `s` without whitespace at its end.
pub(crate) fn trim_end(s: &str) -> &str {
    match s.chars().next_back() {
        Some(c) if !is_space(c) => s,
        None => s,
        Some(_) => s.trim_end_matches(is_space),
    }
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

/// The byte offset of the first whitespace or half-width mark in `s`.
///
/// Sixteen positions at a time are judged without branching on each byte,
/// by vector compares in two rounds: a rough one ([`may_hold_work`]) that
/// about nine chunks in ten of the 2023 notice fail, then for the others a
/// closer one ([`maybe_mask`]) whose few passing positions are judged one
/// by one ([`first_in_window`]). The positions a whole window no longer
/// fits after are judged with the text's last sixteen bytes, padding
/// shifted in after them ([`Lanes::last`]), or with the whole text padded
/// when it is shorter.
pub(crate) fn first_work(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(window) = bytes
        .get(at..)
        .and_then(|rest| rest.first_chunk::<WINDOW>())
    {
        if may_hold_work(Lanes::of(window)) {
            if let Some(k) = first_in_window(window) {
                return Some(at + k);
            }
        }
        at += CHUNK;
    }
    let start = bytes.len().saturating_sub(CHUNK);
    // seventeen bytes left: the first of them lies before the last sixteen
    if let Some(k) = (at..start).find(|&k| work_at_position(bytes, k)) {
        return Some(k);
    }
    let last = match bytes.last_chunk() {
        Some(&last) => last,
        None => padded(bytes),
    };
    // the positions before `at` were judged already
    let judged = at.saturating_sub(start).min(CHUNK);
    first_in(
        bytes,
        start,
        maybe_mask(Lanes::last(&last)) >> judged << judged,
    )
}

/// Where work starts in the window's chunk: the positions the closer test
/// passes ([`maybe_mask`]; '“' and '”' do) are judged one by one. Kept out
/// of [`first_work`]'s loop, which then holds its values in registers.
#[inline(never)]
fn first_in_window(window: &[u8; WINDOW]) -> Option<usize> {
    let mut maybe = maybe_mask(Lanes::of(window));
    while maybe != 0 {
        let k = maybe.trailing_zeros() as usize % CHUNK;
        if work_at(window[k], window[k + 1], window[k + 2]) {
            return Some(k);
        }
        maybe &= maybe - 1;
    }
    None
}

/// The first of the positions `maybe` flags, counted from `start`, where
/// work starts, judged one by one.
fn first_in(bytes: &[u8], start: usize, mut maybe: u32) -> Option<usize> {
    while maybe != 0 {
        let k = start + maybe.trailing_zeros() as usize;
        if work_at_position(bytes, k) {
            return Some(k);
        }
        maybe &= maybe - 1;
    }
    None
}

/// A text shorter than a chunk, padded to one.
fn padded(bytes: &[u8]) -> [u8; CHUNK] {
    let mut chunk = [PAD; CHUNK];
    let n = bytes.len().min(CHUNK);
    chunk[..n].copy_from_slice(&bytes[..n]);
    chunk
}

/// Whether work starts at `k`, judged alone (padding after the end).
fn work_at_position(bytes: &[u8], k: usize) -> bool {
    let byte = |k: usize| bytes.get(k).copied().unwrap_or(PAD);
    work_at(byte(k), byte(k + 1), byte(k + 2))
}

/// Positions judged at once by [`first_work`].
const CHUNK: usize = 16;
/// A chunk and the two bytes after it, which a three-byte mark may reach into.
const WINDOW: usize = CHUNK + 2;
/// The padding after the input's end: an ASCII letter starts no work.
const PAD: u8 = b'A';

/// The sixteen bytes of `window` from `from` (0, 1 or 2): the first,
/// second or third byte of each position.
#[inline(always)]
fn lane(window: &[u8; WINDOW], from: usize) -> [u8; CHUNK] {
    let mut lane = [0; CHUNK];
    lane.copy_from_slice(&window[from..from + CHUNK]);
    lane
}

/// The first, second and third byte of each of sixteen positions, in three
/// vector registers.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[derive(Clone, Copy)]
struct Lanes([safe_arch::m128i; 3]);

/// The first, second and third byte of each of sixteen positions.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[derive(Clone, Copy)]
struct Lanes([[u8; CHUNK]; 3]);

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
impl Lanes {
    /// The lanes of the window's chunk: three loads, a byte apart.
    #[inline(always)]
    fn of(window: &[u8; WINDOW]) -> Lanes {
        Lanes([0, 1, 2].map(|from| safe_arch::load_unaligned_m128i(&lane(window, from))))
    }

    /// The lanes of the text's last sixteen bytes: one load, shifted by a
    /// byte and by two with padding moved in behind.
    #[inline(always)]
    fn last(chunk: &[u8; CHUNK]) -> Lanes {
        use safe_arch::{
            bitor_m128i as or, byte_shl_imm_u128_m128i as shl, byte_shr_imm_u128_m128i as shr,
            load_unaligned_m128i, set_splat_i8_m128i,
        };
        let b0 = load_unaligned_m128i(chunk);
        let pad = set_splat_i8_m128i(i8::from_ne_bytes([PAD]));
        Lanes([
            b0,
            or(shr::<1>(b0), shl::<15>(pad)),
            or(shr::<2>(b0), shl::<14>(pad)),
        ])
    }
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
impl Lanes {
    /// The lanes of the window's chunk.
    #[inline(always)]
    fn of(window: &[u8; WINDOW]) -> Lanes {
        Lanes([0, 1, 2].map(|from| lane(window, from)))
    }

    /// The lanes of the text's last sixteen bytes, padding after them.
    #[inline(always)]
    fn last(chunk: &[u8; CHUNK]) -> Lanes {
        let mut window = [PAD; WINDOW];
        window[..CHUNK].copy_from_slice(chunk);
        Lanes::of(&window)
    }
}

/// Whether any of the sixteen positions passes the rough test
/// (`rough_work_at`, which the portable build and the tests compile): some
/// eleven vector operations, about half of [`maybe_mask`]'s.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn may_hold_work(Lanes([b0, b1, b2]): Lanes) -> bool {
    use safe_arch::{
        bitand_m128i as and, bitor_m128i as or, cmp_eq_mask_i8_m128i as eq, m128i, max_u8_m128i,
        min_u8_m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let splat = |byte: u8| set_splat_i8_m128i(i8::from_ne_bytes([byte]));
    let is = |v: m128i, byte: u8| eq(v, splat(byte));
    let ascii = eq(min_u8_m128i(b0, splat(0x3b)), b0);
    let leads = eq(min_u8_m128i(max_u8_m128i(b0, splat(0xc2)), splat(0xe2)), b0);
    let ideographic = and(is(b1, 0x80), is(b2, 0x80));
    let bom = and(is(b0, 0xef), is(b1, 0xbb));
    move_mask_i8_m128i(or(or(ascii, leads), or(ideographic, bom))) != 0
}

/// [`may_hold_work`] elsewhere: the compiler vectorises [`lane_flags`].
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn may_hold_work(Lanes([b0, b1, b2]): Lanes) -> bool {
    lane_flags(b0, b1, b2, rough_work_at) != 0
}

/// Whether work may start with these three bytes, judged roughly: true
/// wherever [`work_at`] is, and also at every ASCII digit or mark up to ';',
/// at every lead byte from 0xC2 to 0xE2 ('“' '”' '—' '…') and at each
/// character from U+4000 to U+9000 whose code is a multiple of 0x1000
/// ('怀' U+6000, '耀' U+8000).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn rough_work_at(b0: u8, b1: u8, b2: u8) -> bool {
    (b0 <= b';')
        | (0xc2..=0xe2).contains(&b0)
        | ((b1 == 0x80) & (b2 == 0x80))
        | ((b0 == 0xef) & (b1 == 0xbb))
}

/// A bit for each of the sixteen positions where the closer test holds
/// (`maybe_work_at`, which the portable build and the tests compile),
/// lowest first: some twenty vector operations and one `pmovmskb`
/// (through `safe_arch`, which holds the `unsafe` this crate forbids itself).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn maybe_mask(Lanes([b0, b1, b2]): Lanes) -> u32 {
    use safe_arch::{
        bitand_m128i as and, bitor_m128i as or, cmp_eq_mask_i8_m128i as eq, m128i, min_u8_m128i,
        move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let splat = |byte: u8| set_splat_i8_m128i(i8::from_ne_bytes([byte]));
    let is = |v: m128i, byte: u8| eq(v, splat(byte));
    let b0_or_1 = or(b0, splat(1));
    let ascii = or(
        or(eq(min_u8_m128i(b0, splat(0x20)), b0), is(b0, b',')),
        or(is(b0_or_1, b')'), is(b0_or_1, b';')),
    );
    let leads = or(is(b0, 0xc2), is(b0, 0xe1));
    let e2 = and(is(b0, 0xe2), is(or(b1, splat(1)), 0x81));
    let e3 = and(is(b0, 0xe3), and(is(b1, 0x80), is(b2, 0x80)));
    let ef = and(is(b0, 0xef), is(b1, 0xbb));
    let maybe = or(or(ascii, leads), or(e2, or(e3, ef)));
    u32::from_ne_bytes(move_mask_i8_m128i(maybe).to_ne_bytes())
}

/// [`maybe_mask`] elsewhere: the compiler vectorises [`lane_flags`].
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn maybe_mask(Lanes([b0, b1, b2]): Lanes) -> u32 {
    flag_bits(lane_flags(b0, b1, b2, maybe_work_at))
}

/// Byte flags gathered into one bit per position.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn flag_bits(flags: u128) -> u32 {
    let half = |word: u128| gather(word as u64 & HIGH);
    half(flags) | (half(flags >> 64) << 8)
}

/// The high bits of `word`'s eight bytes (all its other bits clear) as eight
/// bits, byte k's on bit k: multiplied, the high bit of byte k lands on bit
/// 56 + k, and no two products overlap there.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn gather(word: u64) -> u32 {
    const GATHER: u64 = 0x0002_0408_1020_4081;
    (word.wrapping_mul(GATHER) >> 56) as u32
}

/// Flags from the first, second and third byte at each of sixteen positions.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn lane_flags(
    b0: [u8; CHUNK],
    b1: [u8; CHUNK],
    b2: [u8; CHUNK],
    judge: impl Fn(u8, u8, u8) -> bool,
) -> u128 {
    let mut flags = [0u8; CHUNK];
    for (k, flag) in flags.iter_mut().enumerate() {
        // whole-byte flags, as vector compares make them: no taking apart
        *flag = if judge(b0[k], b1[k], b2[k]) { 0xFF } else { 0 };
    }
    u128::from_le_bytes(flags)
}

/// Whether work may start with these three bytes: true wherever
/// [`work_at`] is, with about half its operations. It also passes every
/// 0xC2 and 0xE1 lead and each character from U+2000 to U+207F ('“' '”'
/// '—' '…').
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn maybe_work_at(b0: u8, b1: u8, b2: u8) -> bool {
    (b0 <= 0x20)
        | ((b0 | 1) == b')')
        | (b0 == b',')
        | ((b0 | 1) == b';')
        | (b0 == 0xc2)
        | (b0 == 0xe1)
        | ((b0 == 0xe2) & ((b1 | 1) == 0x81))
        | ((b0 == 0xe3) & (b1 == 0x80) & (b2 == 0x80))
        | ((b0 == 0xef) & (b1 == 0xbb))
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
    let s = trim(s);
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

/// `part` for as long as `whole` lives: borrowed where `part` is a slice of a
/// borrowed `whole` (the input itself), an owned copy otherwise. `whole`
/// must be the text the returned lifetime refers to.
///
/// This is how records borrow from the input: a block's text is borrowed
/// when it stands on one line, and whatever is read out of it unchanged
/// stays a slice of the input.
#[inline(always)]
pub(crate) fn lift<'a>(whole: &Cow<'a, str>, part: Cow<'_, str>) -> Cow<'a, str> {
    match (whole, part) {
        (Cow::Borrowed(whole), Cow::Borrowed(part)) => match within(whole, part) {
            Some(slice) => Cow::Borrowed(slice),
            None => Cow::Owned(part.to_owned()),
        },
        (_, part) => Cow::Owned(part.into_owned()),
    }
}

/// `part` as a slice of `whole`, when it lies inside it.
#[inline(always)]
fn within<'a>(whole: &'a str, part: &str) -> Option<&'a str> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    whole.get(start..start.checked_add(part.len())?)
}

/// The three-byte character starting at `at`, read from its bytes: CJK
/// punctuation, for scanners that look only at lead bytes. `None` where no
/// three-byte character starts at `at` (ASCII, a two- or four-byte
/// character, or the middle of one).
pub(crate) fn char3(bytes: &[u8], at: usize) -> Option<char> {
    let &[b0, b1, b2] = bytes.get(at..at.checked_add(3)?)? else {
        return None;
    };
    // in valid UTF-8 the two bytes after a three-byte lead continue it
    if b0 & 0xF0 != 0xE0 {
        return None;
    }
    let code = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    char::from_u32(code)
}

/// Positions in `bytes` where CJK punctuation or an ASCII bracket may start:
/// every byte 0xE2, 0xE3 or 0xEF (the lead bytes of '“' '、' '。' '《' '，'
/// '（' and their kin) and '(' ')'. Judged sixteen bytes at a time, one bit
/// per byte ([`chunk_marks`]).
pub(crate) fn marks(bytes: &[u8]) -> Marks<'_> {
    Marks::new(bytes)
}

/// [`marks`] without the pauses '、' '，' '：', which a sentence split
/// passes over: they end no sentence and open or close nothing, and they
/// are more than half the marks of the 2023 notice.
pub(crate) fn sentence_marks(bytes: &[u8]) -> Marks<'_, false> {
    Marks::new(bytes)
}

/// The iterator of [`marks`] (`PAUSES`) and [`sentence_marks`].
pub(crate) struct Marks<'a, const PAUSES: bool = true> {
    bytes: &'a [u8],
    /// Where the current chunk starts.
    chunk: usize,
    /// A bit for each byte of the chunk that is a mark, lowest first.
    bits: u32,
}

impl<'a, const PAUSES: bool> Marks<'a, PAUSES> {
    fn new(bytes: &'a [u8]) -> Self {
        Marks {
            bytes,
            chunk: 0,
            bits: Self::from(bytes, 0),
        }
    }

    /// The marks of the sixteen bytes of `bytes` from `at`. Near the end,
    /// the text's last sixteen bytes are judged and the bits of those
    /// before `at` shifted out (no copy); a text shorter than that is
    /// padded. The pauses are told apart only where the two bytes after
    /// the chunk are there to read.
    #[inline]
    fn from(bytes: &[u8], at: usize) -> u32 {
        let rest = bytes.get(at..).unwrap_or_default();
        if !PAUSES {
            if let Some(window) = rest.first_chunk::<WINDOW>() {
                return sentence_chunk_marks(window);
            }
        }
        if let Some(chunk) = rest.first_chunk::<MARK_CHUNK>() {
            return chunk_marks(chunk);
        }
        let (start, bits) = match bytes.last_chunk() {
            Some(last) => (bytes.len() - MARK_CHUNK, chunk_marks(last)),
            None => (0, chunk_marks(&padded(bytes))),
        };
        let judged = u32::try_from(at.saturating_sub(start)).unwrap_or(u32::MAX);
        bits.checked_shr(judged).unwrap_or(0)
    }
}

impl<const PAUSES: bool> Iterator for Marks<'_, PAUSES> {
    type Item = usize;

    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            self.chunk += MARK_CHUNK;
            if self.chunk >= self.bytes.len() {
                return None;
            }
            self.bits = Self::from(self.bytes, self.chunk);
        }
        let at = self.chunk + self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(at)
    }
}

/// Bytes judged at once by [`marks`].
const MARK_CHUNK: usize = 16;

/// A bit for every byte of `chunk` that is 0xE2, 0xE3, 0xEF, '(' or ')':
/// three vector compares and one `pmovmskb` (through `safe_arch`, which
/// holds the `unsafe` this crate forbids itself).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn chunk_marks(chunk: &[u8; MARK_CHUNK]) -> u32 {
    use safe_arch::{
        bitand_m128i, bitor_m128i, cmp_eq_mask_i8_m128i as eq, load_unaligned_m128i,
        move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let splat = |byte: u8| set_splat_i8_m128i(i8::from_ne_bytes([byte]));
    let v = load_unaligned_m128i(chunk);
    let pairs = bitand_m128i(v, splat(!1)); // 0xE3 → 0xE2, ')' → '('
    let found = bitor_m128i(
        bitor_m128i(eq(pairs, splat(0xE2)), eq(v, splat(0xEF))),
        eq(pairs, splat(b'(')),
    );
    u32::from_ne_bytes(move_mask_i8_m128i(found).to_ne_bytes())
}

/// [`chunk_marks`] for the window's chunk without the pauses.
#[inline]
fn sentence_chunk_marks(window: &[u8; WINDOW]) -> u32 {
    chunk_marks(&lane(window, 0)) & !pause_mask(window)
}

/// A bit for each position of the window's chunk where a pause starts:
/// '、' is the only mark E3 ?? 81, '，' and '：' the only ones EF ?? 8C and
/// EF ?? 9A.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn pause_mask(window: &[u8; WINDOW]) -> u32 {
    use safe_arch::{
        bitand_m128i as and, bitor_m128i as or, cmp_eq_mask_i8_m128i as eq, load_unaligned_m128i,
        m128i, move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let is = |v: m128i, byte: u8| eq(v, set_splat_i8_m128i(i8::from_ne_bytes([byte])));
    let [v, b2] = [0, 2].map(|from| load_unaligned_m128i(&lane(window, from)));
    let pause = or(
        and(is(v, 0xE3), is(b2, 0x81)),
        and(is(v, 0xEF), or(is(b2, 0x8C), is(b2, 0x9A))),
    );
    u32::from_ne_bytes(move_mask_i8_m128i(pause).to_ne_bytes())
}

/// [`pause_mask`] elsewhere: eight bytes at a time in a 64-bit word.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
fn pause_mask(window: &[u8; WINDOW]) -> u32 {
    word_pause_mask(window)
}

/// [`pause_mask`] with no vector instructions: each half of the chunk and
/// the bytes two after it judged as 64-bit words.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn word_pause_mask(window: &[u8; WINDOW]) -> u32 {
    let half = |k: usize| {
        let (v, b2) = (word_at(window, 8 * k), word_at(window, 8 * k + 2));
        let is = |word: u64, byte: u8| zero_bytes(word ^ (u64::from(byte) * LOW));
        gather((is(v, 0xE3) & is(b2, 0x81)) | (is(v, 0xEF) & (is(b2, 0x8C) | is(b2, 0x9A))))
    };
    half(0) | (half(1) << 8)
}

/// [`chunk_marks`] elsewhere: eight bytes at a time in a 64-bit word.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
fn chunk_marks(chunk: &[u8; MARK_CHUNK]) -> u32 {
    word_chunk_marks(chunk)
}

/// [`chunk_marks`] with no vector instructions: each half judged as a
/// 64-bit word ([`mark_bits`]), its byte flags gathered into eight bits.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn word_chunk_marks(chunk: &[u8; MARK_CHUNK]) -> u32 {
    let half = |k: usize| gather(mark_bits(word_at(chunk, 8 * k)));
    half(0) | (half(1) << 8)
}

/// The eight bytes of `bytes` from `from` as a little-endian word (zero
/// bytes past the end).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn word_at(bytes: &[u8], from: usize) -> u64 {
    let mut word = [0; 8];
    let rest = bytes.get(from..).unwrap_or_default();
    let n = rest.len().min(8);
    word[..n].copy_from_slice(&rest[..n]);
    u64::from_le_bytes(word)
}

/// Every byte's low bit.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
const LOW: u64 = 0x0101_0101_0101_0101;
/// Every byte's high bit.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `word` that is 0xE2, 0xE3, 0xEF, '(' or ')'.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn mark_bits(word: u64) -> u64 {
    let pairs = word & !LOW; // 0xE3 → 0xE2, ')' → '('
    zero_bytes(pairs ^ (0xE2 * LOW))
        | zero_bytes(word ^ (0xEF * LOW))
        | zero_bytes(pairs ^ (0x28 * LOW))
}

/// The high bit of every zero byte of `v`, exactly (no carries between bytes).
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn zero_bytes(v: u64) -> u64 {
    !(((v & !HIGH) + !HIGH) | v) & HIGH
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
    // up to three characters, and whether a fourth follows (no list made)
    let mut chars = s.chars();
    match [(); 4].map(|()| chars.next()) {
        [Some(d), None, ..] => digit(d).filter(|&v| v > 0).or((d == '十').then_some(10)),
        [Some('十'), Some(d), None, _] => digit(d).filter(|&v| v > 0).map(|v| 10 + v),
        [Some(t), Some('十'), None, _] => digit(t).filter(|&v| v > 1).map(|v| v * 10),
        [Some(t), Some('十'), Some(d), None] => {
            let tens = digit(t).filter(|&v| v > 1)?;
            digit(d).filter(|&v| v > 0).map(|v| tens * 10 + v)
        }
        _ => None,
    }
}

/// Whether `c` can stand in a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// Whether a line holds nothing but a page number: an artifact of a page
/// end that some extractions of the PDF keep ('— 12 —' under each page of
/// the printed notice). Such a line belongs to no paragraph, and the pieces
/// around it join as they do across the blank line of a page end.
///
/// ```text
/// page-number = *dash count *dash / "第" count "页" ["共" count "页"]
/// count       = 1*3digit                ; ASCII or full-width, spaces around
/// dash        = "-" / "－" / "—" / "–" / "―"
/// ```
///
/// ```
/// use fengong::text::is_page_number;
/// for line in ["— 12 —", "- 12 -", "－１２－", "12", "第 3 页", "第3页 共40页"] {
///     assert!(is_page_number(line), "{line}");
/// }
/// for line in ["12.", "12. 对接香港", "2023", "100 场", "—", "第一页"] {
///     assert!(!is_page_number(line), "{line}");
/// }
/// ```
#[inline]
pub fn is_page_number(line: &str) -> bool {
    // every line is tried: one starting with a Han character other than
    // '第', or longer than the longest ('第 999 页 共 999 页' and spaces, 30
    // bytes), is judged from its first byte and its length
    let may_be = match line.as_bytes() {
        [b'0'..=b'9' | b'-' | b'\t'..=b' ' | 0xE2 | 0xE3 | 0xEF | 0xC2, ..] => true,
        [0xE7, 0xAC, 0xAC, ..] => true, // 第
        _ => false,
    };
    may_be && line.len() <= 40 && page_number(trim(line))
}

/// [`is_page_number`] of a short line, trimmed.
fn page_number(line: &str) -> bool {
    // '2023 年 2 月 22 日印发', '“湾区通”工程。': judged by their last character
    if !line.ends_with(|c| is_digit(c) || is_dash(c) || c == '页') {
        return false;
    }
    match line.strip_prefix('第') {
        Some(rest) => match page_count(rest, '页') {
            Some("") => true,
            Some(rest) => {
                rest.strip_prefix('共')
                    .and_then(|rest| page_count(rest, '页'))
                    == Some("")
            }
            None => false,
        },
        None => {
            let count = line.trim_matches(|c| is_dash(c) || is_space(c));
            (1..=3).contains(&count.chars().count()) && count.chars().all(is_digit)
        }
    }
}

/// `count unit` with spaces around: what follows them.
fn page_count(s: &str, unit: char) -> Option<&str> {
    let s = s.trim_start_matches(is_space);
    let digits = s.find(|c| !is_digit(c)).unwrap_or(s.len());
    if !(1..=3).contains(&s[..digits].chars().count()) {
        return None;
    }
    let rest = s[digits..]
        .trim_start_matches(is_space)
        .strip_prefix(unit)?;
    Some(rest.trim_start_matches(is_space))
}

/// An ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The value of an ASCII or full-width digit ('7', '７').
#[inline]
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        '０'..='９' => Some(u32::from(c) - u32::from('０')),
        _ => None,
    }
}

/// A dash around a page number.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '－' | '—' | '–' | '―')
}

/// Inputs for tests that hold a fast reader to its first, plain reading.
#[cfg(test)]
pub(crate) mod samples {
    /// The words after `label` on each line of the 2023 fixture that has it.
    pub(crate) fn fixture_values(label: &str) -> Vec<String> {
        include_str!("../fixtures/guangdong-2023.txt")
            .lines()
            .filter_map(|line| line.split_once(label))
            .map(|(_, value)| value.to_string())
            .collect()
    }

    /// Every string of one to `up_to` atoms, in every order.
    pub(crate) fn mixes(atoms: &[&str], up_to: usize) -> Vec<String> {
        let mut all = Vec::new();
        let mut level = vec![String::new()];
        for _ in 0..up_to {
            level = level
                .iter()
                .flat_map(|m| atoms.iter().map(move |a| format!("{m}{a}")))
                .collect();
            all.extend(level.iter().cloned());
        }
        all
    }
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
            // a ',' between digits stays half-width; any other becomes '，'
            ("1,000 万元  以上", "1,000万元以上"),
            ("增长 1,000 亿元", "增长1,000亿元"),
            ("1, 2", "1，2"),
            (",1", "，1"),
            ("1,", "1，"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "{input:?}");
        }
    }

    #[test]
    fn page_number_cases() {
        let cases = [
            ("— 12 —", true),
            ("－１２－", true),
            ("  7  ", true),
            ("999", true),
            ("第 3 页", true),
            ("第3页 共40页", true),
            ("第 3 页 共 40 页", true),
            // not a page number: a numbered item, a year, a count, a bare
            // dash, a Chinese numeral, a page count with nothing after '共'
            ("12.", false),
            ("2023", false),
            ("100 场", false),
            ("—", false),
            ("— —", false),
            ("第一页", false),
            ("第页", false),
            ("第3页 共页", false),
            ("第3页 共40", false),
            ("第3页 40页", false),
            ("第 1000 页", false),
            ("2023 年 2 月 22 日印发", false),
        ];
        for (line, expected) in cases {
            assert_eq!(is_page_number(line), expected, "{line:?}");
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
    fn first_work_finds_one_mark_at_every_position_of_every_short_length() {
        // every length a chunk, the last window and the bytes between may
        // leave, and every position in it (a review found position len-17
        // unjudged for lengths 16k+17)
        for mark in [" ", "(", ")", "\u{3000}", "\u{a0}", "\u{feff}", "\u{2009}"] {
            for len in 0..80 {
                for at in 0..len {
                    let s = format!("{}{mark}{}", "a".repeat(at), "a".repeat(len - at));
                    assert_eq!(first_work(&s), Some(at), "{s:?}");
                }
                assert_eq!(first_work(&"a".repeat(len)), None, "{len}");
            }
        }
    }

    #[test]
    fn the_cheaper_tests_pass_wherever_work_starts() {
        // every three bytes, so that first_work never skips a chunk with work
        for b0 in 0..=u8::MAX {
            for b1 in 0..=u8::MAX {
                for b2 in 0..=u8::MAX {
                    if work_at(b0, b1, b2) {
                        assert!(maybe_work_at(b0, b1, b2), "{b0:#x} {b1:#x} {b2:#x}");
                        assert!(rough_work_at(b0, b1, b2), "{b0:#x} {b1:#x} {b2:#x}");
                    }
                }
            }
        }
        // and they are cheaper because they are looser: '“' passes both, '、'
        // neither; a digit and '怀' pass the rough one only
        let passes = |c: char| {
            let mut bytes = [PAD; 3];
            c.encode_utf8(&mut bytes);
            let [b0, b1, b2] = bytes;
            (
                rough_work_at(b0, b1, b2),
                maybe_work_at(b0, b1, b2),
                work_at(b0, b1, b2),
            )
        };
        let cases = [
            ('“', (true, true, false)),
            ('、', (false, false, false)),
            ('，', (false, false, false)),
            ('年', (false, false, false)),
            ('5', (true, false, false)),
            ('怀', (true, false, false)),
            ('\u{3000}', (true, true, true)),
            (';', (true, true, true)),
        ];
        for (c, expected) in cases {
            assert_eq!(passes(c), expected, "{c:?}");
        }
    }

    /// What the vector tests make of a window, and of its chunk as the last
    /// one, as the portable build makes them.
    fn by_flags(window: &[u8; WINDOW], judge: fn(u8, u8, u8) -> bool) -> u32 {
        flag_bits(lane_flags(
            lane(window, 0),
            lane(window, 1),
            lane(window, 2),
            judge,
        ))
    }

    fn check_vector_tests(window: &[u8; WINDOW]) {
        let lanes = Lanes::of(window);
        assert_eq!(
            maybe_mask(lanes),
            by_flags(window, maybe_work_at),
            "{window:x?}"
        );
        let rough = by_flags(window, rough_work_at) != 0;
        assert_eq!(may_hold_work(lanes), rough, "{window:x?}");
        let mut last = [PAD; WINDOW];
        last[..CHUNK].copy_from_slice(&window[..CHUNK]);
        let chunk = window.first_chunk().expect("a chunk");
        let lanes = Lanes::last(chunk);
        assert_eq!(
            maybe_mask(lanes),
            by_flags(&last, maybe_work_at),
            "{last:x?}"
        );
    }

    #[test]
    fn the_vector_and_flag_tests_agree() {
        // a byte of every value at every position, after every lead byte of
        // a mark, and every window of the fixture
        let text = include_str!("../fixtures/guangdong-2023.txt").as_bytes();
        for before in [
            [b'a', b'a'],
            [0xe2, 0x80],
            [0xe2, 0x81],
            [0xe3, 0x80],
            [0xef, 0xbb],
            [0x80, 0x80],
        ] {
            for byte in 0..=u8::MAX {
                for at in 0..WINDOW {
                    let mut window = [b'a'; WINDOW];
                    window[at] = byte;
                    for (k, &b) in before.iter().enumerate() {
                        if let Some(slot) = at.checked_sub(2 - k) {
                            window[slot] = b;
                        }
                    }
                    check_vector_tests(&window);
                }
            }
        }
        for window in text.windows(WINDOW).step_by(5) {
            check_vector_tests(window.first_chunk().expect("a whole window"));
        }
    }

    #[test]
    fn first_work_agrees_with_a_plain_scan() {
        let plain = |s: &str| {
            s.char_indices()
                .find(|&(_, c)| is_space(c) || full_width(c).is_some())
                .map(|(at, _)| at)
        };
        let text = include_str!("../fixtures/guangdong-2023.txt");
        // every suffix of the first 400 lines, so that marks fall at every
        // position of a chunk and in the padded last one
        for line in text.lines().take(400) {
            for (at, _) in line.char_indices() {
                assert_eq!(
                    first_work(&line[at..]),
                    plain(&line[at..]),
                    "{:?}",
                    &line[at..]
                );
            }
        }
        for c in ['\u{3000}', '\u{a0}', '\u{2028}', '\u{feff}', '(', ';'] {
            for n in 0..40 {
                let s = format!("{}{c}", "年".repeat(n));
                assert_eq!(first_work(&s), Some(3 * n), "{s:?}");
            }
        }
    }

    #[test]
    fn char3_reads_only_three_byte_characters() {
        let cases: [(&str, usize, Option<char>); 7] = [
            ("。", 0, Some('。')),
            ("a。", 1, Some('。')),
            ("3@K", 0, None),
            ("ϼɀ", 0, None),
            ("\u{80740}", 0, None),
            ("。。", 1, None),
            ("。。", 2, None),
        ];
        for (text, at, expected) in cases {
            assert_eq!(char3(text.as_bytes(), at), expected, "{text:?} at {at}");
        }
    }

    #[test]
    fn trims_agree_with_trim_matches() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("{c}甲{c}"),
                format!("{c}{c}a"),
                format!("a{c}"),
            ] {
                assert_eq!(trim(&s), s.trim_matches(is_space), "{s:?}");
                assert_eq!(trim_start(&s), s.trim_start_matches(is_space), "{s:?}");
                assert_eq!(trim_end(&s), s.trim_end_matches(is_space), "{s:?}");
            }
        }
    }

    #[test]
    fn is_space_agrees_with_unicode() {
        for c in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace() || c == '\u{FEFF}', "{c:?}");
        }
    }

    /// Whether a pause — '、' '，' '：' — starts at `at`.
    fn pause_at(bytes: &[u8], at: usize) -> bool {
        matches!(char3(bytes, at), Some('、' | '，' | '：'))
    }

    /// The marks of `line` as the scans should find them: every lead byte
    /// and bracket and, for a sentence, no pause in a chunk (from a multiple
    /// of sixteen) whose two bytes after it are there to read.
    fn expected_marks(bytes: &[u8], sentence: bool) -> Vec<usize> {
        (0..bytes.len())
            .filter(|&i| matches!(bytes[i], 0xE2 | 0xE3 | 0xEF | b'(' | b')'))
            .filter(|&i| !(sentence && pause_at(bytes, i) && i / 16 * 16 + WINDOW <= bytes.len()))
            .collect()
    }

    #[test]
    fn marks_are_every_lead_byte_and_bracket() {
        let text = include_str!("../fixtures/guangdong-2023.txt");
        // every line, and every suffix of some, so that marks fall at every
        // position of the last, shifted chunk and of a padded short text
        let suffixes = text
            .lines()
            .take(60)
            .flat_map(|line| line.char_indices().map(move |(at, _)| &line[at..]));
        let edges = ["", "(", "a)b", "“”", "、", "a，", "：、，。"];
        for line in text.lines().chain(suffixes).chain(edges) {
            let bytes = line.as_bytes();
            let got: Vec<usize> = marks(bytes).collect();
            assert_eq!(got, expected_marks(bytes, false), "{line:?}");
            let got: Vec<usize> = sentence_marks(bytes).collect();
            assert_eq!(got, expected_marks(bytes, true), "{line:?}");
        }
    }

    #[test]
    fn sentence_marks_skip_only_pauses() {
        // a chunk of text with one mark in it at every position, each of
        // '、' '，' '：' and of their neighbours among the marks
        let marks_and_pauses = [
            '、', '，', '：', '。', '（', '“', '》', '」', '！', '；', '〔',
        ];
        for c in marks_and_pauses {
            for at in 0..40 {
                let s = format!("{}{c}{}", "年".repeat(at), "年".repeat(10));
                let bytes = s.as_bytes();
                let got: Vec<usize> = sentence_marks(bytes).collect();
                let kept = !matches!(c, '、' | '，' | '：');
                assert_eq!(got, if kept { vec![3 * at] } else { vec![] }, "{s:?}");
            }
        }
    }

    #[test]
    fn the_vector_and_word_mark_scans_agree() {
        // every byte value at every position of a chunk, and every window of
        // the fixture
        let text = include_str!("../fixtures/guangdong-2023.txt").as_bytes();
        for byte in 0..=u8::MAX {
            for at in 0..MARK_CHUNK {
                let mut chunk = [b'a'; MARK_CHUNK];
                chunk[at] = byte;
                let expected = u32::from(matches!(byte, 0xE2 | 0xE3 | 0xEF | b'(' | b')')) << at;
                assert_eq!(chunk_marks(&chunk), expected, "{byte:#x} at {at}");
                assert_eq!(word_chunk_marks(&chunk), expected, "{byte:#x} at {at}");
            }
        }
        for window in text.windows(MARK_CHUNK).step_by(7) {
            let chunk = window.first_chunk().expect("a whole chunk");
            assert_eq!(chunk_marks(chunk), word_chunk_marks(chunk));
        }
        // the pause scan: every byte value at every position of a window
        // after every lead byte of a pause, and every window of the fixture
        for before in [[b'a', b'a'], [0xE3, 0x80], [0xEF, 0xBC], [0xE3, 0xE3]] {
            for byte in 0..=u8::MAX {
                for at in 0..WINDOW {
                    let mut window = [b'a'; WINDOW];
                    window[at] = byte;
                    for (k, &b) in before.iter().enumerate() {
                        if let Some(slot) = at.checked_sub(2 - k) {
                            window[slot] = b;
                        }
                    }
                    assert_eq!(pause_mask(&window), word_pause_mask(&window), "{window:x?}");
                }
            }
        }
        for window in text.windows(WINDOW).step_by(5) {
            let window = window.first_chunk().expect("a whole window");
            assert_eq!(pause_mask(window), word_pause_mask(window));
        }
    }

    #[test]
    fn lifts_slices_of_a_borrowed_whole() {
        let input = String::from("分管省领导：张虎、吕玉印");
        let whole: Cow<'_, str> = Cow::Borrowed(&input);
        let name = &whole[18..24];
        assert_eq!(name, "张虎");
        assert!(matches!(
            lift(&whole, Cow::Borrowed(name)),
            Cow::Borrowed("张虎")
        ));
        // a slice of something else, or of an owned whole, is copied
        let other = String::from("张虎");
        assert!(matches!(lift(&whole, Cow::Borrowed(&other)), Cow::Owned(s) if s == "张虎"));
        let owned: Cow<'_, str> = Cow::Owned(input.clone());
        assert!(
            matches!(lift(&owned, Cow::Borrowed(&owned[18..24])), Cow::Owned(s) if s == "张虎")
        );
        // the empty slice at the very end is inside
        assert!(matches!(
            lift(&whole, Cow::Borrowed(&whole[whole.len()..])),
            Cow::Borrowed("")
        ));
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
            // zero, a leading '一' and a trailing '零' make no numeral here
            ("零", None),
            ("一十", None),
            ("十零", None),
            ("一十二", None),
            ("二十零", None),
            ("十十", None),
            ("二十三四", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(chinese_number(input), expected, "{input:?}");
        }
        // every numeral from 一 to 九十九 as it is written, and longer ones not
        let digits: Vec<char> = "零一二三四五六七八九".chars().collect();
        for n in 1..100usize {
            let (tens, ones) = (n / 10, n % 10);
            let mut written = String::new();
            if tens > 1 {
                written.push(digits[tens]);
            }
            if tens > 0 {
                written.push('十');
            }
            if ones > 0 {
                written.push(digits[ones]);
            }
            assert_eq!(chinese_number(&written), u32::try_from(n).ok(), "{written}");
            if ones > 0 {
                assert_eq!(chinese_number(&format!("{written}一")), None, "{written}一");
            }
        }
        for input in ["十十", "二二", "一百", "九十九九", "十一十"] {
            assert_eq!(chinese_number(input), None, "{input:?}");
        }
    }
}
