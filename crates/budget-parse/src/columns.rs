//! Column headers → column roles. A header is a path of texts from the top header row down
//! (`基本支出/人员经费`); its role says what the column means to the reconciliation rules.
//!
//! Roles come from the words that carry meaning, read in the context of the group a column sits
//! in: `小计` under `基本支出` is the 基本支出 total; `一般公共预算` under `上年结转结余` is a part
//! of the carry-over, not this year's general-budget income.

use std::borrow::Cow;

use budget_model::ColumnRole;

use crate::vocab::headers::{header_word, is_procurement_caption, period_word, HeaderWord, Period};

/// A role while reading headers: a 小计 whose group is not named yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Known(ColumnRole),
    Subtotal,
}

/// Whether a header word means something to the rules.
pub fn is_known_word(word: &str) -> bool {
    word_role(&normalize_header(word)) != Role::Known(ColumnRole::Other)
}

/// Normalizes header text: no spaces, no markup, quotes unified. Most header text is normal
/// already and is borrowed as it is.
pub fn normalize_header(text: &str) -> Cow<'_, str> {
    if text.bytes().all(is_plain_header_byte) {
        return Cow::Borrowed(text);
    }
    let unwanted = |c: char| c.is_whitespace() || matches!(c, '*' | '"' | '“' | '”');
    if text.contains('<') {
        let no_tags = strip_tags(text);
        return Cow::Owned(no_tags.chars().filter(|c| !unwanted(*c)).collect());
    }
    if !text.contains(unwanted) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !unwanted(*c)).collect())
}

/// A byte that cannot be (part of) anything [`normalize_header`] removes: not ASCII
/// whitespace, `*`, `"` or `<`, and not the first byte of a character between U+0080 and U+3FFF
/// (where the other whitespace characters and the curly quotes are). Ideographs and full-width
/// forms start with 0xE4 or more; the bytes that continue a character (0x80 to 0xBF) are none
/// of these.
fn is_plain_header_byte(b: u8) -> bool {
    !matches!(
        b,
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b'*' | b'"' | b'<' | 0xC0..=0xE3
    )
}

/// Removes markup tags (`<u>`, `<br>`) from text.
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The role a single header word gives a column, from the header vocabulary.
fn word_role(word: &str) -> Role {
    match header_word(word) {
        HeaderWord::Role(role) => Role::Known(role),
        HeaderWord::Subtotal => Role::Subtotal,
    }
}

/// The role of a part inside a group that has its own total, from the roles of the header
/// words below the group's.
fn part_role(group: ColumnRole, rest: &[Role]) -> ColumnRole {
    use ColumnRole::*;
    let first_known = rest.iter().find_map(|r| match r {
        Role::Known(r) if *r != Other => Some(*r),
        _ => None,
    });
    if rest.contains(&Role::Known(OfWhich)) {
        return OfWhich;
    }
    match group {
        Basic => match first_known {
            Some(r @ (Personnel | Public)) => r,
            _ => Other,
        },
        Project => ProjectPart,
        CarryOver => CarryOverPart,
        Abroad => AbroadPart,
        Personnel | Public => group,
        Vehicle => match first_known {
            Some(r @ (VehicleOperation | VehiclePurchase)) => r,
            _ => Other,
        },
        CurrentYearTotal | Total | ThreePublic => first_known.unwrap_or(Other),
        _ => Other,
    }
}

/// Assigns a role to every column from its header path.
pub fn roles(paths: &[Vec<String>]) -> Vec<ColumnRole> {
    let inner = without_captions(paths);
    let words = word_roles(&inner);
    let subtotals = groups_with_subtotal(&inner, &words);
    let roles: Vec<Role> = (0..inner.len())
        .map(|j| role_in_group(&inner, &words, j, &subtotals))
        .collect();
    let mut roles = resolve_subtotals(&roles);
    of_which_breakdown(paths, &mut roles);
    procurement_of_which(paths, &mut roles);
    keep_current_period(paths, &mut roles);
    roles
}

/// The paths without a top caption that means nothing to the rules (`预算数` over `合计 |
/// 基本支出/小计 | 基本支出/人员经费 …`): the groups below it are read as if it were not printed,
/// so that `小计` under `基本支出` is still the 基本支出 total.
fn without_captions(paths: &[Vec<String>]) -> Vec<&[String]> {
    paths
        .iter()
        .map(|path| match path.split_first() {
            Some((caption, rest)) if !rest.is_empty() && is_bare_caption(caption) => rest,
            _ => path.as_slice(),
        })
        .collect()
}

/// A caption that names no role of its own (`预算数`, `金额`, `2026年预算数`).
fn is_bare_caption(word: &str) -> bool {
    matches!(
        word_role(&normalize_header(word)),
        Role::Known(ColumnRole::Other | ColumnRole::Amount)
    )
}

/// The role of every word of every path.
fn word_roles(paths: &[&[String]]) -> Vec<Vec<Role>> {
    // Group captions repeat over the columns they span: each distinct word is read once.
    let mut known: Vec<(&str, Role)> = Vec::new();
    let mut words: Vec<Vec<Role>> = Vec::with_capacity(paths.len());
    for path in paths {
        let mut roles = Vec::with_capacity(path.len());
        for word in path.iter() {
            let role = match known.iter().find(|(k, _)| *k == word.as_str()) {
                Some(&(_, role)) => role,
                None => {
                    let role = word_role(word);
                    known.push((word, role));
                    role
                }
            };
            roles.push(role);
        }
        words.push(roles);
    }
    words
}

/// In a table of spending (a total and its parts), the columns under a government-procurement
/// caption say how much of the row is procured: of-which figures, not parts of it.
fn procurement_of_which(paths: &[Vec<String>], roles: &mut [ColumnRole]) {
    use ColumnRole::*;
    let spending = roles.contains(&Total) && (roles.contains(&Basic) || roles.contains(&Project));
    if !spending {
        return;
    }
    for (role, path) in roles.iter_mut().zip(paths) {
        let procured = path
            .first()
            .is_some_and(|w| is_procurement_caption(&normalize_header(w)));
        if *role == Other && procured {
            *role = OfWhich;
        }
    }
}

/// `小计 | 其中：基本支出 | 项目支出`: a 其中 opening the breakdown of the 小计 before it into
/// basic and project spending names the first part, not an of-which, and the 小计 is the
/// total of the parts.
fn of_which_breakdown(paths: &[Vec<String>], roles: &mut [ColumnRole]) {
    use ColumnRole::*;
    for j in 1..roles.len().saturating_sub(1) {
        let named = |k: usize| {
            paths[k]
                .last()
                .map(|w| normalize_header(w).into_owned())
                .unwrap_or_default()
        };
        let breakdown = roles[j] == OfWhich && roles[j + 1] == Project;
        let after_subtotal = roles[j - 1] == Other && word_role(&named(j - 1)) == Role::Subtotal;
        if !(breakdown && after_subtotal) {
            continue;
        }
        let leaf = named(j);
        let part = leaf.rsplit_once(['：', ':']).map_or("", |(_, part)| part);
        if word_role(part) == Role::Known(Basic) {
            roles[j - 1] = Total;
            roles[j] = Basic;
        }
    }
}

/// A header printing several periods side by side (`上年 | 当年 | 增减`, `2019年 | 2020年 |
/// 增减`) gives the rules the current period's columns only: the others are `Other`. The
/// periods print the same columns, so their blocks are equally wide; when they are not (a
/// caption centred over its block leaves the block's first columns uncaptioned, and every
/// caption lands columns to the right of its block), the header does not say which amounts are
/// this year's, and no column keeps a role: a figure read from a guess is worse than none.
fn keep_current_period(paths: &[Vec<String>], roles: &mut [ColumnRole]) {
    let periods: Vec<Option<Period>> = paths
        .iter()
        .map(|p| period_of(p).map(|(period, _)| period))
        .collect();
    let mut named: Vec<Period> = periods.iter().flatten().copied().collect();
    named.dedup();
    if named.len() < 2 {
        return;
    }
    let current = current_period(&named);
    let even = blocks_are_even(&periods);
    for (role, period) in roles.iter_mut().zip(&periods) {
        if !even || *period != current {
            *role = ColumnRole::Other;
        }
    }
}

/// The header paths of a table whose period captions are centred over their blocks (`2019年`
/// over the middle of its nine columns, so that text extraction leaves the block's first
/// columns under the caption before): the blocks are told by the columns below, which repeat
/// the same sequence of meanings (合计 | 小计 | 因公出国 … | 合计 | 小计 | 因公出国 …), and each
/// block is the period whose caption starts in it. Each column's path is then its block's
/// caption over its own name. `None` unless the captions are centred so (every block has one,
/// and some column sits under another block's caption).
pub fn centred_period_paths(paths: &[Vec<String>]) -> Option<Vec<Vec<String>>> {
    let periods: Vec<Option<(Period, &str)>> = paths.iter().map(|p| period_of(p)).collect();
    let named: Vec<Period> = periods.iter().flatten().map(|(p, _)| *p).collect();
    if named.iter().all(|p| Some(p) == named.first()) {
        return None;
    }
    let leaves: Vec<Role> = paths
        .iter()
        .map(|p| {
            p.last().map_or(Role::Known(ColumnRole::Other), |w| {
                word_role(&normalize_header(w))
            })
        })
        .collect();
    let n = leaves.len();
    let width =
        (2..=n / 2).find(|&w| n.is_multiple_of(w) && (0..n).all(|i| leaves[i] == leaves[i % w]))?;
    let mut captions: Vec<Option<&str>> = vec![None; n / width];
    let mut shifted = false;
    for (j, period) in periods.iter().enumerate() {
        let Some((period, word)) = period else {
            continue;
        };
        let starts = j == 0 || periods[j - 1].map(|(p, _)| p) != Some(*period);
        if starts && captions[j / width].replace(word).is_some() {
            return None;
        }
        shifted |= starts && j % width != 0;
    }
    if !shifted || captions.iter().any(Option::is_none) {
        return None;
    }
    let out = paths
        .iter()
        .enumerate()
        .map(|(j, p)| {
            let caption = captions[j / width].unwrap_or_default().to_string();
            std::iter::once(caption).chain(p.last().cloned()).collect()
        })
        .collect();
    Some(out)
}

/// The first period a header path names, with the word naming it.
fn period_of(path: &[String]) -> Option<(Period, &str)> {
    path.iter()
        .find_map(|w| period_word(&normalize_header(w)).map(|period| (period, w.as_str())))
}

/// The period that is this year's: `当年`, else the latest year named.
fn current_period(named: &[Period]) -> Option<Period> {
    if named.contains(&Period::Current) {
        return Some(Period::Current);
    }
    named
        .iter()
        .filter_map(|p| match p {
            Period::Year(y) => Some(*y),
            _ => None,
        })
        .max()
        .map(Period::Year)
}

/// Whether consecutive columns of the same period form blocks of one width, every column in a
/// block of a named period (the 增减 block may drop columns that do not change).
fn blocks_are_even(periods: &[Option<Period>]) -> bool {
    let mut widths: Vec<(Option<Period>, usize)> = Vec::new();
    for p in periods {
        match widths.last_mut() {
            Some((last, n)) if last == p => *n += 1,
            _ => widths.push((*p, 1)),
        }
    }
    if widths.iter().any(|(p, _)| p.is_none()) {
        return false;
    }
    let mut full = widths
        .iter()
        .filter(|(p, _)| *p != Some(Period::Change))
        .map(|(_, n)| *n);
    let Some(first) = full.next() else {
        return false;
    };
    full.all(|n| n == first)
}

/// The groups (top header words) that have a 小计/合计 column of their own.
fn groups_with_subtotal<'p>(paths: &[&'p [String]], words: &[Vec<Role>]) -> Vec<&'p str> {
    let mut out: Vec<&str> = Vec::new();
    for (path, roles) in paths.iter().zip(words) {
        if let (Some(group), Some(second)) = (path.first(), roles.get(1)) {
            if is_total_role(*second) && !out.contains(&group.as_str()) {
                out.push(group);
            }
        }
    }
    out
}

/// The group a column sits in: its top header word, when that word spans columns with
/// headers of their own below it.
fn group_of<'p>(paths: &[&'p [String]], j: usize) -> Option<&'p str> {
    let first = paths[j].first()?;
    paths
        .iter()
        .any(|p| p.len() > 1 && p.first() == Some(first))
        .then_some(first.as_str())
}

fn is_total_role(role: Role) -> bool {
    matches!(role, Role::Subtotal | Role::Known(ColumnRole::Total))
}

fn role_in_group(paths: &[&[String]], words: &[Vec<Role>], j: usize, subtotals: &[&str]) -> Role {
    let roles = &words[j];
    let Some(&first) = roles.first() else {
        return Role::Known(ColumnRole::Other);
    };
    if first == Role::Known(ColumnRole::Total) {
        return first;
    }
    let Some(group) = group_of(paths, j) else {
        return first;
    };
    // A group caption that means nothing to the rules ("2024年预算数") is ignored.
    let group_role = match first {
        Role::Known(ColumnRole::Other | ColumnRole::Amount) | Role::Subtotal => {
            return leaf_role(&roles[1..]);
        }
        Role::Known(r) => r,
    };
    let has_subtotal = subtotals.contains(&group);
    if has_subtotal && roles.get(1).is_some_and(|r| is_total_role(*r)) {
        return Role::Known(group_role);
    }
    if has_subtotal {
        return Role::Known(part_role(group_role, &roles[1..]));
    }
    match roles.last() {
        Some(Role::Known(ColumnRole::Other)) | None => {
            Role::Known(part_role(group_role, &roles[1..]))
        }
        Some(r) => *r,
    }
}

/// The role of the most specific header word that has one.
fn leaf_role(roles: &[Role]) -> Role {
    roles
        .iter()
        .rev()
        .copied()
        .find(|r| *r != Role::Known(ColumnRole::Other))
        .unwrap_or(Role::Known(ColumnRole::Other))
}

/// A 小计 whose group was not named takes its meaning from the columns after it: before
/// 基本支出 (`本年支出` over `小计 | 基本支出 | 项目支出`, the caption read over the parts only)
/// it is the total, when no column is headed 合计.
fn resolve_subtotals(roles: &[Role]) -> Vec<ColumnRole> {
    use ColumnRole::*;
    let has_total = roles.contains(&Role::Known(Total));
    (0..roles.len())
        .map(|j| match roles[j] {
            Role::Known(r) => r,
            Role::Subtotal => match roles.get(j + 1) {
                Some(Role::Known(GeneralBudget | GovernmentFund | StateCapital)) => FiscalSubtotal,
                Some(Role::Known(VehicleOperation | VehiclePurchase)) => Vehicle,
                Some(Role::Known(AbroadPart)) => Abroad,
                // `合计 | 小计 | 因公出国（境）费 …`: the 三公's own 小计, its caption lost.
                Some(Role::Known(Abroad)) => ThreePublic,
                Some(Role::Known(Basic)) if !has_total => Total,
                _ => Other,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnRole::*;

    fn p(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn expenditure_with_groups_and_subtotals() {
        let paths = vec![
            p(&["合计", "商品和服务支出"]),
            p(&["基本支出", "小计"]),
            p(&["基本支出", "人员经费", "资本性支出"]),
            p(&["基本支出", "人员经费"]),
            p(&["基本支出", "公用经费"]),
            p(&["基本支出", "公用经费"]),
            p(&["项目支出", "小计"]),
            p(&["项目支出", "其他运转类"]),
        ];
        assert_eq!(
            roles(&paths),
            vec![
                Total,
                Basic,
                Personnel,
                Personnel,
                Public,
                Public,
                Project,
                ProjectPart
            ]
        );
    }

    /// Xi'an's 三公 table: each year's caption centred over its block of nine columns, so that
    /// the block's first columns sit under the caption before.
    #[test]
    fn period_captions_centred_over_their_blocks_head_their_blocks() {
        let leaves = [
            "合计",
            "小计",
            "因公出国（境）",
            "公务接待费",
            "小计",
            "公务用车购置",
        ];
        let captions = ["2019年", "2020年", "增减变化情况"];
        let paths: Vec<Vec<String>> = (0..18)
            .map(|j: usize| {
                // Each caption printed over the middle of its block and spread to the right.
                let caption = match j {
                    0..=2 => None,
                    3..=8 => Some(captions[0]),
                    9..=14 => Some(captions[1]),
                    _ => Some(captions[2]),
                };
                caption
                    .into_iter()
                    .chain([leaves[j % 6]])
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        let centred = centred_period_paths(&paths).expect("blocks found");
        assert_eq!(centred[6], p(&["2020年", "合计"]));
        assert_eq!(centred[0], p(&["2019年", "合计"]));
        let roles = roles(&centred);
        assert_eq!(
            &roles[6..12],
            [
                Total,
                ThreePublic,
                Abroad,
                Reception,
                Vehicle,
                VehiclePurchase
            ]
        );
        assert!(roles[..6].iter().chain(&roles[12..]).all(|r| *r == Other));
        // Captions over the first column of each block need nothing of this.
        let even: Vec<Vec<String>> = paths
            .iter()
            .enumerate()
            .map(|(j, p)| {
                std::iter::once(captions[j / 6].to_string())
                    .chain(p.last().cloned())
                    .collect()
            })
            .collect();
        assert_eq!(centred_period_paths(&even), None);
    }

    /// 预算05表 of Beijing: `预算数` printed over every amount column, groups below it.
    #[test]
    fn a_caption_over_the_groups_is_read_through() {
        let paths = vec![
            p(&["合计"]),
            p(&["预算数", "基本支出", "小计"]),
            p(&["预算数", "基本支出", "人员经费"]),
            p(&["预算数", "基本支出", "公用经费"]),
            p(&["预算数", "项目支出", "项目支出总数"]),
        ];
        assert_eq!(
            roles(&paths),
            vec![Total, Basic, Personnel, Public, Project]
        );
    }

    #[test]
    fn procurement_columns_of_a_spending_table_are_of_which() {
        let paths = vec![
            p(&["支出总计"]),
            p(&["基本支出"]),
            p(&["项目支出"]),
            p(&["2026年政府采购项目", "小计"]),
            p(&["2026年政府采购项目", "货物"]),
        ];
        assert_eq!(roles(&paths), vec![Total, Basic, Project, OfWhich, OfWhich]);
    }

    #[test]
    fn a_subtotal_broken_down_after_of_which_is_the_total_of_its_parts() {
        let paths = vec![
            p(&["小计"]),
            p(&["一般公共预算支出其中：基本支出"]),
            p(&["项目支出"]),
        ];
        assert_eq!(roles(&paths), vec![Total, Basic, Project]);
        let of_which = vec![p(&["合计"]), p(&["其中：基本支出"]), p(&["经营支出"])];
        assert_eq!(roles(&of_which), vec![Total, OfWhich, OtherSpending]);
    }

    /// `本年支出` read over 基本支出 and 项目支出 only: the 小计 before them is their total,
    /// unless a 合计 column holds that meaning already.
    #[test]
    fn a_subtotal_before_basic_spending_is_the_total() {
        let paths = vec![
            p(&["小计"]),
            p(&["本年支出", "基本支出"]),
            p(&["本年支出", "项目支出"]),
        ];
        assert_eq!(roles(&paths), vec![Total, Basic, Project]);
        let with_total = vec![p(&["合计"]), p(&["小计"]), p(&["基本支出"])];
        assert_eq!(roles(&with_total), vec![Total, Other, Basic]);
    }

    #[test]
    fn income_with_carryover_group_and_of_which() {
        let paths = vec![
            p(&["总计"]),
            p(&["本年收入", "合计"]),
            p(&["本年收入", "一般公共预算", "小计"]),
            p(&["本年收入", "一般公共预算", "其中：财政拨款"]),
            p(&["本年收入", "政府性基金"]),
            p(&["本年收入", "事业收入"]),
            p(&["上年结转结余", "合计"]),
            p(&["上年结转结余", "一般公共预算"]),
        ];
        assert_eq!(
            roles(&paths),
            vec![
                Total,
                CurrentYearTotal,
                GeneralBudget,
                OfWhich,
                GovernmentFund,
                OtherIncome,
                CarryOver,
                CarryOverPart
            ]
        );
    }

    #[test]
    fn ungrouped_subtotal_takes_meaning_from_its_parts() {
        let paths = vec![
            p(&["合计"]),
            p(&["上年结转"]),
            p(&["小计"]),
            p(&["财政", "一般公共预算拨款收入"]),
            p(&["拨款", "政府性基金预算拨款收入"]),
            p(&["拨款", "事业收入"]),
        ];
        assert_eq!(
            roles(&paths),
            vec![
                Total,
                CarryOver,
                FiscalSubtotal,
                GeneralBudget,
                GovernmentFund,
                OtherIncome
            ]
        );
    }

    #[test]
    fn only_the_current_period_of_side_by_side_periods_is_read() {
        let paths = vec![
            p(&["上年", "合计"]),
            p(&["上年", "公务接待费"]),
            p(&["当年", "合计"]),
            p(&["当年", "公务接待费"]),
            p(&["增减变化情况", "合计"]),
        ];
        assert_eq!(roles(&paths), vec![Other, Other, Total, Reception, Other]);
        let years = vec![
            p(&["2019年", "合计"]),
            p(&["2019年", "公务接待费"]),
            p(&["2020年", "合计"]),
            p(&["2020年", "公务接待费"]),
        ];
        assert_eq!(roles(&years), vec![Other, Other, Total, Reception]);
    }

    #[test]
    fn uneven_period_blocks_leave_every_column_unread() {
        // Captions centred over their blocks: the first columns have none, and the 当年
        // caption starts over the last columns of the 上年 block.
        let paths = vec![
            p(&["合计"]),
            p(&["公务接待费"]),
            p(&["上年", "合计"]),
            p(&["上年", "公务接待费"]),
            p(&["上年", "会议费"]),
            p(&["当年", "合计"]),
            p(&["当年", "公务接待费"]),
        ];
        assert!(roles(&paths).iter().all(|r| *r == Other));
    }

    #[test]
    fn one_period_caption_changes_nothing() {
        let paths = vec![
            p(&["2026年预算数", "合计"]),
            p(&["2026年预算数", "公务接待费"]),
        ];
        assert_eq!(roles(&paths), vec![Total, Reception]);
    }

    #[test]
    fn three_public_columns() {
        let paths = vec![
            p(&["合计"]),
            p(&["因公出国(境)费", "小计"]),
            p(&["因公出国(境)费", "一般公务出国(境)费"]),
            p(&[]),
            p(&["公务用车购置及运行维护费", "小计"]),
            p(&["公务用车购置及运行维护费", "公务用车运行维护费"]),
            p(&["公务用车购置及运行维护费", "公务用车购置"]),
        ];
        assert_eq!(
            roles(&paths),
            vec![
                Total,
                Abroad,
                AbroadPart,
                Other,
                Vehicle,
                VehicleOperation,
                VehiclePurchase
            ]
        );
        let flat = vec![
            p(&["公务接待费"]),
            p(&["公务用车运行维护费"]),
            p(&["公务用车购置"]),
        ];
        assert_eq!(
            roles(&flat),
            vec![Reception, VehicleOperation, VehiclePurchase]
        );
    }
}
