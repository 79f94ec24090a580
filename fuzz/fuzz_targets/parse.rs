//! Bytes → `parse_bytes`. A reading must never panic; a notice it returns
//! must survive a JSON round trip unchanged, `write_json` must write the
//! bytes serde_json writes, and `check::lint` over the text it was read from
//! must not panic either.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(notice) = fengong::parse_bytes(data) else {
        return;
    };
    let json = serde_json::to_string(&notice).expect("a notice serializes");
    let mut line = Vec::new();
    notice.write_json(&mut line);
    assert!(
        line == json.as_bytes(),
        "write_json differs from serde_json"
    );
    let back: fengong::Notice<'static> = serde_json::from_str(&json).expect("its JSON reads back");
    assert_eq!(back, notice, "JSON round trip changed the notice");
    let text = fengong::read_text(data).expect("parse_bytes read this text");
    let _ = fengong::check::lint(&notice, &text);
});
