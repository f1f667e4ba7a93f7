//! Classification paths named in words (`住房保障支出（类）住房改革支出（款）住房公积金（项）`,
//! `办公费（款）`):
//! a figure whose own words name only its measure (`年初预算 A 万元，支出决算 B 万元`) is about
//! the item its paragraph opens with; a path is resolved to its code by the names the
//! document's own tables print beside their codes.

use budget_model::{compact, strip_ordinal, Claim, Code, Subject, Table};

use super::paragraphs::Paragraph;
use crate::vocab::narrative::{named_path, names_fund_total, EXPENDITURE};
use crate::vocab::residue::SENTENCE_END;

/// The words a figure is about when its own words (`lead`, starting at byte `at` of the
/// paragraph) name only a measure or a total (`支出决算`, `年初预算数`): the path of the item
/// its paragraph names before it, followed by the lead (`…住房公积金（项）支出决算`). The path
/// is looked for in the sentences before the figure, nearest first, the first of them joined
/// to the paragraph's heading when that names a path (a numbered item's first line is read as
/// a heading:
/// `11.卫生健康支出（类）卫生健康管理事务（款）行政运行` / `（项）。年初预算 …`). `None` when no
/// path is named or the lead names something of its own.
pub(super) fn inherited(para: &Paragraph, at: usize, lead: &str) -> Option<String> {
    // A lead of measure and total words only holds no path mark.
    if lead.trim().is_empty() || !names_fund_total(lead) {
        return None;
    }
    let before = para.slice(0, at);
    let heading = para
        .headings
        .last()
        .filter(|h| named_path(h).is_some())
        .map_or("", String::as_str);
    let text = format!("{heading}{before}");
    match text.rsplit(SENTENCE_END).find_map(path_words) {
        Some(path) => Some(format!("{path}{lead}")),
        None => run_in_heading(before).map(|item| format!("{item}{lead}")),
    }
}

/// The most characters of a run-in heading: `1.因公出国（境）费用。` opening its paragraph.
const RUN_IN_HEADING_CHARS: usize = 24;

/// The item a paragraph names in a run-in heading before its sentences (`2.公务接待费。2026
/// 年预算数 9.46 万元…`, `（一）收入预算：2026年年初预算数…`): a numbered first sentence or
/// clause of a few words and no figure, without its number.
fn run_in_heading(before: &str) -> Option<&str> {
    let (first, _) = before.split_once([SENTENCE_END, '：', ':'])?;
    let item = strip_ordinal(first.trim()).trim();
    let numbered = item.len() < first.trim().len();
    let short = item.chars().count() <= RUN_IN_HEADING_CHARS;
    let words_only = !item.chars().any(|c| c.is_ascii_digit());
    (numbered && short && words_only && !item.is_empty()).then_some(item)
}

/// The words of `sentence` up to the end of the path it names, without a list ordinal.
fn path_words(sentence: &str) -> Option<&str> {
    let path = named_path(sentence)?;
    Some(strip_ordinal(sentence.get(..path.end)?).trim())
}

/// Gives every claim about something else (`Subject::Other`) whose words name a classification
/// path the code the document's tables print for it (see [`path_code`]). A 三公 item's name
/// marked as a level of a classification (`公务接待费（款）`, the economic 款 30217 of basic
/// expenditure) names that row, not the 三公 item: its code when a table prints it, else
/// something no table states.
pub fn resolve_paths(claims: &mut [Claim], tables: &[Table]) {
    for claim in claims.iter_mut() {
        let three_public = matches!(claim.subject, Subject::ThreePublic(_));
        if !matches!(claim.subject, Subject::Other(_)) && !three_public {
            continue;
        }
        let Some(path) = named_path(&claim.subject_text) else {
            continue;
        };
        match path_code(&path.names, tables) {
            Some(code) => claim.subject = Subject::Code(code),
            None if three_public => claim.subject = Subject::Other(claim.subject_text.clone()),
            None => {}
        }
    }
}

/// The one code (of functions or of economic classes: `办公费（款）`) whose row some table
/// prints under the path's innermost name, at the path's level, and whose printed ancestors
/// carry the path's outer names (a 类 no table prints is known by the class lists). `None` when
/// no code or more than one fits.
pub fn path_code(path: &[(&str, usize)], tables: &[Table]) -> Option<Code> {
    let (name, digits) = *path.last()?;
    let rows = || {
        tables
            .iter()
            .flat_map(|t| &t.rows)
            .filter_map(|r| Some((r.code.as_ref()?, r.label.as_str())))
    };
    let mut found: Vec<&Code> = rows()
        .filter(|(c, label)| c.as_str().len() == digits && same_name(label, name))
        .map(|(c, _)| c)
        .collect();
    found.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    found.dedup();
    let fits = |code: &Code| {
        path.iter().rev().skip(1).all(|&(outer, digits)| {
            let Some(prefix) = code.as_str().get(..digits) else {
                return false;
            };
            let printed: Vec<&str> = rows()
                .filter(|(c, _)| c.as_str() == prefix)
                .map(|(_, label)| label)
                .collect();
            if !printed.is_empty() {
                return printed.iter().any(|label| same_name(label, outer));
            }
            let class = |c: Option<Code>| c.is_some_and(|c| c.as_str() == prefix);
            digits != 3
                || class(budget_model::function_class_by_name(outer))
                || class(budget_model::dept_economic_class_by_name(outer))
        })
    };
    let mut fitting = found.into_iter().filter(|c| fits(c));
    match (fitting.next(), fitting.next()) {
        (Some(code), None) => Some(code.clone()),
        _ => None,
    }
}

/// Whether a row's label and a path's name are the same name, `支出` aside
/// (`住房保障（类）` for `住房保障支出`).
fn same_name(label: &str, name: &str) -> bool {
    let label = compact(strip_ordinal(label));
    let name = compact(name);
    let bare = |s: &str| s.strip_suffix(EXPENDITURE.text).unwrap_or(s).to_string();
    !name.is_empty() && bare(&label) == bare(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> budget_model::Document {
        crate::parse_text(text, "t")
    }

    const TABLE: &str = "一般公共预算财政拨款支出决算表\n单位：万元\n\
        科目代码\t科目名称\t小计\t基本支出\t项目支出\n\
        \t合计\t60.00\t56.00\t4.00\n\
        201\t一般公共服务支出\t56.00\t56.00\t\n\
        20104\t发展与改革事务\t56.00\t56.00\t\n\
        2010405\t日常经济运行调节\t56.00\t56.00\t\n\
        221\t住房保障支出\t4.00\t\t4.00\n\
        22102\t住房改革支出\t4.00\t\t4.00\n\
        2210201\t住房公积金\t4.00\t\t4.00\n";

    /// A numbered item's path, its first line read as a heading, names the figures after it.
    #[test]
    fn a_figure_named_by_its_measure_is_about_the_item_its_paragraph_opens() {
        let text = format!(
            "{TABLE}\n一般公共预算财政拨款支出决算情况说明\n\
             1.一般公共服务支出（类）发展与改革事务（款）日常经济\n\
             运行调节（项）。年初预算50万元，支出决算56万元，完成年初预算的112%。\n"
        );
        let d = doc(&text);
        let code = Code::parse("2010405").expect("code");
        let about: Vec<&Claim> = d
            .claims
            .iter()
            .filter(|c| c.subject == Subject::Code(code.clone()))
            .collect();
        assert_eq!(about.len(), 2, "{:#?}", d.claims);
        assert!(
            about[1].subject_text.ends_with("（项）支出决算"),
            "{}",
            about[1].subject_text
        );
    }

    #[test]
    fn a_path_in_the_words_resolves_by_the_tables_names() {
        let tables = doc(TABLE).tables;
        let code = |text| named_path(text).and_then(|p| path_code(&p.names, &tables));
        assert_eq!(
            code("住房改革支出（款）住房公积金（项）支出"),
            Code::parse("2210201")
        );
        // An outer name the tables contradict, or an inner one they do not print: no code.
        assert_eq!(
            code("教育支出（类）住房改革支出（款）住房公积金（项）"),
            None
        );
        assert_eq!(code("住房改革支出（款）提租补贴（项）"), None);
    }

    /// `公务接待费（款）` is the economic 款 of basic expenditure, not the 三公 item of the same
    /// name (which holds project money too).
    #[test]
    fn a_three_public_name_marked_as_a_level_is_a_classification_row() {
        let basic = "一般公共预算基本支出表\n单位：万元\n\
            科目代码\t科目名称\t合计\t人员经费\t公用经费\n\
            \t合计\t16.00\t\t16.00\n\
            302\t商品和服务支出\t16.00\t\t16.00\n\
            30217\t公务接待费\t16.00\t\t16.00\n";
        let narrative = "（8）公务接待费（款）支出16万元。用于公务接待支出。\n";
        let d = doc(&format!("{basic}\n{narrative}"));
        let claim = d
            .claims
            .iter()
            .find(|c| c.amount.is_some())
            .expect("a figure");
        assert_eq!(
            claim.subject,
            Subject::Code(Code::parse("30217").expect("code"))
        );
        // Without the row, it names nothing a table states, and still not the 三公 item.
        let alone = doc(narrative);
        let claim = alone
            .claims
            .iter()
            .find(|c| c.amount.is_some())
            .expect("a figure");
        assert!(
            matches!(claim.subject, Subject::Other(_)),
            "{:?}",
            claim.subject
        );
    }
}
