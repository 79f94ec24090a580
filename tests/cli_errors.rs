//! `parse-notice` on inputs it cannot read: exit status 2, nothing on
//! standard output, and exactly one line on standard error,
//! `error: FILE: reason`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = include_str!("../fixtures/guangdong-2023.txt");
const BIN: &str = env!("CARGO_BIN_EXE_parse-notice");

/// A directory of its own for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("fengong-cli-errors-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("parse-notice runs");
    let mut input = child.stdin.take().unwrap();
    // The program may refuse before reading everything: a broken pipe is fine.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

fn run_file(path: &Path, extra: &[&str]) -> Output {
    let path = path.to_str().unwrap();
    let mut args = extra.to_vec();
    args.push(path);
    run(&args, b"")
}

/// Exit 2, empty stdout, one stderr line `error: <shown>: <reason…>`.
fn assert_refused(output: &Output, shown: &str, reason: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(stdout.is_empty(), "stdout: {stdout}");
    assert!(stderr.ends_with('\n'), "stderr: {stderr:?}");
    assert_eq!(stderr.lines().count(), 1, "stderr: {stderr:?}");
    let prefix = format!("error: {shown}: ");
    let rest = stderr
        .trim_end_matches('\n')
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("stderr {stderr:?} does not start with {prefix:?}"));
    assert!(
        rest.starts_with(reason),
        "reason {rest:?} does not start with {reason:?}"
    );
}

fn shown(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn missing_file() {
    let dir = Scratch::new("missing");
    let path = dir.0.join("no-such-notice.txt");
    assert_refused(&run_file(&path, &[]), shown(&path), "no such file");
}

#[test]
fn directory() {
    let dir = Scratch::new("directory");
    assert_refused(&run_file(&dir.0, &[]), shown(&dir.0), "is a directory");
}

#[test]
fn empty_file() {
    let dir = Scratch::new("empty");
    let path = dir.file("empty.txt", b"");
    assert_refused(&run_file(&path, &[]), shown(&path), "empty input");
}

#[test]
fn whitespace_only() {
    let dir = Scratch::new("whitespace");
    let path = dir.file("blank.txt", " \n\t\r\n\u{3000}\u{3000}\n\n".as_bytes());
    assert_refused(
        &run_file(&path, &[]),
        shown(&path),
        "input is only whitespace",
    );
}

#[test]
fn png_image() {
    let dir = Scratch::new("png");
    // The signature, then the IHDR chunk of a 1×1 image: the first NUL is at 8.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(b"\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89");
    png.extend_from_slice(b"\0\0\0\x0aIDATx\x9cc\0\x01\0\0\x05\0\x01\x0d\x0a\x2d\xb4");
    png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    let path = dir.file("picture.png", &png);
    assert_refused(
        &run_file(&path, &[]),
        shown(&path),
        "binary data, not text (control byte at offset 8)",
    );
}

#[test]
fn text_that_is_not_a_notice() {
    let dir = Scratch::new("readme");
    let readme = "# fengong\n\nReads a task-division notice into JSON.\n\n## Build\n\n    cargo build --release\n\n1. Install Rust.\n2. Run the tests.\n";
    let path = dir.file("README.md", readme.as_bytes());
    assert_refused(
        &run_file(&path, &[]),
        shown(&path),
        "not a task-division notice: no numbered task carrying 分管省领导 or 部门分工",
    );
}

#[test]
fn invalid_utf8_and_not_gbk() {
    let dir = Scratch::new("invalid");
    // 0xFF is neither a UTF-8 byte nor a GB18030 lead byte; it stands at 14.
    let bytes = b"# notes\nabcde\n\xff\xff\xff\n";
    let path = dir.file("invalid.txt", bytes);
    assert_refused(
        &run_file(&path, &[]),
        shown(&path),
        "invalid UTF-8 at byte offset 14, and not GBK/GB18030 either",
    );
}

#[test]
fn larger_than_max_bytes() {
    let dir = Scratch::new("large");
    let path = dir.file("notice.txt", FIXTURE.as_bytes());
    assert_refused(
        &run_file(&path, &["--max-bytes", "1000"]),
        shown(&path),
        "larger than 1000 bytes",
    );
    // The same file under the default limit reads, and so it does under a
    // limit of exactly its size; one byte less refuses it.
    let output = run_file(&path, &[]);
    assert_eq!(output.status.code(), Some(0));
    let size = FIXTURE.len().to_string();
    let at_limit = run_file(&path, &["--max-bytes", &size]);
    assert_eq!(at_limit.status.code(), Some(0));
    assert_eq!(at_limit.stdout, output.stdout);
    let less = (FIXTURE.len() - 1).to_string();
    assert_refused(
        &run_file(&path, &["--max-bytes", &less]),
        shown(&path),
        &format!("larger than {less} bytes"),
    );
}

#[test]
fn stdin_larger_than_max_bytes() {
    let output = run(&["--max-bytes", "1000", "-"], FIXTURE.as_bytes());
    assert_refused(&output, "<stdin>", "larger than 1000 bytes");
    // exactly the limit reads
    let size = FIXTURE.len().to_string();
    let output = run(&["--max-bytes", &size, "-"], FIXTURE.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let less = (FIXTURE.len() - 1).to_string();
    let output = run(&["--max-bytes", &less, "-"], FIXTURE.as_bytes());
    assert_refused(&output, "<stdin>", &format!("larger than {less} bytes"));
}

#[test]
fn stdin_that_is_a_directory() {
    let dir = Scratch::new("stdin-directory");
    let output = Command::new(BIN)
        .arg("-")
        .stdin(std::fs::File::open(&dir.0).unwrap())
        .output()
        .expect("parse-notice runs");
    assert_refused(&output, "<stdin>", "is a directory");
}

#[test]
fn stdin_reads_the_fixture() {
    let output = run(&["-"], FIXTURE.as_bytes());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "stderr: {stderr}");
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is one JSON value");
    assert_eq!(json["tasks"].as_array().map(Vec::len), Some(180));
    assert_eq!(json["document"]["doc_number"], "粤府〔2023〕18号");
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0));
    // one file with --pretty: the same value, indented over many lines
    let pretty = run(&["--pretty", "-"], FIXTURE.as_bytes());
    assert_eq!(pretty.status.code(), Some(0));
    let same: serde_json::Value = serde_json::from_slice(&pretty.stdout).unwrap();
    assert_eq!(same, json);
    let text = String::from_utf8(pretty.stdout).unwrap();
    assert!(text.starts_with("{\n  \""), "{}", &text[..40]);
    assert!(text.lines().count() > 1_000);
}

#[test]
fn empty_stdin() {
    assert_refused(&run(&["-"], b""), "<stdin>", "empty input");
}

#[test]
fn one_bad_file_among_good_ones() {
    // A batch prints the good file's JSON and one error line for the bad one.
    let dir = Scratch::new("batch");
    let good = dir.file("notice.txt", FIXTURE.as_bytes());
    let bad = dir.0.join("missing.txt");
    let output = run(&[shown(&good), shown(&bad)], b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(
        stderr,
        format!("error: {}: no such file\n", shown(&bad)),
        "stderr"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let json: serde_json::Value = serde_json::from_str(stdout.trim_end()).unwrap();
    assert_eq!(json["tasks"].as_array().map(Vec::len), Some(180));
}

#[test]
fn check_refuses_the_same_way() {
    let dir = Scratch::new("check");
    let path = dir.file("empty.txt", b"");
    assert_refused(&run_file(&path, &["check"]), shown(&path), "empty input");
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Scratch::new("unreadable");
    let path = dir.file("secret.txt", FIXTURE.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        // Root (as in CI) reads a mode-000 file: nothing to test here.
        eprintln!(
            "note: unreadable_file skipped: this user can open a mode-000 file (running as root?)"
        );
        return;
    }
    assert_refused(&run_file(&path, &[]), shown(&path), "permission denied");
}

/// Arguments that cannot all be honoured: exit 2, nothing read or printed,
/// one `error:` line saying why.
#[test]
fn arguments_that_cannot_be_honoured() {
    let dir = Scratch::new("arguments");
    let notice = dir.file("notice.txt", FIXTURE.as_bytes());
    let notice = notice.to_str().unwrap();
    let cases: [(&[&str], &str); 3] = [
        (&["-", "-"], "standard input ('-') can be read only once"),
        (
            &["check", "-", "-"],
            "standard input ('-') can be read only once",
        ),
        (
            &["--pretty", notice, notice],
            "--pretty takes one file: several files print one JSON object per line",
        ),
    ];
    for (args, why) in cases {
        let out = run(args, FIXTURE.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("error: {why}\n")
        );
    }
}

/// A UTF-16 file whose byte order mark is followed by an unpaired
/// surrogate is refused as UTF-16, not as UTF-8 or GBK.
#[test]
fn utf16_invalid_after_its_mark() {
    let dir = Scratch::new("utf16-invalid");
    let path = dir.file("bad16.txt", b"\xFF\xFE\x00\xD8\x41\x00");
    let reason = "invalid UTF-16LE at byte offset 2, as its byte order mark announces";
    assert_refused(&run_file(&path, &[]), shown(&path), reason);
}

/// An HTML page without the article's text says so, not "empty input".
#[test]
fn html_page_without_an_article() {
    let dir = Scratch::new("html-bare");
    let page = "<html><head><title>x</title></head><body><nav>首页</nav></body></html>\n";
    let path = dir.file("bare.html", page.as_bytes());
    let reason = "not a task-division notice: the HTML page holds no article text";
    assert_refused(&run_file(&path, &[]), shown(&path), reason);
}
