//! `parse-notice` with several files: JSON Lines in argument order, failing
//! files reported on stderr without stopping the others, exit status 2.
//!
//! The copies differ in one task's title, so the order of the output lines
//! can be checked by content; each line must read back, as a [`Notice`], to
//! what `fengong::parse` makes of the file it stands for.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fengong::Notice;

const FIXTURE: &str = include_str!("../fixtures/guangdong-2023.txt");
const TASK_12: &str = "12. 对接香港“北部都会区”发展策略";
const TASK_180: &str = "180. 深入推进法治广东建设。";

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("batch-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch directory");
    dir
}

/// The fixture with the first occurrence of `from` (which must be there, once) replaced.
fn variant(from: &str, to: &str) -> String {
    assert_eq!(FIXTURE.matches(from).count(), 1, "{from:?} stands once");
    FIXTURE.replacen(from, to, 1)
}

/// The fixture with task 12's title marked `tag`: '12. 第{tag}份对接香港…'.
fn tagged(tag: usize) -> String {
    variant(
        TASK_12,
        &format!("12. 第{tag}份对接香港“北部都会区”发展策略"),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write input");
    path
}

fn run(files: &[&Path], threads: Option<usize>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_parse-notice"));
    command.args(files);
    if let Some(n) = threads {
        command.arg("--jobs").arg(n.to_string());
    }
    command.output().expect("run parse-notice")
}

/// The stdout lines, each read as a notice.
fn notices(output: &Output) -> Vec<Notice<'static>> {
    let stdout = std::str::from_utf8(&output.stdout).expect("stdout is UTF-8");
    assert!(
        stdout.is_empty() || stdout.ends_with('\n'),
        "stdout ends with a newline"
    );
    stdout
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("stdout line {} is not JSON: {e}", i + 1));
            assert!(value.is_object(), "line {} is a JSON object", i + 1);
            assert_eq!(
                value["tasks"].as_array().map(Vec::len),
                Some(180),
                "line {} has 180 tasks",
                i + 1
            );
            serde_json::from_value(value)
                .unwrap_or_else(|e| panic!("stdout line {} is not a Notice: {e}", i + 1))
        })
        .collect()
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

fn parsed(text: &str) -> Notice<'_> {
    fengong::parse(text).expect("input parses")
}

#[test]
fn three_files_print_three_lines_in_argument_order() {
    let dir = scratch("three");
    let plain = write(&dir, "plain.txt", FIXTURE);
    let first = variant(TASK_12, "12. 衔接香港“北部都会区”发展策略");
    let last = variant(TASK_180, "180. 全面推进法治广东建设。");
    let first_changed = write(&dir, "first-changed.txt", &first);
    let last_changed = write(&dir, "last-changed.txt", &last);

    let output = run(&[&last_changed, &plain, &first_changed], None);
    assert_eq!(output.status.code(), Some(0), "{:?}", stderr_lines(&output));
    assert!(output.stderr.is_empty(), "{:?}", stderr_lines(&output));

    let got = notices(&output);
    assert_eq!(got.len(), 3, "one line per file");
    let titles: Vec<(&str, &str)> = got
        .iter()
        .map(|n| (&*n.tasks[11].title, &*n.tasks[179].title))
        .collect();
    assert_eq!(
        titles,
        [
            ("对接香港“北部都会区”发展策略、澳门“1+4”适度多元发展策略，支持香港、澳门更好融入国家发展大局。", "全面推进法治广东建设。"),
            ("对接香港“北部都会区”发展策略、澳门“1+4”适度多元发展策略，支持香港、澳门更好融入国家发展大局。", "深入推进法治广东建设。"),
            ("衔接香港“北部都会区”发展策略、澳门“1+4”适度多元发展策略，支持香港、澳门更好融入国家发展大局。", "深入推进法治广东建设。"),
        ]
    );
    assert_eq!(got, [parsed(&last), parsed(FIXTURE), parsed(&first)]);
}

#[test]
fn failing_files_are_reported_and_the_others_still_print_in_order() {
    let dir = scratch("failing");
    let texts = [tagged(1), tagged(2), tagged(3)];
    let good: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| write(&dir, &format!("good-{i}.txt"), t))
        .collect();
    let missing = dir.join("missing.txt");
    let readme = write(&dir, "README.md", "# README\n\nHow to build.\n");
    let empty = write(&dir, "empty.txt", "");

    let output = run(
        &[&missing, &good[0], &readme, &good[1], &empty, &good[2]],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    let expected: Vec<Notice> = texts.iter().map(|t| parsed(t)).collect();
    assert_eq!(notices(&output), expected, "the good files, in order");
    assert_eq!(
        stderr_lines(&output),
        [
            format!("error: {}: no such file", missing.display()),
            format!(
                "error: {}: not a task-division notice: no numbered task carrying 分管省领导 or 部门分工",
                readme.display()
            ),
            format!("error: {}: empty input", empty.display()),
        ]
    );
}

#[test]
fn a_failing_file_alone_exits_2_with_no_output() {
    let dir = scratch("alone");
    let missing = dir.join("nowhere.txt");
    let output = run(&[&missing], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr_lines(&output),
        [format!("error: {}: no such file", missing.display())]
    );
}

/// With `--jobs 2` no file is read more than 8 ahead of the last one
/// printed, so 20 files make the readers wait for the writer; with 1, 3 and
/// 8 jobs the files finish in other orders.
#[test]
fn twenty_copies_keep_their_order_past_the_window() {
    let dir = scratch("twenty");
    let texts: Vec<String> = (0..20).map(tagged).collect();
    let paths: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| write(&dir, &format!("copy-{i:02}.txt"), t))
        .collect();
    // Argument order differs from name order: 19, 0, 18, 1, …
    let order: Vec<usize> = (0..10).flat_map(|i| [19 - i, i]).collect();
    let args: Vec<&Path> = order.iter().map(|&i| paths[i].as_path()).collect();

    for jobs in [1, 2, 3, 8] {
        let output = run(&args, Some(jobs));
        assert_eq!(output.status.code(), Some(0), "{:?}", stderr_lines(&output));
        let got = notices(&output);
        assert_eq!(got.len(), 20);
        for (line, (&i, notice)) in order.iter().zip(&got).enumerate() {
            let tag = format!("第{i}份对接香港");
            assert!(
                notice.tasks[11].title.starts_with(&tag),
                "--jobs {jobs}: line {} should be copy {i}: {:?}",
                line + 1,
                notice.tasks[11].title
            );
            assert_eq!(*notice, parsed(&texts[i]), "line {} is copy {i}", line + 1);
        }
    }
}

/// A long notice first and short ones after: the short ones are read first
/// and wait for it, and still print after it.
#[test]
fn a_slow_first_file_keeps_its_place() {
    let dir = scratch("slow-first");
    let text = tagged(0);
    let (head, rest) = text.split_at(text.find("\n12. ").expect("task 12"));
    let (tasks, tail) = rest.split_at(rest.find("十二、").expect("part 十二"));
    // the same tasks thirty times over: a longer reading, numbers repeated
    let long = format!("{head}{}{tail}", tasks.repeat(30));
    let mut paths = vec![write(&dir, "long.txt", &long)];
    let texts: Vec<String> = (1..7).map(tagged).collect();
    for (i, t) in texts.iter().enumerate() {
        paths.push(write(&dir, &format!("short-{i}.txt"), t));
    }
    let args: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();

    let output = run(&args, Some(3));
    assert_eq!(output.status.code(), Some(0), "{:?}", stderr_lines(&output));
    let stdout = std::str::from_utf8(&output.stdout).expect("stdout is UTF-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 7);
    let first: Notice = serde_json::from_str(lines[0]).expect("JSON");
    assert_eq!(first, parsed(&long));
    for (line, text) in lines[1..].iter().zip(&texts) {
        let notice: Notice = serde_json::from_str(line).expect("JSON");
        assert_eq!(notice, parsed(text));
    }
}

/// A failure at the eleventh file, past the first window of eight files
/// (`--jobs 2`), keeps its place between the good files.
#[test]
fn a_failure_past_the_window_keeps_its_place() {
    let dir = scratch("later");
    let texts: Vec<String> = (0..12).map(tagged).collect();
    let mut paths: Vec<PathBuf> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| write(&dir, &format!("copy-{i:02}.txt"), t))
        .collect();
    let missing = dir.join("gone.txt");
    paths.insert(10, missing.clone());
    let args: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();

    let output = run(&args, Some(2));
    assert_eq!(output.status.code(), Some(2));
    let expected: Vec<Notice> = texts.iter().map(|t| parsed(t)).collect();
    assert_eq!(notices(&output), expected);
    assert_eq!(
        stderr_lines(&output),
        [format!("error: {}: no such file", missing.display())]
    );
}

/// `/dev/full` (writes fail with "no space left"), where the system has one.
fn dev_full() -> Option<std::fs::File> {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    if full.is_err() {
        eprintln!("note: no /dev/full on this system; not checked");
    }
    full.ok()
}

/// `parse-notice ARGS` with standard output on a full disk: status 2 and a
/// write error on stderr, whatever else is said there (returned).
fn run_into_full_stdout(args: &[&std::ffi::OsStr], full: std::fs::File) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_parse-notice"))
        .args(args)
        .stdout(full)
        .output()
        .expect("run parse-notice");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(
        stderr.contains("error: cannot write to standard output"),
        "{args:?}: {stderr}"
    );
    stderr
}

/// A full disk under standard output is an error (status 2, said on stderr);
/// an error line for a file before it keeps its status too.
#[test]
fn full_stdout_is_an_error() {
    let Some(full) = dev_full() else { return };
    let dir = scratch("full");
    let good = write(&dir, "good.txt", FIXTURE);
    let missing = dir.join("missing.txt");
    let stderr = run_into_full_stdout(&[missing.as_os_str(), good.as_os_str()], full);
    assert!(stderr.contains("missing.txt: no such file"), "{stderr}");
    // good files only: the full disk alone makes it an error
    let full = dev_full().expect("reopen /dev/full");
    run_into_full_stdout(&[good.as_os_str(), good.as_os_str()], full);
}

/// `check` too: a report that cannot be written is an error, not a pass.
#[test]
fn check_to_a_full_stdout_is_an_error() {
    let Some(full) = dev_full() else { return };
    let dir = scratch("check-full");
    let good = write(&dir, "good.txt", FIXTURE);
    run_into_full_stdout(&["check".as_ref(), good.as_os_str()], full);
}

/// Standard error closed or full is no reason to panic: the status still
/// says a file failed.
#[test]
fn unwritable_stderr_does_not_panic() {
    let Some(full) = dev_full() else { return };
    let dir = scratch("stderr-full");
    let missing = dir.join("missing.txt");
    let runs: [&[&std::ffi::OsStr]; 2] = [
        &["check".as_ref(), missing.as_os_str()],
        &[missing.as_os_str()],
    ];
    for args in runs {
        let output = Command::new(env!("CARGO_BIN_EXE_parse-notice"))
            .args(args)
            .stderr(full.try_clone().expect("clone /dev/full"))
            .output()
            .expect("run parse-notice");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

/// A reader that stops early (`parse-notice … | head -c 10`) stops the run
/// quietly, and a file that failed before keeps the status at 2.
#[test]
fn closed_stdout_keeps_the_status() {
    let dir = scratch("closed");
    let good = write(&dir, "good.txt", FIXTURE);
    let missing = dir.join("missing.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parse-notice"))
        .args([&missing, &good, &good])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run parse-notice");
    // the read end is closed before anything is written: the first write
    // meets it
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("missing.txt: no such file"), "{stderr}");
    assert!(!stderr.contains("cannot write"), "{stderr}");
}

/// The lines are the bytes `serde_json` writes for each notice (the binary
/// writes them with `Notice::write_json`, faster): checked on the fixture
/// and on a copy whose texts hold every character JSON must escape.
#[test]
fn lines_are_serde_json_bytes() {
    let dir = scratch("serde-bytes");
    // not NUL (binary input), '\t' (a tab makes a table row) nor a line end
    let escapes: String = (1u8..0x20)
        .map(char::from)
        .filter(|&c| !matches!(c, '\t' | '\n' | '\r'))
        .chain(['"', '\\', '\u{7f}', '\u{2028}', '\u{2029}'])
        .collect();
    let damaged = variant(
        "工作措施：编制河套深港科技创新合作区",
        &format!("工作措施：编制“{escapes}”河套深港科技创新合作区"),
    )
    .replacen("分管省领导：张虎", "分管省领导：张\"虎\\", 1);
    let plain = write(&dir, "plain.txt", FIXTURE);
    let escaped = write(&dir, "escaped.txt", &damaged);
    let output = run(&[&plain, &escaped], None);
    assert!(output.status.success(), "{output:?}");
    let mut expected = Vec::new();
    for text in [FIXTURE, damaged.as_str()] {
        let notice = fengong::parse(text).expect("parses");
        serde_json::to_writer(&mut expected, &notice).expect("serializes");
        expected.push(b'\n');
    }
    assert!(
        String::from_utf8_lossy(&expected).contains(r#"\u0001\u0002"#),
        "the damaged copy's escapes reach the JSON"
    );
    assert!(
        output.stdout == expected,
        "stdout differs from serde_json's bytes"
    );
}
