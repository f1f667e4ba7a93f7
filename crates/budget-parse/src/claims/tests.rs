//! The reader on small hand-made paragraphs: what it reads, and that it never panics.

use budget_model::{Claim, Code, Fund, Measure, Subject, ThreePublicItem, TotalKind, Unit};
use proptest::prelude::*;

use super::extract_claims;
use crate::text::lines;

fn read(text: &str, unit: Unit) -> Vec<Claim> {
    extract_claims(&lines(text), unit)
}

fn only(claims: &[Claim], subject: &Subject) -> Claim {
    let found: Vec<&Claim> = claims.iter().filter(|c| c.subject == *subject).collect();
    assert_eq!(found.len(), 1, "{subject:?} in {claims:#?}");
    found[0].clone()
}

fn text_of(text: &str, claim: &Claim) -> String {
    text.chars()
        .skip(claim.start)
        .take(claim.end - claim.start)
        .collect()
}

fn amount(claim: &Claim) -> String {
    claim.amount.map(|a| a.to_string()).unwrap_or_default()
}

fn change(claim: &Claim) -> String {
    let Some(c) = &claim.change else {
        return String::new();
    };
    let mut out = format!("{:?}", c.direction);
    if let Some(a) = c.amount {
        out.push_str(&format!(" {a}"));
    }
    if let Some(p) = c.percent {
        out.push_str(&format!(
            " {}%",
            budget_model::format_value(p.value, p.decimals)
        ));
    }
    out
}

fn code(c: &str) -> Subject {
    Subject::Code(Code::parse(c).expect("a code"))
}

#[test]
fn joins_a_unit_split_across_lines() {
    let text =
        "其中：工资福利支出 580.13 万元、对个人和家庭的补助 0.63 万\n\n元、资本性支出 0.00 万元；";
    let claims = read(text, Unit::Yuan);
    let c = only(&claims, &code("303"));
    assert_eq!(amount(&c), "0.63万元");
    assert_eq!(c.subject_text, "对个人和家庭的补助");
    assert_eq!(text_of(text, &c), "对个人和家庭的补助 0.63 万\n\n元");
    assert_eq!(c.line, 1);
    let capital = only(&claims, &code("310"));
    assert_eq!(capital.line, 3);
    assert_eq!(text_of(text, &capital), "资本性支出 0.00 万元");
}

#[test]
fn reads_a_change_with_its_percentage() {
    let text = "2024年某中心收入预算总额为 812.07万元,较上年减少 131.10万元,下降 13.9%,主要原因是划拨人员 6名。";
    let claims = read(text, Unit::Yuan);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    let c = &claims[0];
    assert_eq!(c.subject, Subject::Total(TotalKind::Income));
    assert_eq!(amount(c), "812.07万元");
    assert_eq!(change(c), "Decrease 131.10万元 13.9%");
    assert_eq!(
        text_of(text, c),
        "收入预算总额为 812.07万元,较上年减少 131.10万元,下降 13.9%"
    );
    assert!(c.sentence.starts_with("2024年某中心"), "{}", c.sentence);
}

/// A page number printed between the two pages of a sentence is not part of it.
#[test]
fn a_page_number_inside_a_sentence_is_passed_over() {
    let text = "    某厅2019年度收入、支出预算总计27664.22万\n元，与上年相比收、支预算总计各增加3205.79万元，增长\n\n                  4\n\u{c}13.11%。其中：\n";
    let claims = read(text, Unit::WanYuan);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(change(&claims[0]), "Increase 3205.79万元 13.11%");
}

#[test]
fn reads_no_change() {
    let text = "公务用车运行维护费 0.00 万元, 与上年保持一致。\n本单位当年公用经费预算安排 18000 元，较上年无变化。\n项目支出 182. 70 万元,较上年预算安排增加(减少)0.00 万元,与上年保持一致。";
    let claims = read(text, Unit::Yuan);
    let vehicle = only(
        &claims,
        &Subject::ThreePublic(ThreePublicItem::VehicleOperation),
    );
    assert_eq!(change(&vehicle), "Unchanged");
    let public = only(&claims, &Subject::Total(TotalKind::Public));
    assert_eq!(
        (amount(&public).as_str(), change(&public).as_str()),
        ("18000元", "Unchanged")
    );
    let project = only(&claims, &Subject::Total(TotalKind::Project));
    assert_eq!(amount(&project), "182.70万元");
    assert_eq!(change(&project), "Unchanged 0.00万元");
}

#[test]
fn reads_shares() {
    let text = "其中：基本支出704.49万元，占7.98%；项目支出8121万元，占92.02%。";
    let claims = read(text, Unit::Yuan);
    let basic = only(&claims, &Subject::Total(TotalKind::Basic));
    let share = basic.share.expect("a share");
    assert_eq!(
        (share.value.to_string(), share.decimals),
        ("7.98".to_string(), 2)
    );
    let project = only(&claims, &Subject::Total(TotalKind::Project));
    assert_eq!(
        project.share.map(|p| p.value.to_string()).as_deref(),
        Some("92.02")
    );
    assert_eq!(project.change, None);
}

#[test]
fn shares_are_linked_to_their_whole() {
    let text = "(一)支出情况\n\n支出合计8825.49万元，其中：基本支出704.49万元，占7.98%；项目支出8121万元，占92.02%。\n\n(二)基本支出情况\n\n人员经费624.57万元，占88.66%。";
    let claims = read(text, Unit::Yuan);
    let total = claims
        .iter()
        .position(|c| c.subject == Subject::Total(TotalKind::Expenditure))
        .expect("the whole");
    let basic = only(&claims, &Subject::Total(TotalKind::Basic));
    assert_eq!(basic.share_of, Some(total));
    let project = only(&claims, &Subject::Total(TotalKind::Project));
    assert_eq!(project.share_of, Some(total));
    assert_eq!(claims[total].share_of, None);
    // Under other headings, the whole stated before is not this share's whole.
    let personnel = only(&claims, &Subject::Total(TotalKind::Personnel));
    assert_eq!(personnel.share_of, None);
}

/// The shares of one list have one whole: a part of no known kind (`单位预留机动经费`) listed
/// after 基本支出 and 项目支出 is a share of their whole, not of a 项目支出 stated before.
#[test]
fn the_shares_of_a_list_have_one_whole() {
    let text = "支出预算总计13649.07万元。项目支出预算数为5853.96万元。其中：基本支出7666.68万元，占56.17%；项目支出5853.96万元，占42.89%；单位预留机动经费128.43万元，占0.94%。";
    let claims = read(text, Unit::WanYuan);
    let basic = only(&claims, &Subject::Total(TotalKind::Basic));
    let reserve = claims
        .iter()
        .find(|c| c.subject_text == "单位预留机动经费")
        .expect("the reserve");
    assert!(basic.share_of.is_some(), "{claims:#?}");
    assert_eq!(reserve.share_of, basic.share_of, "{claims:#?}");
}

/// A share's whole is what its base names; a base the reader does not know, the part's own
/// figure restated or a sibling part is never its whole.
#[test]
fn shares_are_linked_to_their_named_base_only() {
    let text = "(一)支出情况\n\n基本支出预算数7666.68万元，项目支出预算数8000.00万元。本年支出预算合计15666.68万元，其中：基本支出7666.68万元，占48.94%；项目支出5853.96万元，占37.37%。拨款13649.07万元，占本年支出合计的87.12%。中小企业合同金额245.01万元，占政府采购支出合同总额的9%。";
    let claims = read(text, Unit::Yuan);
    let whole_of = |subject: &Subject| {
        claims
            .iter()
            .filter(|c| c.subject == *subject && c.share.is_some())
            .map(|c| c.share_of.and_then(|i| claims.get(i)).map(amount))
            .next()
            .flatten()
    };
    // Not 基本支出预算数 7666.68 (itself restated) nor 项目支出预算数 (its sibling).
    assert_eq!(
        whole_of(&Subject::Total(TotalKind::Basic)).as_deref(),
        Some("15666.68万元"),
        "{claims:#?}"
    );
    assert_eq!(
        whole_of(&Subject::Total(TotalKind::Project)).as_deref(),
        Some("15666.68万元")
    );
    let unknown = claims
        .iter()
        .find(|c| {
            c.share
                .is_some_and(|p| p.value == rust_decimal::Decimal::from(9))
        })
        .expect("the procurement share");
    assert_eq!(unknown.share_of, None, "{unknown:#?}");
}

/// A figure equal to the part is the part restated (`单位预留机动经费预算数 128.43 万元 …
/// 单位预留机动经费 128.43 万元，占 0.94%`), unless the share is 100%.
#[test]
fn an_equal_figure_is_a_whole_only_of_all() {
    let text = "(一)支出情况\n\n支出合计13649.07万元。机动经费预算数128.43万元。机动经费128.43万元，占0.94%。一般公共预算收入13649.07万元，占100%。";
    let claims = read(text, Unit::Yuan);
    let whole = |c: &Claim| c.share_of.and_then(|i| claims.get(i)).map(amount);
    let reserve = claims
        .iter()
        .find(|c| c.subject_text == "机动经费")
        .expect("the reserve");
    assert_eq!(
        whole(reserve).as_deref(),
        Some("13649.07万元"),
        "{claims:#?}"
    );
    let general = only(&claims, &Subject::Total(TotalKind::GeneralBudgetIncome));
    assert_eq!(whole(&general).as_deref(), Some("13649.07万元"));
}

/// `比2025年年初预算数 A 万元增加 D 万元`: A is the base of the change of the claim before it,
/// not a claim of its own.
#[test]
fn a_figure_after_compared_with_is_the_base_of_the_change() {
    let text = "2026年支出预算4483899.83万元，比2025年年初预算数4001046.82万元增加482853.01万元，增长12.07%。";
    let claims = read(text, Unit::Yuan);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(amount(&claims[0]), "4483899.83万元");
    assert_eq!(change(&claims[0]), "Increase 482853.01万元 12.07%");
}

/// `与2016年度相比（2016年度…为 A 万元），增加 D 万元`: A in brackets is last year's figure, the
/// base of the change; this year's is not printed, so the change is no other claim's.
#[test]
fn a_base_in_brackets_after_a_comparison_is_no_claim() {
    let text = "基本支出100万元。2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。";
    let claims = read(text, Unit::Yuan);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(amount(&claims[0]), "100万元");
    assert!(claims[0].change.is_none(), "{claims:#?}");
}

/// `绩效目标管理，涉及一般公共预算财政拨款 A 万元`: the money a scheme covers is no claim about
/// the fund's total.
#[test]
fn the_money_a_scheme_covers_is_no_claim() {
    let text = "2026年项目支出均实行了绩效目标管理，涉及一般公共预算财政拨款148,941.8万元。";
    let claims = read(text, Unit::WanYuan);
    assert!(claims.is_empty(), "{claims:#?}");
}

/// Classes listed after a part label (`①人员经费：`) are that part's; 人员经费 after a class's
/// `其中` is the class's part, not the budget's.
#[test]
fn parts_named_by_labels_and_parts_of_classes() {
    let text = "其中①人员经费：工资福利支出（301）2079.07万元，较上年增加248.96万元；商品和服务支出（302）105.9万元；②公用经费：商品和服务支出（302）126万元。对个人和家庭的补助（303）100151.38万元，其中：人员经费138.06万元。";
    let claims = read(text, Unit::Yuan);
    let parts: Vec<(String, Option<Subject>)> = claims
        .iter()
        .map(|c| (amount(c), c.part_of.clone()))
        .collect();
    let personnel = Some(Subject::Total(TotalKind::Personnel));
    let public = Some(Subject::Total(TotalKind::Public));
    assert_eq!(
        parts,
        [
            ("2079.07万元".to_string(), personnel.clone()),
            ("105.9万元".to_string(), personnel),
            ("126万元".to_string(), public),
            ("100151.38万元".to_string(), None),
            ("138.06万元".to_string(), Some(code("303"))),
        ],
        "{claims:#?}"
    );
}

/// A class's `其中` lists its parts to the full stop, across `；`: 公用经费 after the first
/// part is the class's too.
#[test]
fn a_class_lists_its_parts_to_the_full_stop() {
    let text = "对事业单位经常性补助（505）2945.22万元，其中：人员经费1903.54万元，较上年增加226.87万元；公用经费75.66万元，较上年减少0.78万元。公用经费621.37万元。";
    let claims = read(text, Unit::WanYuan);
    let parts: Vec<(String, Option<Subject>)> = claims
        .iter()
        .filter(|c| c.amount.is_some())
        .map(|c| (amount(c), c.part_of.clone()))
        .collect();
    assert_eq!(
        parts,
        [
            ("2945.22万元".to_string(), None),
            ("1903.54万元".to_string(), Some(code("505"))),
            ("75.66万元".to_string(), Some(code("505"))),
            ("621.37万元".to_string(), None),
        ],
        "{claims:#?}"
    );
}

/// `X（类）Y（款）Z（项）支出` names the 项, not the 类 X it starts with.
#[test]
fn a_lead_naming_an_item_below_the_class_is_not_the_class() {
    let text = "其中：城乡社区支出（类）国有土地使用权出让收入安排的支出（款）城市建设支出（项）支出143,999万元。住房保障（类）支出3894.09万元。";
    let claims = read(text, Unit::Yuan);
    assert!(
        !claims.iter().any(|c| c.subject == code("212")),
        "{claims:#?}"
    );
    assert_eq!(amount(&only(&claims, &code("221"))), "3894.09万元");
}

#[test]
fn no_claims_for_dates_counts_and_indicators() {
    for text in [
        "截至 2023 年 7 月 31 日,单位共有车辆 0 辆,其中,一般公务用车实有数 0 辆。",
        "编制人数小计 34 人,其中:全部补助事业编制 34 人。实有人数 26 人。",
        "5) 实施周期: 2024年1月1日-2024年12月31日",
        "满意度指标：离休干部满意度 $\\geq 95\\%$ ，医疗机构满意度 $\\geq 95\\%$ 。",
        "成本指标：财政拨款资金 \\leq 2600万元，年度资金增长率 \\leq 3%；",
        "产出指标：参保人数 ≥ 479 万人，各级财政实际补助标准=670元，医保政策落实率=100%，",
        "安排购置单位价值 200万元以上大型设备具体为:无。筹资标准较上年增加30元/人。",
        "根据《通知》(医保办发〔2019〕17号)文件，2024年新增公务用车编制1台。",
        "<u>单位:万元</u> 支出 项目 一、财政拨款收入 809.97 一、本年支出 809. 97 809. 97",
    ] {
        let claims = read(text, Unit::WanYuan);
        assert!(claims.is_empty(), "{text}: {claims:#?}");
    }
}

#[test]
fn a_bare_number_takes_the_default_unit() {
    let claims = read(
        "收入预算总额为 812.07，较上年减少 131.10，下降 13.9%。",
        Unit::WanYuan,
    );
    let c = only(&claims, &Subject::Total(TotalKind::Income));
    assert_eq!(amount(&c), "812.07万元");
    assert_eq!(change(&c), "Decrease 131.10万元 13.9%");
}

#[test]
fn the_printed_unit_wins() {
    let text = "本单位当年预算支出 936760 元，其中一般公共预算拨款支出 936760 万元，较上年增加 322170 元。";
    let claims = read(text, Unit::Yuan);
    let c = only(
        &claims,
        &Subject::Total(TotalKind::GeneralBudgetExpenditure),
    );
    assert_eq!(amount(&c), "936760万元");
    assert_eq!(change(&c), "Increase 322170元");
    let all = only(&claims, &Subject::Total(TotalKind::Expenditure));
    assert_eq!(
        (amount(&all).as_str(), all.change.is_none()),
        ("936760元", true)
    );
}

#[test]
fn codes_by_printed_code_and_by_name() {
    let text = "（2）卫生健康支出（210）818450 元，其中其他医疗保障管理事务支出（2101599）713730 元，较上年增加 319160 元。\n按支出功能科目划分：社会保障和就业支出 756.56 万元；其他支出 1 万元。\n按支出经济分类划分：商品和服务支出 46.51 万元；其他支出 2 万元。";
    let claims = read(text, Unit::Yuan);
    assert_eq!(amount(&only(&claims, &code("210"))), "818450元");
    let item = only(&claims, &code("2101599"));
    assert_eq!(item.subject_text, "其他医疗保障管理事务支出（2101599）");
    assert_eq!(change(&item), "Increase 319160元");
    assert_eq!(amount(&only(&claims, &code("208"))), "756.56万元");
    assert_eq!(amount(&only(&claims, &code("229"))), "1万元");
    assert_eq!(amount(&only(&claims, &code("302"))), "46.51万元");
    assert_eq!(amount(&only(&claims, &code("399"))), "2万元");
}

#[test]
fn a_change_may_name_its_subject_in_a_later_sentence() {
    let text = "我部门2024年“三公”经费预算为5万元。2024年“三公”经费支出预算数比2023年增加2万元。\n安阳2024年收入总计8825.49万元，支出总计8825.49万元，与2023年相比，收、支总计各增加337.32万元，增长3.97%，主要原因：标准较上年增加30元/人。";
    let claims = read(text, Unit::Yuan);
    let total = only(&claims, &Subject::ThreePublic(ThreePublicItem::Total));
    assert_eq!(
        (amount(&total).as_str(), change(&total).as_str()),
        ("5万元", "Increase 2万元")
    );
    assert_eq!(total.subject_text, "“三公”经费预算");
    for kind in [TotalKind::Income, TotalKind::Expenditure] {
        let c = only(&claims, &Subject::Total(kind));
        assert_eq!(change(&c), "Increase 337.32万元 3.97%", "{kind:?}");
    }
}

#[test]
fn a_percentage_in_brackets_after_a_change() {
    let claims = read(
        "公务接待费 5000 元，较上年增加 5000 元（100%），增加的主要原因是上年度无预算。",
        Unit::Yuan,
    );
    let c = only(&claims, &Subject::ThreePublic(ThreePublicItem::Reception));
    assert_eq!(change(&c), "Increase 5000元 100%");
}

#[test]
fn headings_give_the_context() {
    let text = "# 一、2024年单位预算收支情况说明\n\n(三)财政拨款支出情况\n\n2024年财政拨款支出预算 809.97 万元,较上年\n\n减少 133.20 万元。按支出项目类别划分:基本支出 627.27 万元;其中:工资福利支出 580.13 万元、商品和服务支出 46.51 万元;项目支出 182.70 万元。\n\n二、2024年\"三公\"经费预算情况说明\n\n- 1. 因公出国(境)经费0.00万元,与上年保持一致。";
    let claims = read(text, Unit::Yuan);
    let fiscal = only(&claims, &Subject::Total(TotalKind::FiscalExpenditure));
    assert_eq!(
        fiscal.headings,
        ["2024年单位预算收支情况说明", "财政拨款支出情况"]
    );
    assert_eq!(fiscal.fund, Some(Fund::Fiscal));
    assert_eq!(change(&fiscal), "Decrease 133.20万元");
    assert_eq!(fiscal.line, 5);
    let wages = only(&claims, &code("301"));
    assert_eq!(wages.headings, fiscal.headings);
    assert_eq!(wages.part_of, Some(Subject::Total(TotalKind::Basic)));
    let project = only(&claims, &Subject::Total(TotalKind::Project));
    assert!(project.same_section(&fiscal));
    assert!(!wages.same_section(&fiscal));
    let abroad = only(&claims, &Subject::ThreePublic(ThreePublicItem::Abroad));
    assert_eq!(abroad.headings, ["2024年\"三公\"经费预算情况说明"]);
    assert_eq!(abroad.fund, None);
    assert_eq!(change(&abroad), "Unchanged");
}

#[test]
fn the_subject_names_its_funds_and_measure() {
    let text = "(一)财政拨款支出情况\n\n一般公共预算支出年初预算为8825.49万元。政府性基金支出 12.00 万元。";
    let claims = read(text, Unit::Yuan);
    let general = only(
        &claims,
        &Subject::Total(TotalKind::GeneralBudgetExpenditure),
    );
    assert_eq!(general.fund, Some(Fund::GeneralBudget));
    assert_eq!(general.measure, Measure::InitialBudget);
    let fund = only(&claims, &Subject::Total(TotalKind::GovernmentFund));
    assert_eq!(fund.fund, Some(Fund::GovernmentFund));
    assert_eq!(fund.measure, Measure::Budget);
}

/// A sentence about an item paid from a fund names the item, not the fund's total: the fund
/// is only its scope.
#[test]
fn an_item_paid_from_a_fund_is_not_the_funds_total() {
    let text = "(三)机关运行经费\n\n一般公共预算拨款安排的会议费预算支出20.6万元。一般公共预算机关运行经费预算支出501.33万元。一般公共预算拨款收入9078.52万元。";
    let claims = read(text, Unit::Yuan);
    let meeting = only(
        &claims,
        &Subject::Other("一般公共预算拨款安排的会议费预算支出".into()),
    );
    assert_eq!(meeting.fund, Some(Fund::GeneralBudget));
    assert_eq!(amount(&meeting), "20.6万元");
    let running = only(
        &claims,
        &Subject::Other("一般公共预算机关运行经费预算支出".into()),
    );
    assert_eq!(running.fund, Some(Fund::GeneralBudget));
    let income = only(&claims, &Subject::Total(TotalKind::GeneralBudgetIncome));
    assert_eq!(amount(&income), "9078.52万元");
    assert!(!claims.iter().any(|c| c.subject
        == Subject::Total(TotalKind::GeneralBudgetExpenditure)
        || c.subject == Subject::Total(TotalKind::Expenditure)));
    // The name starts at the fund, not at the words before it.
    let prefixed = read(
        "本部门当年一般公共预算会议费预算支出180.63万元。",
        Unit::Yuan,
    );
    let meeting = only(
        &prefixed,
        &Subject::Other("一般公共预算会议费预算支出".into()),
    );
    assert_eq!(meeting.subject_text, "一般公共预算会议费预算支出");
}

/// A total's name after a named item (政府采购, a 国有资本经营 fund no table holds) is that
/// item's total, not the document's.
#[test]
fn the_total_of_a_named_item_is_not_the_documents_total() {
    let text = "2026年度政府采购支出预算总额21,940.28万元。本年国有资本经营预算收入0万元，占0%。2026年收入预算总额92,596.24万元。";
    let claims = read(text, Unit::Yuan);
    for total in [TotalKind::Expenditure, TotalKind::Income] {
        let found: Vec<&Claim> = claims
            .iter()
            .filter(|c| c.subject == Subject::Total(total))
            .collect();
        let expected = usize::from(total == TotalKind::Income);
        assert_eq!(found.len(), expected, "{total:?} in {claims:#?}");
    }
    let income = only(&claims, &Subject::Total(TotalKind::Income));
    assert_eq!(amount(&income), "92596.24万元");
    assert!(claims
        .iter()
        .any(|c| matches!(c.subject, Subject::Other(_)) && amount(c) == "21940.28万元"));
}

/// `财政拨款收、支总预算` is fiscal money's income and expenditure, not all money's.
#[test]
fn fiscal_income_and_expenditure_both() {
    let claims = read("财政拨款收、支总预算24,169.74万元。", Unit::Yuan);
    only(&claims, &Subject::Total(TotalKind::FiscalIncome));
    only(&claims, &Subject::Total(TotalKind::FiscalExpenditure));
}

#[test]
fn other_amounts_are_kept() {
    let claims = read("2023 年部门机关运行经费预算 944.07 万元，比 2022 年预算增加 13.38 万元，增长 1.44%，主要原因为：人员增加。", Unit::Yuan);
    let c = only(&claims, &Subject::Other("部门机关运行经费预算".into()));
    assert_eq!(change(&c), "Increase 13.38万元 1.44%");
}

const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "，",
    ",",
    "。",
    "；",
    "：",
    "、",
    "（",
    "）",
    "(",
    ")",
    "%",
    "万",
    "元",
    "万元",
    "0",
    "5",
    ".",
    "12.30",
    "2024年",
    "较上年增加",
    "减少",
    "下降",
    "占",
    "与上年保持一致",
    "其中",
    "基本支出",
    "项目支出",
    "三公",
    "收、支总计各",
    "一、",
    "（一）",
    "1.",
    "- ",
    "# ",
    "≤",
    "以上",
    "/人",
    "（210）",
    "\\%",
    "$",
    "收入",
    "支出",
    "一般公共预算",
    "财政拨款",
    "其他支出",
    "功能",
    "é",
    "\u{3000}",
    "０",
];

/// Long paragraphs (no sentence end, thousands of figures, a huge lead) are read in about
/// linear time.
#[test]
fn long_paragraphs_are_read_quickly() {
    let many = "功能收入较上年增加12万元，其中工资福利支出3元，".repeat(5_000);
    let claims = read(&many, Unit::Yuan);
    assert!(claims.len() >= 5_000);
    let huge_lead = "工资福利".repeat(100_000) + "支出12万元，较上年增加1万元。";
    let claims = read(&huge_lead, Unit::Yuan);
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].subject, code("301"));
    assert_eq!(change(&claims[0]), "Increase 1万元");
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC*") {
        let _ = read(&text, Unit::WanYuan);
    }

    #[test]
    fn never_panics_on_budget_like_text(
        picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..80)
    ) {
        let text: String = picks.iter().filter_map(|&i| FRAGMENTS.get(i).copied()).collect();
        let chars = text.chars().count();
        for claim in read(&text, Unit::Yuan) {
            prop_assert!(claim.start < claim.end && claim.end <= chars);
        }
    }
}

/// `项目预算金额合计` is the sum of all projects, 项目支出; the amount of some projects
/// (`项目预算金额` of one unit, `重点项目预算金额合计`) is not.
#[test]
fn the_sum_of_all_projects_is_project_expenditure() {
    let text = "2023 年部门预算安排项目 4 个, 项目预算金额合计 5083.74 万元, 其中: 机关项目 3 个, 项目预算金额 629.3 万元。重点项目预算金额合计 270 万元。";
    let claims = read(text, Unit::WanYuan);
    let c = only(&claims, &Subject::Total(TotalKind::Project));
    assert_eq!(amount(&c), "5083.74万元");
    assert_eq!(c.subject_text, "项目预算金额合计");
}

/// `上年执行数 A，预算安排 B，增长 P%`: B is this year's figure of the item, its change is
/// against A.
#[test]
fn last_years_figure_is_the_base_of_this_years() {
    let text = "公务接待费上年执行数 10 万元，2024 年预算安排 12 万元，增长 20%。";
    let claims = read(text, Unit::WanYuan);
    let item = Subject::ThreePublic(ThreePublicItem::Reception);
    let this_year: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.subject == item && c.measure == Measure::Budget)
        .collect();
    assert_eq!(this_year.len(), 1, "{claims:#?}");
    let c = this_year[0];
    assert_eq!(amount(c), "12万元");
    assert_eq!(c.subject_text, "公务接待费");
    assert_eq!(change(c), "Increase 20%");
    let base = c.change.as_ref().and_then(|ch| ch.base);
    assert_eq!(base.map(|a| a.to_string()).as_deref(), Some("10万元"));
}

/// `比上年预算数 10 万元增加 2 万元`: the figure after 比 is the base of the change.
#[test]
fn a_figure_after_compared_with_is_kept_as_the_base() {
    let text = "公务接待费 12 万元，比上年预算数 10 万元增加 2 万元，增长 20%。";
    let claims = read(text, Unit::WanYuan);
    let c = only(&claims, &Subject::ThreePublic(ThreePublicItem::Reception));
    assert_eq!(change(&c), "Increase 2万元 20%");
    let base = c.change.as_ref().and_then(|ch| ch.base);
    assert_eq!(base.map(|a| a.to_string()).as_deref(), Some("10万元"));
}

/// `决算数大于年初预算数`: the final figure is up against the initial budget.
#[test]
fn a_comparison_of_measures_is_a_change_against_a_base() {
    let text = "年初预算0万元，支出决算56万元，决算数大于年初预算数的主要原因是追加预算。";
    let claims = read(text, Unit::WanYuan);
    let last = claims.last().expect("claims");
    assert_eq!(last.measure, Measure::FinalAccounts, "{claims:#?}");
    assert_eq!(change(last), "Increase");
    let base = last.change.as_ref().and_then(|ch| ch.base);
    assert_eq!(base.map(|a| a.to_string()).as_deref(), Some("0万元"));
}

/// The comparison in the sentence after the figures (`…完成年初预算的83.31%。决算数小于年初预算数
/// 的主要原因是…`) is about them; the completion rate is the final figure's.
#[test]
fn a_comparison_in_the_next_sentence_is_about_the_figures_before() {
    let text = "年初预算181.29万元，支出决算151.03万元，完成年初预算的83.31%。\
        决算数小于年初预算数的主要原因是：受疫情影响，单位减少培训。";
    let claims = read(text, Unit::WanYuan);
    let last = claims.last().expect("claims");
    assert_eq!(last.measure, Measure::FinalAccounts, "{claims:#?}");
    assert_eq!(change(last), "Decrease");
    let base = last.change.as_ref().and_then(|ch| ch.base);
    assert_eq!(base.map(|a| a.to_string()).as_deref(), Some("181.29万元"));
    let completion = last.completion.map(|p| p.value.to_string());
    assert_eq!(completion.as_deref(), Some("83.31"));
}

/// `增长 -3%`: the verb does not give the direction; `减少 …，增长 …` keeps both verbs' words.
#[test]
fn a_percentage_keeps_the_direction_of_its_own_verb() {
    let claims = read(
        "收入预算总额 100 万元，较上年减少 5 万元，增长 5.3%。",
        Unit::WanYuan,
    );
    let c = only(&claims, &Subject::Total(TotalKind::Income));
    let change = c.change.expect("a change");
    assert_eq!(change.direction, budget_model::Direction::Decrease);
    assert_eq!(
        change.percent_direction,
        Some(budget_model::Direction::Increase)
    );
    let claims = read(
        "收入预算总额 100 万元，较上年减少 5 万元，增长-5.3%。",
        Unit::WanYuan,
    );
    let c = only(&claims, &Subject::Total(TotalKind::Income));
    assert_eq!(c.change.and_then(|ch| ch.percent_direction), None);
}

/// A change verb before its subject (`…等原因，增加基本支出 844.15 万元`) states the subject's
/// change, not its amount.
#[test]
fn a_verb_before_its_subject_states_a_change() {
    let text = "主要原因是政策性增资等原因，增加基本支出 844.15 万元。";
    let claims = read(text, Unit::WanYuan);
    let basic = only(&claims, &Subject::Total(TotalKind::Basic));
    assert_eq!(amount(&basic), "");
    assert_eq!(change(&basic), "Increase 844.15万元");
    let stated = read(
        "此外，基本支出预算数为 7666.68 万元，增加基本支出 844.15 万元。",
        Unit::WanYuan,
    );
    let basic = only(&stated, &Subject::Total(TotalKind::Basic));
    assert_eq!(amount(&basic), "7666.68万元");
    assert_eq!(change(&basic), "Increase 844.15万元");
}

/// `收入预算总计`, `支出预算总计` name the document's totals.
#[test]
fn budget_totals_named_with_budget_in_between() {
    let claims = read(
        "（一）收入预算总计 28849.38 万元。（二）支出预算总计 28849.38 万元。",
        Unit::WanYuan,
    );
    assert_eq!(
        amount(&only(&claims, &Subject::Total(TotalKind::Income))),
        "28849.38万元"
    );
    assert_eq!(
        amount(&only(&claims, &Subject::Total(TotalKind::Expenditure))),
        "28849.38万元"
    );
}

/// A 三公 item named among the parts of the operating costs is their economic item, not the
/// 三公 figure (Xi'an 2020: 机关运行经费 … 公务接待费 2 万元 while the 三公 reception is 3.30).
#[test]
fn a_three_public_item_among_the_operating_costs_is_not_the_three_public_figure() {
    let text = "十、机关运行经费安排情况\n2020年机关运行经费预算总计82万元，其中：办公经费41.47万元，公务接待费2万元，公务用车运行维护费12万元。\n六、三公经费预算情况\n2020年公务接待费3.30万元。\n";
    let claims = read(text, Unit::WanYuan);
    let reception: Vec<String> = claims
        .iter()
        .filter(|c| c.subject == Subject::ThreePublic(ThreePublicItem::Reception))
        .map(amount)
        .collect();
    assert_eq!(reception, ["3.30万元"], "{claims:#?}");
}

/// A figure named only by its measure under a numbered run-in heading is the heading's item:
/// a whole flow (`（一）收入预算：`) or a 三公 item (`2.公务接待费。`).
#[test]
fn a_run_in_headings_item_is_the_subject_of_a_measure_alone() {
    let text =
        "（一）收入预算：2026年年初预算数168,441.81万元，其中：一般公共预算拨款154,304.22万元。\n\
                2.公务接待费。2026年预算数9.46万元，较2025年年初预算增加0.00万元。\n";
    let claims = read(text, Unit::WanYuan);
    let income = only(&claims, &Subject::Total(TotalKind::Income));
    assert_eq!(amount(&income), "168441.81万元");
    let reception = only(&claims, &Subject::ThreePublic(ThreePublicItem::Reception));
    assert_eq!(amount(&reception), "9.46万元");
}
