//! The CI gate through the binary: `parse-notice check FILE…` exits 0 on a
//! notice read completely, 1 with line-numbered diagnostics on a damaged
//! copy, 2 with one `error: FILE: reason` line on stderr for a file that is
//! unreadable or not a notice.
//!
//! Damaged copies are made here, in code, from the 2023 fixture; the line
//! numbers asserted are the damaged file's own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const FIXTURE: &str = include_str!("../fixtures/guangdong-2023.txt");

const SUMMARY_CLEAN: &str = "read completely, no diagnostics";

/// A file under the system's temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!(
            "fengong-check-{}-{nanos}-{n}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, bytes).expect("a temporary file");
        TempFile(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn name(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// What one run of the binary gave.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_parse-notice"))
        .args(args)
        .output()
        .expect("parse-notice runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/guangdong-2023.txt")
}

/// The fixture with its lines changed by `edit` (1-based line, text) →
/// `Some(new)` or `None` to delete the line.
fn damaged(edit: impl Fn(usize, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(FIXTURE.len());
    for (i, line) in FIXTURE.lines().enumerate() {
        if let Some(new) = edit(i + 1, line) {
            out.push_str(&new);
            out.push('\n');
        }
    }
    out
}

/// The fixture's line `n`, checked to be `text`.
fn expect_line(n: usize, text: &str) {
    assert_eq!(FIXTURE.lines().nth(n - 1), Some(text), "fixture line {n}");
}

/// GitHub's escaping of an annotation property.
fn escape_property(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// One expected diagnostic: code, line of the damaged file, message.
type Expected<'a> = (&'a str, u32, &'a str);

/// Asserts `check` reports exactly `expected` on `text`, in every format.
fn assert_reports(name: &str, text: &str, expected: &[Expected<'_>]) {
    let file = TempFile::new(name, text.as_bytes());
    let shown = file.name();
    let lines: Vec<&str> = text.lines().collect();

    // Human: 'FILE:LINE: warning[code]: message', the source line, a caret.
    let human = run([Path::new("check"), file.path()]);
    assert_eq!(human.code, Some(1), "{name}: stdout {}", human.stdout);
    assert_eq!(human.stderr, "", "{name}");
    let out: Vec<&str> = human.stdout.lines().collect();
    assert_eq!(
        out.len(),
        expected.len() * 3 + 1,
        "{name}: {}",
        human.stdout
    );
    for (i, (code, line, message)) in expected.iter().enumerate() {
        let at = i * 3;
        assert_eq!(
            out[at],
            format!("{shown}:{line}: warning[{code}]: {message}"),
            "{name}"
        );
        let source = lines[*line as usize - 1].replace('\t', "→");
        assert_eq!(out[at + 1], format!("{line:>5} | {source}"), "{name}");
        assert!(
            out[at + 2].starts_with("      | ") && out[at + 2].ends_with('^'),
            "{name}: caret line {:?}",
            out[at + 2]
        );
    }
    let summary = match expected.len() {
        1 => "1 diagnostic".to_string(),
        n => format!("{n} diagnostics"),
    };
    assert_eq!(
        out.last().copied(),
        Some(format!("{shown}: {summary}").as_str())
    );

    // GitHub: one annotation per diagnostic and nothing else.
    let github = run([
        Path::new("check"),
        Path::new("--format"),
        Path::new("github"),
        file.path(),
    ]);
    assert_eq!(github.code, Some(1), "{name}");
    assert_eq!(github.stderr, "", "{name}");
    let annotations: Vec<String> = expected
        .iter()
        .map(|(code, line, message)| {
            format!(
                "::warning file={},line={line},title={code}::{message}",
                escape_property(&shown)
            )
        })
        .collect();
    assert_eq!(
        github.stdout.lines().collect::<Vec<_>>(),
        annotations,
        "{name}"
    );

    // JSON: one object {"file", "diagnostics"}.
    let json = run([
        Path::new("check"),
        Path::new("--format"),
        Path::new("json"),
        file.path(),
    ]);
    assert_eq!(json.code, Some(1), "{name}");
    assert_eq!(json.stderr, "", "{name}");
    assert_eq!(json.stdout.lines().count(), 1, "{name}: one JSON line");
    let value: Value = serde_json::from_str(&json.stdout).expect("check prints JSON");
    assert_eq!(value["file"], shown.as_str());
    let found: Vec<(String, u64, String, String)> = value["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or_default().to_string(),
                d["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let wanted: Vec<(String, u64, String, String)> = expected
        .iter()
        .map(|(code, line, message)| {
            (
                code.to_string(),
                u64::from(*line),
                message.to_string(),
                "warning".to_string(),
            )
        })
        .collect();
    assert_eq!(found, wanted, "{name}");
}

#[test]
fn the_fixture_passes() {
    let path = fixture_path();
    let human = run([Path::new("check"), &path]);
    assert_eq!(human.code, Some(0), "{}", human.stdout);
    assert_eq!(human.stderr, "");
    assert_eq!(
        human.stdout,
        format!("{}: {SUMMARY_CLEAN}\n", path.display())
    );

    let github = run([
        Path::new("check"),
        Path::new("--format"),
        Path::new("github"),
        &path,
    ]);
    assert_eq!(github.code, Some(0));
    assert_eq!(
        github.stdout,
        format!(
            "::notice file={}::{SUMMARY_CLEAN}\n",
            escape_property(&path.display().to_string())
        )
    );

    let json = run([
        Path::new("check"),
        Path::new("--format"),
        Path::new("json"),
        &path,
    ]);
    assert_eq!(json.code, Some(0));
    let value: Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({ "file": path.display().to_string(), "diagnostics": [] })
    );
}

#[test]
fn earlier_years_pass_together_with_the_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let files = [
        dir.join("guangdong-2023.txt"),
        dir.join("years/guangdong-2021.txt"),
        dir.join("years/guangdong-2022.txt"),
    ];
    let mut args = vec![PathBuf::from("check")];
    args.extend(files.iter().cloned());
    let out = run(&args);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    let expected: String = files
        .iter()
        .map(|f| format!("{}: {SUMMARY_CLEAN}\n", f.display()))
        .collect();
    assert_eq!(out.stdout, expected);
}

#[test]
fn a_task_missing_its_leader() {
    expect_line(29, "2. 固定资产投资增长 8%。");
    expect_line(31, "分管省领导：张虎");
    let text = damaged(|n, l| (n != 31).then(|| l.to_string()));
    assert_reports(
        "missing-leader.txt",
        &text,
        &[("missing_leaders", 29, "task 2 has no 分管省领导")],
    );
}

#[test]
fn a_repeated_task_number() {
    expect_line(35, "3. 社会消费品零售总额增长 6%。");
    let text = damaged(|n, l| {
        Some(if n == 35 {
            l.replacen("3. ", "2. ", 1)
        } else {
            l.to_string()
        })
    });
    assert!(text.contains("\n2. 社会消费品零售总额增长 6%。\n"));
    // One misnumbered task is one finding, where it stands: task 4 follows.
    assert_reports(
        "repeated-number.txt",
        &text,
        &[(
            "task_number",
            35,
            "task numbered 2 stands where 3 is expected",
        )],
    );
}

#[test]
fn a_clause_outside_the_grammar() {
    expect_line(795, "91. 完善中国特色国有企业现代公司治理。");
    expect_line(801, "部门分工：省国资委牵头。");
    let text = damaged(|n, l| {
        Some(if n == 801 {
            "部门分工：省国资委负责。".to_string()
        } else {
            l.to_string()
        })
    });
    assert_reports(
        "unparsed-clause.txt",
        &text,
        &[(
            "division_grammar",
            801,
            "task 91: the 部门分工 clause is outside the grammar (X牵头，Y等配合 / X牵头 / X、Y按职责分工负责)",
        )],
    );
    // The caret stands under the clause, after '部门分工：' (10 columns).
    let file = TempFile::new("unparsed-clause-caret.txt", text.as_bytes());
    let out = run([Path::new("check"), file.path()]);
    let caret = out.stdout.lines().nth(2).unwrap_or_default().to_string();
    assert_eq!(
        caret,
        format!("      | {}{}", " ".repeat(10), "^".repeat(14))
    );
}

#[test]
fn a_part_heading_deleted() {
    expect_line(
        91,
        "二、纵深推进粤港澳大湾区、深圳先行示范区建设，高水平建设横琴、前海、南沙三大平台",
    );
    expect_line(
        191,
        "三、以实体经济为本、坚持制造业当家，加快建设制造强省、质量强省，更高立起现代化产业体系支柱",
    );
    // With line 91 gone, the next heading (三, source line 191) stands at
    // line 190 of the damaged file; tasks 12–22 read as part 一's. Part
    // 一's targets then share a part with tasks that have measures: the
    // one finding asserted here says no `missing_measures` is given them.
    let text = damaged(|n, l| (n != 91).then(|| l.to_string()));
    assert_reports(
        "deleted-heading.txt",
        &text,
        &[("part_number", 190, "part 3 follows part 1: 2 missing")],
    );
}

#[test]
fn a_part_heading_blanked() {
    // The same damage with the line kept empty: the lines stay where they were.
    let text = damaged(|n, l| {
        Some(if n == 91 {
            String::new()
        } else {
            l.to_string()
        })
    });
    assert_reports(
        "blanked-heading.txt",
        &text,
        &[("part_number", 191, "part 3 follows part 1: 2 missing")],
    );
}

#[test]
fn several_files_report_each_and_exit_1() {
    let missing_leader = damaged(|n, l| (n != 31).then(|| l.to_string()));
    let bad = TempFile::new("several.txt", missing_leader.as_bytes());
    let good = fixture_path();
    let out = run([
        Path::new("check"),
        Path::new("--format"),
        Path::new("github"),
        &good,
        bad.path(),
    ]);
    assert_eq!(out.code, Some(1));
    assert_eq!(
        out.stdout,
        format!(
            "::notice file={}::{SUMMARY_CLEAN}\n\
             ::warning file={},line=29,title=missing_leaders::task 2 has no 分管省领导\n",
            escape_property(&good.display().to_string()),
            escape_property(&bad.name()),
        )
    );
}

/// Asserts both `parse-notice FILE` and `parse-notice check FILE` refuse
/// `path` with exit 2 and one stderr line; on stdout nothing, or under
/// `--format github` one error annotation with the same reason.
fn assert_refused(path: &Path, reason: &str) {
    let line = format!("error: {}: {reason}\n", path.display());
    let annotation = format!(
        "::error file={},title=unreadable::{reason}\n",
        escape_property(&path.display().to_string())
    );
    let forms: [(&[&str], &str); 4] = [
        (&[], ""),
        (&["check"], ""),
        (&["check", "--format", "github"], &annotation),
        (&["check", "--format", "json"], ""),
    ];
    for (form, stdout) in forms {
        let mut args: Vec<&std::ffi::OsStr> = form.iter().map(std::ffi::OsStr::new).collect();
        args.push(path.as_os_str());
        let out = run(&args);
        assert_eq!(out.code, Some(2), "{form:?} {}", path.display());
        assert_eq!(out.stdout, stdout, "{form:?} {}", path.display());
        assert_eq!(out.stderr, line, "{form:?} {}", path.display());
    }
}

#[test]
fn a_missing_file() {
    let gone = TempFile::new("missing.txt", b"");
    let path = gone.path().to_path_buf();
    drop(gone);
    assert!(!path.exists());
    assert_refused(&path, "no such file");
}

#[test]
fn an_empty_file() {
    let file = TempFile::new("empty.txt", b"");
    assert_refused(file.path(), "empty input");
}

#[test]
fn a_whitespace_only_file() {
    let file = TempFile::new("blank.txt", " \n\t\r\n\u{3000}\u{3000}\n\n".as_bytes());
    assert_refused(file.path(), "input is only whitespace");
}

#[test]
fn a_png() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&[0, 0, 0, 0x10, 0, 0, 0, 0x10, 8, 6, 0, 0, 0]);
    let file = TempFile::new("notice.png", &png);
    assert_refused(
        file.path(),
        "binary data, not text (control byte at offset 8)",
    );
}

#[test]
fn a_readme() {
    let readme = "# fengong\n\n\
                  Reads a 政府工作报告 task-division notice into JSON.\n\n\
                  ## Usage\n\n\
                  1. Build it: `cargo build --release`.\n\
                  2. Run `parse-notice notice.txt`.\n\
                  3. Check a new notice: `parse-notice check notice.txt`.\n";
    let file = TempFile::new("README.md", readme.as_bytes());
    assert_refused(
        file.path(),
        "not a task-division notice: no numbered task carrying 分管省领导 or 部门分工",
    );
}

#[test]
fn an_unreadable_file_among_good_ones_exits_2() {
    let empty = TempFile::new("among.txt", b"");
    let good = fixture_path();
    let out = run([Path::new("check"), &good, empty.path()]);
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stdout, format!("{}: {SUMMARY_CLEAN}\n", good.display()));
    assert_eq!(
        out.stderr,
        format!("error: {}: empty input\n", empty.name())
    );
}
