//! Earlier years' notices: the shapes the 2023 notice does not have.
//!
//! - 2021 (fixtures/years/guangdong-2021.txt): targets printed
//!   '1.地区生产总值增长6%以上。' (no space, no 工作措施), the letter signed
//!   '广东省人民政府' and dated '2021年3月21日' before the plan title.
//! - 2022 (fixtures/years/guangdong-2022.txt): the letter lists numbered
//!   opinions '一、…' '二、…' '三、…' before the plan title; they belong to the
//!   letter, and the plan's parts start at its own '一、'.
//! - a cut-off copy of 2022, ending after task 5's 工作措施.

use fengong::{Code, Department, Mode, Notice, Task};

const Y2021: &str = include_str!("../fixtures/years/guangdong-2021.txt");
const Y2022: &str = include_str!("../fixtures/years/guangdong-2022.txt");

fn read(text: &str) -> Notice<'_> {
    fengong::parse(text).unwrap_or_else(|e| panic!("not read: {e}"))
}

/// (expanded name, written words) of each body.
fn bodies<'n>(list: &'n [Department<'_>]) -> Vec<(&'n str, &'n str)> {
    list.iter().map(|d| (&*d.name, &*d.written)).collect()
}

fn task<'n, 'a>(notice: &'n Notice<'a>, number: u32) -> &'n Task<'a> {
    notice
        .tasks
        .iter()
        .find(|t| t.number == number)
        .unwrap_or_else(|| panic!("no task {number}"))
}

/// (code, line) of each diagnostic.
fn codes(notice: &Notice) -> Vec<(&'static str, u32)> {
    notice
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.line))
        .collect()
}

/// Asserts a complete notice reads and checks with nothing to report.
fn assert_clean(name: &str, text: &str, notice: &Notice) {
    assert!(
        notice.diagnostics.is_empty(),
        "{name}: {:#?}",
        notice.diagnostics
    );
    let lint = fengong::check::lint(notice, text);
    assert!(lint.is_empty(), "{name}: lint found {lint:#?}");
}

/// A copy without the printed issuer line ('广东省人民政府文件', as web
/// copies print the notice): the signature under the letter is still the
/// signature, not the letter's last words, and the copy reads as the
/// notice does but for the issuer.
#[test]
fn y2021_without_its_issuer_line_keeps_the_signature_apart() {
    assert!(Y2021.starts_with("广东省人民政府文件\n"));
    assert!(Y2021.contains("反映。\n\n广东省人民政府\n\n2021年3月21日\n"));
    let copy = Y2021.replacen("广东省人民政府文件\n", "", 1);
    let notice = read(&copy);
    assert_clean("2021 without its issuer line", &copy, &notice);
    let whole = read(Y2021);
    let (doc, expected) = (&notice.document, &whole.document);
    assert_eq!(doc.issuer, None);
    assert_eq!(
        doc.letter.as_deref(),
        Some("现将《2021年省〈政府工作报告〉重点任务分工方案》印发给你们，请认真贯彻执行。执行过程中遇到的问题，请径向省政府办公厅反映。")
    );
    assert_eq!(doc.letter, expected.letter);
    assert_eq!(doc.signed_on, expected.signed_on);
    // every task as in the whole notice, a line higher
    assert_eq!(notice.tasks.len(), whole.tasks.len());
    for (task, expected) in notice.tasks.iter().zip(&whole.tasks) {
        assert_eq!(task.lines.first + 1, expected.lines.first);
        let mut moved = task.clone();
        moved.lines = expected.lines;
        assert_eq!(&moved, expected);
    }
}

#[test]
fn y2021_envelope() {
    let notice = read(Y2021);
    assert_clean("2021", Y2021, &notice);
    let doc = &notice.document;
    assert_eq!(doc.issuer.as_deref(), Some("广东省人民政府"));
    assert_eq!(doc.doc_number.as_deref(), Some("粤府〔2021〕22号"));
    assert_eq!(
        doc.title.as_deref(),
        Some("广东省人民政府关于印发2021年省《政府工作报告》重点任务分工方案的通知")
    );
    assert_eq!(
        doc.addressees,
        ["各地级以上市人民政府", "省政府各部门", "各直属机构"]
    );
    // The signature '广东省人民政府' is neither letter nor a diagnostic; the
    // date under it is the signing date.
    assert_eq!(
        doc.letter.as_deref(),
        Some("现将《2021年省〈政府工作报告〉重点任务分工方案》印发给你们，请认真贯彻执行。执行过程中遇到的问题，请径向省政府办公厅反映。")
    );
    assert_eq!(
        doc.signed_on.map(|d| d.to_string()).as_deref(),
        Some("2021-03-21")
    );
    assert_eq!(doc.year, Some(2021));
    assert_eq!(
        doc.plan_title.as_deref(),
        Some("2021年省《政府工作报告》重点任务分工方案")
    );
    assert_eq!(
        doc.preamble.as_deref(),
        Some("为贯彻落实省第十三届人民代表大会第四次会议通过的省《政府工作报告》部署，确保完成全年目标任务，现将报告确定的重点任务进行分解，明确责任分工，制定本方案。")
    );
    assert_eq!(doc.disclosure.as_deref(), Some("主动公开"));
    assert_eq!(
        doc.cc,
        [
            "省委有关部委办",
            "省人大常委会办公厅",
            "省政协办公厅",
            "省纪委监委办公厅",
            "省法院",
            "省检察院"
        ]
    );
    assert_eq!(
        doc.printed_by.as_deref(),
        Some("广东省人民政府办公厅秘书处")
    );
    assert_eq!(
        doc.printed_on.map(|d| d.to_string()).as_deref(),
        Some("2021-03-24")
    );
    assert_eq!(doc.lines.map(<[u32; 2]>::from), Some([1, 17]));
    assert_eq!(doc.tail_lines.map(<[u32; 2]>::from), Some([81, 87]));
}

#[test]
fn y2021_parts_and_targets() {
    let notice = read(Y2021);
    let sections: Vec<(u32, &str, &[u32], u32)> = notice
        .sections
        .iter()
        .map(|s| (s.number, &*s.title, s.tasks.as_slice(), s.lines.first))
        .collect();
    assert_eq!(
        sections,
        [
            (1, "2021年经济社会发展主要预期目标", &[1, 2, 3, 4][..], 19),
            (
                2,
                "深入推进粤港澳大湾区和深圳先行示范区建设",
                &[5, 6, 7, 8][..],
                45
            ),
        ]
    );
    let numbers: Vec<(u32, u32)> = notice.tasks.iter().map(|t| (t.number, t.section)).collect();
    assert_eq!(
        numbers,
        [
            (1, 1),
            (2, 1),
            (3, 1),
            (4, 1),
            (5, 2),
            (6, 2),
            (7, 2),
            (8, 2)
        ]
    );
    assert!(notice.requirements.is_empty());
    assert!(notice.annex.is_none());
    assert!(notice.livelihood_projects.is_empty());

    // '1.地区生产总值增长6%以上。': no space after the stop, no 工作措施.
    let first = task(&notice, 1);
    assert_eq!(first.title, "地区生产总值增长6%以上。");
    assert!(first.measures.is_empty());
    assert_eq!(first.leaders, ["林克庆"]);
    assert_eq!(<[u32; 2]>::from(first.lines), [21, 25]);
    let division = first.departments.as_ref().expect("a division");
    assert_eq!(division.mode, Mode::LeadSupport);
    assert_eq!(bodies(&division.lead), [("省发展改革委", "省发展改革委")]);
    assert_eq!(
        bodies(&division.support),
        [("各地", "各地"), ("各部门", "各部门")]
    );

    // '5.5%' inside a title is not a task header.
    let third = task(&notice, 3);
    assert_eq!(
        third.title,
        "城镇新增就业110万人以上，城镇调查失业率控制在5.5%以内。"
    );
    assert_eq!(third.leaders, ["王曦"]);
    assert_eq!(
        bodies(&third.departments.as_ref().unwrap().lead),
        [("省人力资源社会保障厅", "省人力资源社会保障厅")]
    );
    assert_eq!(task(&notice, 4).leaders, ["叶贞琴"]);
    assert!(notice.tasks[..4].iter().all(|t| t.measures.is_empty()));
}

#[test]
fn y2021_tasks_with_measures() {
    let notice = read(Y2021);
    let t5 = task(&notice, 5);
    assert_eq!(t5.title, "推进“湾区通”工程，促进规则衔接、机制对接。");
    assert_eq!(
        t5.measures,
        [
            "研究制定粤港澳大湾区规则衔接、机制对接年度重点事项清单。",
            "推动职业资格认可和标准衔接。",
            "推进港珠澳大桥“澳车北上”政策落地。"
        ]
    );
    let d5 = t5.departments.as_ref().unwrap();
    assert_eq!(bodies(&d5.lead), [("省发展改革委", "省发展改革委")]);
    assert_eq!(
        bodies(&d5.support),
        [
            ("深圳市政府", "深圳"),
            ("珠海市政府", "珠海市政府"),
            ("省公安厅", "省公安厅"),
            ("省人力资源社会保障厅", "人力资源社会保障厅"),
            ("省交通运输厅", "交通运输厅"),
            ("省港澳办", "港澳办"),
        ]
    );

    // The measures are broken by a page end (lines 57–59) and joined again.
    let t6 = task(&notice, 6);
    assert_eq!(
        t6.measures,
        [
            "推进鹏城实验室、广州实验室建设。",
            "加快建设大湾区综合性国家科学中心先行启动区。",
            "实施重点领域研发计划。"
        ]
    );
    assert_eq!(<[u32; 2]>::from(t6.lines), [55, 63]);
    let d6 = t6.departments.as_ref().unwrap();
    assert_eq!(
        bodies(&d6.lead),
        [("省科技厅", "省科技厅"), ("省发展改革委", "发展改革委")]
    );
    assert_eq!(
        bodies(&d6.support),
        [
            ("广州市政府", "广州"),
            ("深圳市政府", "深圳市政府"),
            ("省教育厅", "省教育厅"),
            ("省财政厅", "财政厅"),
        ]
    );

    let t7 = task(&notice, 7);
    assert_eq!(t7.leaders, ["林克庆", "张新"]);
    assert_eq!(
        t7.measures,
        ["落实深圳综合改革试点首批授权事项清单，推动出台配套政策措施。"]
    );
    let d7 = t7.departments.as_ref().unwrap();
    assert_eq!(
        bodies(&d7.lead),
        [
            ("省发展改革委", "省发展改革委"),
            ("深圳市政府", "深圳市政府")
        ]
    );
    assert_eq!(
        bodies(&d7.support),
        [
            ("省委改革办", "省委改革办"),
            ("省委编办", "编办"),
            ("省司法厅", "省司法厅"),
        ]
    );

    let t8 = task(&notice, 8);
    let d8 = t8.departments.as_ref().unwrap();
    assert_eq!(d8.mode, Mode::Joint);
    assert_eq!(d8.text, "广州、深圳、珠海市政府按职责分工负责。");
    assert_eq!(
        bodies(&d8.lead),
        [
            ("广州市政府", "广州"),
            ("深圳市政府", "深圳"),
            ("珠海市政府", "珠海市政府"),
        ]
    );
    assert!(d8.support.is_empty());
    assert_eq!(<[u32; 2]>::from(t8.lines), [73, 79]);
}

#[test]
fn y2022_letter_keeps_its_opinions() {
    let notice = read(Y2022);
    assert_clean("2022", Y2022, &notice);
    let doc = &notice.document;
    assert_eq!(doc.doc_number.as_deref(), Some("粤府〔2022〕13号"));
    assert_eq!(
        doc.title.as_deref(),
        Some("广东省人民政府关于印发2022年省《政府工作报告》重点任务分工方案的通知")
    );
    let letter = doc.letter.as_deref().expect("a letter");
    let paragraphs: Vec<&str> = letter.split('\n').collect();
    assert_eq!(
        paragraphs,
        [
            "现将《2022年省〈政府工作报告〉重点任务分工方案》印发给你们，请认真组织实施。现提出以下意见：",
            "一、主动担当、积极作为。各地、各部门要切实增强责任感和紧迫感，把落实省《政府工作报告》作为重要政治任务，主要负责同志亲自抓、负总责，确保各项任务落地见效。",
            "二、加强协同、形成合力。牵头部门要发挥统筹协调作用，配合部门要主动支持、密切配合，形成推进工作的强大合力。",
            "三、强化督办、狠抓落实。各牵头部门要将任务落实情况分别于7月10日和次年1月10日前报送省政府督查室。",
        ]
    );
    assert_eq!(
        doc.signed_on.map(|d| d.to_string()).as_deref(),
        Some("2022-02-28")
    );
    assert_eq!(doc.year, Some(2022));
    assert_eq!(
        doc.plan_title.as_deref(),
        Some("2022年省《政府工作报告》重点任务分工方案")
    );
    assert_eq!(doc.preamble, None);
    assert_eq!(
        doc.printed_on.map(|d| d.to_string()).as_deref(),
        Some("2022-03-02")
    );
    assert_eq!(
        doc.printed_by.as_deref(),
        Some("广东省人民政府办公厅秘书处")
    );
    assert_eq!(doc.lines.map(<[u32; 2]>::from), Some([1, 21]));
}

#[test]
fn y2022_sections_start_at_the_plans_own_first_part() {
    let notice = read(Y2022);
    let sections: Vec<(u32, &str, &[u32], u32)> = notice
        .sections
        .iter()
        .map(|s| (s.number, &*s.title, s.tasks.as_slice(), s.lines.first))
        .collect();
    assert_eq!(
        sections,
        [
            (1, "2022年经济社会发展主要预期目标", &[1, 2, 3][..], 23),
            (
                2,
                "坚持制造业立省，加快建设现代产业体系",
                &[4, 5, 6][..],
                43
            ),
        ]
    );
    assert!(notice
        .sections
        .iter()
        .all(|s| !s.title.contains("主动担当") && s.intro.is_none()));

    let t1 = task(&notice, 1);
    assert_eq!((t1.section, &*t1.title), (1, "地区生产总值增长5.5%左右。"));
    assert_eq!(<[u32; 2]>::from(t1.lines), [25, 29]);
    let d3 = task(&notice, 3).departments.as_ref().unwrap();
    assert_eq!(bodies(&d3.lead), [("省商务厅", "省商务厅")]);
    assert_eq!(
        bodies(&d3.support),
        [("海关总署广东分署", "海关总署广东分署")]
    );

    let t4 = task(&notice, 4);
    assert_eq!(t4.section, 2);
    assert_eq!(t4.leaders, ["王曦", "张新"]);
    assert_eq!(
        t4.measures,
        [
            "实施战略性产业集群“1+20”行动计划，建立“链长制”工作机制。",
            "培育一批具有生态主导力的“链主”企业。"
        ]
    );
    let d4 = t4.departments.as_ref().unwrap();
    assert_eq!(
        bodies(&d4.lead),
        [
            ("省工业和信息化厅", "省工业和信息化厅"),
            ("省发展改革委", "发展改革委")
        ]
    );
    assert_eq!(
        bodies(&d4.support),
        [
            ("省科技厅", "省科技厅"),
            ("省商务厅", "商务厅"),
            ("省国资委", "国资委"),
            ("省税务局", "省税务局"),
        ]
    );

    let d5 = task(&notice, 5).departments.as_ref().unwrap();
    assert_eq!(
        bodies(&d5.support),
        [
            ("省委组织部", "省委组织部"),
            ("省委编办", "编办"),
            ("省发展改革委", "省发展改革委"),
            ("省财政厅", "财政厅"),
        ]
    );

    let d6 = task(&notice, 6).departments.as_ref().unwrap();
    assert_eq!(d6.mode, Mode::LeadOnly);
    assert_eq!(bodies(&d6.lead), [("省能源局", "省能源局")]);
}

/// The 2022 notice cut off after task 5's 工作措施 (line 55), before its
/// 分管省领导 (line 57).
fn cut_2022() -> String {
    let lines: Vec<&str> = Y2022.lines().collect();
    assert!(
        lines[52].starts_with("5. 推动制造业高端化"),
        "{}",
        lines[52]
    );
    assert!(lines[54].starts_with("工作措施："), "{}", lines[54]);
    assert_eq!(lines[56], "分管省领导：王曦");
    lines[..55].iter().flat_map(|l| [*l, "\n"]).collect()
}

#[test]
fn cut_off_2022_keeps_what_came_before() {
    let text = cut_2022();
    let notice = read(&text);
    assert_eq!(
        codes(&notice),
        [
            ("missing_leaders", 53),
            ("missing_division", 53),
            ("truncated", 55),
        ]
    );
    let truncated = &notice.diagnostics[2];
    assert_eq!(truncated.code, Code::Truncated);
    assert_eq!(truncated.message, "the input ends inside task 5");

    let numbers: Vec<u32> = notice.tasks.iter().map(|t| t.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    // The tasks before the cut are whole, as in the complete notice.
    let whole = read(Y2022);
    assert_eq!(notice.tasks[..4], whole.tasks[..4]);
    assert_eq!(notice.document.letter, whole.document.letter);
    assert_eq!(notice.document.signed_on, whole.document.signed_on);

    let t5 = task(&notice, 5);
    assert_eq!(t5.title, "推动制造业高端化、智能化、绿色化发展。");
    assert_eq!(
        t5.measures,
        [
            "推动5000家规模以上工业企业实施数字化转型。",
            "实施技术改造专项，支持工业企业开展设备更新。"
        ]
    );
    assert!(t5.leaders.is_empty());
    assert_eq!(t5.departments, None);
    assert_eq!(<[u32; 2]>::from(t5.lines), [53, 55]);
    assert_eq!(notice.sections[1].tasks, [4, 5]);
    // Nothing of the tail was reached.
    assert_eq!(notice.document.disclosure, None);
    assert_eq!(notice.document.printed_on, None);
    assert_eq!(notice.document.tail_lines, None);
}

#[test]
fn cut_off_2022_without_final_newline() {
    let text = cut_2022();
    let notice = read(text.trim_end_matches('\n'));
    assert_eq!(
        codes(&notice),
        [
            ("missing_leaders", 53),
            ("missing_division", 53),
            ("truncated", 55),
        ]
    );
}
