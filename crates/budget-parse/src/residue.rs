//! Template residue: placeholders, instructions to the author and foreign years left in the
//! published text (see [`budget_model::Residue`]).

use std::collections::HashMap;

use budget_model::{Residue, ResidueKind, Table};
use regex::Regex;

use crate::text::TextLine;
use crate::vocab::residue::{
    is_placeholder, BUDGET_WORDS, INSTRUCTION, LAST_YEAR_WORDS, PLACEHOLDER, SENTENCE_END, YEAR,
    YEARS_BUDGET,
};

/// The residue of a document, in input order.
///
/// `lines`: every line read; `headings`: the numbers of the narrative's heading lines;
/// `tables`: the tables (their titles are title lines too); `year`: the document's year. The
/// year of a heading or a title is checked only when it names a budget (`2023年部门预算情况
/// 说明`; a project may be named after a year) and only when the first such title names the
/// document's year: a document whose year was misread is not flagged throughout.
pub fn extract_residue(
    lines: &[TextLine<'_>],
    headings: &[usize],
    tables: &[Table],
    year: Option<u16>,
) -> Vec<Residue> {
    let mut out = Vec::new();
    for line in lines {
        out.extend(found_in(line, &PLACEHOLDER, ResidueKind::Placeholder).filter(|r| r.1));
        out.extend(found_in(line, &INSTRUCTION, ResidueKind::Instruction));
    }
    let mut out: Vec<Residue> = out.into_iter().map(|(r, _)| r).collect();
    if let Some(year) = year {
        out.extend(foreign_years(lines, headings, tables, year));
    }
    out.sort_by_key(|r| (r.line, r.start));
    out
}

/// The matches of `pattern` in a line, each with whether it stands on its own (see
/// [`is_placeholder`]; always true for other patterns).
fn found_in<'a>(
    line: &'a TextLine<'_>,
    pattern: &'a Regex,
    kind: ResidueKind,
) -> impl Iterator<Item = (Residue, bool)> + 'a {
    let text = scanned(line);
    pattern.find_iter(text).map(move |m| {
        let before = text.get(..m.start()).and_then(|t| t.chars().next_back());
        let after = text.get(m.end()..).and_then(|t| t.chars().next());
        let alone = kind != ResidueKind::Placeholder || is_placeholder(before, m.as_str(), after);
        (residue(line, kind, m.start(), m.end(), None), alone)
    })
}

/// The text of a line as printed when it is one input line (so offsets point into it), else
/// the text read.
fn scanned<'a>(line: &TextLine<'a>) -> &'a str {
    if line.source.contains('\n') {
        line.text
    } else {
        line.source
    }
}

fn residue(
    line: &TextLine<'_>,
    kind: ResidueKind,
    from: usize,
    to: usize,
    year: Option<u16>,
) -> Residue {
    let text = scanned(line);
    let chars = |b: usize| text.get(..b).map_or(0, |t| t.chars().count());
    Residue {
        kind,
        text: text.get(from..to).unwrap_or("").to_string(),
        source: line.source.to_string(),
        line: line.number,
        start: line.start + chars(from),
        end: line.start + chars(to),
        year,
    }
}

/// Years in title lines (headings, table titles) and `YYYY年预算` in the text that are not the
/// document's.
fn foreign_years(
    lines: &[TextLine<'_>],
    headings: &[usize],
    tables: &[Table],
    year: u16,
) -> Vec<Residue> {
    let by_number: HashMap<usize, &TextLine<'_>> = lines.iter().map(|l| (l.number, l)).collect();
    let mut titles: Vec<usize> = headings.to_vec();
    titles.extend(tables.iter().map(|t| t.lines.0));
    titles.sort_unstable();
    titles.dedup();
    let titled: Vec<(&TextLine<'_>, u16, usize, usize)> = titles
        .iter()
        .filter_map(|n| by_number.get(n).copied())
        .filter(|l| BUDGET_WORDS.iter().any(|w| l.text.contains(w)))
        .filter(|l| !l.text.trim_end().ends_with(SENTENCE_END))
        .flat_map(|l| {
            years_in(l, &YEAR)
                .into_iter()
                .map(move |(y, a, b)| (l, y, a, b))
        })
        .collect();
    // The first title naming a budget's year is the document's own (its cover or its first
    // table): when it names another year, the document's year is in doubt.
    if titled.first().is_some_and(|t| t.1 != year) {
        return Vec::new();
    }
    let mut out: Vec<Residue> = titled
        .into_iter()
        .filter(|&(l, y, _, _)| {
            let last_year = y + 1 == year && LAST_YEAR_WORDS.iter().any(|w| l.text.contains(w));
            y != year && !last_year
        })
        .map(|(l, y, a, b)| residue(l, ResidueKind::ForeignYear, a, b, Some(y)))
        .collect();
    let in_text = lines
        .iter()
        .filter(|l| titles.binary_search(&l.number).is_err())
        .flat_map(|l| years_in(l, &YEARS_BUDGET).into_iter().map(move |m| (l, m)))
        .filter(|(_, (y, _, _))| *y != year && y + 1 != year)
        .map(|(l, (y, a, b))| residue(l, ResidueKind::ForeignYear, a, b, Some(y)));
    out.extend(in_text);
    out
}

/// The years `pattern` (group 1 a year) finds in a line, with the byte range of each match.
fn years_in(line: &TextLine<'_>, pattern: &Regex) -> Vec<(u16, usize, usize)> {
    let text = scanned(line);
    pattern
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let y: u16 = c.get(1)?.as_str().parse().ok()?;
            Some((y, whole.start(), whole.end()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn kinds(text: &str, headings: &[usize], year: u16) -> Vec<(ResidueKind, String)> {
        extract_residue(&lines(text), headings, &[], Some(year))
            .into_iter()
            .map(|r| (r.kind, r.text))
            .collect()
    }

    #[test]
    fn placeholders_and_instructions_are_found_where_printed() {
        let text = "XX局2024年部门预算\n本单位当年收入X万元（请核实）。\n";
        let found = extract_residue(&lines(text), &[], &[], Some(2024));
        let got: Vec<(ResidueKind, &str, usize, usize)> = found
            .iter()
            .map(|r| (r.kind, r.text.as_str(), r.line, r.start))
            .collect();
        assert_eq!(
            got,
            [
                (ResidueKind::Placeholder, "XX", 1, 0),
                (ResidueKind::Placeholder, "X万元", 2, 20),
                (ResidueKind::Instruction, "请核实", 2, 24),
            ]
        );
    }

    #[test]
    fn a_heading_names_the_documents_year() {
        let text = "2024年部门预算\n一、2023年部门预算情况说明\n二、2023年预算执行情况\n三、2022年部门预算收支情况\n四、2027年信息化运维项目\n2、本部门无 2022 年预算安排的项目。\n3、本部门无 2023 年结转的政府性基金预算拨款支出\n";
        let got = kinds(text, &[1, 2, 3, 4, 5, 6, 7], 2024);
        assert_eq!(
            got,
            [
                (ResidueKind::ForeignYear, "2023年".to_string()),
                (ResidueKind::ForeignYear, "2022年".to_string()),
            ]
        );
    }

    /// A document whose year was misread: its first title names another year.
    #[test]
    fn no_year_is_foreign_when_the_documents_year_is_in_doubt() {
        let text = "2023年部门预算\n一、2023年部门预算情况说明\n";
        assert!(kinds(text, &[1, 2], 2024).is_empty());
    }

    #[test]
    fn a_years_budget_in_the_text_is_this_or_last_years() {
        let text = "2024年部门预算\n与2023年预算相比，2021年预算安排的项目已完成。\n";
        let got = kinds(text, &[1], 2024);
        assert_eq!(got, [(ResidueKind::ForeignYear, "2021年预算".to_string())]);
    }
}
