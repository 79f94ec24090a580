//! Bytes → the path of `parse-notice check`: no panic (`properties::check`).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../properties.rs"]
mod properties;

fuzz_target!(|data: &[u8]| properties::check(data));
