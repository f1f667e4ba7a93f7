//! Narrative claims read from the four real samples, checked against figures read by hand.

use budget_model::{
    format_value, Claim, Code, Fund, Measure, Subject, ThreePublicItem, TotalKind, Unit,
};
use budget_parse::claims::extract_claims;
use budget_parse::text::{lines, TextLine};

const SAMPLES: [&str; 4] = [
    "000_ae56c58d42acd4fc.txt",
    "002_a82d126008b6a810.txt",
    "003_da13a1aa64cf934e.txt",
    "004_564002215bad1a4c.txt",
];

fn sample(name: &str) -> String {
    let path = format!(
        "{}/../../../shared/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The narrative lines: for this test, table lines are simply those with `|` or a tab.
fn narrative(text: &str) -> Vec<TextLine<'_>> {
    lines(text)
        .into_iter()
        .filter(|l| !l.text.contains('|') && !l.text.contains('\t'))
        .collect()
}

fn claims_of(name: &str, unit: Unit) -> Vec<Claim> {
    extract_claims(&narrative(&sample(name)), unit)
}

fn total(kind: TotalKind) -> Subject {
    Subject::Total(kind)
}

fn code(c: &str) -> Subject {
    Subject::Code(Code::parse(c).expect("a code"))
}

fn three_public(item: ThreePublicItem) -> Subject {
    Subject::ThreePublic(item)
}

/// `Decrease 131.10万元 13.9%`, `Unchanged`, empty for no change.
fn change(claim: &Claim) -> String {
    let Some(c) = &claim.change else {
        return String::new();
    };
    let mut out = format!("{:?}", c.direction);
    if let Some(a) = c.amount {
        out.push_str(&format!(" {a}"));
    }
    if let Some(p) = c.percent {
        out.push_str(&format!(" {}%", format_value(p.value, p.decimals)));
    }
    out
}

fn share(claim: &Claim) -> String {
    claim
        .share
        .map(|p| format!("{}%", format_value(p.value, p.decimals)))
        .unwrap_or_default()
}

/// Asserts that some claim has this subject and amount (`812.07万元`), and, when given, this
/// change and this share.
fn assert_claim(
    claims: &[Claim],
    subject: Subject,
    amount: &str,
    want_change: Option<&str>,
    want_share: Option<&str>,
) {
    let candidates: Vec<&Claim> = claims.iter().filter(|c| c.subject == subject).collect();
    let found = candidates.iter().any(|c| {
        c.amount.map(|a| a.to_string()).unwrap_or_default() == amount
            && want_change.is_none_or(|w| change(c) == w)
            && want_share.is_none_or(|w| share(c) == w)
    });
    let seen: Vec<String> = candidates
        .iter()
        .map(|c| {
            let amount = c.amount.map(|a| a.to_string()).unwrap_or_default();
            format!("{amount} | {} | {}", change(c), share(c))
        })
        .collect();
    assert!(
        found,
        "{subject:?} {amount} {want_change:?} {want_share:?} not found; claims about it: {seen:#?}"
    );
}

#[test]
fn nanchang_000() {
    let claims = claims_of(SAMPLES[0], Unit::WanYuan);
    use TotalKind::*;
    let c = &claims;
    assert_claim(
        c,
        total(Income),
        "812.07万元",
        Some("Decrease 131.10万元 13.9%"),
        None,
    );
    assert_claim(
        c,
        total(Expenditure),
        "812.07万元",
        Some("Decrease 131.10万元 13.9%"),
        None,
    );
    assert_claim(
        c,
        total(FiscalIncome),
        "809.97万元",
        Some("Decrease 133.20万元"),
        None,
    );
    assert_claim(
        c,
        total(CarryOver),
        "2.10万元",
        Some("Increase 2.10万元"),
        None,
    );
    assert_claim(
        c,
        total(FiscalExpenditure),
        "809.97万元",
        Some("Decrease 133.20万元 14.1%"),
        None,
    );
    assert_claim(
        c,
        total(Basic),
        "627.27万元",
        Some("Decrease 133.20万元"),
        None,
    );
    assert_claim(
        c,
        total(Project),
        "184.80万元",
        Some("Increase 2.10万元"),
        None,
    );
    assert_claim(
        c,
        total(Project),
        "182.70万元",
        Some("Unchanged 0.00万元"),
        None,
    );
    // Split as "0.63 万" / "" / "元、资本性支出" by the extraction.
    assert_claim(c, code("303"), "0.63万元", Some(""), None);
    assert_claim(
        c,
        code("208"),
        "756.56万元",
        Some("Decrease 121.70万元"),
        None,
    );
    assert_claim(
        c,
        code("302"),
        "231.31万元",
        Some("Decrease 10.78万元"),
        None,
    );
    assert_claim(c, code("310"), "0.00万元", Some("Decrease 7.85万元"), None);
    assert_claim(
        c,
        three_public(ThreePublicItem::Total),
        "8.00万元",
        None,
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::Abroad),
        "0.00万元",
        Some("Unchanged"),
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::Reception),
        "8.00万元",
        Some("Decrease 2.00万元"),
        None,
    );
    assert_claim(
        c,
        Subject::Other("单位政府采购预算总额".into()),
        "26.20万元",
        None,
        None,
    );
}

#[test]
fn nanchang_000_contexts() {
    let claims = claims_of(SAMPLES[0], Unit::WanYuan);
    let fiscal = claims
        .iter()
        .find(|c| c.subject == total(TotalKind::FiscalExpenditure))
        .expect("the fiscal expenditure claim");
    let heading = fiscal.headings.last().map_or("", String::as_str);
    assert!(heading.ends_with("财政拨款支出情况"), "{heading}");
    assert_eq!(fiscal.fund, Some(Fund::Fiscal));
    // 工资福利支出 580.13 inside 基本支出 is marked as a part; the one by economic class is not.
    let wages: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.subject == code("301") && c.change.is_none())
        .collect();
    assert!(!wages.is_empty());
    for w in wages {
        assert_eq!(w.part_of, Some(total(TotalKind::Basic)), "{w:#?}");
    }
    let whole = claims
        .iter()
        .find(|c| c.subject == code("301") && c.change.is_some())
        .expect("工资福利支出 by economic class");
    assert_eq!(whole.part_of, None);
}

#[test]
fn ganzhou_002() {
    let claims = claims_of(SAMPLES[1], Unit::WanYuan);
    use TotalKind::*;
    let c = &claims;
    assert_claim(
        c,
        total(Income),
        "13258.53万元",
        Some("Decrease 14162.7万元"),
        None,
    );
    assert_claim(
        c,
        total(FiscalIncome),
        "8763.47万元",
        Some("Increase 1044.91万元"),
        None,
    );
    assert_claim(
        c,
        total(OtherIncome),
        "3141.3万元",
        Some("Decrease 14898万元"),
        None,
    );
    assert_claim(
        c,
        total(Basic),
        "7802.78万元",
        Some("Increase 522.75万元"),
        None,
    );
    assert_claim(
        c,
        total(Project),
        "5455.75万元",
        Some("Decrease 14685.45万元"),
        None,
    );
    assert_claim(
        c,
        code("210"),
        "12192.64万元",
        Some("Decrease 14333.97万元"),
        None,
    );
    assert_claim(
        c,
        code("210"),
        "7697.58万元",
        Some("Decrease 14333.97万元"),
        None,
    );
    // The line break falls between the name and the figure.
    assert_claim(
        c,
        code("221"),
        "473.35万元",
        Some("Increase 92.05万元"),
        None,
    );
    assert_claim(
        c,
        code("399"),
        "1822.31万元",
        Some("Decrease 16152.41万元"),
        None,
    );
    assert_claim(
        c,
        total(FiscalExpenditure),
        "8763.47万元",
        Some("Increase 1044.91万元"),
        None,
    );
    assert_claim(
        c,
        Subject::Other("部门机关运行经费预算".into()),
        "944.07万元",
        Some("Increase 13.38万元 1.44%"),
        None,
    );
    // "130.9 万" / "" / "元。"
    assert_claim(
        c,
        Subject::Other("服务预算".into()),
        "130.9万元",
        None,
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::Total),
        "213.24万元",
        None,
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::Reception),
        "209.94万元",
        Some("Decrease 26.01万元"),
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::VehicleOperation),
        "3.3万元",
        Some("Decrease 3.3万元"),
        None,
    );
}

#[test]
fn anyang_003() {
    let claims = claims_of(SAMPLES[2], Unit::WanYuan);
    use TotalKind::*;
    let c = &claims;
    // "收、支总计各增加337.32万元，增长3.97%" is the change of both.
    assert_claim(
        c,
        total(Income),
        "8825.49万元",
        Some("Increase 337.32万元 3.97%"),
        None,
    );
    assert_claim(
        c,
        total(Expenditure),
        "8825.49万元",
        Some("Increase 337.32万元 3.97%"),
        None,
    );
    assert_claim(c, total(Basic), "704.49万元", None, Some("7.98%"));
    assert_claim(c, total(Project), "8121万元", None, Some("92.02%"));
    assert_claim(
        c,
        total(GeneralBudgetIncome),
        "8825.49万元",
        Some("Increase 337.32万元 3.97%"),
        None,
    );
    assert_claim(
        c,
        total(GeneralBudgetExpenditure),
        "8825.49万元",
        Some(""),
        None,
    );
    assert_claim(c, total(Personnel), "624.57万元", None, Some("88.66%"));
    assert_claim(c, total(Public), "79.92万元", None, Some("11.34%"));
    assert_claim(
        c,
        three_public(ThreePublicItem::Total),
        "5万元",
        Some("Increase 2万元"),
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::Abroad),
        "0万元",
        Some("Unchanged"),
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::Vehicle),
        "4万元",
        None,
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::VehicleOperation),
        "4万元",
        Some("Increase 2万元"),
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::Reception),
        "1万元",
        Some("Unchanged"),
        None,
    );
    assert_claim(c, total(CarryOver), "89.38万元", None, None);
    // Performance indicators ("财政拨款资金 \leq 2600万元", "≤ 5521 万元") are not claims.
    assert!(
        !claims
            .iter()
            .any(|c| c.subject == total(FiscalIncome) || c.subject == total(FiscalExpenditure)),
        "{claims:#?}"
    );
}

#[test]
fn linyou_004() {
    let claims = claims_of(SAMPLES[3], Unit::Yuan);
    use TotalKind::*;
    let c = &claims;
    assert_claim(c, total(Income), "936760元", None, None);
    assert_claim(
        c,
        total(GeneralBudgetIncome),
        "936760元",
        Some("Increase 322170元"),
        None,
    );
    // The printed unit is kept, even though it is wrong.
    assert_claim(
        c,
        total(GeneralBudgetExpenditure),
        "936760万元",
        Some("Increase 322170元"),
        None,
    );
    assert_claim(c, total(FiscalIncome), "936760元", None, None);
    assert_claim(c, code("208"), "73620元", None, None);
    assert_claim(c, code("210"), "818450元", None, None);
    assert_claim(
        c,
        code("2101599"),
        "713730元",
        Some("Increase 319160元"),
        None,
    );
    assert_claim(c, code("221"), "44690元", Some("Increase 5790元"), None);
    assert_claim(c, code("301"), "591660元", Some("Increase 113310元"), None);
    assert_claim(c, code("302"), "50400元", Some("Decrease 73600元"), None);
    assert_claim(c, code("303"), "11280元", Some("Decrease 960元"), None);
    assert_claim(
        c,
        three_public(ThreePublicItem::Total),
        "5000元",
        Some("Increase 5000元 100%"),
        None,
    );
    // "公\n\n务接待费 5000 元，较上年增加 5000 元（100%）".
    assert_claim(
        c,
        three_public(ThreePublicItem::Reception),
        "5000元",
        Some("Increase 5000元 100%"),
        None,
    );
    assert_claim(
        c,
        three_public(ThreePublicItem::Abroad),
        "0万元",
        Some("Unchanged 0万元"),
        None,
    );
    assert_claim(c, total(Public), "18000元", Some("Unchanged"), None);
}

/// Whose money a claim counts comes from its own words, else from the headings above it; what
/// it measures from its words.
#[test]
fn funds_and_measures_of_the_samples() {
    use TotalKind::*;
    let anyang = claims_of(SAMPLES[2], Unit::WanYuan);
    // "一般公共预算支出年初预算为8825.49万元"
    let initial: Vec<&Claim> = anyang
        .iter()
        .filter(|c| c.measure == Measure::InitialBudget)
        .collect();
    assert_eq!(initial.len(), 2, "{initial:#?}");
    assert!(initial.iter().all(|c| c.fund == Some(Fund::GeneralBudget)));
    assert_eq!(initial[0].subject, total(GeneralBudgetExpenditure));
    let linyou = claims_of(SAMPLES[3], Unit::Yuan);
    let of = |subject: Subject| -> Vec<Option<Fund>> {
        linyou
            .iter()
            .filter(|c| c.subject == subject)
            .map(|c| c.fund)
            .collect()
    };
    // "政府性基金拨款收入 0 万元" under 财政拨款收支情况: its own words win.
    assert!(of(total(GovernmentFund))
        .iter()
        .all(|f| *f == Some(Fund::GovernmentFund)));
    assert_eq!(of(total(FiscalIncome)), [Some(Fund::Fiscal)]);
    // "其他医疗保障管理事务支出（2101599）" under 一般公共预算支出情况.
    assert_eq!(of(code("2101599")), [Some(Fund::GeneralBudget)]);
    assert!(linyou.iter().all(|c| c.measure == Measure::Budget));
}

/// Every claim's offsets point at its words in the decoded text: from the subject's name to its
/// last figure, on the line it names.
#[test]
fn offsets_point_at_the_claim_text() {
    for name in SAMPLES {
        let text = sample(name);
        let claims = extract_claims(&narrative(&text), Unit::WanYuan);
        assert!(claims.len() >= 8, "{name}: {} claims", claims.len());
        let all_lines = lines(&text);
        for claim in &claims {
            let quoted: String = text
                .chars()
                .skip(claim.start)
                .take(claim.end.saturating_sub(claim.start))
                .filter(|c| !c.is_whitespace())
                .collect();
            assert!(
                quoted.starts_with(&claim.subject_text),
                "{name}: {quoted:?} does not start with {:?}",
                claim.subject_text
            );
            if let Some(amount) = claim.amount {
                let unit = amount.unit.label();
                assert!(
                    quoted.contains(unit),
                    "{name}: {quoted:?} lacks its unit {unit}"
                );
            }
            let line = all_lines
                .iter()
                .find(|l| l.number == claim.line)
                .expect("the claim's line");
            let line_end = line.start + line.text.chars().count();
            assert!(
                (line.start..line_end).contains(&claim.start),
                "{name}: claim at {} is not on line {}",
                claim.start,
                claim.line
            );
            let sentence: String = claim.sentence.chars().collect();
            assert!(sentence.contains(&claim.subject_text), "{name}: {sentence}");
        }
    }
}

/// `年终结转结余 0.00 万元` is the balance left at the year's end, not the 上年结转 the tables
/// print; `上年结转 4,023.45 万元` is.
#[test]
fn the_year_end_balance_is_not_the_carry_over() {
    let text = "年终结转结余0.00万元。\n上年结转4,023.45万元。\n";
    let claims = extract_claims(&lines(text), Unit::WanYuan);
    let carried: Vec<String> = claims
        .iter()
        .filter(|c| c.subject == total(TotalKind::CarryOver))
        .filter_map(|c| c.amount.map(|a| a.to_string()))
        .collect();
    assert_eq!(carried, ["4023.45万元"], "{claims:#?}");
}
