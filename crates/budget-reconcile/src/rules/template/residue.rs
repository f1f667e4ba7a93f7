//! TPL-PLACEHOLDER, TPL-INSTRUCTION, TPL-YEAR: the residue the parser found, one warning each.

use budget_model::wording::template as wording;
use budget_model::{Document, Finding, Location, Residue, ResidueKind, Severity};

use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** No placeholder of the template is left in the document: `XX局`,
    /// `XXXX年`, `X万元`, `××` (a run of `X` touching a Chinese character, or one `X` where a
    /// figure or a year goes; never inside a Latin word or a code).
    ///
    /// **Why it matters.** A placeholder in a published disclosure means a name or a figure was
    /// never filled in: the sentence around it says nothing, or something false.
    ///
    /// **Example.** "本单位当年收入X万元": warning.
    pub struct Placeholder { id: "TPL-PLACEHOLDER", severity: Severity::Warning, summary: "a placeholder of the template (a run of X, an X where a figure goes) left in the document" }
}

rule! {
    /// **What it checks.** No instruction to the author is left in the document: `请核实…`,
    /// `请删除`, `请据实填写`, `若无此项请删除`, `此处填写…`.
    ///
    /// **Why it matters.** An instruction left in says the template was not finished: the
    /// passage it belongs to may be a default the author never checked.
    ///
    /// **Example.** "（若无此项内容请删除）": warning.
    pub struct Instruction { id: "TPL-INSTRUCTION", severity: Severity::Warning, summary: "an instruction to the author left in the document" }
}

rule! {
    /// **What it checks.** Headings and table titles that name a budget (`预算`, `决算`) name
    /// the document's year; `YYYY年预算` in the text names the document's year or last year. A
    /// heading may name last year when it is about last year's execution or accounts (`2023年
    /// 预算执行情况`). Comparisons with last year (`上年`, `比2023年增加`) are not titles and are
    /// not checked, nor are projects named after a year (`2027年信息化运维项目`). When the
    /// first title naming a budget's year names another year, the document's year itself is in
    /// doubt and nothing is reported.
    ///
    /// **Why it matters.** A heading with last year's date is the mark of a section copied from
    /// last year's document: its figures may be last year's too.
    ///
    /// **Example.** In a 2024 budget, "一、2023年部门预算情况说明": warning.
    pub struct ForeignYear { id: "TPL-YEAR", severity: Severity::Warning, summary: "a heading or title names another year than the document's" }
}

impl Rule for Placeholder {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        report(doc, ResidueKind::Placeholder, &Self::INFO, out, |r| {
            wording::placeholder_left(&r.text)
        });
    }
}

impl Rule for Instruction {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        report(doc, ResidueKind::Instruction, &Self::INFO, out, |r| {
            wording::instruction_left(&r.text)
        });
    }
}

impl Rule for ForeignYear {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(year) = doc.facts.year else { return };
        report(doc, ResidueKind::ForeignYear, &Self::INFO, out, |r| {
            wording::foreign_year(&r.text, year)
        });
    }
}

/// One finding of `info`'s severity per residue of `kind`.
fn report(
    doc: &Document,
    kind: ResidueKind,
    info: &RuleInfo,
    out: &mut Vec<Finding>,
    message: impl Fn(&Residue) -> String,
) {
    for r in doc.residue.iter().filter(|r| r.kind == kind) {
        out.push(Finding {
            rule: info.id.to_string(),
            severity: info.severity,
            message: message(r),
            location: Location {
                line: Some(r.line),
                start: Some(r.start),
                end: Some(r.end),
                ..Location::default()
            },
            expected: None,
            printed: None,
            difference: None,
            tolerance: None,
            source_text: r.source.clone(),
            consequences: Vec::new(),
            evidence: Vec::new(),
            related: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use budget_model::{Finding, Severity};

    fn findings(text: &str) -> Vec<Finding> {
        crate::reconcile(&budget_parse::parse_text(text, "fixture"))
    }

    fn of<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
        findings.iter().filter(|f| f.rule == rule).collect()
    }

    #[test]
    fn a_placeholder_is_a_warning() {
        let f = findings("XX局2024年部门预算\n本单位当年收入X万元。\n");
        let p = of(&f, "TPL-PLACEHOLDER");
        assert_eq!(p.len(), 2, "{f:#?}");
        assert!(p.iter().all(|f| f.severity == Severity::Warning));
        let f = findings("某局2024年部门预算\n本单位当年收入5万元，XXL码服装。\n");
        assert!(of(&f, "TPL-PLACEHOLDER").is_empty(), "{f:#?}");
    }

    #[test]
    fn an_instruction_is_a_warning() {
        let f = findings("某局2024年部门预算\n本单位无政府采购（若无此项请删除）。\n");
        assert_eq!(of(&f, "TPL-INSTRUCTION").len(), 1, "{f:#?}");
        let f = findings("某局2024年部门预算\n本单位无政府性基金收支，此表为空。\n");
        assert!(of(&f, "TPL-INSTRUCTION").is_empty(), "{f:#?}");
    }

    #[test]
    fn a_heading_of_another_year_is_a_warning() {
        let text = |y: &str| {
            format!("某局2024年部门预算\n一、{y}年部门预算情况说明\n本单位当年收入5万元。\n")
        };
        let f = findings(&text("2023"));
        let y = of(&f, "TPL-YEAR");
        assert_eq!(y.len(), 1, "{f:#?}");
        assert_eq!(y[0].location.line, Some(2));
        let f = findings(&text("2024"));
        assert!(of(&f, "TPL-YEAR").is_empty(), "{f:#?}");
    }
}
