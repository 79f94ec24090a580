//! Bytes → `parse_bytes`: no panic, a JSON round trip unchanged, `write_json`
//! as serde_json writes (`properties::parse`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
mod properties;

fuzz_target!(|data: &[u8]| properties::parse(data));
