//! Column headers → column roles. A header is a path of texts from the top header row down
//! (`基本支出/人员经费`); its role says what the column means to the reconciliation rules.
//!
//! Roles come from the words that carry meaning, read in the context of the group a column sits
//! in: `小计` under `基本支出` is the 基本支出 total; `一般公共预算` under `上年结转结余` is a part
//! of the carry-over, not this year's general-budget income.

use std::borrow::Cow;

use budget_model::ColumnRole;

use crate::vocab::headers::{header_word, HeaderWord};

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
        CurrentYearTotal | Total => first_known.unwrap_or(Other),
        _ => Other,
    }
}

/// Assigns a role to every column from its header path.
pub fn roles(paths: &[Vec<String>]) -> Vec<ColumnRole> {
    // Group captions repeat over the columns they span: each distinct word is read once.
    let mut known: Vec<(&str, Role)> = Vec::new();
    let mut words: Vec<Vec<Role>> = Vec::with_capacity(paths.len());
    for path in paths {
        let mut roles = Vec::with_capacity(path.len());
        for word in path {
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
    let subtotals = groups_with_subtotal(paths, &words);
    let roles: Vec<Role> = (0..paths.len())
        .map(|j| role_in_group(paths, &words, j, &subtotals))
        .collect();
    resolve_subtotals(&roles)
}

/// The groups (top header words) that have a 小计/合计 column of their own.
fn groups_with_subtotal<'p>(paths: &'p [Vec<String>], words: &[Vec<Role>]) -> Vec<&'p str> {
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
fn group_of(paths: &[Vec<String>], j: usize) -> Option<&str> {
    let first = paths[j].first()?;
    paths
        .iter()
        .any(|p| p.len() > 1 && p.first() == Some(first))
        .then_some(first.as_str())
}

fn is_total_role(role: Role) -> bool {
    matches!(role, Role::Subtotal | Role::Known(ColumnRole::Total))
}

fn role_in_group(paths: &[Vec<String>], words: &[Vec<Role>], j: usize, subtotals: &[&str]) -> Role {
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

/// A 小计 whose group was not named takes its meaning from the columns after it.
fn resolve_subtotals(roles: &[Role]) -> Vec<ColumnRole> {
    use ColumnRole::*;
    (0..roles.len())
        .map(|j| match roles[j] {
            Role::Known(r) => r,
            Role::Subtotal => match roles.get(j + 1) {
                Some(Role::Known(GeneralBudget | GovernmentFund | StateCapital)) => FiscalSubtotal,
                Some(Role::Known(VehicleOperation | VehiclePurchase)) => Vehicle,
                Some(Role::Known(AbroadPart)) => Abroad,
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
