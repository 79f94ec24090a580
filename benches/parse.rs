//! Throughput of `fengong::parse` against its own JSON round trip and a
//! line-scanning floor, and how its time per MB scales with the input.
//!
//! ```text
//! cargo bench --bench parse                 # criterion groups, then the same-process report
//! cargo bench --bench parse -- parse/       # one group (the report still runs)
//! ```
//!
//! Groups (each with `Throughput::Bytes` = the fixture's length):
//!
//! - `parse/notice`       (a) `fengong::parse` of the fixture;
//! - `parse/to_json`      (b) `serde_json::to_string` of the result;
//! - `parse/write_json`   (b') `Notice::write_json` of the result: the same
//!   bytes, as `parse-notice` writes them;
//! - `parse/from_json`    (c) `serde_json::from_str::<Notice>` of that JSON,
//!   the reference: reading our own output back (into owned records, as
//!   `Notice<'static>` is `DeserializeOwned`);
//! - `parse/notice_owned` (a') `parse` then `into_owned`: records that own
//!   every string, as (c) makes them;
//! - `parse/line_floor`   (d) one pass over the fixture's lines with memchr,
//!   counting newlines and touching each line.
//! - `scaling/{1x,10x,100x}`: `parse` of notices grown by repeating the task
//!   blocks (Throughput = each notice's own length).
//!
//! After criterion, a report on stderr times the same closures with plain
//! `Instant` loops, interleaved round by round, so that the ratios a/c and
//! a/d and the scaling figures come from one process under the same load.
//! The machine is shared and its load moves within seconds: each ratio is
//! the median of the ratios of the rounds (a pair of rounds run side by
//! side shares the load of the moment), and each time the median of its
//! rounds. The scaling spread is taken between the sizes' medians (a
//! spread within each round would take the noise of three sizes at once).
//! Beside the sizes the report times a control, not a target: 100 notices
//! of the fixture's size read one after another and held until the last
//! (about the bytes of 100x, in records that no longer fit in the caches,
//! with no notice large). When it costs per MB what 100x does, 100x's
//! excess over 1x is the records' memory, not the reading. Beside it, 10
//! notices of 10x held alike: with the control and the 100x notice, three
//! sizes that each leave about 100x's records in memory, and their spread
//! ("held alike", not a target). A last line, also not a target, times the
//! reference (c) at the three sizes: each scaled notice's JSON read back
//! with `serde_json::from_str`, and its own spread.

use std::hint::black_box;

/// The allocator `parse-notice` runs with, so the figures are the binary's;
/// (a) and (c) share it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use fengong::Notice;

#[path = "support/scaled.rs"]
mod scaled;

use scaled::{checked_scaled, spread, FIXTURE};

// ---------------------------------------------------------------------------
// The floor

/// (d) The floor: every line found with memchr and touched (its length and
/// first and last byte folded into a checksum).
fn line_floor(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut newlines = 0usize;
    let mut sum = 0usize;
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        newlines += 1;
        let line = &bytes[start..end];
        sum = sum.wrapping_add(line.len());
        if let (Some(&first), Some(&last)) = (line.first(), line.last()) {
            sum = sum.wrapping_add(usize::from(first) ^ usize::from(last));
        }
        start = end + 1;
    }
    (newlines, sum)
}

// ---------------------------------------------------------------------------
// Criterion groups

fn bench_parse(c: &mut Criterion, notice: &Notice, json: &str) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(FIXTURE.len() as u64));
    group.bench_function("notice", |b| {
        b.iter(|| fengong::parse(black_box(FIXTURE)).expect("fixture parses"))
    });
    group.bench_function("notice_owned", |b| {
        b.iter(|| {
            fengong::parse(black_box(FIXTURE))
                .expect("fixture parses")
                .into_owned()
        })
    });
    group.bench_function("to_json", |b| {
        b.iter(|| serde_json::to_string(black_box(notice)).expect("serializes"))
    });
    group.bench_function("write_json", |b| {
        b.iter(|| {
            let mut line = Vec::with_capacity(json.len());
            black_box(notice).write_json(&mut line);
            line
        })
    });
    group.bench_function("from_json", |b| {
        b.iter(|| serde_json::from_str::<Notice<'static>>(black_box(json)).expect("deserializes"))
    });
    group.bench_function("line_floor", |b| b.iter(|| line_floor(black_box(FIXTURE))));
    group.finish();
}

fn bench_scaling(c: &mut Criterion, inputs: &[(usize, String)]) {
    let mut group = c.benchmark_group("scaling");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for (factor, text) in inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{factor}x")),
            text.as_str(),
            |b, text| b.iter(|| fengong::parse(black_box(text)).expect("scaled notice parses")),
        );
    }
    group.finish();
}

// ---------------------------------------------------------------------------
// The same-process report

/// One timed closure: its name, the bytes it is credited with, and how long
/// one call takes (seconds, filled in by `measure`).
struct Timed<'a> {
    name: String,
    bytes: usize,
    run: Box<dyn FnMut() + 'a>,
    per_call: Vec<f64>,
}

impl<'a> Timed<'a> {
    fn new(name: impl Into<String>, bytes: usize, run: impl FnMut() + 'a) -> Self {
        Timed {
            name: name.into(),
            bytes,
            run: Box::new(run),
            per_call: Vec::new(),
        }
    }

    fn median(&self) -> f64 {
        median(self.per_call.clone())
    }

    fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.median()
    }

    fn ms_per_mb(&self) -> f64 {
        self.median() * 1e3 / (self.bytes as f64 / 1e6)
    }
}

/// The middle value (the upper one of an even count).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The median over rounds of `top`'s time per byte over `bottom`'s, each
/// round's pair measured side by side.
fn paired_ratio(top: &Timed<'_>, bottom: &Timed<'_>) -> f64 {
    let per_byte = |t: &Timed<'_>, k: usize| t.per_call[k] / t.bytes as f64;
    median(
        (0..top.per_call.len().min(bottom.per_call.len()))
            .map(|k| per_byte(top, k) / per_byte(bottom, k))
            .collect(),
    )
}

/// Times each closure in `rounds` interleaved rounds of about `round`
/// each (the iteration count calibrated once per closure).
fn measure(timed: &mut [Timed<'_>], rounds: usize, round: Duration) {
    let mut iters = Vec::with_capacity(timed.len());
    for t in timed.iter_mut() {
        (t.run)();
        let start = Instant::now();
        (t.run)();
        let once = start.elapsed().as_secs_f64().max(1e-9);
        iters.push(((round.as_secs_f64() / once) as usize).clamp(1, 1_000_000));
    }
    for _ in 0..rounds {
        for (t, &n) in timed.iter_mut().zip(&iters) {
            let start = Instant::now();
            for _ in 0..n {
                (t.run)();
            }
            t.per_call.push(start.elapsed().as_secs_f64() / n as f64);
        }
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "MET"
    } else {
        "NOT MET"
    }
}

fn report(notice: &Notice, json: &str, inputs: &[(usize, String)], jsons: &[String]) {
    const ROUNDS: usize = 21;
    let round = Duration::from_millis(50);
    let n = FIXTURE.len();
    let mut timed = vec![
        Timed::new("(a) parse", n, || {
            black_box(fengong::parse(black_box(FIXTURE)).expect("fixture parses"));
        }),
        Timed::new("(b) to_string", n, || {
            black_box(serde_json::to_string(black_box(notice)).expect("serializes"));
        }),
        Timed::new("(c) from_str::<Notice>", n, || {
            black_box(
                serde_json::from_str::<Notice<'static>>(black_box(json)).expect("deserializes"),
            );
        }),
        Timed::new("(d) memchr line floor", n, || {
            black_box(line_floor(black_box(FIXTURE)));
        }),
        Timed::new("(a') parse + into_owned", n, || {
            let notice = fengong::parse(black_box(FIXTURE)).expect("fixture parses");
            black_box(notice.into_owned());
        }),
        Timed::new("(b') write_json", n, || {
            let mut line = Vec::with_capacity(json.len());
            black_box(notice).write_json(&mut line);
            black_box(line);
        }),
    ];
    measure(&mut timed, ROUNDS, round);

    eprintln!();
    eprintln!(
        "== same-process report: {ROUNDS} interleaved rounds, medians; fixture {n} bytes, JSON {} bytes; 1 MB = 10^6 bytes ==",
        json.len()
    );
    for t in &timed {
        eprintln!(
            "{:<26} {:>10.1} MB/s   {:>10.1} µs/call",
            t.name,
            t.mb_per_s(),
            t.median() * 1e6
        );
    }
    let a_c = paired_ratio(&timed[0], &timed[2]);
    let a_d = paired_ratio(&timed[0], &timed[3]);
    eprintln!(
        "ratio a/c (parse / from_str)  = {a_c:.2}   target <= 1.0: {}",
        verdict(a_c <= 1.0)
    );
    eprintln!(
        "ratio a/d (parse / floor)     = {a_d:.1}   target <= 20: {}",
        verdict(a_d <= 20.0)
    );
    eprintln!(
        "ratio a'/c (owned records / from_str) = {:.2}   (for reference: records that own every string)",
        paired_ratio(&timed[4], &timed[2])
    );
    eprintln!(
        "ratio b'/b (write_json / serde_json::to_string) = {:.2}   (the same bytes)",
        paired_ratio(&timed[5], &timed[1])
    );
    eprintln!("(each ratio: the median over rounds of the ratio within a round)");
    drop(timed);

    let mut scaling: Vec<Timed<'_>> = inputs
        .iter()
        .map(|(factor, text)| {
            Timed::new(format!("{factor}x"), text.len(), move || {
                black_box(fengong::parse(black_box(text)).expect("scaled notice parses"));
            })
        })
        .collect();
    // The control: as many bytes as the 100x notice, read as 100 notices of
    // the fixture's size, every reading held until the last is made. Its
    // records no longer fit in the caches either, but no notice is large:
    // if it costs what 100x does per MB, the excess is the records' memory,
    // not a reading that grows faster than its input.
    let held = HELD_NOTICES;
    scaling.push(held_alike(format!("{held} x 1x held"), FIXTURE, held));
    // Beside the control, 10 notices of 10x held alike: with it, the
    // control and the 100x notice, every size's readings leave about 100x's
    // records in memory (not a target: the spread the sizes would have if
    // each paid for the same records' memory).
    let (ten, ten_text) = inputs
        .iter()
        .find(|(factor, _)| *factor == 10)
        .expect("the 10x notice is made");
    let copies = held / ten;
    scaling.push(held_alike(
        format!("{copies} x {ten}x held"),
        ten_text,
        copies,
    ));
    // The reference reader at the same sizes, not a target: (c) reading
    // each size's JSON back into owned records. Its spread says what the
    // records' memory costs a reader that is all allocation and copying.
    let reference: Vec<Timed<'_>> = inputs
        .iter()
        .zip(jsons)
        .map(|((factor, _), scaled_json)| {
            Timed::new(format!("(c) {factor}x"), scaled_json.len(), move || {
                black_box(
                    serde_json::from_str::<Notice<'static>>(black_box(scaled_json))
                        .expect("deserializes"),
                );
            })
        })
        .collect();
    // the sizes, the two held alike, then the reference: timed in the same rounds
    let sizes_and_held = scaling.len();
    scaling.extend(reference);
    const SCALING_ROUNDS: usize = 11;
    measure(&mut scaling, SCALING_ROUNDS, Duration::from_millis(100));
    let reference = scaling.split_off(sizes_and_held);
    let held_alike = scaling.split_off(sizes_and_held - 2);
    let control = &held_alike[0];
    eprintln!("scaling (parse; {SCALING_ROUNDS} interleaved rounds, medians):");
    for t in &scaling {
        eprintln!(
            "  {:<5} {:>11} bytes  {:>8.2} ms/MB  {:>8.1} MB/s",
            t.name,
            t.bytes,
            t.ms_per_mb(),
            t.mb_per_s()
        );
    }
    let (min, size_spread) = spread(scaling.iter().map(Timed::ms_per_mb));
    eprintln!(
        "  time/MB spread max/min = {size_spread:.2}   target within 20% (<= 1.20): {}",
        verdict(size_spread <= 1.20)
    );
    eprintln!(
        "  control: {:<13} {:>8.2} ms/MB  = {:.2} x the fastest size   (not a target: about 100x's bytes, as notices of 1x all held at once)",
        control.name,
        control.ms_per_mb(),
        control.ms_per_mb() / min
    );
    // the 100x notice holds its own records: it is the third held alike
    let held = held_alike.iter().chain(scaling.last());
    let held_per_mb: Vec<String> = held
        .clone()
        .map(|t| format!("{} {:.2}", t.name, t.ms_per_mb()))
        .collect();
    let (_, held_spread) = spread(held.map(Timed::ms_per_mb));
    eprintln!(
        "  held alike: {} ms/MB  spread {held_spread:.2}   (not a target: every size leaving about 100x's records in memory)",
        held_per_mb.join(", ")
    );
    let (_, reference_spread) = spread(reference.iter().map(Timed::ms_per_mb));
    let reference_sizes: Vec<String> = reference
        .iter()
        .map(|t| format!("{} {:.2}", t.name, t.ms_per_mb()))
        .collect();
    eprintln!(
        "  reference: {} ms/MB of JSON  spread {reference_spread:.2}   (not a target: serde_json::from_str of each size's JSON)",
        reference_sizes.join(", ")
    );
}

/// `copies` readings of `text`, every one held until the last is made.
fn held_alike<'a>(name: String, text: &'a str, copies: usize) -> Timed<'a> {
    Timed::new(name, copies * text.len(), move || {
        let notices: Vec<Notice<'_>> = (0..copies)
            .map(|_| fengong::parse(black_box(text)).expect("notice parses"))
            .collect();
        black_box(notices);
    })
}

/// How many notices of the fixture's size the scaling control holds at once.
const HELD_NOTICES: usize = 100;

fn main() {
    let notice = fengong::parse(FIXTURE).expect("fixture parses");
    assert_eq!(notice.tasks.len(), 180);
    let json = serde_json::to_string(&notice).expect("serializes");
    assert_eq!(
        serde_json::from_str::<Notice<'static>>(&json).expect("deserializes"),
        notice,
        "the JSON reads back to the same notice"
    );
    let inputs: Vec<(usize, String)> = [1, 10, 100]
        .into_iter()
        .map(|factor| (factor, checked_scaled(factor)))
        .collect();

    // Short runs: the machine is shared; command-line options still win.
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(25)
        .configure_from_args();
    bench_parse(&mut c, &notice, &json);
    bench_scaling(&mut c, &inputs);
    c.final_summary();

    // `cargo bench` passes --bench; `cargo test --benches` runs the groups
    // once as tests and does not need the timed report.
    let benching = std::env::args().any(|a| a == "--bench");
    let listing = std::env::args().any(|a| a == "--list");
    if benching && !listing {
        // Each scaled notice's JSON, for the reference reader's scaling.
        let jsons: Vec<String> = inputs
            .iter()
            .map(|(_, text)| {
                let scaled = fengong::parse(text).expect("scaled notice parses");
                serde_json::to_string(&scaled).expect("serializes")
            })
            .collect();
        report(&notice, &json, &inputs, &jsons);
    }
}
