//! Snapshots of the readings, each read against the notice before it was
//! accepted: the whole 2023 notice, the hard tasks on their own, the annex.

use fengong::Notice;
use std::sync::LazyLock;

static NOTICE: LazyLock<Notice> = LazyLock::new(|| {
    fengong::parse(include_str!("../fixtures/guangdong-2023.txt")).expect("the fixture reads")
});

#[test]
fn whole_notice() {
    insta::assert_json_snapshot!("guangdong_2023", &*NOTICE);
}

/// Tasks with page breaks, shared heads and tails, several lead groups,
/// joint and lead-only clauses, a title without '。', collective entries.
#[test]
fn hard_tasks() {
    for number in [12, 19, 22, 53, 72, 91, 93, 98, 130, 178] {
        let task = NOTICE
            .tasks
            .iter()
            .find(|t| t.number == number)
            .expect("task exists");
        insta::assert_json_snapshot!(format!("task_{number}"), task);
    }
}

#[test]
fn annex() {
    insta::assert_json_snapshot!("annex", (&NOTICE.annex, &NOTICE.livelihood_projects));
}

#[test]
fn document() {
    insta::assert_json_snapshot!("document", &NOTICE.document);
}
