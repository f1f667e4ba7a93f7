//! Header rows → column paths (`基本支出/人员经费`) and typed columns, for every layout: the
//! repairs of what text extraction does to headers (merged cells, shifted rows, group labels
//! printed once) and the fallback names of columns without a header.

use budget_model::{is_ideograph, Column, ColumnRole, Section, Side};

use crate::columns::{centred_period_paths, normalize_header, roles};
use crate::vocab::headers::{completes_fund_header, header_word, HeaderWord};
use crate::vocab::tables::{ends_with_total, side_word, unnamed_column, SUBTOTAL};

/// The header rows with every cell normalized ([`normalize_header`]), once per table.
pub(super) fn normalized(header: &[Vec<String>]) -> Vec<Vec<String>> {
    header
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| normalize_header(c).into_owned())
                .collect()
        })
        .collect()
}

/// Header text of a column over all (normalized) header rows, for finding label and code
/// columns.
pub(super) fn header_text(words: &[Vec<String>], j: usize) -> String {
    words
        .iter()
        .filter_map(|row| row.get(j))
        .map(String::as_str)
        .collect()
}

/// Whether column `j` has header text of its own (not only a group label spanning it), in the
/// normalized header rows.
pub(super) fn has_own_header(words: &[Vec<String>], j: usize) -> bool {
    words
        .iter()
        .any(|row| row.get(j).is_some_and(|c| !c.is_empty()))
}

/// For each value column, its header path from top to bottom, after repairing what text
/// extraction does to headers: cells merged into one (`合计   上年结转`), rows shifted against the
/// data, group labels printed once over the columns they span.
pub(super) fn header_paths(
    header: &[Vec<String>],
    value_cols: &[usize],
    width: usize,
) -> Vec<Vec<String>> {
    let first_value = value_cols.first().copied().unwrap_or(0);
    let mut anchored = false;
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(header.len());
    for row in header {
        let mut cells = split_merged_cells(row);
        split_glued_cells(&mut cells);
        let (aligned, had_anchor) = if anchored {
            (pad(cells, width), false)
        } else {
            align_row(cells, first_value, width)
        };
        anchored |= had_anchor;
        rows.push(aligned);
    }
    fill_group_labels(&mut rows, value_cols);
    value_cols
        .iter()
        .map(|&j| {
            let mut path: Vec<String> = Vec::new();
            for row in &rows {
                let word = normalize_header(&row[j]);
                let repeated = path.last().map(String::as_str) == Some(&*word);
                match path.last_mut() {
                    Some(last) if is_wrapped_tail(&word) || completes_fund_header(last, &word) => {
                        last.push_str(&word)
                    }
                    _ if word.is_empty() || repeated => {}
                    _ => path.push(word.into_owned()),
                }
            }
            path
        })
        .collect()
}

/// Whether a header word is the last character of the word above it, wrapped onto a line of
/// its own (`公务用车购置` over `费`): one ideograph, which names no column.
fn is_wrapped_tail(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_ideograph(c))
}

/// Text extraction sometimes prints two header cells as one, separated by spaces
/// (`合计   上年结转`, `合计 基本支出 项目支`).
fn split_merged_cells(row: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(row.len());
    for cell in row {
        if !cell.contains(char::is_whitespace) {
            out.push(cell.clone());
            continue;
        }
        let parts: Vec<&str> = cell.split_whitespace().collect();
        // Reading the words' roles only matters when there are several.
        let known = || {
            parts
                .iter()
                .filter(|p| crate::columns::is_known_word(p))
                .count()
        };
        if parts.len() > 1 && known() >= 2 {
            out.extend(parts.into_iter().map(str::to_string));
        } else {
            out.push(cell.clone());
        }
    }
    out
}

/// Two header cells printed so close that extraction glued them into one word
/// (`公用经费支出专项业务经费支出`) are split when the cell on the right is empty to take the
/// second.
fn split_glued_cells(cells: &mut [String]) {
    for j in 1..cells.len() {
        if !cells[j].trim().is_empty() {
            continue;
        }
        if let Some((left, right)) = split_glued(&cells[j - 1]) {
            cells[j - 1] = left;
            cells[j] = right;
        }
    }
}

/// The two header words a glued cell is made of: the longest first word such that both name
/// columns of money, different and not one the group of the other (基本支出 over 人员经费).
fn split_glued(cell: &str) -> Option<(String, String)> {
    let word = normalize_header(cell);
    let role = money_role;
    let whole = role(&word)?;
    let splits = word.char_indices().map(|(i, _)| i).filter(|&i| i > 0).rev();
    for i in splits {
        let (a, b) = word.split_at(i);
        if let (Some(ra), Some(rb)) = (role(a), role(b)) {
            if are_peers(ra, rb) && (whole == ra || whole == rb) {
                return Some((a.to_string(), b.to_string()));
            }
        }
    }
    None
}

/// Whether two kinds of money are printed side by side as peers (基本支出 | 项目支出), not one the
/// group of the other (基本支出 over 人员经费, 上年结转 over 一般公共预算).
fn are_peers(a: ColumnRole, b: ColumnRole) -> bool {
    use ColumnRole::*;
    let nested = matches!(
        (a, b),
        (Basic, Personnel | Public)
            | (
                CarryOver,
                GeneralBudget | GovernmentFund | StateCapital | OtherIncome
            )
            | (Vehicle, VehicleOperation | VehiclePurchase)
            | (Abroad, AbroadPart)
    );
    a != b && !nested && family(a).is_some() && family(a) == family(b)
}

/// The kind of money a header word names, if any.
fn money_role(word: &str) -> Option<ColumnRole> {
    match header_word(word) {
        HeaderWord::Role(role) if is_money_role(role) => Some(role),
        _ => None,
    }
}

/// Roles of columns that hold a kind of money (not totals, 其中, plain 金额).
fn is_money_role(role: ColumnRole) -> bool {
    use ColumnRole::*;
    !matches!(role, Other | OfWhich | Total | Amount)
}

/// The kinds of columns printed side by side as peers: kinds of expenditure (人员经费 |
/// 公用经费 | 项目支出, 基本支出 | 项目支出), sources of income, and the 三公 items (公务用车 |
/// 公务接待费); 基本支出 over 人员经费 and 公务用车 over 公务用车运行维护费 are groups over their
/// parts. A glued header splits only into two peers, and a group label printed once ends at a
/// peer of it (公务接待费 right of the 公务用车 group).
#[derive(PartialEq, Eq)]
enum Family {
    Expenditure,
    Income,
    /// The 三公 items: 因公出国（境）费, 公务接待费, 公务用车 and its parts.
    ThreePublic,
}

fn family(role: ColumnRole) -> Option<Family> {
    use ColumnRole::*;
    match role {
        Basic | Personnel | Public | Project => Some(Family::Expenditure),
        GeneralBudget | GovernmentFund | StateCapital | OtherIncome | CarryOver => {
            Some(Family::Income)
        }
        Abroad | AbroadPart | Reception | Vehicle | VehicleOperation | VehiclePurchase => {
            Some(Family::ThreePublic)
        }
        _ => None,
    }
}

/// Shifts the top header row that has a 合计/总计 cell so that the cell sits over the first
/// amount column. Returns the row and whether it had such a cell.
fn align_row(mut cells: Vec<String>, first_value: usize, width: usize) -> (Vec<String>, bool) {
    let anchor = cells.iter().position(|c| {
        let w = normalize_header(c);
        ends_with_total(&w)
    });
    if let Some(p) = anchor {
        if p < first_value {
            let pad = vec![String::new(); first_value - p];
            cells.splice(p..p, pad);
        } else if p > first_value && cells[first_value..p].iter().all(|c| c.trim().is_empty()) {
            cells.drain(first_value..p);
        }
    }
    (pad(cells, width), anchor.is_some())
}

fn pad(mut cells: Vec<String>, width: usize) -> Vec<String> {
    cells.resize(width.max(cells.len()), String::new());
    cells
}

/// A group label printed once spans the empty cells on its right, as a merged cell does, in
/// every header row but the last. It spans the columns between the value columns too: a column
/// empty in every row (nothing printed in it, not even a header) is still under the merged cell,
/// so the value columns after it belong to the same group; a form that drops such a column
/// (space-aligned text, PDF) reads the same group. A group ends where a cell of a row above
/// starts: a merged cell never crosses the edge of the cell over it (`公务接待费` beside
/// `公务用车购置及运行维护费`, one level up).
fn fill_group_labels(rows: &mut [Vec<String>], value_cols: &[usize]) {
    let (Some(&first), Some(&last)) = (value_cols.first(), value_cols.last()) else {
        return;
    };
    let printed: Vec<Vec<bool>> = rows
        .iter()
        .map(|row| row.iter().map(|c| !c.trim().is_empty()).collect())
        .collect();
    for r in 0..rows.len().saturating_sub(1) {
        for j in first + 1..=last {
            let left = normalize_header(&rows[r][j - 1]);
            // A total spans columns only where headers below it split it (`总计` over
            // `一般公共预算 | 政府性基金预算`); alone, it heads one column.
            let is_total = ends_with_total(&left) || left == SUBTOTAL;
            let split_below = printed[r + 1..].iter().any(|row| row[j - 1]);
            let left_is_group = !left.is_empty() && (!is_total || split_below);
            let starts_above = printed[..r].iter().any(|row| row[j]);
            let spans = left_is_group && !starts_above && !peer_below(rows, r, j, &left);
            if rows[r][j].trim().is_empty() && spans {
                rows[r][j] = rows[r][j - 1].clone();
            }
        }
    }
}

/// Whether column `j` is headed, below row `r`, by a peer of the group `group` (`项目支出`
/// right of the `基本支出` group): the group ends before it.
fn peer_below(rows: &[Vec<String>], r: usize, j: usize, group: &str) -> bool {
    let Some(group) = money_role(group) else {
        return false;
    };
    rows.iter()
        .skip(r + 1)
        .filter_map(|row| row.get(j))
        .map(|c| normalize_header(c))
        .find(|c| !c.is_empty())
        .and_then(|c| money_role(&c))
        .is_some_and(|own| are_peers(group, own))
}

pub(super) fn make_columns(
    paths: &[Vec<String>],
    value_cols: &[usize],
    numbering: Option<&[String]>,
    section: Option<&Section>,
) -> Vec<Column> {
    let centred = centred_period_paths(paths);
    let paths = centred.as_deref().unwrap_or(paths);
    let blocks = fund_blocks(paths);
    let column_roles = match &blocks {
        Some(_) => {
            let groups: Vec<Vec<String>> =
                paths.iter().map(|p| p[..p.len() - 1].to_vec()).collect();
            roles(&groups)
        }
        None => roles(paths),
    };
    paths
        .iter()
        .zip(value_cols)
        .zip(column_roles)
        .enumerate()
        .map(|(k, ((path, &j), role))| {
            let numbered = numbering.and_then(|n| n.get(j)).map(String::as_str);
            let fallback = unnamed_column(numbered, j + 1);
            let name = if path.is_empty() {
                fallback
            } else {
                path.join("/")
            };
            let name = match section {
                Some(s) => with_side(s.side, name),
                None => name,
            };
            let block = blocks.as_ref().and_then(|b| b.get(k)).map(|fund| Section {
                side: Side::Expenditure,
                scheme: None,
                name: fund.clone(),
            });
            Column {
                name,
                role,
                section: section.cloned().or(block),
            }
        })
        .collect()
}

/// The fund of each column of a table printing the same funds under each of its groups
/// (`总计 | 因公出国(境)费 | 公务接待费 …` each over `一般公共预算 | 政府性基金预算 | 国有资本经营预算`):
/// every column's last header word names a fund, and at least three groups print the same
/// funds in the same order. Each fund is then a block of its own, its columns related as a
/// table of one fund would relate them.
fn fund_blocks(paths: &[Vec<String>]) -> Option<Vec<String>> {
    let mut groups: Vec<(&[String], Vec<&str>)> = Vec::new();
    for path in paths {
        let (fund, group) = path.split_last()?;
        if group.is_empty() || !is_fund_word(fund) {
            return None;
        }
        match groups.last_mut() {
            Some((g, funds)) if *g == group => funds.push(fund),
            _ => groups.push((group, vec![fund])),
        }
    }
    let first = &groups.first()?.1;
    let repeated = groups.len() >= 3 && first.len() >= 2;
    let same = groups.iter().all(|(_, funds)| funds == first);
    (repeated && same).then(|| paths.iter().filter_map(|p| p.last().cloned()).collect())
}

fn is_fund_word(word: &str) -> bool {
    matches!(
        header_word(&normalize_header(word)),
        HeaderWord::Role(
            ColumnRole::GeneralBudget | ColumnRole::GovernmentFund | ColumnRole::StateCapital
        )
    )
}

/// A column of one side of a side-by-side table named with its side (`收入/预算数`, `支出/合计`):
/// both sides often print the same header (`预算数`), and a finding must say which it means.
fn with_side(side: Side, name: String) -> String {
    let word = side_word(side);
    if name.starts_with(word) {
        return name;
    }
    format!("{word}/{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    /// Shenzhen's 三公 table: every item printed once per fund; each fund is a block of its own.
    #[test]
    fn funds_printed_under_every_group_are_blocks_of_their_own() {
        let funds = ["一般公共预算", "政府性基金预算", "国有资本经营预算"];
        let groups = [
            "总计",
            "因公出国(境)费",
            "公务接待费",
            "公务用车购置及运行维护费/小计",
        ];
        let paths: Vec<Vec<String>> = groups
            .iter()
            .flat_map(|g| funds.iter().map(move |f| format!("{g}/{f}")))
            .map(|p| p.split('/').map(str::to_string).collect())
            .collect();
        let value_cols: Vec<usize> = (0..paths.len()).collect();
        let columns = make_columns(&paths, &value_cols, None, None);
        let general: Vec<ColumnRole> = columns
            .iter()
            .filter(|c| c.section.as_ref().is_some_and(|s| s.name == funds[0]))
            .map(|c| c.role)
            .collect();
        use ColumnRole::*;
        assert_eq!(general, [Total, Abroad, Reception, Vehicle]);
        let blocks = columns.iter().filter(|c| c.section.is_some()).count();
        assert_eq!(blocks, 12);
        // Two groups only: no blocks (an income table's 上年结转 and 本年收入 by fund).
        let two = &paths[..6];
        let columns = make_columns(two, &value_cols[..6], None, None);
        assert!(columns.iter().all(|c| c.section.is_none()));
    }

    /// The last character of a header cell wrapped onto a line of its own (`公务用车购置` over
    /// `费`) completes the word above it: it is no level of the header.
    #[test]
    fn a_wrapped_last_character_completes_the_word_above() {
        let header = [
            row(&["合计", "公务用车购置", "公务用车运行维护", "会议费"]),
            row(&["", "费", "费", ""]),
        ];
        let paths = header_paths(&header, &[0, 1, 2, 3], 4);
        assert_eq!(
            paths,
            [
                vec!["合计".to_string()],
                vec!["公务用车购置费".to_string()],
                vec!["公务用车运行维护费".to_string()],
                vec!["会议费".to_string()],
            ]
        );
    }

    /// A fund's name wrapped in a narrow column (`政府性基金` over `预算`, `国有资本经` over
    /// `营预算`) is one word, not two levels of the header.
    #[test]
    fn a_wrapped_fund_name_is_one_word() {
        let header = [
            row(&["因公出国(境)费", "", ""]),
            row(&["一般公共预", "政府性基金", "国有资本经"]),
            row(&["算", "预算", "营预算"]),
        ];
        let paths = header_paths(&header, &[0, 1, 2], 3);
        let names: Vec<String> = paths.iter().map(|p| p.join("/")).collect();
        assert_eq!(
            names,
            [
                "因公出国(境)费/一般公共预算",
                "因公出国(境)费/政府性基金预算",
                "因公出国(境)费/国有资本经营预算",
            ]
        );
    }

    /// The 公务用车 group label, printed once over its first column, does not reach 公务接待费, a
    /// peer of it, nor the columns after.
    #[test]
    fn a_group_ends_at_a_peer_of_it() {
        let header = [
            row(&["", "", "公务用车购置及运行维护费", "", "", "", ""]),
            row(&[
                "三公经费合计",
                "因公出国（境）费",
                "小计",
                "公务用车购置费",
                "公务用车运行维护费",
                "公务接待费",
                "会议费",
            ]),
        ];
        let paths = header_paths(&header, &[0, 1, 2, 3, 4, 5, 6], 7);
        let joined: Vec<String> = paths.iter().map(|p| p.join("/")).collect();
        assert_eq!(joined[2], "公务用车购置及运行维护费/小计");
        assert_eq!(joined[4], "公务用车购置及运行维护费/公务用车运行维护费");
        assert_eq!(joined[5..], ["公务接待费", "会议费"]);
    }

    #[test]
    fn a_group_ends_under_the_start_of_a_cell_above() {
        // `接待费` spans its two columns and stops under `公务用车`, which starts a level up.
        // `总计` and `小计` span theirs too: the funds below split them.
        let header = [
            row(&["", "", "", "", "公务用车", "", ""]),
            row(&["总计", "", "接待费", "", "", "", ""]),
            row(&["", "", "", "", "小计", "", "购置费"]),
            row(&["一般", "基金", "一般", "基金", "一般", "基金", "一般"]),
        ];
        let paths = header_paths(&header, &[0, 1, 2, 3, 4, 5, 6], 7);
        let joined: Vec<String> = paths.iter().map(|p| p.join("/")).collect();
        assert_eq!(
            joined,
            [
                "总计/一般",
                "总计/基金",
                "接待费/一般",
                "接待费/基金",
                "公务用车/小计/一般",
                "公务用车/小计/基金",
                "公务用车/购置费/一般"
            ]
        );
    }

    #[test]
    fn glued_header_cells_are_split_into_the_empty_cell_beside() {
        let header = [row(&[
            "科目编码",
            "合计",
            "人员经费支出",
            "公用经费支出专项业务经费支出",
            "",
        ])];
        let paths = header_paths(&header, &[1, 2, 3, 4], 5);
        let last: Vec<&str> = paths.iter().map(|p| p[0].as_str()).collect();
        assert_eq!(
            last,
            ["合计", "人员经费支出", "公用经费支出", "专项业务经费支出"]
        );
    }

    /// `基本支出` printed once over 小计, 人员经费, 日常公用支出 ends before `项目支出`, its peer.
    #[test]
    fn a_group_label_ends_before_a_peer_of_the_group() {
        let header = [
            row(&["", "", "基本支出", "", "", ""]),
            row(&[
                "功能分类科目名称",
                "合计",
                "小计",
                "人员经费",
                "日常公用支出",
                "项目支出",
            ]),
        ];
        let paths = header_paths(&header, &[1, 2, 3, 4, 5], 6);
        let joined: Vec<String> = paths.iter().map(|p| p.join("/")).collect();
        assert_eq!(
            joined,
            [
                "合计",
                "基本支出/小计",
                "基本支出/人员经费",
                "基本支出/日常公用支出",
                "项目支出"
            ]
        );
    }

    #[test]
    fn one_header_word_or_a_group_over_its_part_stays_whole() {
        assert_eq!(split_glued("基本支出人员经费"), None);
        assert_eq!(split_glued("基本支出合计"), None);
        assert!(split_glued("基本支出项目支出").is_some());
        assert_eq!(split_glued("一般公共预算拨款"), None);
        assert_eq!(split_glued("本年一般公共预算基本支出"), None);
        assert_eq!(split_glued("公务用车购置及运行维护费"), None);
        assert_eq!(
            split_glued("人员经费公用经费"),
            Some(("人员经费".to_string(), "公用经费".to_string()))
        );
    }
}
