//! The CI gate through the library (`fengong::parse`, then
//! `fengong::check::findings`): damage to the 2023 fixture that used to pass
//! silently is reported, each finding on the damaged file's own line.
//!
//! Every damaged copy is made here, in code, from the fixture; the lines it
//! damages are checked to hold what the test expects, and each test asserts
//! the whole list of findings as (code, line) pairs.

use fengong::{Code, Diagnostic};

const FIXTURE: &str = include_str!("../fixtures/guangdong-2023.txt");

/// A damaged copy of the fixture, and where each fixture line went.
struct Damaged {
    text: String,
    /// For fixture line `n` (index `n - 1`), its first line in `text`;
    /// `None` when it was deleted.
    moved: Vec<Option<u32>>,
}

impl Damaged {
    /// The line of `text` that fixture line `n` (kept) now stands on.
    fn line(&self, n: usize) -> u32 {
        self.moved[n - 1].unwrap_or_else(|| panic!("fixture line {n} was deleted"))
    }
}

/// The fixture with its lines changed by `edit` (1-based line, text) →
/// `Some(new)` (which may hold line breaks) or `None` to delete the line.
fn damaged(edit: impl Fn(usize, &str) -> Option<String>) -> Damaged {
    let mut text = String::with_capacity(FIXTURE.len());
    let mut moved = Vec::new();
    let mut next = 1u32;
    for (i, line) in FIXTURE.lines().enumerate() {
        match edit(i + 1, line) {
            Some(new) => {
                moved.push(Some(next));
                next += u32::try_from(new.lines().count().max(1)).expect("few lines");
                text.push_str(&new);
                text.push('\n');
            }
            None => moved.push(None),
        }
    }
    Damaged { text, moved }
}

/// Fixture line `n` replaced by `new`.
fn replace(n: usize, new: &str) -> Damaged {
    damaged(|i, l| {
        Some(if i == n {
            new.to_string()
        } else {
            l.to_string()
        })
    })
}

/// The fixture without its lines `first..=last`.
fn delete(first: usize, last: usize) -> Damaged {
    damaged(|i, l| (!(first..=last).contains(&i)).then(|| l.to_string()))
}

/// The fixture's line `n`, checked to be `text`.
fn expect_line(n: usize, text: &str) {
    assert_eq!(FIXTURE.lines().nth(n - 1), Some(text), "fixture line {n}");
}

/// The fixture's line `n`, checked to begin with `words`.
fn expect_line_start(n: usize, words: &str) {
    let line = FIXTURE.lines().nth(n - 1).unwrap_or_default();
    assert!(line.starts_with(words), "fixture line {n}: {line}");
}

/// What the gate reports on `text`.
fn findings(text: &str) -> Vec<Diagnostic> {
    let notice = fengong::parse(text).expect("the damaged copy is still a notice");
    fengong::check::findings(&notice, text)
}

/// Asserts the findings on `text` are exactly `expected` (code, line), in
/// order; returns them for their messages.
fn assert_findings(text: &str, expected: &[(Code, u32)]) -> Vec<Diagnostic> {
    let found = findings(text);
    let got: Vec<(Code, u32)> = found.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(got, expected, "{found:#?}");
    found
}

const TASK_53: &str = "53. 推进内外贸产品同线同标同质，开展“粤贸全国”经贸";
const TASK_53_MEASURES: &str = "工作措施：实施同线同标同质工程。支持检验检测认证机构为企业提供一站式服务，优化出口转内销强制性产品认证程序。开展不少于 100 场“粤贸全国”线上、线下经贸活动，发动不少于 1 万家次的广东企业参加。";
const TASK_53_LEADERS: &str = "分管省领导：张新、吕玉印";
const TITLE: &str = "广东省人民政府关于印发2023年 省《政府工作报告》工作任务 分工方案的通知";
const PLAN_TITLE: &str = "2023 年省《政府工作报告》工作任务 分工方案";
const ANNEX_HEADING: &str = "附件：2023 年省十件民生实事任务分解表";
const CC_LINE: &str = "抄送：省委有关部委办，省人大常委会办公厅，省政协办公厅，省";
const CC_REST: &str = "纪委监委办公厅，南部战区、南部战区海军、南部战区空军、省";
const PART_4: &str =
    "四、坚持教育优先发展、科技自立自强、人才引领驱动，全面建设教育强省、科技创新强省、人才强省";
const STRAY: &str = "这是一行多余的文字";
const TASK_53_DIVISION: &str =
    "部门分工：省商务厅、市场监管局牵头，省工业和信息化厅，海关总署广东分署等配合。";
const ROW_29: &str = "\t29\t打造全省统一接听的 12355 青少年服务热线，为全省青少年提供无差别、同标准、高品质的心理咨询、法律援助、困难救助等综合服务。\t冯 玲\t团省委 冉 波 王 浩";

/// The fixture's task 53 lines, the damage below is made on.
fn expect_task_53() {
    expect_line(457, TASK_53);
    expect_line(459, "活动。");
    expect_line(461, TASK_53_MEASURES);
    expect_line(463, TASK_53_LEADERS);
}

/// The last annex row, and the lines around the table.
fn expect_annex() {
    expect_line(1580, "");
    expect_line(1581, ANNEX_HEADING);
    expect_line(1582, "");
    expect_line(1583, "2023 年省十件民生实事任务分解表");
    assert!(FIXTURE
        .lines()
        .nth(1619)
        .is_some_and(|l| l.starts_with("\t29\t")));
    expect_line(1621, "");
    expect_line(1622, "公开方式：主动公开");
}

#[test]
fn a_leader_name_whose_characters_stand_in_the_title() {
    expect_task_53();
    // '同' stands at 457 in the title; the item '同' at 463
    let d = replace(463, &format!("{TASK_53_LEADERS}、同"));
    let found = assert_findings(&d.text, &[(Code::LeaderName, 463)]);
    assert_eq!(
        found[0].message,
        "task 53: leader name '同' is not 2–4 Han characters"
    );
    assert_eq!(found[0].excerpt.as_deref(), Some("同"));
}

/// Two leaders run together, as a lost '、' or a list spaced out letter by
/// letter leaves them: '张新吕玉印' (five characters) and '张新王曦' (four,
/// which passes as a person's name by its length alone). Both halves of
/// each are leaders the notice names elsewhere.
#[test]
fn two_leaders_run_together() {
    expect_task_53();
    for (line, name, halves) in [
        ("分管省领导：张新吕玉印", "张新吕玉印", "('张新', '吕玉印')"),
        (
            "分管省领导：张 新 吕 玉 印",
            "张新吕玉印",
            "('张新', '吕玉印')",
        ),
        ("分管省领导：张新王曦", "张新王曦", "('张新', '王曦')"),
        ("分管省领导：张 新 王 曦", "张新王曦", "('张新', '王曦')"),
    ] {
        let d = replace(463, line);
        let found = assert_findings(&d.text, &[(Code::LeaderName, 463)]);
        assert_eq!(
            found[0].message,
            format!("task 53: leader name '{name}' is two of the notice's leaders run together {halves}")
        );
        assert_eq!(found[0].task, Some(53));
    }
    // a name of four whose halves are no leaders of the notice passes
    let d = replace(463, "分管省领导：张新、欧阳卫民");
    assert_findings(&d.text, &[]);
}

#[test]
fn a_leader_name_on_a_line_of_its_own() {
    expect_task_53();
    // '分管省领导：张新、吕玉印、' / '' / '张': the item '张' stands at 465,
    // though '张' stands first in '张新' at 463
    let d = replace(463, &format!("{TASK_53_LEADERS}、\n\n张"));
    assert_eq!(d.text.lines().nth(464), Some("张"));
    let found = assert_findings(&d.text, &[(Code::LeaderName, 465)]);
    assert_eq!(
        found[0].message,
        "task 53: leader name '张' is not 2–4 Han characters"
    );
    assert_eq!(found[0].excerpt.as_deref(), Some("张"));
    // the same, the list closed by '。': the item ends at the full stop
    let d = replace(463, &format!("{TASK_53_LEADERS}、\n\n张。"));
    assert_eq!(d.text.lines().nth(464), Some("张。"));
    let found = assert_findings(&d.text, &[(Code::LeaderName, 465)]);
    assert_eq!(found[0].excerpt.as_deref(), Some("张"));
}

#[test]
fn a_task_header_deleted() {
    expect_task_53();
    expect_line(
        455,
        "部门分工：省发展改革委、商务厅牵头，省交通运输厅、供销社，省邮政管理局等配合。",
    );
    expect_line(
        465,
        "部门分工：省商务厅、市场监管局牵头，省工业和信息化厅，海关总署广东分署等配合。",
    );
    let d = damaged(|n, l| (n != 457).then(|| l.to_string()));
    // Task 53's lines now run into task 52: '活动。' continues its clause,
    // which no longer parses, reported at its first line (455), not at the
    // second '部门分工：' (fixture 465, now 464); the second of each field
    // is a duplicate; task 54 (fixture 467) follows 52.
    let found = assert_findings(
        &d.text,
        &[
            (Code::DivisionGrammar, 455),
            (Code::DuplicateField, d.line(461)),
            (Code::DuplicateField, d.line(463)),
            (Code::DuplicateField, d.line(465)),
            (Code::TaskNumber, d.line(467)),
        ],
    );
    assert_eq!((d.line(461), d.line(465), d.line(467)), (460, 464, 466));
    assert_eq!(
        found[0].message,
        "task 52: the 部门分工 clause is outside the grammar (X牵头，Y等配合 / X牵头 / X、Y按职责分工负责)"
    );
    assert_eq!(
        found[3].message,
        "task 52 gives '部门分工：' twice; the first is kept"
    );
    assert_eq!(found[4].message, "task 54 follows task 52: 53 missing");
    // as a line of text: where, how serious, what code, what was found
    assert_eq!(
        found[4].to_string(),
        "466: warning[task_number]: task 54 follows task 52: 53 missing"
    );
}

#[test]
fn the_plan_titles_year_changed() {
    expect_line(9, TITLE);
    expect_line(17, PLAN_TITLE);
    let d = replace(17, &PLAN_TITLE.replacen("2023", "2024", 1));
    let found = assert_findings(&d.text, &[(Code::YearMismatch, 9)]);
    assert_eq!(
        found[0].message,
        "the notice's title says 2023, the plan title (line 17) 2024"
    );
    assert_eq!(found[0].excerpt.as_deref(), Some("2023"));
}

#[test]
fn the_annex_rows_deleted() {
    expect_annex();
    let d = delete(1582, 1620);
    assert_eq!(d.line(1621), 1582);
    let found = assert_findings(&d.text, &[(Code::AnnexRow, 1581)]);
    assert_eq!(
        found[0].message,
        "the annex '2023年省十件民生实事任务分解表' has no rows"
    );
}

#[test]
fn the_annex_deleted_whole() {
    expect_annex();
    expect_line(
        19,
        "为认真落实省第十四届人民代表大会第一次会议通过的省《政府工作报告》部署，做好今年省政府工作，努力实现经济社会发展目标任务，现就省《政府工作报告》确定的主要预期目标、十个方面工作任务以及省十件民生实事进行细化分解，明确分工责任，制定本方案。",
    );
    // the first line that speaks of 民生实事 (1577 does too, later)
    assert_eq!(
        FIXTURE.lines().position(|l| l.contains("民生实事")),
        Some(18)
    );
    let d = delete(1581, 1621);
    let found = assert_findings(&d.text, &[(Code::AnnexRow, 19)]);
    assert_eq!(
        found[0].message,
        "the plan speaks of its 民生实事, but no annex table of them was read"
    );
    assert_eq!(found[0].excerpt.as_deref(), Some("民生实事"));
}

#[test]
fn the_carbon_copy_line_deleted() {
    expect_line(1624, CC_LINE);
    expect_line(1625, CC_REST);
    let d = damaged(|n, l| (n != 1624).then(|| l.to_string()));
    let rest = d.line(1625);
    assert_eq!(rest, 1624);
    let found = assert_findings(&d.text, &[(Code::Tail, rest)]);
    // The list's two remaining lines, joined, read as the printing office.
    // (The office line after them, 广东省人民政府办公厅秘书处, is read into
    // it too, as a Text block continues across blank lines: not pinned here.)
    let list = format!("{CC_REST}{}", FIXTURE.lines().nth(1625).unwrap_or_default());
    let message = &found[0].message;
    assert!(
        message.starts_with(&format!("the printing office '{list}")),
        "{message}"
    );
    assert!(
        message.ends_with("' holds the punctuation of a list: a 抄送 line may be lost"),
        "{message}"
    );
    assert_eq!(found[0].excerpt.as_deref(), Some("纪委监委办公厅"));
}

#[test]
fn the_envelope_deleted() {
    expect_line(1, "");
    expect_line(2, "");
    expect_line(3, "附件：");
    expect_line(5, "广东省人民政府文件");
    expect_line(20, "");
    expect_line(21, "一、2023 年经济社会发展主要预期目标");
    let d = delete(3, 19);
    // lines 1, 2 and 3 (fixture 20) are blank; part 一's heading is line 4
    let first = d.line(21);
    assert_eq!(first, 4);
    assert_eq!(
        d.text.lines().position(|l| !l.trim().is_empty()),
        Some(first as usize - 1)
    );
    let found = assert_findings(&d.text, &[(Code::Envelope, first)]);
    assert_eq!(
        found[0].message,
        "the envelope has no document number (粤府〔…〕…号), title (…的通知), plan title (…分工方案)"
    );
}

#[test]
fn a_measures_label_lost() {
    expect_task_53();
    let d = replace(461, TASK_53_MEASURES.trim_start_matches("工作措施："));
    let found = assert_findings(&d.text, &[(Code::TaskTitle, 457)]);
    // the title's sentence and the three of the measures
    assert_eq!(
        found[0].message,
        "task 53: the title holds 4 sentences: a '工作措施：' label may be lost, or a line read into it"
    );
}

#[test]
fn a_stray_line_after_the_measures() {
    expect_task_53();
    let d = replace(461, &format!("{TASK_53_MEASURES}\n{STRAY}"));
    assert_eq!(d.text.lines().nth(461), Some(STRAY));
    let found = assert_findings(&d.text, &[(Code::Measure, 462)]);
    assert_eq!(
        found[0].message,
        format!("task 53: the measure '{STRAY}' does not end a sentence")
    );
}

#[test]
fn the_measures_deleted() {
    expect_task_53();
    let d = damaged(|n, l| (n != 461).then(|| l.to_string()));
    let found = assert_findings(&d.text, &[(Code::MissingMeasures, 457)]);
    assert_eq!(
        found[0].message,
        "task 53 has no 工作措施, though other tasks of part 5 have them"
    );
}

#[test]
fn measures_deleted_in_two_places_or_at_a_parts_start() {
    expect_task_53();
    expect_line(477, "55. 全力打造交通强省。");
    expect_line_start(479, "工作措施：加快推进广湛");
    expect_line_start(441, "工作措施：制定搞活汽车流通");
    expect_line_start(443, "促进绿色智能家电");
    // two runs of one task, each with tasks that have measures on both sides
    let two = damaged(|n, l| (n != 461 && n != 479).then(|| l.to_string()));
    let found = assert_findings(
        &two.text,
        &[(Code::MissingMeasures, 457), (Code::MissingMeasures, 476)],
    );
    assert_eq!(
        found[1].message,
        "task 55 has no 工作措施, though other tasks of part 5 have them"
    );
    // the first task of part 五 (task 51, line 439), its measures on lines
    // 441–443: the part's only run, of one task, reported
    expect_line(437, "五、着力扩内需稳外需，积极服务和融入新发展格局");
    let first = damaged(|n, l| (!(441..=444).contains(&n)).then(|| l.to_string()));
    assert_findings(&first.text, &[(Code::MissingMeasures, 439)]);
}

#[test]
fn a_part_heading_misnumbered() {
    expect_line(309, PART_4);
    let d = replace(309, &PART_4.replacen('四', "三", 1));
    let found = assert_findings(&d.text, &[(Code::PartNumber, 309)]);
    assert_eq!(
        found[0].message,
        "part numbered 3 stands where 4 is expected"
    );
}

#[test]
fn a_leaders_label_left_empty() {
    expect_task_53();
    let d = replace(463, "分管省领导：");
    let found = assert_findings(&d.text, &[(Code::MissingLeaders, 463)]);
    assert_eq!(found[0].message, "task 53 has no 分管省领导");
}

#[test]
fn the_fixtures_pass() {
    let fixtures = [
        ("guangdong-2023.txt", FIXTURE),
        (
            "years/guangdong-2021.txt",
            include_str!("../fixtures/years/guangdong-2021.txt"),
        ),
        (
            "years/guangdong-2022.txt",
            include_str!("../fixtures/years/guangdong-2022.txt"),
        ),
    ];
    for (name, text) in fixtures {
        assert_eq!(findings(text), [], "{name}");
    }
}

#[test]
fn several_damages_in_one_copy() {
    expect_task_53();
    expect_annex();
    expect_line(309, PART_4);
    expect_line(1624, CC_LINE);
    expect_line(1625, CC_REST);
    let d = damaged(|n, l| match n {
        309 => Some(PART_4.replacen('四', "三", 1)),
        461 => Some(format!("{l}\n{STRAY}")),
        463 => Some(format!("{TASK_53_LEADERS}、同")),
        1582..=1620 | 1624 => None,
        _ => Some(l.to_string()),
    });
    // one line inserted after 461, 39 deleted after 1581, one more after 1623
    assert_eq!(d.line(463), 464);
    assert_eq!(d.line(1581), 1582);
    assert_eq!(d.line(1625), 1625 + 1 - 39 - 1);
    let expected = [
        (Code::PartNumber, d.line(309)),
        (Code::Measure, d.line(461) + 1),
        (Code::LeaderName, d.line(463)),
        (Code::AnnexRow, d.line(1581)),
        (Code::Tail, d.line(1625)),
    ];
    let found = assert_findings(&d.text, &expected);
    assert_eq!(
        found[0].message,
        "part numbered 3 stands where 4 is expected"
    );
    assert_eq!(
        found[1].message,
        format!("task 53: the measure '{STRAY}' does not end a sentence")
    );
    assert_eq!(found[2].excerpt.as_deref(), Some("同"));
    assert!(
        found[3].message.ends_with("has no rows"),
        "{}",
        found[3].message
    );
    assert_eq!(found[4].excerpt.as_deref(), Some("纪委监委办公厅"));
}

// ---------------------------------------------------------------------------
// Clean variants the new checks must not report, and a stray line before the
// title (a review's findings on the first form of these checks).
// ---------------------------------------------------------------------------

/// The reading of `text`, asserted to have no finding.
fn clean(text: &str) -> fengong::Notice<'_> {
    let notice = fengong::parse(text).expect("a notice");
    let found = fengong::check::findings(&notice, text);
    assert!(found.is_empty(), "{found:#?}");
    notice
}

#[test]
fn a_stray_line_above_the_title_is_reported_not_joined() {
    expect_line(9, TITLE);
    let copy = replace(9, &format!("特急\n{TITLE}"));
    assert_findings(&copy.text, &[(Code::Unrecognized, 9)]);
    let notice = fengong::parse(&copy.text).unwrap();
    let title = notice.document.title.as_deref().unwrap();
    assert!(title.starts_with("广东省人民政府关于印发2023年"), "{title}");
}

#[test]
fn a_document_number_in_brackets_is_read() {
    expect_line(7, "粤府〔2023〕18号");
    // the number under the title, as web copies print it
    let copy = damaged(|n, l| match n {
        7 => None,
        9 => Some(format!("{l}\n（粤府〔2023〕18号）")),
        _ => Some(l.to_string()),
    });
    let notice = clean(&copy.text);
    let doc = &notice.document;
    assert_eq!(doc.doc_number.as_deref(), Some("粤府〔2023〕18号"));
    assert_eq!(doc.addressees[0], "各地级以上市人民政府");
}

#[test]
fn a_copy_without_the_printed_issuer_line_passes() {
    expect_line(5, "广东省人民政府文件");
    let copy = delete(5, 5);
    let notice = clean(&copy.text);
    assert_eq!(notice.document.issuer, None);
    // the issuer's name under the letter is still its signature, not its text
    let letter = fengong::parse(FIXTURE).unwrap().document.letter;
    assert!(letter
        .as_deref()
        .is_some_and(|l| l.ends_with("请径向省政府办公厅反映。")));
    assert_eq!(notice.document.letter, letter);
}

#[test]
fn a_short_intro_opening_a_list_stays_the_intro() {
    expect_line(21, "一、2023 年经济社会发展主要预期目标");
    let copy = replace(
        21,
        "一、2023 年经济社会发展主要预期目标\n\n主要预期目标如下：",
    );
    let notice = clean(&copy.text);
    let part = &notice.sections[0];
    assert_eq!(part.title, "2023年经济社会发展主要预期目标");
    assert_eq!(part.intro.as_deref(), Some("主要预期目标如下："));
}

#[test]
fn quotes_asides_and_a_target_with_measures_pass() {
    expect_task_53();
    let measures = TASK_53_MEASURES.replace("参加。", "参加。（2023 年底前完成）");
    let copy = damaged(|n, l| {
        Some(match n {
            // a stop inside quotes in the title
            457 => "53. 推进内外贸产品同线同标同质，开展“粤贸全国。”经贸".to_string(),
            // an aside after the last stop of the measures
            461 => measures.clone(),
            // target 10 given measures: target 11 after it is still a target
            _ if l.starts_with("10. ") => format!("{l}\n\n工作措施：做好统计监测。"),
            _ => l.to_string(),
        })
    });
    let notice = clean(&copy.text);
    let task = &notice.tasks[52];
    assert_eq!(
        task.title,
        "推进内外贸产品同线同标同质，开展“粤贸全国。”经贸活动。"
    );
    assert_eq!(task.measures.last().unwrap(), "（2023年底前完成）");
    assert_eq!(notice.tasks[9].measures, ["做好统计监测。"]);
}

#[test]
fn without_the_issuer_line_a_title_begins_at_its_about() {
    expect_line(5, "广东省人民政府文件");
    expect_line(9, TITLE);
    let about = TITLE.strip_prefix("广东省人民政府").unwrap();
    // a stray line above a title that begins '关于': reported, not joined
    let stray = damaged(|n, l| match n {
        5 => None,
        9 => Some(format!("特急\n{about}")),
        _ => Some(l.to_string()),
    });
    assert_findings(&stray.text, &[(Code::Unrecognized, stray.line(9))]);
    let notice = fengong::parse(&stray.text).unwrap();
    assert_eq!(
        notice.document.title.as_deref(),
        Some("关于印发2023年省《政府工作报告》工作任务分工方案的通知")
    );
    // the issuer's name on the line above: the title's first words
    let split = damaged(|n, l| match n {
        5 => None,
        9 => Some(format!("广东省人民政府\n{about}")),
        _ => Some(l.to_string()),
    });
    let notice = clean(&split.text);
    assert_eq!(
        notice.document.title.as_deref(),
        Some("广东省人民政府关于印发2023年省《政府工作报告》工作任务分工方案的通知")
    );
    // a line ending '政府' too long to be a body's name is no issuer's
    let long = "抄报国务院办公厅并转送各地级以上市人民政府";
    let sentence = damaged(|n, l| match n {
        5 => None,
        9 => Some(format!("{long}\n{about}")),
        _ => Some(l.to_string()),
    });
    assert_findings(&sentence.text, &[(Code::Unrecognized, sentence.line(9))]);
}

#[test]
fn a_paragraph_above_the_addressees_is_joined_only_when_it_begins_the_list() {
    expect_line(9, TITLE);
    expect_line(11, "各地级以上市人民政府，省政府各部门、各直属机构：");
    let addressees = ["各地级以上市人民政府", "省政府各部门", "各直属机构"];
    // the list broken after its first name: its pieces are joined again
    let broken = replace(11, "各地级以上市人民政府，\n省政府各部门、各直属机构：");
    let notice = clean(&broken.text);
    assert_eq!(notice.document.addressees, addressees);
    // broken twice, a piece ending '人民政府' between: a piece of the list,
    // not a signature under a letter
    let thrice = replace(11, "各地级以上市\n人民政府\n，省政府各部门、各直属机构：");
    let notice = clean(&thrice.text);
    assert_eq!(notice.document.addressees, addressees);
    // a paragraph that is not an addressee list's beginning stays where
    // it stood, in the letter: one that does not begin as a list does,
    // and one that ends a sentence
    for line in ["现将有关事项通知如下", "各地要认真贯彻执行。"] {
        let copy = replace(9, &format!("{TITLE}\n{line}"));
        let notice = fengong::parse(&copy.text).unwrap();
        let doc = &notice.document;
        assert_eq!(doc.addressees, addressees, "{line}");
        let letter = doc.letter.as_deref().unwrap_or_default();
        assert!(letter.starts_with(line), "{line}: {letter}");
    }
}

#[test]
fn a_clause_naming_no_leading_department() {
    expect_line(465, TASK_53_DIVISION);
    let copy = replace(
        465,
        "部门分工：牵头，省工业和信息化厅，海关总署广东分署等配合。",
    );
    let found = assert_findings(&copy.text, &[(Code::EmptyLead, 465)]);
    assert_eq!(
        found[0].message,
        "task 53: the 部门分工 clause names no leading department"
    );
}

#[test]
fn department_names_that_are_no_bodies() {
    expect_line(465, TASK_53_DIVISION);
    // a colon inside a name, and a name too long for a body's: each reported
    let copy = replace(
        465,
        &format!(
            "部门分工：省商务厅：市场监管局、{}牵头，省工业和信息化厅等配合。",
            "广东省".repeat(14)
        ),
    );
    let found = assert_findings(
        &copy.text,
        &[(Code::DepartmentName, 465), (Code::DepartmentName, 465)],
    );
    assert_eq!(
        found[0].message,
        "task 53: department '省商务厅：市场监管局' holds sentence punctuation"
    );
    assert!(
        found[1].message.ends_with("is longer than 40 characters"),
        "{}",
        found[1].message
    );
}

#[test]
fn annex_rows_missing_cells_or_with_odd_leaders() {
    expect_annex();
    expect_line(1620, ROW_29);
    // the leader's and the department's cells emptied
    let bare = replace(1620, &ROW_29.replace("\t冯 玲\t团省委 冉 波 王 浩", "\t\t"));
    let found = assert_findings(&bare.text, &[(Code::AnnexRow, 1620)]);
    assert_eq!(found[0].message, "annex row 29 has no leader, department");
    // two of the notice's leaders run together in the leader's cell
    let run_together = replace(1620, &ROW_29.replace("冯 玲", "冯玲王曦"));
    let found = assert_findings(&run_together.text, &[(Code::LeaderName, 1620)]);
    assert_eq!(
        found[0].message,
        "annex row 29: leader name '冯玲王曦' is two of the notice's leaders run together ('冯玲', '王曦')"
    );
}

#[test]
fn names_of_four_characters_are_not_taken_for_known_leaders() {
    expect_task_53();
    expect_line(481, "分管省领导：张虎、吕玉印");
    // task 53 given a leader of four characters, task 55 a name that is
    // one known name and that one run together: only names of two or three
    // characters are known, so the second is reported for its length
    let copy = damaged(|n, l| match n {
        463 => Some("分管省领导：张新、欧阳卫民".to_string()),
        481 => Some("分管省领导：张虎、王曦欧阳卫民".to_string()),
        _ => Some(l.to_string()),
    });
    let found = assert_findings(&copy.text, &[(Code::LeaderName, 481)]);
    assert_eq!(
        found[0].message,
        "task 55: leader name '王曦欧阳卫民' is not 2–4 Han characters"
    );
}

#[test]
fn a_name_that_begins_with_a_known_leaders_is_one_name() {
    expect_line(481, "分管省领导：张虎、吕玉印");
    // '王曦' is a leader of the notice; '王曦明' is a name of its own
    let copy = replace(481, "分管省领导：张虎、王曦明");
    let notice = clean(&copy.text);
    assert_eq!(notice.task(55).unwrap().leaders, ["张虎", "王曦明"]);
}
