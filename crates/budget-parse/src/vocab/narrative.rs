//! Vocabulary of the narrative: subjects, measures, scopes, change and share words.
//!
//! The narrative reader (`claims`) and the count reader (`counts`) ask these entries what a
//! word means; each entry is named, says what it is for and is tested below.

use budget_model::{Funds, Measure};

/// Words that say whose money a figure counts, the narrowest first: `一般公共预算财政拨款` is
/// general-budget money. `一般共预算` is a misprint of 一般公共预算 found in published documents.
pub const FUNDS_WORDS: [(&str, Funds); 5] = [
    ("政府性基金", Funds::GovernmentFund),
    ("国有资本经营", Funds::StateCapital),
    ("一般公共预算", Funds::GeneralBudget),
    ("一般共预算", Funds::GeneralBudget),
    ("财政拨款", Funds::FiscalAppropriation),
];

/// The funds `text` (a subject's words or a heading) names, if any.
pub fn funds_named(text: &str) -> Option<Funds> {
    FUNDS_WORDS
        .iter()
        .find(|(word, _)| text.contains(word))
        .map(|&(_, funds)| funds)
}

/// Words that say what a figure measures, when it is not this year's budget; the longer first
/// (`上年执行数` before `上年执行`).
pub const MEASURE_WORDS: [(&str, Measure); 8] = [
    ("上年执行数", Measure::LastYearActual),
    ("上年执行", Measure::LastYearActual),
    ("上年实际", Measure::LastYearActual),
    ("上年预算", Measure::LastYearBudget),
    ("年初预算", Measure::InitialBudget),
    ("全年预算", Measure::FullYearBudget),
    ("调整预算", Measure::FullYearBudget),
    ("决算", Measure::FinalAccounts),
];

/// The measure a subject's words name, if any (`一般公共预算支出年初预算`: the initial budget).
pub fn measure_named(text: &str) -> Option<Measure> {
    MEASURE_WORDS
        .iter()
        .find(|(word, _)| text.contains(word))
        .map(|&(_, measure)| measure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funds_of_subjects_and_headings() {
        assert_eq!(
            funds_named("财政拨款支出情况"),
            Some(Funds::FiscalAppropriation)
        );
        assert_eq!(
            funds_named("一般公共预算基本支出"),
            Some(Funds::GeneralBudget)
        );
        assert_eq!(
            funds_named("一般共预算拨款收入"),
            Some(Funds::GeneralBudget)
        );
        assert_eq!(
            funds_named("一般公共预算财政拨款支出"),
            Some(Funds::GeneralBudget)
        );
        assert_eq!(
            funds_named("政府性基金预算支出情况"),
            Some(Funds::GovernmentFund)
        );
        assert_eq!(
            funds_named("国有资本经营预算支出"),
            Some(Funds::StateCapital)
        );
        assert_eq!(funds_named("收支预算总体情况"), None);
    }

    #[test]
    fn measures_of_subjects() {
        assert_eq!(
            measure_named("一般公共预算支出年初预算"),
            Some(Measure::InitialBudget)
        );
        assert_eq!(measure_named("上年执行数"), Some(Measure::LastYearActual));
        assert_eq!(measure_named("上年预算数"), Some(Measure::LastYearBudget));
        assert_eq!(measure_named("2023年决算数"), Some(Measure::FinalAccounts));
        assert_eq!(measure_named("收入预算总额"), None);
        assert_eq!(measure_named("上年结转"), None);
    }
}
