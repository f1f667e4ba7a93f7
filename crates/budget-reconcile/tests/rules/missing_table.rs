//! COMP-MISSING: the fixtures of `src/rules/completeness/missing_table.rs`.

use budget_model::Severity;
use budget_reconcile::reconcile;

use crate::fixtures::{basic_split, of_rule, parse, serious};

const CONTENTS: &str = "目录\n一、《部门支出总表》\n二、《政府性基金预算支出表》\n第一部分\n正文\n";

#[test]
fn completeness_flags_a_promised_table_that_is_missing() {
    let text = format!("{CONTENTS}{}", basic_split("150.00"));
    let findings = reconcile(&parse(&text));
    let f = serious(&findings, "COMP-MISSING");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert!(f[0].message.contains("政府性基金预算支出表"));
    let with_it = format!(
        "{text}\n政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n注：若为空表，则为该部门（单位）无政府性基金收支\n"
    );
    let findings = reconcile(&parse(&with_it));
    assert!(
        of_rule(&findings, "COMP-MISSING").is_empty(),
        "{findings:#?}"
    );
}

/// The contents of a publication whose tables are published as another file.
const FOUR_TABLES: &str = "目录\n一、《部门收支总表》\n二、《部门收入总表》\n三、《部门支出总表》\n四、《政府性基金预算支出表》\n第一部分\n正文\n";

#[test]
fn completeness_says_once_that_most_tables_are_elsewhere() {
    // A narrative file (情况说明) listing four tables and printing none: one warning that lists
    // them, no error per table.
    let text = format!("{FOUR_TABLES}本部门2024年收入预算100.00万元。\n");
    let findings = reconcile(&parse(&text));
    let f = of_rule(&findings, "COMP-MISSING");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].consequences.len(), 4, "{f:#?}");
    // The same contents with three of the four tables printed: the fourth is an error.
    let printed = format!(
        "{FOUR_TABLES}部门收支总表\n单位：万元\n收入\t预算数\t支出\t预算数\n收入总计\t150.00\t支出总计\t150.00\n\
         部门收入总表\n单位：万元\n科目编码\t科目名称\t合计\t财政拨款收入\n210\t卫生健康支出\t150.00\t150.00\n{}",
        basic_split("150.00")
    );
    let findings = reconcile(&parse(&printed));
    let f = serious(&findings, "COMP-MISSING");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.contains("政府性基金预算支出表"), "{f:#?}");
}
