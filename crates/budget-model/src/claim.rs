//! Narrative claims: what a sentence of the 情况说明 states, typed. A claim names its subject
//! (a total, a classification code, a 三公 item, a count, or other words kept for people), the
//! measure of the figure (this year's budget, last year's actual …), the money it is about (all
//! funds, 财政拨款, 一般公共预算 …), its relation to the claims around it (a part of another
//! subject, 其中), the figure, its change against last year and its share. The parser fills these
//! from its vocabulary; the rules read only the types, never the printed words.

use serde::{Deserialize, Serialize};

use crate::{Amount, Code, Fund, Side};

/// One figure stated in the narrative, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub subject: Subject,
    /// The words that name the subject, as printed.
    pub subject_text: String,
    /// What the figure measures: this year's budget unless the words say otherwise.
    #[serde(default)]
    pub measure: Measure,
    /// Whose money the figure counts: the fund the subject's own words name (`一般公共预算基本
    /// 支出`), else the one the nearest heading above it names (`财政拨款支出情况`); none for all
    /// funds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund: Option<Fund>,
    /// The subject this claim is a part of (`基本支出 627.27 万元，其中：工资福利支出 580.13
    /// 万元`: 工资福利支出 is part of 基本支出): the subject path is `part_of` › `subject`. Such a
    /// figure is only the part of the class inside that parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Subject>,
    pub amount: Option<Amount>,
    /// The change against last year (`较上年增加 D，增长 P%`).
    pub change: Option<Change>,
    /// The share of the whole stated before it (`占 P%`).
    pub share: Option<Percent>,
    /// For a share: the whole it is a share of, as an index into the document's claims (the
    /// parser links them; see `budget_parse::claims`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of: Option<usize>,
    /// For a final-accounts figure: the share of the budget it completes, as printed
    /// (`年初预算 A，支出决算 B，完成年初预算的 C%`); the budget is the figure stated before it in
    /// its sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<Percent>,
    /// The whole sentence, and the character offsets of the claim inside the decoded text.
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    /// The headings the sentence appears under, outermost first, ordinals removed (`2024年单位
    /// 预算收支情况说明`, `财政拨款支出情况`). Claims under the same headings are in the same
    /// section; the names themselves are for people.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<String>,
    /// Where the claim's amount is printed on its page (a PDF's only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<crate::PageBox>,
}

impl Claim {
    /// A claim about `subject` without figures, position or section yet: this year's budget of
    /// all funds, part of nothing.
    pub fn new(subject: Subject, subject_text: impl Into<String>) -> Claim {
        Claim {
            bbox: None,
            subject,
            subject_text: subject_text.into(),
            measure: Measure::default(),
            fund: None,
            part_of: None,
            amount: None,
            change: None,
            share: None,
            share_of: None,
            completion: None,
            sentence: String::new(),
            start: 0,
            end: 0,
            line: 0,
            headings: Vec::new(),
        }
    }

    /// Whether the figure counts fiscal money only (财政拨款, 一般公共预算), which the
    /// general-budget tables print.
    pub fn is_fiscal(&self) -> bool {
        matches!(self.fund, Some(Fund::Fiscal | Fund::GeneralBudget))
    }

    /// Whether two claims are read in the same place: under the same headings and, when parts
    /// of a subject, of the same one. The narrative states a whole and then its parts there.
    pub fn same_section(&self, other: &Claim) -> bool {
        self.headings == other.headings && self.part_of == other.part_of
    }
}

/// What a figure measures. A budget disclosure states this year's budget; it also quotes last
/// year's figures, and final accounts (决算) quote the year's initial and full-year budgets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// This year's budget (预算数).
    #[default]
    Budget,
    /// The budget as passed at the start of the year (年初预算).
    InitialBudget,
    /// The budget as adjusted during the year (全年预算, 调整预算).
    FullYearBudget,
    /// Last year's budget (上年预算数).
    LastYearBudget,
    /// Last year's spending (上年执行数, 上年实际).
    LastYearActual,
    /// The final accounts (决算数).
    FinalAccounts,
}

impl Measure {
    /// Whether the figure is this year's budget, which the tables of a budget disclosure print.
    pub fn is_this_years_budget(self) -> bool {
        matches!(self, Measure::Budget | Measure::InitialBudget)
    }
}

/// What a narrative sentence talks about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Subject {
    /// A document total: income, expenditure, fiscal appropriation, basic, project ...
    Total(TotalKind),
    /// A classification code, named by code or by its 类 name.
    Code(Code),
    /// A 三公 item.
    ThreePublic(ThreePublicItem),
    /// A count: "部门预算安排项目 4 个" → noun 项目, count 4.
    Count(Count),
    /// Something else the sentence names (kept for people, not checked).
    Other(String),
}

impl Subject {
    /// The side of the budget a figure of this subject is on, when the subject says: income
    /// totals, or expenditure totals, parts and classes; none for the rest (上年结转 is on both).
    pub fn side(&self) -> Option<Side> {
        use TotalKind::*;
        match self {
            Subject::Total(Income | FiscalIncome | GeneralBudgetIncome | OtherIncome) => {
                Some(Side::Income)
            }
            Subject::Total(
                Expenditure
                | FiscalExpenditure
                | GeneralBudgetExpenditure
                | Basic
                | Project
                | Personnel
                | Public,
            )
            | Subject::Code(_)
            | Subject::ThreePublic(_) => Some(Side::Expenditure),
            _ => None,
        }
    }

    /// Whether a figure of this subject may be stated as a share (`占 P%`) of a figure of
    /// `whole`: never of itself (a figure restated), of a sibling part (基本支出 of 项目支出,
    /// 人员经费 of 公用经费), nor, unless it is a class itself, of one class (一般公共服务支出):
    /// a class is a part of the total, and the total's other splits (人员支出, 基本支出 …) are
    /// not parts of it.
    pub fn may_be_share_of(&self, whole: &Subject) -> bool {
        use TotalKind::*;
        let siblings = |a: TotalKind, b: TotalKind| {
            matches!(
                (a, b),
                (Basic, Project) | (Project, Basic) | (Personnel, Public) | (Public, Personnel)
            )
        };
        match (self, whole) {
            _ if self == whole => false,
            (Subject::Total(a), Subject::Total(b)) => !siblings(*a, *b),
            (Subject::Code(_), Subject::Code(_)) => true,
            (_, Subject::Code(_)) => false,
            _ => true,
        }
    }
}

/// A number of things the narrative counts ("项目 4 个").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Count {
    /// What is counted (项目).
    pub noun: String,
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalKind {
    Income,
    Expenditure,
    FiscalIncome,
    FiscalExpenditure,
    GeneralBudgetIncome,
    GeneralBudgetExpenditure,
    Basic,
    Project,
    Personnel,
    Public,
    CarryOver,
    OtherIncome,
    GovernmentFund,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreePublicItem {
    Total,
    Abroad,
    Reception,
    Vehicle,
    VehicleOperation,
    VehiclePurchase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    Unchanged,
}

/// "较上年增加 D，增长 P%".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The direction the change's words give (`增加`, `减少`, `大于`, `持平` …).
    pub direction: Direction,
    pub amount: Option<Amount>,
    /// The printed percentage, as an amount-like number with its decimals (unit ignored).
    pub percent: Option<Percent>,
    /// The direction the percentage's own verb gives (`下降 13.9%` after `减少 131.10万元`),
    /// when it has one: the two may contradict each other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_direction: Option<Direction>,
    /// The figure the change is against, when the text prints it (`上年执行数 A，预算安排 B`,
    /// `比上年预算数 A 万元增加`, `年初预算 A，支出决算 B，决算数大于年初预算数`); otherwise
    /// it is the claim's amount less the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Amount>,
}

impl Change {
    /// A change in `direction`, without figures yet.
    pub fn new(direction: Direction) -> Change {
        Change {
            direction,
            amount: None,
            percent: None,
            percent_direction: None,
            base: None,
        }
    }
}

/// A printed percentage: `13.9` with 1 decimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Percent {
    pub value: rust_decimal::Decimal,
    pub decimals: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_share_may_be_of() {
        use TotalKind::*;
        let (basic, project) = (Subject::Total(Basic), Subject::Total(Project));
        let code = Subject::Code(Code::parse("201").expect("a code"));
        assert!(basic.may_be_share_of(&Subject::Total(Expenditure)));
        assert!(Subject::Total(Personnel).may_be_share_of(&basic));
        assert!(!basic.may_be_share_of(&basic));
        assert!(!project.may_be_share_of(&basic));
        assert!(!Subject::Total(Public).may_be_share_of(&Subject::Total(Personnel)));
        assert!(!basic.may_be_share_of(&code));
        assert!(!Subject::Other("人员支出".into()).may_be_share_of(&code));
        let item = Subject::Code(Code::parse("20101").expect("a code"));
        assert!(item.may_be_share_of(&code));
    }

    #[test]
    fn sides_of_subjects() {
        let code = Subject::Code(Code::parse("201").expect("a code"));
        assert_eq!(code.side(), Some(Side::Expenditure));
        assert_eq!(
            Subject::Total(TotalKind::GeneralBudgetIncome).side(),
            Some(Side::Income)
        );
        assert_eq!(Subject::Total(TotalKind::CarryOver).side(), None);
        assert_eq!(Subject::Other("机动经费".into()).side(), None);
    }
}
