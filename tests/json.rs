//! `fengong::json` writes what `serde_json` writes, byte for byte: for every
//! notice the project keeps, for damaged copies of the 2023 notice, for any
//! string, and through the binary.

use std::process::Command;

use proptest::prelude::*;

const FIXTURE: &str = include_str!("../fixtures/guangdong-2023.txt");

fn ours<T: serde::Serialize>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    fengong::json::write_to_vec(&mut out, value).expect("fengong::json writes");
    out
}

fn theirs<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("serde_json writes")
}

/// Every notice under fixtures/, read and written both ways.
#[test]
fn every_kept_notice() {
    let mut read = 0;
    for dir in ["fixtures", "fixtures/years", "fixtures/small"] {
        for entry in std::fs::read_dir(dir).expect("fixtures directory") {
            let path = entry.expect("entry").path();
            if path.extension().map_or(true, |e| e != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read fixture");
            match fengong::parse(&text) {
                Ok(notice) => {
                    assert_eq!(ours(&notice), theirs(&notice), "{}", path.display());
                    read += 1;
                }
                Err(err) => assert_eq!(ours(&err.to_string()), theirs(&err.to_string())),
            }
        }
    }
    assert!(read >= 4, "read {read} notices");
}

/// The JSON the binary prints is serde_json's, plus a newline.
#[test]
fn the_binary_prints_the_same_bytes() {
    let output = Command::new(env!("CARGO_BIN_EXE_parse-notice"))
        .arg("fixtures/guangdong-2023.txt")
        .output()
        .expect("run parse-notice");
    assert!(output.status.success());
    let notice = fengong::parse(FIXTURE).expect("fixture parses");
    let mut expected = theirs(&notice);
    expected.push(b'\n');
    assert_eq!(output.stdout, expected);
}

/// A task's text with a control character, a quote and a backslash in it:
/// diagnostics' excerpts and the task's title carry them into the JSON.
#[test]
fn escapes_inside_records() {
    let damaged = FIXTURE.replacen(
        "14. 打造“轨道上的大湾区”。",
        "14. 打造\"轨道\\上\u{1}的大湾区\"。\u{7}",
        1,
    );
    let notice = fengong::parse(&damaged).expect("damaged copy parses");
    assert!(notice.tasks[13].title.contains('\u{1}'));
    assert_eq!(ours(&notice), theirs(&notice));
}

/// A fixed seed, so that CI is repeatable (PROPTEST_RNG_SEED overrides it);
/// no failure files.
fn config() -> ProptestConfig {
    let from_env = ProptestConfig::default();
    let seeded = std::env::var_os("PROPTEST_RNG_SEED").is_some();
    ProptestConfig {
        cases: 256,
        rng_seed: if seeded {
            from_env.rng_seed
        } else {
            proptest::test_runner::RngSeed::Fixed(0x2023_0222)
        },
        failure_persistence: None,
        ..from_env
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_string(s in any::<String>()) {
        prop_assert_eq!(ours(&s), theirs(&s));
    }

    #[test]
    fn strings_of_marks_and_controls(s in "[\"\\\\\u{0}-\u{1f}a年“”]{0,80}") {
        prop_assert_eq!(ours(&s), theirs(&s));
    }

    /// The fixture cut at any line, so that records end anywhere.
    #[test]
    fn cut_notices(keep in 1usize..1631) {
        let text: String = FIXTURE.split_inclusive('\n').take(keep).collect();
        if let Ok(notice) = fengong::parse(&text) {
            prop_assert_eq!(ours(&notice), theirs(&notice));
        }
    }
}
