//! The fuzz targets' properties (`fuzz/properties.rs`), compiled here with
//! the main crate and run over every seed of the fuzz corpus and every
//! saved regression. Until CI compiled the fuzz crate (`cargo check` in
//! `fuzz/`, `.ci/run`), its `lines` target once stopped compiling unnoticed
//! when a field was renamed.

#[path = "../fuzz/properties.rs"]
mod properties;

use std::path::{Path, PathBuf};

/// A fuzz target's property: panics when it does not hold.
type Property = fn(&[u8]);

/// The files of `dir` under the crate root, sorted, but its notes (`.md`).
fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_seed_holds_every_property() {
    let seeds = files("fuzz/corpus/parse");
    // the corpus this test relies on is there: the fixture among 32 seeds
    assert_eq!(seeds.len(), 32);
    assert!(seeds.iter().any(|p| p.ends_with("fixture.txt")));
    let regressions = files("fuzz/regressions");
    let properties: [(&str, Property); 3] = [
        ("parse", properties::parse),
        ("check", properties::check),
        ("lines", properties::lines),
    ];
    // the seeds refused are the two made to be (invalid bytes, a NUL in a
    // header) and the slices that hold no task (envelope, tail, annex,
    // requirements, a joint clause alone): a property returns early on a
    // refusal, so a seed must not pass by coming to be refused
    let refused: Vec<&str> = seeds
        .iter()
        .filter(|p| fengong::parse_bytes(&std::fs::read(p).unwrap()).is_err())
        .filter_map(|p| p.file_name()?.to_str())
        .collect();
    assert_eq!(
        refused,
        [
            "annex-tail.txt",
            "annex.txt",
            "envelope.txt",
            "gbk-annex.txt",
            "invalid.txt",
            "joint.txt",
            "nul.txt",
            "requirements-annex-tail.txt",
            "requirements.txt",
            "tail.txt"
        ]
    );
    let mut failures = Vec::new();
    for path in seeds.iter().chain(&regressions) {
        let bytes = std::fs::read(path).unwrap();
        for (name, property) in properties {
            if std::panic::catch_unwind(|| property(&bytes)).is_err() {
                failures.push(format!("{name}: {}", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "properties failed:\n{}",
        failures.join("\n")
    );
}

/// The `lines` property can fail: the fixture's reading with task 53's
/// record taken away leaves its first line, 457, claimed by nothing.
#[test]
fn the_lines_property_sees_a_lost_line() {
    let fixture = include_str!("../fixtures/guangdong-2023.txt");
    let mut notice = fengong::parse(fixture).unwrap();
    properties::coverage(&notice, fixture);
    let at = notice.tasks.iter().position(|t| t.number == 53).unwrap();
    assert_eq!(notice.tasks.remove(at).lines.first, 457);
    let lost = std::panic::catch_unwind(|| properties::coverage(&notice, fixture)).unwrap_err();
    let message = lost.downcast_ref::<String>().unwrap();
    assert!(message.starts_with("line 457 lost: "), "{message}");
}
