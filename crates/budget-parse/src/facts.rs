//! Document facts: publishing entity and its code, year, scope, predominant unit.
use budget_model::{Facts, Scope, Table, Unit};

use crate::text::TextLine;
use crate::vocab::facts::{
    year_named, DEPARTMENT_BUDGET, FILER, TITLE_SUFFIXES, TITLE_YEAR, UNIT_BUDGET,
};

pub fn extract_facts(
    source: &str,
    text: &str,
    lines: &[TextLine<'_>],
    tables: &[Table],
    agencies: &[(String, String)],
) -> Facts {
    let title = lines
        .iter()
        .map(|l| l.text.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let (title_entity, title_year) = parse_title(title);
    let filer = FILER.captures(text);
    let entity = title_entity.or_else(|| filer.as_ref().map(|c| c["name"].to_string()));
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
    }
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
        pre.to_string()
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

/// 部门预算 or 单位预算, whichever the text names first.
fn scope(text: &str) -> Option<Scope> {
    let dept = text.find(DEPARTMENT_BUDGET);
    let unit = text.find(UNIT_BUDGET);
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
    }
}
