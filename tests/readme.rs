//! What the README (and Cargo.toml's comment on the `cli` feature) says
//! that a release can leave stale.

/// `0.3.0` → `0.3`: the requirement a user writes for this release.
fn requirement() -> &'static str {
    let version = env!("CARGO_PKG_VERSION");
    version.rsplit_once('.').map_or(version, |(minor, _)| minor)
}

/// The versions `text` names in lines of the form `fengong = { version = "…"`.
fn named_versions(text: &str) -> Vec<&str> {
    text.split("fengong = { version = \"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(version, _)| version))
        .collect()
}

#[test]
fn dependency_lines_name_this_release() {
    // README › Dependencies and Cargo.toml › [features] both write
    // `fengong = { version = "0.3", default-features = false }`
    for (file, text) in [
        ("README.md", include_str!("../README.md")),
        ("Cargo.toml", include_str!("../Cargo.toml")),
    ] {
        let named = named_versions(text);
        assert_eq!(named.len(), 1, "{file}: the dependency lines");
        assert_eq!(named[0], requirement(), "{file}: a dependency line");
    }
}
