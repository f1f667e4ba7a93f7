//! COMP-EMPTY-NOTE: the fixtures of `src/rules/completeness/empty_note_with_amounts.rs`.

use budget_reconcile::reconcile;

use crate::fixtures::{of_rule, parse, serious};

const FUND_TABLE: &str = "政府性基金预算财政拨款收入支出决算表\n单位：万元\n\
    科目代码\t科目名称\t本年收入\t本年支出\n\
    \t合计\t120.00\t120.00\n\
    212\t城乡社区支出\t120.00\t120.00\n";

fn with_note(note: &str) -> String {
    format!("{FUND_TABLE}{note}\n")
}

#[test]
fn a_note_saying_the_table_is_empty_over_amounts_is_flagged() {
    let text = with_note("注：本部门无政府性基金收支，故本表无数据。");
    let findings = reconcile(&parse(&text));
    let f = serious(&findings, "COMP-EMPTY-NOTE");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert!(f[0].message.contains("本表无数据"), "{}", f[0].message);
}

#[test]
fn a_note_of_what_an_empty_table_would_mean_is_no_finding() {
    let text = with_note("注：若为空表，则为本部门无政府性基金收支。");
    let findings = reconcile(&parse(&text));
    assert!(
        of_rule(&findings, "COMP-EMPTY-NOTE").is_empty(),
        "{findings:#?}"
    );
    let zeros = with_note("注：本部门无政府性基金收支，故本表无数据。").replace("120.00", "0.00");
    let findings = reconcile(&parse(&zeros));
    assert!(
        of_rule(&findings, "COMP-EMPTY-NOTE").is_empty(),
        "{findings:#?}"
    );
}
