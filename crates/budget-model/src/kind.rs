//! The kinds of standard tables (domain.md, "The standard tables"), matched by meaning.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::has_word;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    IncomeExpenditureSummary,
    IncomeSummary,
    ExpenditureSummary,
    FiscalAppropriationSummary,
    GeneralBudgetExpenditure,
    GeneralBudgetExpenditureEconomic,
    GeneralBudgetBasicExpenditure,
    GeneralBudgetBasicExpenditureFunction,
    ThreePublicExpenses,
    GovernmentFundExpenditure,
    StateCapitalExpenditure,
    ProjectExpenditure,
    Carryover,
    PerformanceTargetsProject,
    PerformanceTargetsDepartment,
    PerformanceTargetsSpecialFunds,
    GovernmentProcurement,
    Other,
}

impl TableKind {
    pub const ALL: [TableKind; 18] = [
        TableKind::IncomeExpenditureSummary,
        TableKind::IncomeSummary,
        TableKind::ExpenditureSummary,
        TableKind::FiscalAppropriationSummary,
        TableKind::GeneralBudgetExpenditure,
        TableKind::GeneralBudgetExpenditureEconomic,
        TableKind::GeneralBudgetBasicExpenditure,
        TableKind::GeneralBudgetBasicExpenditureFunction,
        TableKind::ThreePublicExpenses,
        TableKind::GovernmentFundExpenditure,
        TableKind::StateCapitalExpenditure,
        TableKind::ProjectExpenditure,
        TableKind::Carryover,
        TableKind::PerformanceTargetsProject,
        TableKind::PerformanceTargetsDepartment,
        TableKind::PerformanceTargetsSpecialFunds,
        TableKind::GovernmentProcurement,
        TableKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::IncomeExpenditureSummary => "income_expenditure_summary",
            TableKind::IncomeSummary => "income_summary",
            TableKind::ExpenditureSummary => "expenditure_summary",
            TableKind::FiscalAppropriationSummary => "fiscal_appropriation_summary",
            TableKind::GeneralBudgetExpenditure => "general_budget_expenditure",
            TableKind::GeneralBudgetExpenditureEconomic => "general_budget_expenditure_economic",
            TableKind::GeneralBudgetBasicExpenditure => "general_budget_basic_expenditure",
            TableKind::GeneralBudgetBasicExpenditureFunction => {
                "general_budget_basic_expenditure_function"
            }
            TableKind::ThreePublicExpenses => "three_public_expenses",
            TableKind::GovernmentFundExpenditure => "government_fund_expenditure",
            TableKind::StateCapitalExpenditure => "state_capital_expenditure",
            TableKind::ProjectExpenditure => "project_expenditure",
            TableKind::Carryover => "carryover",
            TableKind::PerformanceTargetsProject => "performance_targets_project",
            TableKind::PerformanceTargetsDepartment => "performance_targets_department",
            TableKind::PerformanceTargetsSpecialFunds => "performance_targets_special_funds",
            TableKind::GovernmentProcurement => "government_procurement",
            TableKind::Other => "other",
        }
    }

    /// Performance-target forms (绩效目标表): indicators and money lines, not tables of figures.
    pub fn is_performance_form(self) -> bool {
        matches!(
            self,
            TableKind::PerformanceTargetsProject
                | TableKind::PerformanceTargetsDepartment
                | TableKind::PerformanceTargetsSpecialFunds
        )
    }

    /// A short Chinese name for people.
    pub fn display_name(self) -> &'static str {
        match self {
            TableKind::IncomeExpenditureSummary => "收支总表",
            TableKind::IncomeSummary => "收入总表",
            TableKind::ExpenditureSummary => "支出总表",
            TableKind::FiscalAppropriationSummary => "财政拨款收支总表",
            TableKind::GeneralBudgetExpenditure => "一般公共预算支出表",
            TableKind::GeneralBudgetExpenditureEconomic => "一般公共预算支出表（经济分类）",
            TableKind::GeneralBudgetBasicExpenditure => "一般公共预算基本支出表",
            TableKind::GeneralBudgetBasicExpenditureFunction => {
                "一般公共预算基本支出表（功能分类）"
            }
            TableKind::ThreePublicExpenses => "“三公”经费支出表",
            TableKind::GovernmentFundExpenditure => "政府性基金预算支出表",
            TableKind::StateCapitalExpenditure => "国有资本经营预算支出表",
            TableKind::ProjectExpenditure => "项目支出表",
            TableKind::Carryover => "上年结转资金表",
            TableKind::PerformanceTargetsProject => "项目支出绩效目标表",
            TableKind::PerformanceTargetsDepartment => "部门整体支出绩效目标表",
            TableKind::PerformanceTargetsSpecialFunds => "专项资金绩效目标表",
            TableKind::GovernmentProcurement => "政府采购预算表",
            TableKind::Other => "其他表",
        }
    }

    /// Classifies a table title by meaning. Titles vary by place and year and text extraction
    /// garbles them (部门收人总表), so this looks for the words that carry the meaning, most
    /// specific first.
    pub fn classify_title(title: &str) -> Option<TableKind> {
        let t = normalize_title(title);
        let has = |w: &str| has_word(&t, w);
        let kind = if has("绩效") {
            if has("整体") {
                TableKind::PerformanceTargetsDepartment
            } else if has("专项资金") {
                TableKind::PerformanceTargetsSpecialFunds
            } else if has("项目") || has("专项业务") {
                TableKind::PerformanceTargetsProject
            } else {
                return None;
            }
        } else if has("三公") {
            TableKind::ThreePublicExpenses
        } else if has("政府性基金") {
            TableKind::GovernmentFundExpenditure
        } else if has("国有资本经营") {
            TableKind::StateCapitalExpenditure
        } else if has("政府采购") {
            TableKind::GovernmentProcurement
        } else if has("结转") && (has("资金") || has("结余")) && !has("收支") {
            TableKind::Carryover
        } else if has("财政拨款收支") {
            TableKind::FiscalAppropriationSummary
        } else if has("一般公共预算") && has("基本支出") {
            if has("功能") {
                TableKind::GeneralBudgetBasicExpenditureFunction
            } else {
                TableKind::GeneralBudgetBasicExpenditure
            }
        } else if (has("一般公共预算") && has("经济分类")) || has("支出经济分类汇总")
        {
            TableKind::GeneralBudgetExpenditureEconomic
        } else if has("一般公共预算") && has("支出") {
            TableKind::GeneralBudgetExpenditure
        } else if has("项目支出") || has("专项业务经费支出") {
            TableKind::ProjectExpenditure
        } else if has("收支") {
            TableKind::IncomeExpenditureSummary
        } else if has("收入") && (has("总表") || has("预算表")) {
            TableKind::IncomeSummary
        } else if has("支出") && (has("总表") || has("预算表")) {
            TableKind::ExpenditureSummary
        } else {
            return None;
        };
        Some(kind)
    }
}

/// Repairs the extraction errors seen in titles (收人 for 收入) and drops spaces and quotes.
fn normalize_title(title: &str) -> String {
    let mut t = String::with_capacity(title.len());
    t.extend(title.chars().filter(|c| {
        !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '《' | '》')
    }));
    if has_word(&t, "收人") {
        t = t.replace("收人", "收入");
    }
    t
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TableKind::*;

    #[test]
    fn classifies_titles_of_the_samples() {
        let cases = [
            ("收支预算总表", IncomeExpenditureSummary),
            ("2024年部门收支预算表", IncomeExpenditureSummary),
            ("2023年部门综合预算收支总表", IncomeExpenditureSummary),
            ("部门收人总表", IncomeSummary),
            ("2024年部门收入预算表", IncomeSummary),
            ("部门支出总表", ExpenditureSummary),
            ("2024年部门支出预算表", ExpenditureSummary),
            ("财政拨款收支总表", FiscalAppropriationSummary),
            ("2024年财政拨款收支预算表", FiscalAppropriationSummary),
            ("一般公共预算支出表", GeneralBudgetExpenditure),
            ("2024年一般公共预算支出预算表", GeneralBudgetExpenditure),
            (
                "2023年部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
                GeneralBudgetExpenditure,
            ),
            (
                "2023年部门综合预算一般公共预算支出明细表（按支出经济分类科目）",
                GeneralBudgetExpenditureEconomic,
            ),
            ("2024年支出经济分类汇总表", GeneralBudgetExpenditureEconomic),
            ("一般公共预算基本支出表", GeneralBudgetBasicExpenditure),
            (
                "2023年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
                GeneralBudgetBasicExpenditureFunction,
            ),
            ("财政拨款\"三公\"经费支出表", ThreePublicExpenses),
            ("政府性基金预算支出表", GovernmentFundExpenditure),
            (
                "2023年部门综合预算政府性基金收支表",
                GovernmentFundExpenditure,
            ),
            ("国有资本经营预算支出表", StateCapitalExpenditure),
            ("2024年项目支出预算表", ProjectExpenditure),
            ("2023年部门综合预算专项业务经费支出表", ProjectExpenditure),
            ("上年结转资金表", Carryover),
            ("部门上年结转资金表", Carryover),
            ("项目支出绩效目标表", PerformanceTargetsProject),
            (
                "2023年部门专项业务经费绩效目标表",
                PerformanceTargetsProject,
            ),
            ("部门整体支出绩效目标表", PerformanceTargetsDepartment),
            ("本级部门(单位)整体绩效目标表", PerformanceTargetsDepartment),
            (
                "2023年专项资金总体绩效目标表",
                PerformanceTargetsSpecialFunds,
            ),
            (
                "2023年部门综合预算政府采购（资产配置、购买服务）预算表",
                GovernmentProcurement,
            ),
        ];
        for (title, kind) in cases {
            assert_eq!(TableKind::classify_title(title), Some(kind), "{title}");
        }
        assert_eq!(TableKind::classify_title("单位主要职责"), None);
    }
}
