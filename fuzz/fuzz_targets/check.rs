//! Bytes → `read_text` → `parse` → `check::lint` + `check::render`: the path
//! of `parse-notice check`. None of it may panic.

#![no_main]

use fengong::check::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = fengong::read_text(data) else {
        return;
    };
    let Ok(notice) = fengong::parse(&text) else {
        return;
    };
    let mut diagnostics = notice.diagnostics.clone();
    diagnostics.extend(check::lint(&notice, &text));
    diagnostics.sort_by_key(|d| d.line);
    let _ = check::render("fuzz.txt", &text, &diagnostics, Format::Human);
    let _ = check::render("fuzz.txt", &text, &diagnostics, Format::Github);
});
