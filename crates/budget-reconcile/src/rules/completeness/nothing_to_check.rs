//! COMP-NOTHING: a document holds something to check.

use budget_model::wording::tables as wording;
use budget_model::{Document, Finding, Severity, TableKind};

use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The document holds something a budget check can read: a table of a
    /// budget or final-accounts kind (收支总表, 支出表, “三公”经费表 …, empty ones included) or
    /// a figure of the narrative about the budget. A file with neither is no budget disclosure
    /// as far as the checker can tell: the wrong file, a scan without text, or a layout it
    /// cannot read.
    ///
    /// **Why it matters.** An audit tool that reports no finding on such a file says, wrongly,
    /// that it checked the file and found it consistent. `check` exits with code 3 when a file
    /// gets this finding and no other file has an error.
    ///
    /// **Example.** A text file reading `hello`: warning, nothing to check.
    pub struct NothingToCheck { id: "COMP-NOTHING", severity: Severity::Warning, summary: "a document holds a budget table or a narrative figure to check" }
}

impl Rule for NothingToCheck {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        if !Self::holds_nothing(doc) {
            return;
        }
        out.push(Finding::about_document(
            Self::INFO.id,
            Self::INFO.severity,
            wording::NOTHING_TO_CHECK.to_string(),
            String::new(),
        ));
    }
}

impl NothingToCheck {
    /// Whether `doc` holds no table of a budget kind and no narrative figure.
    pub fn holds_nothing(doc: &Document) -> bool {
        doc.claims.is_empty() && doc.tables.iter().all(|t| t.kind == TableKind::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        NothingToCheck.check(&budget_parse::parse_text(text, "t"), &mut out);
        out
    }

    #[test]
    fn a_file_of_no_budget_gets_the_finding() {
        let f = findings("hello\n");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Warning);
        // A list of no budget kind is nothing to check either.
        assert_eq!(findings("名单\n姓名\t得分\n张三\t90\n").len(), 1);
    }

    #[test]
    fn a_budget_table_or_a_narrative_figure_is_something_to_check() {
        let table = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\n\t合计\t10.00\n";
        assert!(findings(table).is_empty());
        let narrative = "2024年部门预算支出总额 120.00 万元，较上年增加 20.00 万元。\n";
        assert!(findings(narrative).is_empty(), "{:#?}", findings(narrative));
    }
}
