//! Document facts: publishing entity and its code, year, scope, kind, predominant unit.
use std::cmp::Ordering;

use budget_model::{compact, DocumentKind, Facts, Scope, Table, TableKind, Unit};

use crate::text::TextLine;
use crate::vocab::facts::{
    is_region, year_named, BUDGET_WORD, DEPARTMENT_DOCUMENTS, FILER, FINAL_ACCOUNTS_WORD,
    TITLE_SUFFIXES, TITLE_YEAR, UNIT_DOCUMENTS,
};
use crate::vocab::titles::CONTENTS;

pub fn extract_facts(
    source: &str,
    text: &str,
    lines: &[TextLine<'_>],
    tables: &[Table],
    agencies: &[(String, String)],
) -> Facts {
    let title = document_title(lines);
    let title = title.as_str();
    let (title_entity, title_year) = parse_title(title);
    let filer = FILER.captures(text);
    // A title naming only its region (`上海市2026年市级单位预算`) leaves the entity to the cover's
    // label (`预算单位：上海市审计局`).
    let filed = filer.as_ref().map(|c| c["name"].to_string());
    let entity = match title_entity {
        Some(region) if is_region(&region) => filed.or(Some(region)),
        Some(named) => Some(named),
        None => filed,
    };
    let code = filer
        .as_ref()
        .and_then(|c| c.name("code"))
        .map(|m| m.as_str().to_string())
        .or_else(|| entity_code_from_tables(entity.as_deref(), agencies));
    Facts {
        source: source.to_string(),
        entity,
        entity_code: code,
        year: title_year.or_else(|| year_named(text)),
        unit: predominant_unit(tables),
        scope: scope(title).or_else(|| scope(text)),
        kind: kind_of_tables(tables).or_else(|| kind_of_title(title)),
    }
}

/// The most lines of a cover a title is printed over (`2026 年度` / `苏州市自然资源和规划局` /
/// `单位预算公开`).
const MAX_TITLE_LINES: usize = 3;

/// The longest line of a cover title, in characters: a longer one is text.
const MAX_TITLE_LINE_CHARS: usize = 40;

/// The document's title: its first lines, joined until they name a year and an entity and end
/// as a title does (`2018 年度江苏省高级` / `人民法院预算公开`; `2026 年深圳市财政局（本级）部门预`
/// / `算`; `西安市发展和改革委员会` / `2019 年部门综合预算说明`). The first line when no
/// joining does (a sentence, the contents or a long line ends the cover).
fn document_title(lines: &[TextLine<'_>]) -> String {
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.text.trim().trim_start_matches('#').trim())
        .filter(|l| !l.is_empty())
        .take(MAX_TITLE_LINES)
        .collect();
    let first = texts.first().copied().unwrap_or("");
    let ends_as_title = |t: &str| TITLE_SUFFIXES.iter().any(|s| t.ends_with(s));
    let mut title = String::new();
    for text in &texts {
        let cover_line = text.chars().count() <= MAX_TITLE_LINE_CHARS
            && !text.contains(['，', '。', '：', ':'])
            && compact(text) != CONTENTS;
        if !cover_line {
            break;
        }
        title.push_str(text);
        let (entity, year) = parse_title(&title);
        if entity.is_some() && year.is_some() && ends_as_title(&title) {
            return title;
        }
    }
    first.to_string()
}

fn parse_title(title: &str) -> (Option<String>, Option<u16>) {
    let Some(c) = TITLE_YEAR.captures(title) else {
        return (None, None);
    };
    let year = c["year"].parse().ok();
    let pre = c["pre"].trim();
    let entity = if pre.is_empty() {
        strip_suffixes(c["post"].trim())
    } else {
        strip_suffixes(pre)
    };
    ((!entity.is_empty()).then_some(entity), year)
}

fn strip_suffixes(text: &str) -> String {
    let mut t = text.trim();
    while let Some(rest) = TITLE_SUFFIXES.iter().find_map(|s| t.strip_suffix(s)) {
        t = rest.trim();
    }
    t.to_string()
}

/// An agency code printed in a table row naming the entity (`313002 安阳市社会医疗保险中心`).
fn entity_code_from_tables(entity: Option<&str>, agencies: &[(String, String)]) -> Option<String> {
    let entity = entity?;
    agencies
        .iter()
        .find(|(_, name)| name.trim() == entity)
        .map(|(code, _)| code.clone())
}

/// The unit most tables with amounts use.
fn predominant_unit(tables: &[Table]) -> Option<Unit> {
    let count = |u: Unit| {
        tables
            .iter()
            .filter(|t| t.unit == u && !t.rows.is_empty())
            .count()
    };
    let (yuan, wan) = (count(Unit::Yuan), count(Unit::WanYuan));
    match (yuan, wan) {
        (0, 0) => None,
        (y, w) if y > w => Some(Unit::Yuan),
        _ => Some(Unit::WanYuan),
    }
}

/// Budget or final accounts, by the standard tables found: the kind most of them belong to.
fn kind_of_tables(tables: &[Table]) -> Option<DocumentKind> {
    let standard = tables.iter().filter(|t| t.kind != TableKind::Other);
    let (finals, budgets) = standard.fold((0, 0), |(f, b), t| {
        if t.kind.is_final_accounts() {
            (f + 1, b)
        } else {
            (f, b + 1)
        }
    });
    match finals.cmp(&budgets) {
        Ordering::Greater => Some(DocumentKind::FinalAccounts),
        Ordering::Less => Some(DocumentKind::Budget),
        Ordering::Equal => None,
    }
}

/// Budget or final accounts, by the word the title uses (决算 before 预算: `…部门决算` against
/// `…一般公共预算…决算表`).
fn kind_of_title(title: &str) -> Option<DocumentKind> {
    if title.contains(FINAL_ACCOUNTS_WORD) {
        Some(DocumentKind::FinalAccounts)
    } else {
        title.contains(BUDGET_WORD).then_some(DocumentKind::Budget)
    }
}

/// The first of `words` the text names, as a byte offset.
fn first_of(text: &str, words: &[&str]) -> Option<usize> {
    words.iter().filter_map(|w| text.find(w)).min()
}

/// 部门预算 / 部门决算 or 单位预算 / 单位决算, whichever the text names first.
fn scope(text: &str) -> Option<Scope> {
    let dept = first_of(text, &DEPARTMENT_DOCUMENTS);
    let unit = first_of(text, &UNIT_DOCUMENTS);
    match (dept, unit) {
        (Some(d), Some(u)) if u < d => Some(Scope::Unit),
        (Some(_), _) => Some(Scope::Department),
        (None, Some(_)) => Some(Scope::Unit),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_wrapped_onto_a_second_line_is_joined() {
        let text = "2018 年度江苏省高级\n 人民法院预算公开\n\n目录\n";
        let lines = crate::text::lines(text);
        assert_eq!(
            document_title(&lines),
            "2018 年度江苏省高级人民法院预算公开"
        );
        let facts = extract_facts("t", text, &lines, &[], &[]);
        assert_eq!(facts.entity.as_deref(), Some("江苏省高级人民法院"));
        // A complete title stays alone.
        let text = "江苏省高级人民法院2018年部门预算\n目录\n";
        let lines = crate::text::lines(text);
        assert_eq!(document_title(&lines), "江苏省高级人民法院2018年部门预算");
    }

    /// Covers printing their title over several lines, each as the corpus prints it.
    #[test]
    fn a_cover_title_over_several_lines_names_the_entity() {
        let cases = [
            (
                "2026 年深圳市财政局（本级）部门预\n   算\n目  录\n",
                "深圳市财政局（本级）",
            ),
            (
                "       2026 年度\n苏州市自然资源和规划局\n     单位预算公开\n目  录\n",
                "苏州市自然资源和规划局",
            ),
            (
                "西安市发展和改革委员会\n2019 年部门综合预算说明\n一、主要职责\n",
                "西安市发展和改革委员会",
            ),
            (
                "北京市教育委员会部门\n2026 年度部门预算信息公开\n目  录\n",
                "北京市教育委员会",
            ),
            (
                "上海市2026年市级单位预算\n    预算单位：上海市审计局\n目 录\n",
                "上海市审计局",
            ),
        ];
        for (text, entity) in cases {
            let lines = crate::text::lines(text);
            let facts = extract_facts("t", text, &lines, &[], &[]);
            assert_eq!(facts.entity.as_deref(), Some(entity), "{text}");
        }
        // A sentence on the cover is no part of the title.
        let text = "西安市发展和改革委员会\n西安市发改委是市政府的组成部门之一，2019 年预算\n";
        let lines = crate::text::lines(text);
        assert_eq!(document_title(&lines), "西安市发展和改革委员会");
    }

    #[test]
    fn titles_name_entity_and_year() {
        let cases = [
            (
                "南昌市医疗保障服务中心 2024 年单位预算",
                "南昌市医疗保障服务中心",
                2024,
            ),
            (
                "2024年度安阳市社会医疗保险中心预算公开说明",
                "安阳市社会医疗保险中心",
                2024,
            ),
            (
                "麟游县医疗保障局 2023 年单位预算公开说明",
                "麟游县医疗保障局",
                2023,
            ),
        ];
        for (title, entity, year) in cases {
            assert_eq!(parse_title(title), (Some(entity.to_string()), Some(year)));
        }
    }

    #[test]
    fn scope_from_first_mention() {
        assert_eq!(
            scope("赣州市医疗保障局 2023 年部门预算公开"),
            Some(Scope::Department)
        );
        assert_eq!(scope("2024 年单位预算 … 部门预算"), Some(Scope::Unit));
        assert_eq!(scope("预算公开说明"), None);
        assert_eq!(
            scope("佛山市轨道交通局 2019 年部门决算"),
            Some(Scope::Department)
        );
    }

    #[test]
    fn kind_from_the_title_when_no_standard_table_tells() {
        assert_eq!(
            kind_of_title("佛山市轨道交通局2019年部门决算"),
            Some(DocumentKind::FinalAccounts)
        );
        assert_eq!(
            kind_of_title("南昌市医疗保障服务中心 2024 年单位预算"),
            Some(DocumentKind::Budget)
        );
        assert_eq!(kind_of_title("单位主要职责"), None);
        assert_eq!(kind_of_tables(&[]), None);
    }
}
