//! Bytes → `parse_bytes`: no panic, a JSON round trip unchanged, `write_json`
//! as serde_json writes (`properties::parse`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
#[allow(dead_code)] // each target calls one of the properties
mod properties;

fuzz_target!(|data: &[u8]| properties::parse(data));
