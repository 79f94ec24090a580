//! What the README says that a release can leave stale.

/// `0.3.0` → `0.3`: the requirement a user writes for this release.
fn requirement() -> &'static str {
    let version = env!("CARGO_PKG_VERSION");
    version.rsplit_once('.').map_or(version, |(minor, _)| minor)
}

#[test]
fn dependency_lines_name_this_release() {
    let readme = include_str!("../README.md");
    let named: Vec<&str> = readme
        .split("fengong = { version = \"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(version, _)| version))
        .collect();
    // README › Dependencies: `fengong = { version = "0.3", default-features = false }`
    assert!(!named.is_empty(), "the README names no version of fengong");
    for version in named {
        assert_eq!(version, requirement(), "a dependency line in the README");
    }
}
