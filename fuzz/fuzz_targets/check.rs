//! Bytes → the path of `parse-notice check`: no panic (`properties::check`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
#[allow(dead_code)] // each target calls one of the properties
mod properties;

fuzz_target!(|data: &[u8]| properties::check(data));
