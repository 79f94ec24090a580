//! `parse-notice`: read task-division notices and print them as JSON, or
//! check that they were read completely.
//!
//! A thin shell over the `fengong` library: it reads arguments and files,
//! calls the library and prints. Exit status: 0 done; 1 `check` found
//! diagnostics; 2 a file could not be read or is not a notice, or the
//! arguments were wrong.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::num::NonZeroUsize;
use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, PoisonError};
use std::thread;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A reading makes about 1,900 small allocations (strings and vectors); mimalloc
/// serves them about a third faster than the system allocator (README,
/// Dependencies).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Inputs above this many bytes are refused unless `--max-bytes` says otherwise.
const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Parser)]
#[command(
    name = "parse-notice",
    version,
    about = "Read a 政府工作报告 task-division notice (分工方案) into JSON",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Notices to read (text, GBK, UTF-16 or an HTML page); '-' reads standard input.
    /// Several files print one JSON object per line, in argument order.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Indent the JSON (one file only: several files print one line each).
    #[arg(long)]
    pretty: bool,
    #[command(flatten)]
    limits: Limits,
}

#[derive(Args, Clone, Copy)]
struct Limits {
    /// Refuse an input larger than this many bytes before reading it whole.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Read at most N files at once [default: the machine's cores].
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<NonZeroUsize>,
}

impl Limits {
    /// How many of `files` are read at once. One file needs no count of
    /// the machine's cores (asking costs a dozen system calls: the
    /// process's cgroup and its CPU quota).
    fn jobs(&self, files: usize) -> usize {
        if files < 2 {
            return 1;
        }
        self.jobs
            .or_else(|| thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Say, with line numbers, whether each notice was read completely.
    /// Exit 0: no diagnostics; 1: diagnostics; 2: a file unreadable or not a
    /// notice, or wrong arguments.
    Check {
        /// Notices to check; '-' reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// How to print the diagnostics.
        #[arg(long, value_enum, default_value_t = Style::Human)]
        format: Style,
        #[command(flatten)]
        limits: Limits,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Style {
    /// `FILE:LINE: warning[code]: message`, with the source line and a caret.
    Human,
    /// GitHub Actions annotations.
    Github,
    /// One JSON object per file: {"file", "diagnostics"}.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Some(Command::Check {
            files,
            format,
            limits,
        }) => usage(&files, false).unwrap_or_else(|| check(&files, format, limits)),
        None => usage(&cli.files, cli.pretty)
            .unwrap_or_else(|| print_notices(&cli.files, cli.pretty, cli.limits)),
    };
    ExitCode::from(status)
}

/// Exit status 2 and an `error:` line for arguments that cannot all be
/// honoured: standard input named twice, `--pretty` with several files.
fn usage(files: &[PathBuf], pretty: bool) -> Option<u8> {
    let stdin_twice = files.iter().filter(|f| *f == Path::new("-")).count() > 1;
    let problem = if stdin_twice {
        "standard input ('-') can be read only once"
    } else if pretty && files.len() > 1 {
        "--pretty takes one file: several files print one JSON object per line"
    } else {
        return None;
    };
    complain(problem);
    Some(2)
}

/// Reads a file (or standard input for '-'), refusing one over the limit.
fn read_input(path: &Path, limits: Limits) -> Result<Vec<u8>, String> {
    let describe = |err: io::Error| match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => format!("cannot read: {err}"),
    };
    let (reader, size_hint): (Box<dyn Read>, usize) = if path == Path::new("-") {
        (Box::new(io::stdin().lock()), 0)
    } else {
        let meta = std::fs::metadata(path).map_err(describe)?;
        if meta.is_dir() {
            return Err("is a directory".to_string());
        }
        if meta.len() > limits.max_bytes {
            return Err(too_large(limits));
        }
        let file = std::fs::File::open(path).map_err(describe)?;
        (Box::new(file), usize::try_from(meta.len()).unwrap_or(0))
    };
    // a file's length is known: one allocation, no copies while reading
    let mut bytes = Vec::with_capacity(size_hint.saturating_add(1));
    reader
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(describe)?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_large(limits));
    }
    Ok(bytes)
}

fn too_large(limits: Limits) -> String {
    format!(
        "larger than {} bytes (raise the limit with --max-bytes)",
        limits.max_bytes
    )
}

fn display(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The JSON of one file and its newline, or the reason it has none.
fn notice_json(path: &Path, pretty: bool, limits: Limits) -> Result<Vec<u8>, String> {
    let bytes = read_input(path, limits)?;
    let text = fengong::read_text(&bytes).map_err(|e| e.to_string())?;
    let notice = fengong::parse(&text).map_err(|e| e.to_string())?;
    // the JSON is about 1.7 times the notice's text: room for it up front
    let mut json = Vec::with_capacity(text.len().saturating_mul(7) / 4);
    if pretty {
        serde_json::to_writer_pretty(&mut json, &notice)
            .map_err(|e| format!("cannot write JSON: {e}"))?;
    } else {
        // the bytes serde_json writes, faster
        notice.write_json(&mut json);
    }
    // the line's end goes with it: one write, whose last byte is the
    // newline standard output's line buffer looks for
    json.push(b'\n');
    Ok(json)
}

/// Prints each file's JSON in argument order, one line each (`--pretty`
/// indents a single file's).
fn print_notices(files: &[PathBuf], pretty: bool, limits: Limits) -> u8 {
    let read = |path: &Path| notice_json(path, pretty, limits).map(|json| (json, 0));
    print_in_order(files, limits, read, |_, _| Vec::new())
}

/// Prints what `read` makes of each file, in argument order, reading
/// several files at once ([`in_order`]); `read` gives a file's output and
/// how many diagnostics it found. A file that fails gets an `error:` line,
/// and what `failed` makes of its name and reason on standard output; the
/// others still print. Exit status: 2 if a file failed or standard output
/// could not be written, else 1 if any diagnostics, else 0.
fn print_in_order(
    files: &[PathBuf],
    limits: Limits,
    read: impl Fn(&Path) -> Result<(Vec<u8>, usize), String> + Sync,
    failed: impl Fn(&str, &str) -> Vec<u8>,
) -> u8 {
    let mut out = io::stdout().lock();
    let mut status = 0;
    in_order(
        files,
        limits.jobs(files.len()),
        |path| read(path),
        |path, result| {
            match result {
                Ok((output, found)) => {
                    if let Err(e) = out.write_all(&output) {
                        status = write_failed(&e).unwrap_or(status);
                        return ControlFlow::Break(());
                    }
                    if found > 0 && status == 0 {
                        status = 1;
                    }
                }
                Err(reason) => {
                    let name = display(path);
                    if let Err(e) = out.write_all(&failed(&name, &reason)) {
                        status = write_failed(&e).unwrap_or(status);
                        return ControlFlow::Break(());
                    }
                    let _ = out.flush();
                    complain(&format!("{name}: {reason}"));
                    status = 2;
                }
            }
            ControlFlow::Continue(())
        },
    );
    match out.flush() {
        Ok(()) => status,
        Err(e) => write_failed(&e).unwrap_or(status),
    }
}

/// Runs `work` on each item on `jobs` threads, and hands each result to
/// `each` on the calling thread in the items' order, as soon as it and all
/// before it are done; `each` breaking stops the run.
///
/// A thread takes the next item as soon as it is free (no batches to wait
/// out, no thread spinning for work), and never one more than `4 × jobs`
/// ahead of the last result handed on: the results held are bounded
/// however many items there are. A panic in `work` is caught on its thread
/// and goes on up from the calling thread, with its own message, when the
/// run reaches that item (not if `each` broke off before); a panic there or
/// in `each` stops the other threads at their next item. If no thread can
/// be started, or there is only one item, the calling thread does the work
/// itself.
fn in_order<I: Sync, T: Send>(
    items: &[I],
    jobs: usize,
    work: impl Fn(&I) -> T + Sync,
    mut each: impl FnMut(&I, T) -> ControlFlow<()>,
) {
    if items.is_empty() {
        return;
    }
    let ahead = jobs.saturating_mul(4).max(1);
    let next = AtomicUsize::new(0);
    let handed = Handed::default();
    thread::scope(|scope| {
        // however this closure ends, the threads are told before the
        // scope waits for them
        let _stop = Stop::OnDrop(&handed);
        let (sender, results) = mpsc::channel();
        let worker = || {
            let sender = sender.clone();
            let (next, handed, work) = (&next, &handed, &work);
            move || {
                let _stop = Stop::OnPanic(handed);
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(k) else { break };
                    if !handed.wait_for_room(k, ahead) {
                        break;
                    }
                    // a panic travels with the item's result, and goes on
                    // up from the calling thread only if the run gets there
                    let done = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                    if sender.send((k, done)).is_err() {
                        break;
                    }
                }
            }
        };
        // one item: no thread to start, or to wait for
        let threads = if items.len() < 2 {
            0
        } else {
            jobs.clamp(1, items.len())
        };
        let started = (0..threads)
            .take_while(|_| thread::Builder::new().spawn_scoped(scope, worker()).is_ok())
            .count();
        drop(sender);
        if started == 0 {
            for item in items {
                if each(item, work(item)).is_break() {
                    break;
                }
            }
            return;
        }
        let mut waiting = BTreeMap::new();
        let mut at = 0;
        for (k, result) in results.iter() {
            waiting.insert(k, result);
            while let Some(done) = waiting.remove(&at) {
                let result = done.unwrap_or_else(|payload| panic::resume_unwind(payload));
                let flow = each(&items[at], result);
                at += 1;
                if flow.is_break() {
                    // the threads stop at their next item; `results` goes
                    // with this closure, so a finished one cannot be sent
                    return;
                }
                handed.advance(at);
            }
        }
    });
}

/// Stops an [`in_order`] run when dropped: the calling thread's at the end
/// of the run however it ends; a worker's only if it unwinds from a panic
/// outside `work` (whose panics are caught), as a safety net, and never
/// when it just ran out of items (that must not stop the others). Then no
/// thread waits for room forever.
enum Stop<'h> {
    OnDrop(&'h Handed),
    OnPanic(&'h Handed),
}

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        match *self {
            Stop::OnDrop(handed) => handed.stop(),
            Stop::OnPanic(handed) if thread::panicking() => handed.stop(),
            Stop::OnPanic(_) => {}
        }
    }
}

/// How many results [`in_order`] has handed on, for the threads waiting to
/// run ahead; `usize::MAX` once it has stopped.
#[derive(Default)]
struct Handed {
    count: Mutex<usize>,
    moved: Condvar,
}

impl Handed {
    /// Waits until item `k` is fewer than `ahead` items past the last result
    /// handed on; false once the run has stopped.
    fn wait_for_room(&self, k: usize, ahead: usize) -> bool {
        let mut count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        while *count != usize::MAX && k >= count.saturating_add(ahead) {
            count = self
                .moved
                .wait(count)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *count != usize::MAX
    }

    /// Records that `count` results have been handed on. The count only
    /// grows: a stop (`usize::MAX`), made by a thread that panicked, is
    /// never undone by a result handed on after it.
    fn advance(&self, count: usize) {
        let mut handed = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        *handed = (*handed).max(count);
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.advance(usize::MAX);
    }
}

/// What a failed write to standard output means: a reader that stopped
/// early (a broken pipe) stops the run quietly; anything else is reported.
fn write_failed(e: &io::Error) -> Option<u8> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return None;
    }
    complain(&format!("cannot write to standard output: {e}"));
    Some(2)
}

/// An `error:` line on standard error. A standard error that cannot be
/// written (closed, full) is no reason to panic: the exit status still tells.
fn complain(message: &str) {
    let _ = writeln!(io::stderr().lock(), "error: {message}");
}

/// What `check` found in one file: its report and how many diagnostics.
fn check_one(path: &Path, style: Style, limits: Limits) -> Result<(Vec<u8>, usize), String> {
    let bytes = read_input(path, limits)?;
    let text = fengong::read_text(&bytes).map_err(|e| e.to_string())?;
    let notice = fengong::parse(&text).map_err(|e| e.to_string())?;
    let diagnostics = fengong::check::findings(&notice, &text);
    let name = display(path);
    let format = match style {
        Style::Human => fengong::check::Format::Human,
        Style::Github => fengong::check::Format::Github,
        Style::Json => fengong::check::Format::Json,
    };
    let report = fengong::check::render(&name, &text, &diagnostics, format);
    Ok((report.into_bytes(), diagnostics.len()))
}

/// Reports, file by file in argument order, whether each was read
/// completely. Under `--format github` a file that cannot be read is also
/// an error annotation, so that the job's summary shows it.
fn check(files: &[PathBuf], style: Style, limits: Limits) -> u8 {
    let read = |path: &Path| check_one(path, style, limits);
    let failed = |name: &str, reason: &str| match style {
        Style::Github => fengong::check::github_error(name, reason).into_bytes(),
        Style::Human | Style::Json => Vec::new(),
    };
    print_in_order(files, limits, read, failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    /// Runs [`in_order`] over the items 0 to 99 on a thread of its own and
    /// gives the message of its panic, if it panicked; fails the test if it
    /// has not returned within twenty seconds (a hung run).
    fn panic_of<T: Send + 'static>(
        jobs: usize,
        work: impl Fn(&usize) -> T + Sync + Send + 'static,
        each: impl FnMut(&usize, T) -> ControlFlow<()> + Send + 'static,
    ) -> Option<String> {
        let (done, finished) = mpsc::channel();
        thread::spawn(move || {
            let items: Vec<usize> = (0..100).collect();
            let run = || in_order(&items, jobs, work, each);
            let message = panic::catch_unwind(AssertUnwindSafe(run))
                .err()
                .map(|payload| {
                    payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default()
                });
            let _ = done.send(message);
        });
        finished
            .recv_timeout(Duration::from_secs(20))
            .expect("in_order did not return")
    }

    /// Items taking uneven times (the slow ones first) still come out in
    /// order, each once, for every number of threads.
    #[test]
    fn results_come_in_the_items_order() {
        let items: Vec<u64> = (0..40).collect();
        for jobs in [1, 2, 3, 8, 64] {
            let mut seen = Vec::new();
            in_order(
                &items,
                jobs,
                |&k| {
                    thread::sleep(Duration::from_micros((40 - k) * 50));
                    k * 10
                },
                |&k, result| {
                    seen.push((k, result));
                    ControlFlow::Continue(())
                },
            );
            let expected: Vec<_> = items.iter().map(|&k| (k, k * 10)).collect();
            assert_eq!(seen, expected, "jobs {jobs}");
        }
    }

    /// No item is taken more than 4 × jobs past the last result handed on.
    #[test]
    fn no_thread_runs_more_than_four_times_jobs_ahead() {
        let items: Vec<usize> = (0..200).collect();
        for jobs in [1, 2, 3] {
            let handed_on = AtomicUsize::new(0);
            let furthest = AtomicUsize::new(0);
            in_order(
                &items,
                jobs,
                |&k| {
                    let lead = k - handed_on.load(Ordering::SeqCst);
                    furthest.fetch_max(lead, Ordering::SeqCst);
                },
                |&k, ()| {
                    if k % 7 == 0 {
                        thread::sleep(Duration::from_millis(1));
                    }
                    handed_on.store(k + 1, Ordering::SeqCst);
                    ControlFlow::Continue(())
                },
            );
            let furthest = furthest.load(Ordering::SeqCst);
            assert!(furthest < 4 * jobs, "jobs {jobs}: {furthest} ahead");
        }
    }

    /// A thread that runs out of items stops no other: here one thread
    /// works on the slow item 0 while the other runs 1 to 7 and waits for
    /// room for item 8; the first then finds no item left and ends, and item
    /// 8 is still worked on and handed on.
    #[test]
    fn a_thread_out_of_items_stops_no_other() {
        let items: Vec<u64> = (0..=8).collect();
        let mut seen = Vec::new();
        in_order(
            &items,
            2,
            |&k| {
                if k == 0 {
                    thread::sleep(Duration::from_millis(100));
                }
                k
            },
            |_, k| {
                // handing on is slow, so the thread that ran item 0 has
                // ended before there is room for item 8
                thread::sleep(Duration::from_millis(5));
                seen.push(k);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(seen, items);
    }

    /// `each` breaking at the fourth item ends the run there: nothing after
    /// it is handed on, and the threads stop within their window.
    #[test]
    fn breaking_stops_the_run() {
        let items: Vec<usize> = (0..1000).collect();
        let worked = AtomicUsize::new(0);
        let mut seen = Vec::new();
        in_order(
            &items,
            2,
            |&k| {
                worked.fetch_add(1, Ordering::SeqCst);
                k
            },
            |_, k| {
                seen.push(k);
                if k == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(seen, [0, 1, 2, 3]);
        assert!(worked.load(Ordering::SeqCst) <= 4 + 4 * 2 + 2);
    }

    /// A panic in one item's work goes on up to the caller with its own
    /// message, after the results before it, and the other threads (waiting
    /// for room behind it) do not hang. Item four is slow, so that with two
    /// threads or more item five's panic comes in before item four's result.
    #[test]
    fn a_panic_in_the_work_reaches_the_caller() {
        for jobs in [1, 2, 4] {
            let handed_on = Arc::new(Mutex::new(Vec::new()));
            let seen = Arc::clone(&handed_on);
            let message = panic_of(
                jobs,
                |&k| {
                    if k == 4 {
                        thread::sleep(Duration::from_millis(50));
                    }
                    assert!(k != 5, "item five is bad");
                    k
                },
                move |_, k| {
                    seen.lock().unwrap().push(k);
                    ControlFlow::Continue(())
                },
            );
            assert_eq!(message.as_deref(), Some("item five is bad"), "jobs {jobs}");
            assert_eq!(*handed_on.lock().unwrap(), [0, 1, 2, 3, 4], "jobs {jobs}");
        }
    }

    /// A panic in an item the run never reaches (`each` broke off before
    /// it) is no panic of the run's: a reader that closed the pipe early
    /// still gets a quiet end.
    #[test]
    fn a_panic_past_the_break_is_not_raised() {
        for jobs in [1, 2, 4] {
            let message = panic_of(
                jobs,
                |&k| {
                    assert!(k != 1, "item one is bad");
                    if k == 0 {
                        // the others are at work by now
                        thread::sleep(Duration::from_millis(20));
                    }
                },
                |_, ()| ControlFlow::Break(()),
            );
            assert_eq!(message, None, "jobs {jobs}");
        }
    }

    /// A panic while handing on a result also ends the run promptly.
    #[test]
    fn a_panic_in_the_hand_on_reaches_the_caller() {
        let message = panic_of(
            2,
            |&k| k,
            |_, k| {
                assert!(k != 2, "item two cannot be handed on");
                ControlFlow::Continue(())
            },
        );
        assert_eq!(message.as_deref(), Some("item two cannot be handed on"));
    }

    /// One item is worked on the calling thread: no thread is started for
    /// it (a one-file run waits for none).
    #[test]
    fn one_item_is_worked_on_the_calling_thread() {
        let caller = thread::current().id();
        let mut seen = Vec::new();
        in_order(
            &[7],
            4,
            |&k| (k * 10, thread::current().id()),
            |&k, result| {
                seen.push((k, result));
                ControlFlow::Continue(())
            },
        );
        assert_eq!(seen, [(7, (70, caller))]);
    }

    /// No items: nothing is worked or handed on, and no thread is needed.
    #[test]
    fn no_items_no_work() {
        let worked = AtomicUsize::new(0);
        in_order(
            &[] as &[usize],
            4,
            |_| worked.fetch_add(1, Ordering::SeqCst),
            |_, _| panic!("nothing to hand on"),
        );
        assert_eq!(worked.load(Ordering::SeqCst), 0);
    }
}
