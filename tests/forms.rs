//! One reading in every form: each form of the 2023 notice is derived here,
//! in code, from the fixture, and must read to the same records as the
//! fixture itself — line numbers aside, since a form may move lines.
//!
//! The comparison serializes both notices to JSON, removes every key named
//! `lines`, `intro_lines`, `tail_lines` or `line`, and compares the rest
//! whole. On a difference the test names the form, the path of the first
//! differing value and the record (task, section, row …) holding it.

use std::path::PathBuf;
use std::process::Command;

use fengong::Notice;
use regex::Regex;
use serde_json::Value;

const FIXTURE: &str = include_str!("../fixtures/guangdong-2023.txt");

/// The keys that hold input line numbers.
const LINE_KEYS: [&str; 4] = ["lines", "intro_lines", "tail_lines", "line"];

/// The width the hard-wrapped forms break lines at, in characters.
const WRAP: usize = 28;

/// `value` with every line-number key removed, at any depth.
fn without_lines(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(key, _)| !LINE_KEYS.contains(&key.as_str()))
                .map(|(key, v)| (key, without_lines(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_lines).collect()),
        other => other,
    }
}

/// The path, expected value and value found of the first difference.
fn first_difference(path: String, expected: &Value, got: &Value) -> Option<(String, Value, Value)> {
    if expected == got {
        return None;
    }
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|key| {
                let (x, y) = (
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                );
                let sub = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                first_difference(sub, x, y)
            })
        }
        (Value::Array(a), Value::Array(b)) => (0..a.len().max(b.len())).find_map(|i| {
            let (x, y) = (
                a.get(i).unwrap_or(&Value::Null),
                b.get(i).unwrap_or(&Value::Null),
            );
            first_difference(format!("{path}[{i}]"), x, y)
        }),
        _ => Some((path, expected.clone(), got.clone())),
    }
}

/// The record holding `path`: 'tasks[13].departments.lead[1].name' → 'tasks[13]'.
fn record_of(path: &str) -> &str {
    match path.find(']') {
        Some(end) => &path[..=end],
        None => path.split('.').next().unwrap_or(path),
    }
}

/// The value at a record path such as 'tasks[13]' or 'document'.
fn at<'v>(value: &'v Value, record: &str) -> &'v Value {
    match record.split_once('[') {
        Some((key, index)) => {
            let index: usize = index.trim_end_matches(']').parse().unwrap_or(usize::MAX);
            value[key].get(index).unwrap_or(&Value::Null)
        }
        None => &value[record],
    }
}

fn short(value: &Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    if text.chars().count() > 4000 {
        let cut: String = text.chars().take(4000).collect();
        format!("{cut}\n… (cut)")
    } else {
        text
    }
}

/// The fixture's own reading, as JSON: the reference every form is held to.
fn reference() -> Value {
    let notice = fengong::parse(FIXTURE).expect("the fixture reads");
    assert!(
        notice.diagnostics.is_empty(),
        "the fixture itself reads with diagnostics: {:#?}",
        notice.diagnostics
    );
    assert_eq!((notice.sections.len(), notice.tasks.len()), (12, 180));
    serde_json::to_value(&notice).expect("a notice serializes")
}

/// Asserts that the JSON reading of a form equals the fixture's, lines aside.
fn assert_same_json(form: &str, got: Value) {
    let diagnostics = got["diagnostics"].as_array().cloned().unwrap_or_default();
    assert!(
        diagnostics.is_empty(),
        "form {form}: {} diagnostics, the first: {}",
        diagnostics.len(),
        short(&Value::Array(diagnostics.iter().take(5).cloned().collect()))
    );
    let expected = without_lines(reference());
    let got = without_lines(got);
    if let Some((path, want, found)) = first_difference(String::new(), &expected, &got) {
        let record = record_of(&path);
        panic!(
            "form {form}: the reading differs first at {path}\n  expected: {want}\n  got:      {found}\n\
             record {record} expected:\n{}\nrecord {record} got:\n{}",
            short(at(&expected, record)),
            short(at(&got, record)),
        );
    }
}

/// Asserts that a form reads to the fixture's records.
fn assert_same_reading(form: &str, got: Result<Notice, fengong::Error>) {
    let notice = got.unwrap_or_else(|e| panic!("form {form}: not read: {e}"));
    assert_same_json(
        form,
        serde_json::to_value(&notice).expect("a notice serializes"),
    );
}

/// The fixture's lines, without their end-of-line.
fn fixture_lines() -> Vec<&'static str> {
    FIXTURE.lines().collect()
}

/// The fixture's text with each line replaced by what `f` makes of it
/// (one or more lines, or none), the final newline kept.
fn map_lines(f: impl Fn(usize, &str) -> Vec<String>) -> String {
    let mut out = String::with_capacity(FIXTURE.len() * 2);
    for (i, line) in fixture_lines().into_iter().enumerate() {
        for piece in f(i + 1, line) {
            out.push_str(&piece);
            out.push('\n');
        }
    }
    out
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out: Vec<u8> = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let bytes = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        out.extend_from_slice(&bytes);
    }
    out
}

#[test]
fn the_reference_reading() {
    let value = reference();
    assert_eq!(value["tasks"][13]["title"], "打造“轨道上的大湾区”。");
    assert_eq!(value["requirements"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        value["livelihood_projects"].as_array().map(Vec::len),
        Some(29)
    );
    // The comparison sees no line number anywhere.
    let stripped = without_lines(value).to_string();
    for key in LINE_KEYS {
        assert!(!stripped.contains(&format!("\"{key}\":")), "{key} left");
    }
}

#[test]
fn the_comparison_finds_the_first_difference() {
    let damaged = FIXTURE.replace("分管省领导：张虎、吕玉印", "分管省领导：张虎、吕玉");
    let notice = fengong::parse(&damaged).expect("the damaged copy reads");
    let got = without_lines(serde_json::to_value(&notice).unwrap());
    let expected = without_lines(reference());
    let (path, want, found) =
        first_difference(String::new(), &expected, &got).expect("a difference");
    assert_eq!(path, "tasks[13].leaders[1]");
    assert_eq!((want, found), (Value::from("吕玉印"), Value::from("吕玉")));
    assert_eq!(record_of(&path), "tasks[13]");
    assert_eq!(at(&got, "tasks[13]")["number"], 14);
    assert_eq!(record_of("document.title"), "document");
}

#[test]
fn a_crlf_line_endings() {
    let text = FIXTURE.replace('\n', "\r\n");
    assert_eq!(text.matches("\r\n").count(), FIXTURE.matches('\n').count());
    assert_same_reading("(a) CRLF", fengong::parse(&text));
    assert_same_reading("(a) CRLF bytes", fengong::parse_bytes(text.as_bytes()));
}

#[test]
fn b_utf8_byte_order_mark() {
    let text = format!("\u{FEFF}{FIXTURE}");
    assert_same_reading("(b) BOM text", fengong::parse(&text));
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(FIXTURE.as_bytes());
    assert_same_reading("(b) BOM bytes", fengong::parse_bytes(&bytes));
}

#[test]
fn c_gb18030() {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(FIXTURE);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    assert_same_reading("(c) GB18030", fengong::parse_bytes(&bytes));
}

#[test]
fn d_utf16_little_endian() {
    let bytes = utf16(FIXTURE, true);
    assert_eq!(&bytes[..4], &[0xFF, 0xFE, 0x0A, 0x00]);
    assert_same_reading("(d) UTF-16LE", fengong::parse_bytes(&bytes));
}

#[test]
fn d_utf16_big_endian() {
    let bytes = utf16(FIXTURE, false);
    assert_eq!(&bytes[..4], &[0xFE, 0xFF, 0x00, 0x0A]);
    assert_same_reading("(d) UTF-16BE", fengong::parse_bytes(&bytes));
}

#[test]
fn e_half_width_punctuation() {
    assert!(
        !Regex::new(r"\d，\d").unwrap().is_match(FIXTURE),
        "the fixture has a '，' between digits; this form assumes none"
    );
    let text: String = FIXTURE
        .chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect();
    assert!(!text.contains(['，', '：', '；', '（', '）']));
    assert!(text.contains("分管省领导:张虎"));
    assert!(text.contains("(一)强化担当,主动作为。"));
    assert_same_reading("(e) half-width punctuation", fengong::parse(&text));
}

/// The task headers 'N. ' rewritten as 'N' + `to`; only lines matching
/// ^\d+\. change, and all 180 of them are task headers.
fn task_stops(to: &str) -> String {
    let numbered = Regex::new(r"^\d+\.").unwrap();
    let header = Regex::new(r"^(\d+)\. (\S)").unwrap();
    let count = fixture_lines()
        .into_iter()
        .filter(|l| numbered.is_match(l))
        .count();
    assert_eq!(count, 180, "every '^\\d+\\.' line is a task header");
    map_lines(|_, line| {
        if !numbered.is_match(line) {
            return vec![line.to_string()];
        }
        let new = header.replace(line, format!("${{1}}{to}${{2}}"));
        assert_ne!(new, line, "a '^\\d+\\.' line without 'N. ': {line:?}");
        vec![new.into_owned()]
    })
}

#[test]
fn f_full_width_task_numbers() {
    let wide = |c: char| match c.to_digit(10) {
        Some(d) => char::from_u32(u32::from('０') + d).unwrap(),
        None => c,
    };
    let text = task_stops("．");
    let text = map_text_lines(&text, |line| {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !line[digits..].starts_with('．') {
            return line.to_string();
        }
        line[..digits]
            .chars()
            .map(wide)
            .chain(line[digits..].chars())
            .collect()
    });
    assert!(text.contains("\n１２．对接香港") && text.contains("\n１８０．深入推进法治广东建设。"));
    assert_same_reading("(f) '１２．对接'", fengong::parse(&text));
}

/// `text` with each line replaced by what `f` makes of it.
fn map_text_lines(text: &str, f: impl Fn(&str) -> String) -> String {
    text.lines().map(|line| f(line) + "\n").collect()
}

#[test]
fn f_no_space_after_task_number() {
    let text = task_stops(".");
    assert!(text.contains("\n12.对接香港"));
    assert_same_reading("(f) '12.对接'", fengong::parse(&text));
}

/// `text` with its lines rewritten by `rewrite` (the line's new lines, or
/// None to keep it), asserting that `expected` lines were rewritten.
fn rewrite_lines(text: &str, expected: usize, rewrite: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rewritten = 0;
    for line in text.lines() {
        match rewrite(line) {
            Some(lines) => {
                rewritten += 1;
                out.push_str(&lines);
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    assert_eq!(rewritten, expected, "every count found its place");
    out
}

/// `text` with two counts '1', '2' closed by `mark` at the start of lines
/// of the letter, as '1、' counts points in prose.
fn with_letter_counts(text: &str, mark: char) -> String {
    const LETTER: &str = "《2023年省《政府工作报告》工作任务分工方案》已经";
    rewrite_lines(text, 1, |line| {
        let (first, rest) = line.strip_prefix(LETTER)?.split_once("执行过程中")?;
        Some(format!(
            "{LETTER}{first}\n1{mark}加强组织领导。\n2{mark}强化督查落实。执行过程中{rest}"
        ))
    })
}

/// `text` with counts closed by `mark` at the start of lines of the body:
/// in an intro given to part 一, opening a wrapped line of task 13's
/// measures, and (numbered 181, the number after the last task's) in
/// requirement (二).
fn with_body_counts(text: &str, mark: char) -> String {
    const PART_ONE: &str = "一、2023 年经济社会发展主要预期目标";
    const MEASURES: &str = "年度重点事项清单。";
    const REQUIREMENT: &str = "（二）攻坚克难，合力推进。";
    rewrite_lines(text, 3, |line| {
        if line == PART_ONE {
            Some(format!("{line}\n主要预期目标如下：\n1{mark}稳中求进。"))
        } else if let Some((first, rest)) = line.split_once(MEASURES) {
            Some(format!("{first}{MEASURES}\n2{mark}{rest}"))
        } else {
            let rest = line.strip_prefix(REQUIREMENT)?;
            Some(format!("{REQUIREMENT}\n181{mark}逐项攻坚。{rest}"))
        }
    })
}

/// The reading of `text` as JSON, each count of [`with_letter_counts`] and
/// [`with_body_counts`] written back with '、' where `mark` stood.
fn reading_with_marks(text: &str, mark: char) -> String {
    let notice = fengong::parse(text).expect("the counted notice reads");
    let mut json = serde_json::to_string(&notice).expect("a notice serializes");
    for count in [
        "1?加强组织领导",
        "2?强化督查落实",
        "1?稳中求进",
        "2?推动",
        "181?逐项攻坚",
    ] {
        let from = count.replace('?', &mark.to_string());
        json = json.replace(&from, &count.replace('?', "、"));
    }
    json
}

#[test]
fn f_counts_in_the_prose_of_a_dot_numbered_notice_are_no_tasks() {
    // read as they read closed by '）', which never makes a header
    let counted = |mark| with_body_counts(&with_letter_counts(FIXTURE, mark), mark);
    let reading = reading_with_marks(&counted('、'), '、');
    assert_eq!(reading, reading_with_marks(&counted('）'), '）'));
    let notice: Notice = serde_json::from_str(&reading).unwrap();
    assert_eq!((notice.tasks.len(), notice.diagnostics.len()), (180, 0));
    assert!(notice.tasks[12].measures[1].starts_with("2、推动“湾区标准”"));
    assert_eq!(
        notice.sections[0].intro.as_deref(),
        Some("主要预期目标如下：1、稳中求进。")
    );
    let letter = notice.document.letter.as_deref().unwrap();
    assert!(letter.contains("执行。1、加强组织领导。2、强化督查落实。执行过程中"));
    assert_eq!(
        notice.document.plan_title.as_deref(),
        Some("2023年省《政府工作报告》工作任务分工方案")
    );
}

#[test]
fn f_counts_in_the_letter_of_a_comma_numbered_notice_are_no_tasks() {
    let numbered = task_stops("、");
    let reading = reading_with_marks(&with_letter_counts(&numbered, '、'), '、');
    assert_eq!(
        reading,
        reading_with_marks(&with_letter_counts(&numbered, '）'), '）')
    );
    let notice: Notice = serde_json::from_str(&reading).unwrap();
    assert_eq!((notice.tasks.len(), notice.diagnostics.len()), (180, 0));
    let fixture = fengong::parse(FIXTURE).unwrap();
    assert_eq!(notice.tasks.len(), fixture.tasks.len());
    for (got, want) in notice.tasks.iter().zip(&fixture.tasks) {
        assert_eq!((got.number, &got.title), (want.number, &want.title));
    }
}

#[test]
fn f_full_width_stop_or_enumeration_comma_after_task_number() {
    for stop in ["．", "、"] {
        let text = task_stops(stop);
        assert!(text.contains(&format!("\n12{stop}对接香港")));
        assert!(text.contains(&format!("\n180{stop}深入推进法治广东建设。")));
        assert_same_reading(&format!("(f) '12{stop}对接'"), fengong::parse(&text));
    }
}

#[test]
fn g_ideographic_space_indent() {
    let text = map_lines(|_, line| {
        if line.is_empty() {
            vec![String::new()]
        } else {
            vec![format!("\u{3000}\u{3000}{line}")]
        }
    });
    assert!(text.contains("\u{3000}\u{3000}\t2\t实现技工院校招生规模"));
    assert_same_reading("(g) U+3000 indent", fengong::parse(&text));
}

#[test]
fn h_no_blank_lines() {
    let text = map_lines(|_, line| {
        if line.is_empty() {
            Vec::new()
        } else {
            vec![line.to_string()]
        }
    });
    assert!(!text.contains("\n\n"));
    assert!(text.starts_with("附件：\n广东省人民政府文件\n"));
    assert_same_reading("(h) no blank lines", fengong::parse(&text));
}

/// The fixture with a page number, as `style` prints page `k`, between two
/// blank lines in place of each blank line: at every page end, and between
/// paragraphs too.
fn paginated(style: fn(usize) -> String) -> String {
    let page = std::cell::Cell::new(0);
    map_lines(|_, line| {
        if !line.is_empty() {
            return vec![line.to_string()];
        }
        page.set(page.get() + 1);
        vec![String::new(), style(page.get()), String::new()]
    })
}

#[test]
fn l_page_numbers() {
    type Style = fn(usize) -> String;
    let styles: [(&str, Style); 5] = [
        ("— k —", |k| format!("— {k} —")),
        ("- k -", |k| format!("- {k} -")),
        ("－k－", |k| format!("－{k}－")),
        ("k", |k| k.to_string()),
        ("第 k 页", |k| format!("第 {k} 页")),
    ];
    // the page end inside task 13's measures, after line 103: the blank
    // line there is the fixture's how-manieth?
    let lines = fixture_lines();
    assert!(lines[102].ends_with("进一步落实“澳车北") && lines[103].is_empty());
    let page = lines[..104].iter().filter(|l| l.is_empty()).count();
    for (name, style) in styles {
        let text = paginated(style);
        let broken = format!("进一步落实“澳车北\n\n{}\n\n上”", style(page));
        assert!(text.contains(&broken), "{name}: {broken}");
        let form = format!("(l) page numbers '{name}'");
        assert_same_reading(&form, fengong::parse(&text));
    }
}

#[test]
fn m_labels_spaced_out_or_without_colon() {
    let spaced = FIXTURE
        .replace("\n工作措施：", "\n工 作 措 施：")
        .replace("\n分管省领导：", "\n分 管 省 领 导 ：")
        .replace("\n部门分工：", "\n部 门 分 工：");
    assert_eq!(spaced.matches("\n工 作 措 施：").count(), 169);
    assert_same_reading("(m) labels spaced out", fengong::parse(&spaced));
    let bare = FIXTURE
        .replace("\n工作措施：", "\n工作措施 ")
        .replace("\n分管省领导：", "\n分管省领导 ")
        .replace("\n部门分工：", "\n部门分工 ");
    assert_eq!(bare.matches("\n部门分工 ").count(), 180);
    assert_same_reading("(m) labels without colons", fengong::parse(&bare));
}

/// The fixture with line `n` broken into two lines after its `k`th character.
fn broken_at(n: usize, k: usize) -> String {
    map_lines(|i, line| {
        if i != n {
            return vec![line.to_string()];
        }
        let at = line.char_indices().nth(k).map_or(line.len(), |(at, _)| at);
        vec![line[..at].to_string(), line[at..].to_string()]
    })
}

#[test]
fn n_title_and_addressees_broken_anywhere() {
    let lines = fixture_lines();
    let title = "广东省人民政府关于印发2023年 省《政府工作报告》工作任务 分工方案的通知";
    let addressees = "各地级以上市人民政府，省政府各部门、各直属机构：";
    assert_eq!((lines[8], lines[10]), (title, addressees));
    for (n, line) in [(9, title), (11, addressees)] {
        for k in 1..line.chars().count() {
            let text = broken_at(n, k);
            let form = format!("(n) line {n} broken after {k} characters");
            assert_same_reading(&form, fengong::parse(&text));
        }
    }
}

/// (n) The addressee line broken into three lines at any two places: the
/// list is put together again, and no piece of it (a middle piece may end
/// '人民政府') is taken for the letter or a signature. Only the envelope
/// and task 1 are read, enough for the envelope's reading.
#[test]
fn n_addressees_broken_twice_anywhere() {
    let lines = fixture_lines();
    let addressees = lines[10];
    assert_eq!(
        addressees,
        "各地级以上市人民政府，省政府各部门、各直属机构："
    );
    assert!(lines[26].starts_with("部门分工：省发展改革委牵头"));
    let head = |line: &str| -> String {
        let mut text = lines[..10].join("\n");
        text.push('\n');
        text.push_str(line);
        text.push('\n');
        text.push_str(&lines[11..27].join("\n"));
        text.push('\n');
        text
    };
    let whole = head(addressees);
    let expected = fengong::parse(&whole).unwrap().document;
    assert_eq!(
        expected.addressees,
        ["各地级以上市人民政府", "省政府各部门", "各直属机构"]
    );
    let chars: Vec<(usize, char)> = addressees.char_indices().collect();
    for i in 1..chars.len() {
        for j in i + 1..chars.len() {
            let (a, b) = (chars[i].0, chars[j].0);
            let broken = format!(
                "{}\n{}\n{}",
                &addressees[..a],
                &addressees[a..b],
                &addressees[b..]
            );
            let text = head(&broken);
            let notice = fengong::parse(&text).unwrap();
            let doc = &notice.document;
            assert_eq!(doc.addressees, expected.addressees, "{broken}");
            assert_eq!(doc.letter, expected.letter, "{broken}");
        }
    }
}

/// (o) Leader lists set apart with spaces, as a table-like layout prints
/// them: the names two spaces apart instead of '、', and every name of two
/// characters padded to the width of three ('王 曦'). '张虎、张新' becomes
/// '张 虎  张 新', '王曦、孙志洋、冯玲、陈良贤' '王 曦  孙志洋  冯 玲  陈良贤'.
#[test]
fn o_leaders_apart_and_padded() {
    let label = "分管省领导：";
    let apart = map_lines(|_, line| {
        let Some(list) = line.strip_prefix(label) else {
            return vec![line.to_string()];
        };
        let names: Vec<String> = list
            .split('、')
            .map(|name| match name.chars().collect::<Vec<_>>()[..] {
                [a, b] => format!("{a} {b}"),
                _ => name.to_string(),
            })
            .collect();
        vec![format!("{label}{}", names.join("  "))]
    });
    assert_eq!(apart.matches("\n分管省领导：张 虎  张 新\n").count(), 2);
    assert!(apart.contains("\n分管省领导：王 曦  孙志洋  冯 玲  陈良贤\n"));
    assert!(!apart
        .lines()
        .any(|l| l.starts_with(label) && l.contains('、')));
    assert_same_reading("(o) leaders apart and padded", fengong::parse(&apart));
    // no list of the notice has three names of two characters in a row;
    // task 53's, given three, reads them apart by the gaps' widths
    let three = apart.replacen(
        "\n分管省领导：张 新  吕玉印\n",
        "\n分管省领导：张 虎  王 曦  冯 玲\n",
        1,
    );
    assert_ne!(three, apart);
    let notice = fengong::parse(&three).unwrap();
    assert_eq!(notice.task(53).unwrap().leaders, ["张虎", "王曦", "冯玲"]);
}

/// The line of the plan's own title: the envelope ends there.
fn plan_title_line() -> usize {
    let at = fixture_lines()
        .iter()
        .position(|l| l.starts_with("2023 年省《政府工作报告》工作任务"))
        .expect("the plan title")
        + 1;
    assert_eq!(at, 17);
    at
}

/// The first line of the tail: '公开方式：主动公开'.
fn tail_line() -> usize {
    let at = fixture_lines()
        .iter()
        .position(|l| l.starts_with("公开方式"))
        .expect("the tail")
        + 1;
    assert_eq!(at, 1622);
    at
}

/// For each fixture line, whether the hard-wrapped forms leave it whole:
/// blank lines, the envelope up to the plan title, the tail from
/// '公开方式' on, and table rows. Part headings wrap: seven of the twelve
/// are longer than the wrap.
fn kept_whole() -> Vec<bool> {
    let (envelope_end, tail) = (plan_title_line(), tail_line());
    fixture_lines()
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let n = i + 1;
            line.is_empty() || n <= envelope_end || n >= tail || line.contains('\t')
        })
        .collect()
}

/// The fixture hard-wrapped at [`WRAP`] characters (counted as chars),
/// blank lines kept.
fn hard_wrapped() -> String {
    let keep = kept_whole();
    map_lines(|n, line| {
        if keep[n - 1] {
            return vec![line.to_string()];
        }
        let chars: Vec<char> = line.chars().collect();
        chars.chunks(WRAP).map(|c| c.iter().collect()).collect()
    })
}

/// Asserts the form really is wrapped: every line is at most [`WRAP`]
/// characters or one the wrap keeps whole, and there are more lines.
fn assert_wrapped(text: &str, more_than: usize) {
    let keep = kept_whole();
    let kept: Vec<&str> = fixture_lines()
        .into_iter()
        .zip(keep)
        .filter_map(|(line, whole)| whole.then_some(line))
        .collect();
    let longest = text
        .lines()
        .filter(|l| !kept.contains(l))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(longest <= WRAP, "a wrapped line of {longest} characters");
    assert_eq!(longest, WRAP, "some line was long enough to wrap");
    assert!(
        text.lines().count() > more_than,
        "{} lines, not more than {more_than}",
        text.lines().count()
    );
}

#[test]
fn i_hard_wrapped() {
    let text = hard_wrapped();
    assert_wrapped(&text, FIXTURE.lines().count());
    assert!(text.contains(
        "\n工作措施：编制河套深港科技创新合作区深圳园区发展规划，推\n进河套合作区“一区两园”建设。"
    ));
    // a part heading wrapped: its rest is not the part's intro
    assert!(text.contains(
        "\n二、纵深推进粤港澳大湾区、深圳先行示范区建设，高水平建设\n横琴、前海、南沙三大平台\n"
    ));
    assert_same_reading("(i) hard-wrapped at 28", fengong::parse(&text));
}

#[test]
fn j_hard_wrapped_without_blank_lines() {
    let text: String = hard_wrapped()
        .lines()
        .filter(|l| !l.is_empty())
        .flat_map(|l| [l, "\n"])
        .collect();
    assert!(!text.contains("\n\n"));
    assert_wrapped(&text, FIXTURE.lines().count());
    assert_same_reading(
        "(j) hard-wrapped at 28, no blank lines",
        fengong::parse(&text),
    );
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The notice as the provincial portal's article page.
fn portal_page() -> String {
    let mut page = String::from(
        "<!DOCTYPE html><html><head><script>var _hmt = _hmt || []; \
         document.write(\"<p>不是正文</p>\");</script>\
         <style>p { text-indent: 2em; } .nav { color: #333; }</style></head><body>\
         <div class=\"nav\">首页 &gt; 政务公开</div><div class=\"article\" id=\"zoom\">",
    );
    let rows: Vec<&str> = fixture_lines()
        .into_iter()
        .filter(|l| l.contains('\t'))
        .collect();
    let mut table_written = false;
    for line in fixture_lines() {
        if line.trim().is_empty() {
            continue;
        }
        if line.contains('\t') {
            if !table_written {
                page.push_str("<table>");
                for row in &rows {
                    page.push_str("<tr>");
                    for cell in row.split('\t') {
                        page.push_str("<td>");
                        page.push_str(&escape_html(cell));
                        page.push_str("</td>");
                    }
                    page.push_str("</tr>");
                }
                page.push_str("</table>");
                table_written = true;
            }
            continue;
        }
        page.push_str("<p style=\"text-indent:2em\">");
        page.push_str(&escape_html(line));
        page.push_str("</p>");
    }
    page.push_str(
        "</div><div class=\"footer\">版权所有</div><script>var x=1;</script></body></html>",
    );
    page
}

#[test]
fn k_portal_page_through_the_library() {
    let page = portal_page();
    assert!(page.contains("<td></td><td>2</td><td>实现技工院校招生规模 19 万人以上。</td>"));
    assert_eq!(page.matches("<table>").count(), 1);
    let text = fengong::read_text(page.as_bytes()).expect("the page reads");
    assert!(!text.contains("首页"), "the nav is not article text");
    assert!(!text.contains("版权所有"), "the footer is not article text");
    assert!(!text.contains("不是正文"), "scripts are not article text");
    assert_same_reading("(k) HTML page", fengong::parse_bytes(page.as_bytes()));
}

/// A fresh directory under the system's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!(
        "fengong-forms-{name}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

#[test]
fn k_portal_page_through_the_binary() {
    let dir = temp_dir("page");
    let path = dir.join("page.txt");
    std::fs::write(&path, portal_page()).expect("the page is written");
    let output = Command::new(env!("CARGO_BIN_EXE_parse-notice"))
        .arg(&path)
        .output()
        .expect("parse-notice runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 JSON");
    assert_eq!(stdout.lines().count(), 1, "one JSON object");
    let value: Value = serde_json::from_str(&stdout).expect("the binary prints JSON");
    assert_same_json("(k) HTML page as page.txt through parse-notice", value);
}
