//! The normalized budget document: facts, tables with typed rows, narrative claims.

use serde::{Deserialize, Serialize};

use crate::{Amount, Code, TableKind, Unit};

// The narrative's types live in `claim.rs`; they are named here too, as the document holds them.
pub use crate::claim::{
    Change, Claim, Count, Direction, Percent, Subject, ThreePublicItem, TotalKind,
};

/// Whether the document is a department's (部门, all its units) or one unit's (单位) budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Department,
    Unit,
}

/// What the document says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// The file name or other name the document was submitted under.
    pub source: String,
    pub entity: Option<String>,
    pub entity_code: Option<String>,
    pub year: Option<u16>,
    /// The unit most tables use.
    pub unit: Option<Unit>,
    pub scope: Option<Scope>,
}

/// One table the contents (目录) promise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentsEntry {
    pub title: String,
    pub kind: Option<TableKind>,
    /// True when the contents say the table is empty (是否空表: 是).
    pub declared_empty: bool,
    /// The reason given for an empty table (公开空表理由).
    pub empty_reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableStatus {
    /// Rows were read.
    Parsed,
    /// The table is printed but has no amounts.
    Empty,
    /// A table was found but its rows could not be read.
    Unparsed,
}

/// What a column means, as far as the reconciliation rules care. Columns not listed keep
/// [`ColumnRole::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// 合计 / 总计 of the row.
    Total,
    /// 本年收入 合计 (this year's income, without carry-over).
    CurrentYearTotal,
    /// 基本支出 (or its 小计).
    Basic,
    /// 项目支出 / 专项业务经费 (or its 小计).
    Project,
    /// A part of 项目支出 (e.g. 其他运转类).
    ProjectPart,
    /// 人员经费 (or one of its parts).
    Personnel,
    /// 公用经费 (or one of its parts).
    Public,
    /// 上年结转 (结余).
    CarryOver,
    /// A part of 上年结转 (by source of funds).
    CarryOverPart,
    /// 财政拨款 小计.
    FiscalSubtotal,
    /// 一般公共预算.
    GeneralBudget,
    /// 政府性基金.
    GovernmentFund,
    /// 国有资本经营.
    StateCapital,
    /// An income source other than fiscal appropriation (事业收入, 其他收入 ...).
    OtherIncome,
    /// "其中" (of which): part of the previous column, not a separate part.
    OfWhich,
    /// 因公出国（境）费.
    Abroad,
    /// A part of 因公出国（境）费.
    AbroadPart,
    /// 公务接待费.
    Reception,
    /// 公务用车购置及运行维护费 (its 小计).
    Vehicle,
    /// 公务用车运行维护费.
    VehicleOperation,
    /// 公务用车购置费.
    VehiclePurchase,
    /// A single amount column (预算数, 金额).
    Amount,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The header text, levels joined by `/` (`基本支出/人员经费`).
    pub name: String,
    pub role: ColumnRole,
    /// For side-by-side tables (收入 | 支出): which side the column belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The full classification code, when the row has one.
    pub code: Option<Code>,
    pub label: String,
    /// One value per column of the table; `None` for a blank cell.
    pub values: Vec<Option<Amount>>,
    /// For side-by-side tables: which side the row belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The line of the decoded text the row was read from (1-based).
    pub line: usize,
    /// The row as printed, for findings.
    pub source: String,
}

impl Row {
    pub fn value(&self, column: usize) -> Option<&Amount> {
        self.values.get(column).and_then(Option::as_ref)
    }

    /// Whether the row is a total row (合计, 总计) by its label.
    pub fn is_total(&self) -> bool {
        let l = crate::text::trim(&self.label);
        self.code.is_none() && (l == "合计" || l == "总计" || l == "合 计" || l == "总 计")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub kind: TableKind,
    pub title: String,
    pub unit: Unit,
    pub status: TableStatus,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Lines of the decoded text the table spans (1-based, inclusive).
    pub lines: (usize, usize),
    /// A note printed with the table (e.g. why it is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Table {
    pub fn column_with_role(&self, role: ColumnRole) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role)
    }

    pub fn columns_with_role(&self, role: ColumnRole) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| self.columns[i].role == role)
            .collect()
    }

    pub fn row_by_code(&self, code: &Code) -> Option<&Row> {
        self.rows.iter().find(|r| r.code.as_ref() == Some(code))
    }

    pub fn total_row(&self) -> Option<&Row> {
        self.rows.iter().find(|r| r.is_total())
    }
}

/// A whole parsed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub facts: Facts,
    pub contents: Vec<ContentsEntry>,
    pub tables: Vec<Table>,
    pub claims: Vec<Claim>,
    /// The 1-based lines at which a new page starts, one per page break (form feed) of the
    /// decoded text, in order; empty when the input had no page breaks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_breaks: Vec<usize>,
}

impl Document {
    /// The 1-based page of a 1-based line, when the document had page breaks.
    pub fn page_of_line(&self, line: usize) -> Option<usize> {
        if self.page_breaks.is_empty() {
            return None;
        }
        Some(1 + self.page_breaks.partition_point(|b| *b <= line))
    }

    pub fn tables_of(&self, kind: TableKind) -> impl Iterator<Item = &Table> {
        self.tables.iter().filter(move |t| t.kind == kind)
    }

    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables_of(kind).next()
    }
}
