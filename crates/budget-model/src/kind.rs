//! The kinds of standard tables (domain.md, "The standard tables"; final_accounts.md, "The
//! nine tables"), matched by meaning.

use std::fmt;

use serde::{Deserialize, Serialize};

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
    FinalIncomeExpenditureSummary,
    FinalIncome,
    FinalExpenditure,
    FinalFiscalAppropriationSummary,
    FinalGeneralBudgetExpenditure,
    FinalGeneralBudgetBasicExpenditure,
    FinalThreePublicExpenses,
    FinalGovernmentFund,
    FinalStateCapital,
    Other,
}

impl TableKind {
    pub const ALL: [TableKind; 27] = [
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
        TableKind::FinalIncomeExpenditureSummary,
        TableKind::FinalIncome,
        TableKind::FinalExpenditure,
        TableKind::FinalFiscalAppropriationSummary,
        TableKind::FinalGeneralBudgetExpenditure,
        TableKind::FinalGeneralBudgetBasicExpenditure,
        TableKind::FinalThreePublicExpenses,
        TableKind::FinalGovernmentFund,
        TableKind::FinalStateCapital,
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
            TableKind::FinalIncomeExpenditureSummary => "final_income_expenditure_summary",
            TableKind::FinalIncome => "final_income",
            TableKind::FinalExpenditure => "final_expenditure",
            TableKind::FinalFiscalAppropriationSummary => "final_fiscal_appropriation_summary",
            TableKind::FinalGeneralBudgetExpenditure => "final_general_budget_expenditure",
            TableKind::FinalGeneralBudgetBasicExpenditure => {
                "final_general_budget_basic_expenditure"
            }
            TableKind::FinalThreePublicExpenses => "final_three_public_expenses",
            TableKind::FinalGovernmentFund => "final_government_fund",
            TableKind::FinalStateCapital => "final_state_capital",
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

    /// The tables of final accounts (部门决算, final_accounts.md "The nine tables").
    pub fn is_final_accounts(self) -> bool {
        matches!(
            self,
            TableKind::FinalIncomeExpenditureSummary
                | TableKind::FinalIncome
                | TableKind::FinalExpenditure
                | TableKind::FinalFiscalAppropriationSummary
                | TableKind::FinalGeneralBudgetExpenditure
                | TableKind::FinalGeneralBudgetBasicExpenditure
                | TableKind::FinalThreePublicExpenses
                | TableKind::FinalGovernmentFund
                | TableKind::FinalStateCapital
        )
    }

    /// The budget table that says of the budget what this final-accounts table says of the
    /// year's actuals (收入决算表 → 收入预算表); a budget kind is its own counterpart.
    pub fn budget_counterpart(self) -> TableKind {
        match self {
            TableKind::FinalIncomeExpenditureSummary => TableKind::IncomeExpenditureSummary,
            TableKind::FinalIncome => TableKind::IncomeSummary,
            TableKind::FinalExpenditure => TableKind::ExpenditureSummary,
            TableKind::FinalFiscalAppropriationSummary => TableKind::FiscalAppropriationSummary,
            TableKind::FinalGeneralBudgetExpenditure => TableKind::GeneralBudgetExpenditure,
            TableKind::FinalGeneralBudgetBasicExpenditure => {
                TableKind::GeneralBudgetBasicExpenditure
            }
            TableKind::FinalThreePublicExpenses => TableKind::ThreePublicExpenses,
            TableKind::FinalGovernmentFund => TableKind::GovernmentFundExpenditure,
            TableKind::FinalStateCapital => TableKind::StateCapitalExpenditure,
            other => other,
        }
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
            TableKind::FinalIncomeExpenditureSummary => "收入支出决算总表",
            TableKind::FinalIncome => "收入决算表",
            TableKind::FinalExpenditure => "支出决算表",
            TableKind::FinalFiscalAppropriationSummary => "财政拨款收入支出决算总表",
            TableKind::FinalGeneralBudgetExpenditure => "一般公共预算财政拨款支出决算表",
            TableKind::FinalGeneralBudgetBasicExpenditure => "一般公共预算财政拨款基本支出决算表",
            TableKind::FinalThreePublicExpenses => "“三公”经费支出决算表",
            TableKind::FinalGovernmentFund => "政府性基金预算财政拨款收入支出决算表",
            TableKind::FinalStateCapital => "国有资本经营预算财政拨款支出决算表",
            TableKind::Other => "其他表",
        }
    }
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
