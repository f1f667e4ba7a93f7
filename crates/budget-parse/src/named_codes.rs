//! Codes for rows printed by name only. Some tables list the function classification's 款 and 项
//! under each 类 by name, without codes (the expenditure side of Shenzhen's 收支总表 and
//! 财政拨款收支总表), while the same document's other tables print the same items with their
//! codes. Those rows take the code their name is printed with elsewhere in the document, so that
//! their sums are checked by the outline the codes give.
//!
//! A row takes a code only when its name is printed with exactly one code under the 类 (or,
//! for a 项, the 款) it stands under; and a side of a table takes codes only when every such row
//! of it does: a row left without its code would make its 款 look short of a part.

use std::collections::HashMap;

use budget_model::{strip_ordinal, Code, CodeLevel, CodeScheme, RowRole, Side, Table};

/// Gives the rows of `tables` printed by name only under a coded 类 the codes the other rows
/// of the document print with their names.
pub fn complete_codes(tables: &mut [Table]) {
    let known = codes_by_name(tables);
    if known.is_empty() {
        return;
    }
    for table in tables.iter_mut() {
        for side in [None, Some(Side::Income), Some(Side::Expenditure)] {
            if let Some(codes) = side_codes(table, side, &known) {
                for (i, code) in codes {
                    table.rows[i].code = Some(code);
                }
            }
        }
    }
}

/// Every function 款 and 项 the document prints with a code, by name.
fn codes_by_name(tables: &[Table]) -> HashMap<String, Vec<Code>> {
    let mut known: HashMap<String, Vec<Code>> = HashMap::new();
    for row in tables.iter().flat_map(|t| &t.rows) {
        let Some(code) = &row.code else { continue };
        if code.scheme() != CodeScheme::Function || code.level() == CodeLevel::Class {
            continue;
        }
        let codes = known.entry(name_of(&row.label).to_string()).or_default();
        if !codes.contains(code) {
            codes.push(code.clone());
        }
    }
    known
}

fn name_of(label: &str) -> &str {
    strip_ordinal(label).trim()
}

/// The codes of the rows of one side of a table (`None`: a table of one side) printed by name
/// only under a coded function 类, by row index; none unless every such row has one.
fn side_codes(
    table: &Table,
    side: Option<Side>,
    known: &HashMap<String, Vec<Code>>,
) -> Option<Vec<(usize, Code)>> {
    let mut out = Vec::new();
    let mut class: Option<Code> = None;
    let mut section: Option<Code> = None;
    for (i, row) in table.rows.iter().enumerate() {
        if row.section.as_ref().map(|s| s.side) != side {
            continue;
        }
        match &row.code {
            Some(code) if code.scheme() == CodeScheme::Function => {
                match code.level() {
                    CodeLevel::Class => (class, section) = (Some(code.clone()), None),
                    CodeLevel::Section => section = Some(code.clone()),
                    CodeLevel::Item => {}
                }
                continue;
            }
            Some(_) => {
                class = None;
                continue;
            }
            None => {}
        }
        let Some(under) = &class else { continue };
        if row.role != RowRole::Item {
            class = None;
            continue;
        }
        let code = code_under(known.get(name_of(&row.label))?, under, section.as_ref())?;
        if code.level() == CodeLevel::Section {
            section = Some(code.clone());
        }
        out.push((i, code));
    }
    (!out.is_empty()).then_some(out)
}

/// The one code among `codes` that stands under `class`: a 项 of `section` first, else a 款 or
/// 项 of the 类.
fn code_under(codes: &[Code], class: &Code, section: Option<&Code>) -> Option<Code> {
    let one = |found: Vec<&Code>| match found.as_slice() {
        [code] => Some((*code).clone()),
        _ => None,
    };
    let in_section: Vec<&Code> = codes
        .iter()
        .filter(|c| section.is_some_and(|s| s.is_parent_of(c)))
        .collect();
    if !in_section.is_empty() {
        return one(in_section);
    }
    one(codes.iter().filter(|c| class.is_ancestor_of(c)).collect())
}

#[cfg(test)]
mod tests {
    use crate::parse_text;

    /// A summary listing items by name under numbered classes, and a table printing them with
    /// their codes.
    const TEXT: &str = "\
收支总表
单位：万元
收入\t\t支出\t
项目\t预算数\t项目\t预算数
一、财政拨款\t30.00\t一、住房保障支出\t30.00
\t\t住房改革支出\t30.00
\t\t住房公积金\t10.00
\t\t购房补贴\t20.00
本年收入合计\t30.00\t本年支出合计\t30.00

部门支出总表
单位：万元
科目编码\t科目名称\t合计
221\t住房保障支出\t30.00
22102\t住房改革支出\t30.00
2210201\t住房公积金\t10.00
2210203\t购房补贴\t20.00
\t合计\t30.00
";

    fn codes(text: &str) -> Vec<(String, Option<String>)> {
        let doc = parse_text(text, "t");
        doc.tables[0]
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.code.as_ref().map(|c| c.to_string())))
            .collect()
    }

    #[test]
    fn items_named_without_codes_take_the_codes_printed_with_their_names() {
        let got = codes(TEXT);
        let code_of = |label: &str| {
            got.iter()
                .find(|(l, _)| l == label)
                .and_then(|(_, c)| c.clone())
        };
        assert_eq!(code_of("住房改革支出").as_deref(), Some("22102"));
        assert_eq!(code_of("住房公积金").as_deref(), Some("2210201"));
        assert_eq!(code_of("购房补贴").as_deref(), Some("2210203"));
        assert_eq!(code_of("本年支出合计"), None);
        assert_eq!(code_of("一、财政拨款"), None);
    }

    #[test]
    fn a_name_printed_nowhere_with_a_code_leaves_its_side_uncoded() {
        let text = TEXT.replace("\t\t购房补贴", "\t\t其他住房支出");
        let got = codes(&text);
        assert!(
            got.iter()
                .filter(|(l, _)| l != "一、住房保障支出")
                .all(|(_, c)| c.is_none()),
            "{got:?}"
        );
    }
}
