//! The 2023 notice read whole: counts, each rule of the records with its own
//! example from the source, grounding in the source text, and coverage of
//! every line.

use std::sync::LazyLock;

use fengong::{Code, Department, Mode, Notice, Task};

const SOURCE: &str = include_str!("../fixtures/guangdong-2023.txt");

static NOTICE: LazyLock<Notice> =
    LazyLock::new(|| fengong::parse(SOURCE).expect("the fixture reads"));

fn task(number: u32) -> &'static Task<'static> {
    NOTICE
        .tasks
        .iter()
        .find(|t| t.number == number)
        .expect("task exists")
}

fn names<'n>(bodies: &'n [Department<'_>]) -> Vec<&'n str> {
    bodies.iter().map(|b| &*b.name).collect()
}

fn pairs<'n>(bodies: &'n [Department<'_>]) -> Vec<(&'n str, &'n str)> {
    bodies.iter().map(|b| (&*b.name, &*b.written)).collect()
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn counts() {
    let n = &*NOTICE;
    assert_eq!(n.tasks.len(), 180);
    assert_eq!(
        n.tasks.iter().map(|t| t.number).collect::<Vec<_>>(),
        (1..=180).collect::<Vec<_>>()
    );
    assert_eq!(n.sections.len(), 12);
    assert_eq!(n.requirements.len(), 3);
    assert_eq!(n.livelihood_projects.len(), 29);
    let mut categories: Vec<u32> = n.livelihood_projects.iter().map(|p| p.category).collect();
    categories.dedup();
    assert_eq!(categories, (1..=10).collect::<Vec<_>>());
    assert!(n.diagnostics.is_empty(), "{:#?}", n.diagnostics);
}

// Rule 1: text is the notice's own words, page-break pieces joined, PDF spacing removed.
/// Each task's lists take the room their items need and no more (a notice
/// a hundred times this one holds 13 MB of records; lists grown a push at a
/// time held 17.5): the 2023 notice's 746 measures, 207 leaders and 1,143
/// departments.
#[test]
fn lists_fit_their_items() {
    let (mut measures, mut leaders, mut departments) = (0, 0, 0);
    for t in &NOTICE.tasks {
        assert_eq!(t.measures.capacity(), t.measures.len(), "task {}", t.number);
        assert_eq!(t.leaders.capacity(), t.leaders.len(), "task {}", t.number);
        let d = t
            .departments
            .as_ref()
            .expect("every 2023 task has a clause");
        assert_eq!(d.lead.capacity(), d.lead.len(), "task {}", t.number);
        assert_eq!(d.support.capacity(), d.support.len(), "task {}", t.number);
        measures += t.measures.len();
        leaders += t.leaders.len();
        departments += d.lead.len() + d.support.len();
    }
    assert_eq!((measures, leaders, departments), (746, 207, 1143));
}

#[test]
fn text_is_rejoined_and_despaced() {
    // '11. 全省…均完成' / blank / '国家下达任务。' (lines 83–85)
    assert_eq!(
        task(11).title,
        "全省空气质量优良天数比率和地表水水质优良率均完成国家下达任务。"
    );
    assert_eq!((task(11).lines.first, task(11).lines.last), (83, 89));
    // '地区生产总值增长 5% 以上。'
    assert_eq!(task(1).title, "地区生产总值增长5%以上。");
    // mid-word break '澳车北' / '上”' (lines 103–105)
    assert!(task(13)
        .measures
        .contains(&"进一步落实“澳车北上”，推动“港车北上”落地实施。".into()));
    // a continuation that starts with digits is not a task (lines 629–631)
    assert!(task(72)
        .measures
        .contains(&"新增20个全国“一村一品”示范村镇。".into()));
    // whitespace between non-CJK words stays: 'RE-ITs'
    assert!(task(103)
        .measures
        .iter()
        .any(|m| m.contains("做实基础设施RE-ITs（不动产投资信托基金）项目库")));
    // a page break right after a '。' (lines 413–415) still continues the measures
    assert_eq!(
        task(48).measures[3],
        "组织第十二届中国创新创业大赛（广东赛区）。"
    );
    // a clause broken mid-name: '…省并联审批专班、驻' / '京工作组等配合。'
    let clause = &task(54).departments.as_ref().unwrap().text;
    assert!(
        clause.ends_with("省并联审批专班、驻京工作组等配合。"),
        "{clause}"
    );
}

// Rule 2: measures split into sentences, joined back they are the whole text.
#[test]
fn measures_are_sentences() {
    assert_eq!(
        task(53).measures,
        [
            "实施同线同标同质工程。",
            "支持检验检测认证机构为企业提供一站式服务，优化出口转内销强制性产品认证程序。",
            "开展不少于100场“粤贸全国”线上、线下经贸活动，发动不少于1万家次的广东企业参加。",
        ]
    );
    for number in 1..=11 {
        assert_eq!(task(number).measures, Vec::<String>::new(), "task {number}");
    }
    // '《关于深入推进绿美广东生态建设的决定〉' and similar: no split inside brackets
    let t111 = task(111);
    assert!(t111.measures[0].starts_with(
        "制定《关于贯彻落实中共广东省委〈关于深入推进绿美广东生态建设的决定〉的实施方案》"
    ));
    // task 98's title has no final '。'
    assert_eq!(task(98).title, "深入推进数字政府建设");
    assert_eq!(task(98).measures.len(), 4);
}

// Whatever follows a stop — Latin, Greek, a four-byte character — is read as
// a character, never as part of a mark (found by review: '3@K' and 'ϼɀ' hold
// byte triples that read as '》' and '”' when taken for CJK characters).
#[test]
fn any_character_may_follow_a_stop() {
    for after in ["3@K", "ϼɀ", "\u{80740}", "A”"] {
        let text = SOURCE.replacen(
            "实施同线同标同质工程。",
            &format!("实施同线同标同质工程。{after}"),
            1,
        );
        let notice = fengong::parse(&text).expect("a damaged copy still reads");
        let measures = &notice.tasks[52].measures;
        assert_eq!(measures[0], "实施同线同标同质工程。", "{after:?}");
        assert!(measures[1].starts_with(after), "{after:?}: {measures:?}");
        assert_eq!(
            measures.concat(),
            task(53)
                .measures
                .concat()
                .replacen('。', &format!("。{after}"), 1)
        );
    }
}

// Owned records: `Notice<'static>` reads from any JSON reader (it is
// `DeserializeOwned`), and `into_owned` frees a reading from its text.
#[test]
fn owned_records() {
    fn deserialize_owned<T: serde::de::DeserializeOwned>(json: &[u8]) -> T {
        serde_json::from_reader(json).expect("reads back")
    }
    let owned: fengong::Notice<'static> = {
        let text = SOURCE.to_string();
        fengong::parse(&text).expect("parses").into_owned()
    };
    let json = serde_json::to_vec(&owned).expect("writes");
    let back: fengong::Notice<'static> = deserialize_owned(&json);
    assert_eq!(back, owned);
    assert_eq!(back.tasks[52].leaders, ["张新", "吕玉印"]);
}

// Rule 3: leaders split at '、', padding removed.
#[test]
fn leaders_are_names() {
    assert_eq!(task(72).leaders, ["王曦", "孙志洋", "冯玲", "陈良贤"]);
    assert_eq!(task(1).leaders, ["张虎"]);
    assert_eq!(NOTICE.livelihood_projects[0].leaders, ["王曦"]); // '王 曦'
}

// Rule 4: the department clause read as a grammar.
#[test]
fn division_modes() {
    let modes = |mode: Mode| -> Vec<u32> {
        NOTICE
            .tasks
            .iter()
            .filter(|t| t.departments.as_ref().unwrap().mode == mode)
            .map(|t| t.number)
            .collect()
    };
    assert_eq!(modes(Mode::LeadOnly), [91, 105, 106]);
    assert_eq!(modes(Mode::Joint), [72, 118, 119]);
    assert_eq!(modes(Mode::LeadSupport).len(), 174);
    let joint = task(72).departments.as_ref().unwrap();
    assert_eq!(
        names(&joint.lead),
        [
            "省住房城乡建设厅",
            "省科技厅",
            "省文化和旅游厅",
            "省农业农村厅"
        ]
    );
    assert!(joint.support.is_empty());
}

#[test]
fn division_of_task_53_as_in_the_contract() {
    let d = task(53).departments.as_ref().unwrap();
    assert_eq!(d.mode, Mode::LeadSupport);
    assert_eq!(
        pairs(&d.lead),
        [("省商务厅", "省商务厅"), ("省市场监管局", "市场监管局")]
    );
    assert_eq!(
        pairs(&d.support),
        [
            ("省工业和信息化厅", "省工业和信息化厅"),
            ("海关总署广东分署", "海关总署广东分署")
        ]
    );
    assert_eq!(
        d.text,
        "省商务厅、市场监管局牵头，省工业和信息化厅，海关总署广东分署等配合。"
    );
}

#[test]
fn division_queries_use_the_expanded_names() {
    let d = task(53).departments.as_ref().unwrap();
    let bodies: Vec<String> = d.bodies().map(|b| b.to_string()).collect();
    assert_eq!(
        bodies,
        [
            "省商务厅",
            "省市场监管局",
            "省工业和信息化厅",
            "海关总署广东分署"
        ]
    );
    assert!(d.leads("省市场监管局") && !d.leads("市场监管局"));
    assert!(!d.leads("海关总署广东分署"));
    assert!(d.supports("海关总署广东分署") && d.supports("省工业和信息化厅"));
    assert!(!d.supports("省商务厅") && !d.supports("工业和信息化厅"));
    // over the whole notice: every body is named by exactly one of the two
    for t in &NOTICE.tasks {
        let d = t.departments.as_ref().unwrap();
        assert_eq!(d.bodies().count(), d.lead.len() + d.support.len());
        for b in d.bodies() {
            assert_ne!(
                d.leads(&b.name),
                d.supports(&b.name),
                "task {}: {b}",
                t.number
            );
        }
    }
}

#[test]
fn names_share_the_first_names_head() {
    let d14 = task(14).departments.as_ref().unwrap();
    assert_eq!(
        pairs(&d14.lead),
        [
            ("省发展改革委", "省发展改革委"),
            ("省交通运输厅", "交通运输厅")
        ]
    );
    let d23 = task(23).departments.as_ref().unwrap();
    assert_eq!(
        pairs(&d23.support)[..2],
        [("省委组织部", "省委组织部"), ("省委编办", "编办")]
    );
    let d22 = task(22).departments.as_ref().unwrap();
    let groups = &names(&d22.support)[9..12];
    assert_eq!(groups, ["省机场集团", "省交通集团", "省铁投集团"]);
}

#[test]
fn names_with_their_own_head_keep_it() {
    let d150 = task(150).departments.as_ref().unwrap();
    assert_eq!(names(&d150.support)[3..], ["团省委", "省妇联", "省残联"]);
    let d48 = task(48).departments.as_ref().unwrap();
    assert!(names(&d48.support)
        .windows(2)
        .any(|w| w == ["人民银行广州分行", "广东银保监局"]));
    let d19 = task(19).departments.as_ref().unwrap();
    assert_eq!(
        names(&d19.lead),
        ["省发展改革委", "横琴粤澳深度合作区执委会"]
    );
    assert_eq!(names(&d19.support)[10..], ["海关总署广东分署", "省税务局"]);
}

#[test]
fn shared_tails_are_distributed() {
    let d12 = task(12).departments.as_ref().unwrap();
    assert_eq!(
        pairs(&d12.support)[..2],
        [("深圳市政府", "深圳"), ("珠海市政府", "珠海市政府")]
    );
    let d178 = task(178).departments.as_ref().unwrap();
    assert_eq!(
        pairs(&d178.support),
        [
            ("省安委会成员单位", "省安委会"),
            ("省减灾委成员单位", "减灾委成员单位")
        ]
    );
}

#[test]
fn several_lead_groups() {
    let d93 = task(93).departments.as_ref().unwrap();
    assert_eq!(
        names(&d93.lead),
        ["省发展改革委", "广州市政府", "深圳市政府"]
    );
    assert_eq!(
        names(&d93.support),
        ["省政府办公厅", "省司法厅", "省政务服务数据管理局"]
    );
}

#[test]
fn collective_entries_stay_whole() {
    assert_eq!(
        names(&task(1).departments.as_ref().unwrap().support),
        ["各地", "各部门"]
    );
    assert_eq!(
        names(&task(37).departments.as_ref().unwrap().support),
        ["各地级以上市政府"]
    );
    assert_eq!(
        names(&task(17).departments.as_ref().unwrap().support),
        ["省推进粤港澳大湾区建设领导小组港澳青年创新创业基地建设专项小组成员单位"]
    );
    assert_eq!(
        names(&task(130).departments.as_ref().unwrap().support),
        ["长征国家文化公园（广东段）建设工作领导小组成员单位"]
    );
}

// Rule 5: every part in order, with its tasks.
#[test]
fn sections_hold_their_tasks() {
    let s = &NOTICE.sections;
    assert_eq!(
        s.iter().map(|s| s.number).collect::<Vec<_>>(),
        (1..=12).collect::<Vec<_>>()
    );
    let spans: Vec<(u32, u32)> = s[..11]
        .iter()
        .map(|s| (*s.tasks.first().unwrap(), *s.tasks.last().unwrap()))
        .collect();
    assert_eq!(
        spans,
        [
            (1, 11),
            (12, 22),
            (23, 35),
            (36, 50),
            (51, 63),
            (64, 85),
            (86, 110),
            (111, 128),
            (129, 148),
            (149, 171),
            (172, 180)
        ]
    );
    assert_eq!(s[0].title, "2023年经济社会发展主要预期目标");
    assert_eq!(s[11].title, "工作要求");
    assert!(s[11].tasks.is_empty());
    assert!(s[11]
        .intro
        .as_deref()
        .unwrap()
        .starts_with("2023年是全面贯彻落实党的二十大精神开局之年。"));
    assert!(s[11]
        .intro
        .as_deref()
        .unwrap()
        .ends_with("走在全国前列、创造新的辉煌。"));
    assert_eq!(NOTICE.tasks.iter().filter(|t| t.section == 7).count(), 25);
}

#[test]
fn requirements() {
    let r = &NOTICE.requirements;
    let titles: Vec<&str> = r.iter().map(|r| &*r.title).collect();
    assert_eq!(
        titles,
        [
            "强化担当，主动作为",
            "攻坚克难，合力推进",
            "狠抓进度，定期报告"
        ]
    );
    assert!(r[0].text.starts_with("各地、各部门要高度重视，"));
    assert!(r[0].text.ends_with("备案。"));
    // (三) is broken by a page end: '…于每月第3个工作日前报' / '送省政府督查室。'
    assert!(r[2].text.contains("于每月第3个工作日前报送省政府督查室。"));
    assert_eq!((r[2].lines.first, r[2].lines.last), (1577, 1579));
}

// Rule 6: the annex, one record per numbered row.
#[test]
fn livelihood_projects() {
    let p = &NOTICE.livelihood_projects;
    assert_eq!(
        p.iter().map(|p| p.number).collect::<Vec<_>>(),
        (1..=29).collect::<Vec<_>>()
    );
    let first = &p[0];
    assert_eq!(
        first.category_title,
        "深入实施“粤菜师傅”“广东技工”“南粤家政”三项工程"
    );
    assert_eq!(first.task, "开展“粤菜师傅”培训4万人次以上。");
    assert_eq!(first.department.as_deref(), Some("省人力资源社会保障厅"));
    assert_eq!(first.principal.as_deref(), Some("杨红山"));
    assert!(first.deputies.is_empty());
    // '省卫生健康委 朱 宏 高 燕'
    assert_eq!(
        (p[4].principal.as_deref(), p[4].deputies.as_slice()),
        (Some("朱宏"), &["高燕".into()][..])
    );
    // tab-separated: '省住房城乡建设厅→张 勇→刘 玮'
    assert_eq!(
        (p[8].department.as_deref(), p[8].principal.as_deref()),
        (Some("省住房城乡建设厅"), Some("张勇"))
    );
    assert_eq!(p[8].deputies, ["刘玮"]);
    // '省药监局 江效东 王 玲'
    assert_eq!(p[18].deputies, ["王玲"]);
    let per_category: Vec<usize> = (1..=10)
        .map(|c| p.iter().filter(|r| r.category == c).count())
        .collect();
    assert_eq!(per_category, [4, 4, 3, 4, 2, 2, 2, 2, 3, 3]);
    // row 27 stands above the cell '十、提高惠企利民服务便捷度' (printed on row 28) and is 十's
    assert_eq!(
        (p[26].category, &*p[26].category_title),
        (10, "提高惠企利民服务便捷度")
    );
    assert_eq!((p[26].lines.first, p[26].lines.last), (1618, 1618));
    assert_eq!(
        NOTICE.annex.as_ref().unwrap().title,
        "2023年省十件民生实事任务分解表"
    );
}

// Rule 7: the envelope and the tail.
#[test]
fn document() {
    let d = &NOTICE.document;
    assert_eq!(d.issuer.as_deref(), Some("广东省人民政府"));
    assert_eq!(d.doc_number.as_deref(), Some("粤府〔2023〕18号"));
    assert_eq!(
        d.title.as_deref(),
        Some("广东省人民政府关于印发2023年省《政府工作报告》工作任务分工方案的通知")
    );
    assert_eq!(
        d.addressees,
        ["各地级以上市人民政府", "省政府各部门", "各直属机构"]
    );
    assert_eq!(d.year, Some(2023));
    assert_eq!(
        d.plan_title.as_deref(),
        Some("2023年省《政府工作报告》工作任务分工方案")
    );
    assert_eq!(d.signed_on, None);
    assert_eq!(d.disclosure.as_deref(), Some("主动公开"));
    assert_eq!(
        d.cc,
        [
            "省委有关部委办",
            "省人大常委会办公厅",
            "省政协办公厅",
            "省纪委监委办公厅",
            "南部战区",
            "南部战区海军",
            "南部战区空军",
            "省军区",
            "省法院",
            "省检察院",
            "省有关单位",
            "中直驻粤有关单位",
        ]
    );
    assert_eq!(d.printed_by.as_deref(), Some("广东省人民政府办公厅秘书处"));
    assert_eq!(
        d.printed_on.map(|d| d.to_string()).as_deref(),
        Some("2023-02-22")
    );
    assert!(d
        .letter
        .as_deref()
        .unwrap()
        .starts_with("《2023年省《政府工作报告》工作任务分工方案》已经省政府全体会议审议通过"));
    assert!(d
        .preamble
        .as_deref()
        .unwrap()
        .ends_with("明确分工责任，制定本方案。"));
}

#[test]
fn json_field_names_are_the_contract() {
    let json = serde_json::to_value(&*NOTICE).unwrap();
    let t = &json["tasks"][52];
    assert_eq!(t["number"], 53);
    assert_eq!(t["section"], 5);
    assert_eq!(t["departments"]["mode"], "lead_support");
    assert_eq!(t["departments"]["lead"][1]["written"], "市场监管局");
    assert_eq!(t["lines"], serde_json::json!([457, 465]));
    assert_eq!(json["document"]["printed_on"], "2023-02-22");
    assert_eq!(json["livelihood_projects"][0]["category"], 1);
    assert_eq!(json["requirements"][0]["number"], 1);
    assert_eq!(json["sections"][0]["tasks"][10], 11);
    let back: Notice = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, *NOTICE);
    // a date written otherwise than YYYY-MM-DD, or no such day, is refused
    for (date, why) in [
        ("2023-2-22", "not a YYYY-MM-DD date"),
        ("2023-02-2", "not a YYYY-MM-DD date"),
        ("23-02-22", "not a YYYY-MM-DD date"),
        ("2023-02-29", "no such day"),
    ] {
        let mut edited = json.clone();
        edited["document"]["printed_on"] = date.into();
        let err = serde_json::from_value::<Notice>(edited).unwrap_err();
        assert!(err.to_string().contains(why), "{date}: {err}");
    }
}

// Grounding: every text field occurs in the source, whitespace removed.
#[test]
fn records_are_grounded_in_the_source() {
    let source = squeezed(SOURCE);
    for t in &NOTICE.tasks {
        assert!(
            source.contains(&squeezed(&t.title)),
            "task {} title",
            t.number
        );
        assert!(
            source.contains(&squeezed(&t.measures.concat())),
            "task {} measures",
            t.number
        );
        for leader in &t.leaders {
            assert!(
                source.contains(&**leader),
                "task {} leader {leader}",
                t.number
            );
        }
        let d = t.departments.as_ref().unwrap();
        assert!(
            source.contains(&squeezed(&d.text)),
            "task {} clause",
            t.number
        );
        for body in d.lead.iter().chain(&d.support) {
            assert!(
                d.text.contains(&*body.written),
                "task {}: {} not in its clause",
                t.number,
                body.written
            );
        }
    }
    for p in &NOTICE.livelihood_projects {
        assert!(source.contains(&squeezed(&p.task)), "row {}", p.number);
        for name in p.principal.iter().chain(&p.deputies).chain(&p.leaders) {
            assert!(source.contains(&**name), "row {} name {name}", p.number);
        }
    }
    for r in &NOTICE.requirements {
        assert!(
            source.contains(&format!("{}。{}", r.title, r.text)),
            "requirement {}",
            r.number
        );
    }
}

/// Every span the records claim.
fn claimed(n: &Notice) -> Vec<(u32, u32)> {
    let mut spans = Vec::new();
    let doc = &n.document;
    spans.extend(
        doc.lines
            .iter()
            .chain(&doc.tail_lines)
            .map(|s| (s.first, s.last)),
    );
    for s in &n.sections {
        spans.push((s.lines.first, s.lines.last));
        spans.extend(s.intro_lines.iter().map(|s| (s.first, s.last)));
    }
    spans.extend(n.tasks.iter().map(|t| (t.lines.first, t.lines.last)));
    spans.extend(n.requirements.iter().map(|r| (r.lines.first, r.lines.last)));
    spans.extend(n.annex.iter().map(|a| (a.lines.first, a.lines.last)));
    spans.extend(
        n.livelihood_projects
            .iter()
            .map(|p| (p.lines.first, p.lines.last)),
    );
    spans.extend(n.diagnostics.iter().map(|d| (d.line, d.line)));
    spans
}

#[test]
fn every_line_is_in_a_record() {
    let spans = claimed(&NOTICE);
    for (i, line) in SOURCE.lines().enumerate() {
        let number = i as u32 + 1;
        if !line.trim().is_empty() {
            assert!(
                spans.iter().any(|&(a, b)| a <= number && number <= b),
                "line {number} is in no record: {line}"
            );
        }
    }
    // tasks do not overlap and follow each other
    for pair in NOTICE.tasks.windows(2) {
        assert!(
            pair[0].lines.last < pair[1].lines.first,
            "tasks {} and {}",
            pair[0].number,
            pair[1].number
        );
    }
}

#[test]
fn small_notice_of_three_tasks() {
    let text = include_str!("../fixtures/small/three-tasks.txt");
    let n = fengong::parse(text).unwrap();
    assert!(n.diagnostics.is_empty(), "{:#?}", n.diagnostics);
    assert_eq!(n.document.doc_number.as_deref(), Some("粤府〔2024〕9号"));
    assert_eq!(n.document.year, Some(2024));
    assert_eq!(n.document.cc, ["省委有关部委办", "省法院", "省检察院"]);
    assert_eq!(n.tasks.len(), 3);
    assert_eq!(n.tasks[1].title, "推进横琴、前海、南沙三大平台建设。");
    assert_eq!(n.tasks[1].leaders, ["张虎", "王曦"]);
    let d = n.tasks[1].departments.as_ref().unwrap();
    assert_eq!(
        names(&d.support),
        ["深圳市政府", "珠海市政府", "省委组织部", "省委编办"]
    );
    assert_eq!(n.tasks[2].departments.as_ref().unwrap().mode, Mode::Joint);
    assert_eq!(
        names(&n.tasks[2].departments.as_ref().unwrap().lead),
        ["省政务服务数据管理局", "省科技厅"]
    );
    assert_eq!(
        n.sections
            .iter()
            .map(|s| s.tasks.clone())
            .collect::<Vec<_>>(),
        [vec![1], vec![2, 3]]
    );
}

#[test]
fn missing_fields_are_diagnosed_with_their_lines() {
    let text = include_str!("../fixtures/small/missing-fields.txt");
    let n = fengong::parse(text).unwrap();
    let found: Vec<(Code, u32, Option<u32>)> = n
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.task))
        .collect();
    assert_eq!(
        found,
        [
            (Code::Envelope, 1, None),     // no number or title before the plan title
            (Code::Unrecognized, 5, None), // '分管省领导：张虎' before any task
            (Code::MissingLeaders, 7, Some(1)), // task 1, lines 7–9
            (Code::MissingDivision, 11, Some(2)), // task 2
            (Code::DivisionGrammar, 19, Some(3)), // '省商务厅负责落实。'
            (Code::TaskNumber, 21, Some(5)), // 5 after 3
            (Code::Unrecognized, 31, None), // a line after the tail
        ]
    );
    // JSON names the task where there is one, and leaves the key out where not
    let json = serde_json::to_value(&n.diagnostics).unwrap();
    assert_eq!(json[2]["task"], 1);
    assert!(json[1].get("task").is_none());
    let unparsed = n.tasks[2].departments.as_ref().unwrap();
    assert_eq!(
        (unparsed.mode, &*unparsed.text),
        (Mode::Unparsed, "省商务厅负责落实。")
    );
    assert_eq!(
        n.tasks.iter().map(|t| t.number).collect::<Vec<_>>(),
        [1, 2, 3, 5]
    );
}

#[test]
fn not_a_notice_is_an_error() {
    let err = fengong::parse(include_str!("../fixtures/small/not-a-notice.txt")).unwrap_err();
    assert!(matches!(err, fengong::Error::NotANotice { .. }), "{err:?}");
    assert_eq!(fengong::parse("").unwrap_err(), fengong::Error::Empty);
    assert_eq!(
        fengong::parse(" \n\u{3000}\n").unwrap_err(),
        fengong::Error::WhitespaceOnly
    );
}

/// The fixture in traditional characters, as far as the labels and a few
/// common words go (the portal's 繁體版): refused, and the refusal names
/// the first traditional label's line. Without such a label the reason is
/// the plain one.
#[test]
fn a_copy_in_traditional_characters_is_refused_with_its_script_named() {
    let traditional: String = SOURCE
        .chars()
        .map(|c| match c {
            '领' => '領',
            '导' => '導',
            '门' => '門',
            '头' => '頭',
            '务' => '務',
            '发' => '發',
            c => c,
        })
        .collect();
    let first_label = SOURCE
        .lines()
        .position(|l| l.contains("分管省领导"))
        .unwrap()
        + 1;
    assert_eq!(first_label, 25);
    let err = fengong::parse(&traditional).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a task-division notice: no numbered task carrying 分管省领导 or 部门分工; \
         line 25 has '分管省領導' in traditional characters (繁體): convert the text to \
         simplified characters first"
    );
    // only the division label traditional: it is the one named
    let division_only = SOURCE
        .replace("分管省领导", "分管")
        .replace("部门分工", "部門分工");
    let err = fengong::parse(&division_only).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("line 27 has '部門分工' in traditional characters (繁體): convert the text to simplified characters first"),
        "{err}"
    );
    let plain = fengong::parse(include_str!("../fixtures/small/not-a-notice.txt")).unwrap_err();
    assert_eq!(
        plain.to_string(),
        "not a task-division notice: no numbered task carrying 分管省领导 or 部门分工"
    );
}

/// The input lines of a span, whitespace removed.
fn span_text(first: u32, last: u32) -> String {
    let lines: Vec<&str> = SOURCE.lines().collect();
    squeezed(&lines[first as usize - 1..last as usize].concat())
}

// Exactness: each task's record, put back together, is every character of
// its input lines (whitespace aside) — nothing lost, nothing invented.
#[test]
fn tasks_reconstruct_their_lines() {
    for t in &NOTICE.tasks {
        let d = t.departments.as_ref().unwrap();
        let measures = if t.measures.is_empty() {
            String::new()
        } else {
            format!("工作措施：{}", t.measures.concat())
        };
        let rebuilt = format!(
            "{}.{}{measures}分管省领导：{}部门分工：{}",
            t.number,
            t.title,
            t.leaders.join("、"),
            d.text
        );
        assert_eq!(
            squeezed(&rebuilt),
            span_text(t.lines.first, t.lines.last),
            "task {}",
            t.number
        );
    }
}

#[test]
fn annex_rows_reconstruct_their_lines() {
    for p in &NOTICE.livelihood_projects {
        let people: String = p
            .department
            .iter()
            .chain(&p.principal)
            .chain(&p.deputies)
            .map(|name| &**name)
            .collect();
        let rebuilt = format!(
            "{}{}{}{people}",
            p.number,
            squeezed(&p.task),
            p.leaders.concat()
        );
        let line = span_text(p.lines.first, p.lines.last);
        assert!(
            line.ends_with(&rebuilt),
            "row {}: {line} vs {rebuilt}",
            p.number
        );
    }
}

/// Content that once passed `check` unnoticed: each now has its diagnostic.
/// (These pieces have no envelope; its `envelope` warning is left out.)
#[test]
fn silent_misreadings_are_diagnosed() {
    let codes = |text: &str| -> Vec<(Code, u32)> {
        let n = fengong::parse(text).unwrap();
        let found = n.diagnostics.iter().filter(|d| d.code != Code::Envelope);
        found.map(|d| (d.code, d.line)).collect()
    };
    let task = "1. 任务。\n分管省领导：张虎\n部门分工：省财政厅牵头。\n";
    let tail = "公开方式：主动公开\n抄送：省法院，省检察院。\n广东省人民政府办公厅秘书处\n2024年2月20日印发\n";
    // an empty 分管省领导, reported where the label stands
    let empty = format!("1. 任务。\n分管省领导：\n部门分工：省财政厅牵头。\n{tail}");
    assert_eq!(codes(&empty), [(Code::MissingLeaders, 2)]);
    // a cc list without its final '。' swallows the printing office
    let open_cc =
        format!("{task}抄送：省法院，省检察院\n广东省人民政府办公厅秘书处\n2024年2月20日印发\n");
    assert_eq!(codes(&open_cc), [(Code::Tail, 5)]);
    // text after a second annex heading is not the first annex's title
    let second = format!("{task}附件：分解表\n附件：另一表\n补充说明文字\n{tail}");
    let n = fengong::parse(&second).unwrap();
    assert_eq!(n.annex.as_ref().unwrap().title, "分解表");
    // and the first annex, left with no rows, says so
    assert_eq!(
        codes(&second),
        [
            (Code::AnnexRow, 4),
            (Code::Unrecognized, 5),
            (Code::Unrecognized, 6)
        ]
    );
    // a category cell that is not numbered '一、…'
    let rows = "附件：分解表\n一、就业\t1\t培训。\t王曦\t省人力资源社会保障厅 杨红山\n住房\t2\t补贴。\t孙志洋\t省住房城乡建设厅 张勇\n";
    let odd = format!("{task}{rows}{tail}");
    assert_eq!(codes(&odd), [(Code::AnnexCategory, 6)]);
    // a tail line given twice
    let twice = format!("{task}{tail}2024年2月21日印发\n");
    assert_eq!(codes(&twice), [(Code::DuplicateField, 8)]);
}

/// Each of these notices is read, and the one diagnostic beside the
/// envelope's says in words what went wrong.
#[test]
fn diagnostics_say_what_went_wrong() {
    let said = |text: &str| -> Vec<(Code, u32, String)> {
        let n = fengong::parse(text).unwrap();
        let found = n.diagnostics.iter().filter(|d| d.code != Code::Envelope);
        found.map(|d| (d.code, d.line, d.message.clone())).collect()
    };
    let task = "1. 任务。\n分管省领导：张虎\n部门分工：省财政厅牵头。\n";
    let tail = "公开方式：主动公开\n抄送：省法院，省检察院。\n广东省人民政府办公厅秘书处\n2024年2月20日印发\n";
    let no_rows = (
        Code::AnnexRow,
        4,
        "the annex '分解表' has no rows".to_string(),
    );
    let cases = [
        (
            format!("{task}附件：分解表\n附件：分解表\n{tail}"),
            vec![
                no_rows.clone(),
                (Code::Unrecognized, 5, "the annex heading repeats".into()),
            ],
        ),
        (
            format!("{task}附件：分解表\n附件：另一表\n{tail}"),
            vec![
                no_rows,
                (
                    Code::Unrecognized,
                    5,
                    "a second annex: only the first is read".into(),
                ),
            ],
        ),
        // the last task whole, the closing lines missing
        (
            task.to_string(),
            vec![(
                Code::Truncated,
                3,
                "the input ends without the notice's closing lines (公开方式, 抄送, …印发)".into(),
            )],
        ),
        // the last task without its 部门分工
        (
            "1. 任务。\n分管省领导：张虎\n".to_string(),
            vec![
                (Code::MissingDivision, 1, "task 1 has no 部门分工".into()),
                (Code::Truncated, 2, "the input ends inside task 1".into()),
            ],
        ),
        // whole: nothing to say
        (format!("{task}{tail}"), vec![]),
        // a second cc list and office after the closing line: the office
        // already read stays, the second is reported
        (
            format!("{task}{tail}抄送：省法院。\n省政府办公厅秘书处\n"),
            vec![
                (
                    Code::DuplicateField,
                    8,
                    "a line of the tail given twice; the last is kept".into(),
                ),
                (
                    Code::Unrecognized,
                    9,
                    "line fits no construct of the notice".into(),
                ),
            ],
        ),
    ];
    for (text, expected) in &cases {
        assert_eq!(said(text), *expected, "{text}");
    }
    let twice = fengong::parse(&cases[5].0).unwrap();
    assert_eq!(
        twice.document.printed_by.as_deref(),
        Some("广东省人民政府办公厅秘书处")
    );
}

/// JSON written before a section's heading became a span (`"line": 91`)
/// still reads, into the same records.
#[test]
fn sections_written_with_one_line_still_read() {
    let mut json = serde_json::to_value(&*NOTICE).unwrap();
    for section in json["sections"].as_array_mut().unwrap() {
        let section = section.as_object_mut().unwrap();
        let lines = section.remove("lines").unwrap();
        section.insert("line".to_string(), lines[0].clone());
    }
    assert_eq!(json["sections"][1]["line"], 91);
    let read: fengong::Notice<'static> = serde_json::from_value(json).unwrap();
    assert_eq!(read, *NOTICE);
}

// The lookups a tracking system needs, each checked against a reading of
// the source made here without the library.

/// The names on every '分管省领导：' line of the source, by task number.
fn leaders_by_task_in_source() -> Vec<(u32, Vec<String>)> {
    let mut number = 0;
    let mut found = Vec::new();
    for line in SOURCE.lines() {
        let head = line.split(". ").next().unwrap_or("");
        if !head.is_empty() && head.len() <= 3 && head.bytes().all(|b| b.is_ascii_digit()) {
            number = head.parse().unwrap();
        }
        if let Some(names) = line.strip_prefix("分管省领导：") {
            found.push((number, names.split('、').map(str::to_string).collect()));
        }
    }
    found
}

#[test]
fn lookups_agree_with_the_source() {
    let in_source = leaders_by_task_in_source();
    assert_eq!(in_source.len(), 180);
    for leader in ["王曦", "张虎", "张新", "孙志洋", "吕玉印", "陈良贤"] {
        let expected: Vec<u32> = in_source
            .iter()
            .filter(|(_, names)| names.iter().any(|n| n == leader))
            .map(|(number, _)| *number)
            .collect();
        let got: Vec<u32> = NOTICE
            .tasks_supervised_by(leader)
            .map(|t| t.number)
            .collect();
        assert_eq!(got, expected, "{leader}");
    }
    assert_eq!(NOTICE.tasks_supervised_by("王曦").count(), 33);
    // every task by its number, and by each of its lines
    for t in &NOTICE.tasks {
        assert_eq!(NOTICE.task(t.number), Some(t));
        for line in t.lines {
            assert_eq!(NOTICE.task_at(line).map(|t| t.number), Some(t.number));
        }
    }
    assert_eq!((NOTICE.task(0), NOTICE.task(181)), (None, None));
    assert_eq!(NOTICE.task_at(0), None);
    // names made on the spot: the tasks found outlive them
    let mut found = Vec::new();
    for short in ["财政厅", "商务厅"] {
        let name = format!("省{short}");
        found.extend(NOTICE.tasks_led_by(&name));
    }
    assert_eq!(found.len(), 6 + NOTICE.tasks_led_by("省商务厅").count());
    // tasks out of order (a notice built by hand, or JSON reordered)
    let mut reversed = NOTICE.clone();
    reversed.tasks.reverse();
    for t in &NOTICE.tasks {
        assert_eq!(
            reversed.task_at(t.lines.first).map(|t| t.number),
            Some(t.number)
        );
    }
    // before task 1 (line 23) and inside the annex: no task
    assert_eq!(NOTICE.task_at(22), None);
    let annex = NOTICE.annex.as_ref().unwrap();
    assert_eq!(NOTICE.task_at(annex.lines.last), None);
    // the sections by number, with the tasks under them
    for s in &NOTICE.sections {
        assert_eq!(NOTICE.section(s.number), Some(s));
        for n in &s.tasks {
            assert_eq!(NOTICE.task(*n).unwrap().section, s.number);
        }
    }
}

#[test]
fn a_record_quotes_its_lines_of_the_source() {
    let lines: Vec<&str> = SOURCE.lines().collect();
    for t in &NOTICE.tasks {
        let quoted: Vec<&str> = t.lines.quote(SOURCE).collect();
        let expected: Vec<&str> = lines[t.lines.first as usize - 1..t.lines.last as usize]
            .iter()
            .map(|l| l.trim())
            .collect();
        assert_eq!(quoted, expected, "task {}", t.number);
    }
    // task 53 as the notice prints it, broken by a page end (lines 457–459)
    let quoted: Vec<&str> = task(53).lines.quote(SOURCE).collect();
    assert_eq!(
        quoted[..3],
        [
            "53. 推进内外贸产品同线同标同质，开展“粤贸全国”经贸",
            "",
            "活动。"
        ]
    );
    // old Mac line ends: str::lines sees one line, the reader's numbering many
    let mac = SOURCE.replace('\n', "\r");
    let from_mac = fengong::parse(&mac).unwrap();
    let t = from_mac.task(53).unwrap();
    assert_eq!(t.lines, task(53).lines);
    assert_eq!(t.lines.quote(&mac).next(), Some(quoted[0]));
    // and so does such a file that an editor gave one final '\n'
    let mac_lf = format!("{mac}\n");
    let from_mac_lf = fengong::parse(&mac_lf).unwrap();
    assert_eq!(from_mac_lf.tasks, from_mac.tasks);
    assert!(from_mac_lf.diagnostics.is_empty());
    // a span past the end quotes what there is
    let last = lines.len() as u32;
    assert_eq!(
        fengong::LineSpan::new(last, last + 5).quote(SOURCE).count(),
        1
    );
}

#[test]
fn records_build_by_hand_and_read_back_from_short_json() {
    let mut t = Task::default();
    t.number = 7;
    t.title = "居民人均可支配收入增长与经济增长基本同步。".into();
    t.leaders = vec!["张虎".into()];
    let mut division = fengong::Division::parse("省人力资源社会保障厅牵头");
    division.support.push(Department::new("省统计局", "统计局"));
    t.departments = Some(division);
    assert_eq!(t.departments.as_ref().unwrap().mode, Mode::LeadOnly);
    let mut notice = Notice::default();
    notice.tasks.push(t.clone());
    assert_eq!(notice.task(7), Some(&t));
    assert_eq!(notice.tasks_supported_by("省统计局").count(), 1);
    // lists that are empty may be left out of JSON read back
    let short = r#"{"document":{},"sections":[],"tasks":[
        {"number":7,"section":1,"title":"居民人均可支配收入增长与经济增长基本同步。",
         "departments":null,"lines":[39,43]}]}"#;
    let read: Notice = serde_json::from_str(short).unwrap();
    let t = &read.tasks[0];
    assert_eq!((t.number, t.measures.len(), t.leaders.len()), (7, 0, 0));
    assert_eq!(t.lines, fengong::LineSpan::new(39, 43));
    // every list of every record may be left out
    let lists_left_out = r#"{"document":{},"sections":[{"number":1,"title":"目标","lines":[21,21]}],
        "tasks":[{"number":7,"section":1,"title":"t","lines":[39,43],
                  "departments":{"mode":"unparsed","text":"x"}}],
        "livelihood_projects":[{"number":1,"category":1,"category_title":"c","task":"t",
                  "department":null,"principal":null,"lines":[1590,1590]}]}"#;
    let read: Notice = serde_json::from_str(lists_left_out).unwrap();
    assert!(read.sections[0].tasks.is_empty() && read.livelihood_projects[0].leaders.is_empty());
    assert_eq!(
        read.tasks[0].departments.as_ref().unwrap().mode,
        Mode::Unparsed
    );
    let bare: Notice = serde_json::from_str(r#"{"document":{}}"#).unwrap();
    assert_eq!(bare, Notice::default());
    // but a record's own fields may not
    let no_title =
        r#"{"document":{},"sections":[],"tasks":[{"number":7,"section":1,"lines":[39,43]}]}"#;
    let err = serde_json::from_str::<Notice>(no_title).unwrap_err();
    assert!(err.to_string().contains("missing field `title`"), "{err}");
}
