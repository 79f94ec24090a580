//! Bytes → `parse_bytes`: every non-blank line claimed by a record or a
//! diagnostic (`properties::lines`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
#[allow(dead_code)] // each target calls one of the properties
mod properties;

fuzz_target!(|data: &[u8]| properties::lines(data));
