//! COMP-EMPTY-REASON: the fixtures of `src/rules/completeness/empty_without_reason.rs`.

use budget_model::Evidence;
use budget_reconcile::reconcile;

use crate::fixtures::{of_rule, parse, serious};

const NARRATIVE: &str = "一、收支预算总体情况\n2024年收入预算100.00万元。\n";
const EMPTY: &str =
    "政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n";

#[test]
fn completeness_flags_an_empty_table_without_a_reason() {
    let empty = format!("{NARRATIVE}{EMPTY}");
    let findings = reconcile(&parse(&empty));
    let f = serious(&findings, "COMP-EMPTY-REASON");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].evidence, vec![Evidence::Table { table: 0 }]);
    let explained = format!("本部门没有使用政府性基金预算拨款安排的支出。\n{empty}");
    let findings = reconcile(&parse(&explained));
    assert!(
        of_rule(&findings, "COMP-EMPTY-REASON").is_empty(),
        "{findings:#?}"
    );
}

/// A file of tables only (the 报表 half of a split publication) may explain its empty tables in
/// the other file: the finding is info there.
#[test]
fn an_empty_table_of_a_tables_only_file_is_info() {
    let findings = reconcile(&parse(EMPTY));
    assert!(
        serious(&findings, "COMP-EMPTY-REASON").is_empty(),
        "{findings:#?}"
    );
    assert_eq!(of_rule(&findings, "COMP-EMPTY-REASON").len(), 1);
}
