//! The scaled notices both benches read: the 2023 notice grown to 1×, 10×
//! and 100× its size by repeating its task blocks (tasks 12–180), as the
//! issue's scaling target asks. `benches/parse.rs` times them;
//! `benches/instructions.rs` counts the instructions a reading of each
//! takes. Each bench includes this file as a module of its own (`#[path]`),
//! so a bench that does not use an item would warn: both use all of them.

/// The 2023 notice, the fixture every input here is made from.
pub const FIXTURE: &str = include_str!("../../fixtures/guangdong-2023.txt");

/// 1-based lines of the fixture holding the task blocks of parts 二 … 十一:
/// from task 12 (line 93, just under the heading of part 二 at line 91) to
/// the last line of task 180 (line 1565, before '十二、工作要求').
const TASKS_FIRST_LINE: usize = 93;
const TASKS_LAST_LINE: usize = 1565;
/// Tasks 1–11 stand in part 一, before the repeated blocks.
const TASKS_BEFORE: u32 = 11;
/// Tasks 12–180 in one copy of the blocks.
const TASKS_PER_COPY: u32 = 169;

/// A notice about `factor` times the fixture's size: the envelope, part 一
/// and the heading of part 二 at the top; the task blocks repeated; part 十二
/// (the requirements), the annex and the tail at the bottom.
///
/// The copies after the first are renumbered (task 12 of copy k becomes
/// 12 + 169·k) and lose their part headings (三 … 十一 cannot be renumbered
/// past 九十九, the largest numeral the reader knows), so their tasks stand in
/// part 十一 and the notice reads without diagnostics.
pub fn scaled_notice(factor: usize) -> (String, usize) {
    let lines: Vec<&str> = FIXTURE.split_inclusive('\n').collect();
    let head: String = lines[..TASKS_FIRST_LINE - 1].concat();
    let tasks = &lines[TASKS_FIRST_LINE - 1..TASKS_LAST_LINE];
    let foot: String = lines[TASKS_LAST_LINE..].concat();
    let copy_len: usize = tasks.iter().map(|l| l.len()).sum();
    let target = FIXTURE.len() * factor;
    let copies =
        ((target.saturating_sub(head.len() + foot.len()) + copy_len / 2) / copy_len).max(1);
    let mut out = String::with_capacity(head.len() + foot.len() + copies * (copy_len + 1024));
    out.push_str(&head);
    for k in 0..copies {
        for line in tasks {
            if k == 0 {
                out.push_str(line);
            } else if is_part_heading(line) {
                continue;
            } else if let Some((number, rest)) = split_task_number(line) {
                let renumbered = number + TASKS_PER_COPY * k as u32;
                out.push_str(&renumbered.to_string());
                out.push_str(rest);
            } else {
                out.push_str(line);
            }
        }
    }
    out.push_str(&foot);
    (out, copies)
}

/// '三、以实体经济为本…' — a part heading: Chinese numerals, then '、'.
fn is_part_heading(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| "一二三四五六七八九十".contains(c));
    rest.len() < line.len() && rest.starts_with('、')
}

/// '23. 实施制造业…' → (23, ". 实施制造业…"), the way the reader's
/// task header reads it: digits, '.' or '．', not followed by a digit or '%'.
fn split_task_number(line: &str) -> Option<(u32, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = line.split_at(digits);
    let after = rest.trim_start_matches(' ');
    let after_stop = after
        .strip_prefix('.')
        .or_else(|| after.strip_prefix('．'))?;
    let next = after_stop.trim_start_matches(' ').chars().next();
    if next.is_some_and(|c| c.is_ascii_digit() || c == '%') {
        return None;
    }
    Some((number.parse().ok()?, rest))
}

/// A scaled notice, checked: every task read, numbered in order, no diagnostic.
pub fn checked_scaled(factor: usize) -> String {
    let (text, copies) = scaled_notice(factor);
    let notice = fengong::parse(&text).expect("scaled notice parses");
    let expected = TASKS_BEFORE as usize + TASKS_PER_COPY as usize * copies;
    assert_eq!(notice.tasks.len(), expected, "{factor}x: task count");
    assert!(
        notice.diagnostics.is_empty(),
        "{factor}x: diagnostics {:?}",
        &notice.diagnostics[..notice.diagnostics.len().min(3)]
    );
    text
}

/// The least of the sizes' figures (time per MB, instructions per byte),
/// and the greatest over it: the spread.
pub fn spread(per_mb: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let min = per_mb.clone().fold(f64::INFINITY, f64::min);
    let max = per_mb.fold(0.0, f64::max);
    (min, max / min)
}
