//! Instructions per byte of `fengong::parse` at 1×, 10× and 100× the
//! notice: counted, not timed, so the figure is the same from run to run
//! whatever else the machine is doing (it moves with the CPU's features
//! alone: memchr, for one, takes AVX2 where the CPU has it).
//!
//! ```text
//! cargo bench --bench instructions     # needs valgrind; without it, says so and stops
//! ```
//!
//! The time per MB that `benches/parse.rs` reports rises at 100× because
//! the records no longer fit in the caches (the README's "The spread at
//! 100×"); the instructions a reading executes per byte of input show
//! whether the reading itself grows faster than its input. They are
//! counted by valgrind's cachegrind (`--cache-sim=no`: instructions only)
//! around this same binary, which on `--read FACTOR N` builds the scaled
//! notice and reads it N times with the allocator `parse-notice` uses:
//!
//! ```text
//! per reading = (instructions with N readings - instructions with none) / N
//! per byte    = per reading / the notice's bytes
//! ```
//!
//! A reading here includes dropping its records, as in the timed report.

use std::hint::black_box;
use std::process::Command;

/// The allocator `parse-notice` runs with, as in `benches/parse.rs`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/scaled.rs"]
mod scaled;

/// Each size, with how many readings are counted (enough that the
/// building of the notice, counted in both runs, is not most of the count).
const SIZES: [(usize, usize); 3] = [(1, 20), (10, 4), (100, 1)];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|arg| arg == "--read") {
        Some(at) => read(&args[at + 1..]),
        None => report(),
    }
}

/// `--read FACTOR N`: what valgrind counts.
fn read(args: &[String]) {
    let number = |at: usize| -> usize {
        let arg = args.get(at).expect("--read FACTOR N");
        arg.parse().expect("--read takes two whole numbers")
    };
    let (text, _) = scaled::scaled_notice(number(0));
    let mut tasks = 0;
    for _ in 0..number(1) {
        tasks += fengong::parse(black_box(&text))
            .expect("scaled notice parses")
            .tasks
            .len();
    }
    println!("{tasks}");
}

/// Counts each size with and without its readings and prints the figures.
fn report() {
    if Command::new("valgrind").arg("--version").output().is_err() {
        eprintln!("instructions: valgrind is not installed here; nothing counted");
        return;
    }
    let exe = std::env::current_exe().expect("the bench's own path");
    eprintln!("== instructions per byte of fengong::parse (cachegrind; mimalloc) ==");
    let mut per_byte = Vec::new();
    for (factor, readings) in SIZES {
        let bytes = scaled::checked_scaled(factor).len();
        let with = instructions(&exe, factor, readings);
        let without = instructions(&exe, factor, 0);
        let per_reading = with.saturating_sub(without) as f64 / readings as f64;
        let figure = per_reading / bytes as f64;
        per_byte.push(figure);
        eprintln!(
            "  {:<5} {bytes:>9} bytes  {:>8.3} M instructions a reading  {figure:>5.1} per byte",
            format!("{factor}x"),
            per_reading / 1e6,
        );
    }
    let (_, spread) = scaled::spread(per_byte.iter().copied());
    eprintln!("  instructions/byte spread max/min = {spread:.3}");
}

/// The instructions valgrind counts in `exe --read FACTOR N`, start to exit.
fn instructions(exe: &std::path::Path, factor: usize, readings: usize) -> u64 {
    let output = Command::new("valgrind")
        .args(["--tool=cachegrind", "--cache-sim=no"])
        .arg("--cachegrind-out-file=/dev/null")
        .arg(exe)
        .args(["--read", &factor.to_string(), &readings.to_string()])
        .output()
        .expect("valgrind runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "valgrind failed:\n{stderr}");
    stderr
        .lines()
        .find_map(|line| line.split_once("I   refs:").or(line.split_once("I refs:")))
        .map(|(_, count)| count.trim().replace(',', ""))
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("no 'I refs' line in cachegrind's report:\n{stderr}"))
}
