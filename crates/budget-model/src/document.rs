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

/// Whether the document is a budget (预算, the year ahead) or final accounts (决算, the year
/// past): the tables, relations and narrative of each are their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Budget,
    FinalAccounts,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Budget => "budget",
            DocumentKind::FinalAccounts => "final_accounts",
        }
    }

    /// 预算 or 决算, as titles print it.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Budget => "预算",
            DocumentKind::FinalAccounts => "决算",
        }
    }
}

impl Facts {
    /// `南昌市医疗保障服务中心 2024 单位预算`, `佛山市轨道交通局 2019 部门决算`, or the source when
    /// the entity is unknown. A document of unknown kind with a scope is a budget's.
    pub fn heading(&self) -> String {
        let name = self.entity.clone().unwrap_or_else(|| self.source.clone());
        let year = self.year.map(|y| format!(" {y}")).unwrap_or_default();
        let kind = self.kind.unwrap_or(DocumentKind::Budget).label();
        let scope = match self.scope {
            Some(Scope::Department) => format!(" 部门{kind}"),
            Some(Scope::Unit) => format!(" 单位{kind}"),
            None => self
                .kind
                .map(|k| format!(" {}", k.label()))
                .unwrap_or_default(),
        };
        format!("{name}{year}{scope}")
    }
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
    /// Budget or final accounts, from the tables, else the title.
    pub kind: Option<DocumentKind>,
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
    /// The 三公 together (“三公”经费 小计): 因公出国（境）费 + 公务接待费 + 公务用车, printed
    /// beside 会议费 and 培训费 under a 合计 of them all.
    ThreePublic,
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
    /// 会议费, printed beside the 三公 items (counted in 合计 where the table's rows say so).
    Meeting,
    /// 培训费, printed beside the 三公 items (counted in 合计 where the table's rows say so).
    Training,
    /// An expenditure beside 基本支出 and 项目支出 that 合计 also counts: 经营支出, 上缴上级支出,
    /// 对附属单位补助支出, 单位预留机动经费, 结转下年资金.
    OtherSpending,
    /// A single amount column (预算数, 金额).
    Amount,
    Other,
}

/// The side of a side-by-side table (收入 | 支出) a row or column is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Income,
    Expenditure,
}

/// How the items of a section are classified: by a scheme of classification codes, or as a list
/// of projects or of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// 支出功能分类 (2xx).
    Function,
    /// 部门预算支出经济分类 (3xx).
    DeptEconomic,
    /// 政府预算支出经济分类 (5xx).
    GovEconomic,
    /// A list of projects.
    Project,
    /// A list of budget units.
    Unit,
}

/// One side of a side-by-side table: what the rules read (its side and how its items are
/// classified), and the heading it is printed under, for people only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Section {
    pub side: Side,
    /// How the section's items are classified, when known; none for income sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<Classification>,
    /// The section's heading as printed (`收入`, `支出（按功能分类）`), for display.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The header text, levels joined by `/` (`基本支出/人员经费`).
    pub name: String,
    pub role: ColumnRole,
    /// For side-by-side tables (收入 | 支出): which side the column belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
}

/// What a row is to the sums of its table, read from its label by the parser.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RowRole {
    /// 总计, 收入总计, 支出总计: everything of a table's side, carried-over money included.
    GrandTotal,
    /// 合计 (and 收入合计, 支出合计 ...): the total of the rows it stands over or under.
    Total,
    /// 本年收入合计, 本年支出合计 (本年收入, 本年支出): this year's money, without carry-over.
    CurrentYearTotal,
    /// 上年结转(结余), 使用非财政拨款结余: money carried over from last year.
    CarriedOver,
    /// 结转下年, 年终结转(结余): money carried to next year.
    CarriedForward,
    /// 其中: a part of the row above, never a separate part of a sum.
    OfWhich,
    /// The heading of a level: a numbered item with numbered sub-items, or a category or unit
    /// heading of a project list.
    Heading,
    /// Any other row: an item.
    #[default]
    Item,
}

impl RowRole {
    /// Whether the role is one of the totals (grand total, total, current-year total).
    pub fn is_total(self) -> bool {
        matches!(
            self,
            RowRole::GrandTotal | RowRole::Total | RowRole::CurrentYearTotal
        )
    }
}

/// Whose money a figure counts: an income line's fund, read from its label, and a narrative
/// claim's (财政拨款 only, or one of its kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fund {
    /// 财政拨款 (all fiscal appropriation).
    Fiscal,
    /// 一般公共预算.
    GeneralBudget,
    /// 政府性基金.
    GovernmentFund,
    /// 国有资本经营.
    StateCapital,
}

/// A word of a form line's label that the rules read (performance-target forms print label /
/// amount pairs; each word of a label is one part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// 项目名称: the next part names the project.
    ProjectName,
    /// 年度资金总额 (the year's money).
    AnnualFunds,
    /// 实施期资金总额 (the whole period's money).
    PeriodFunds,
    /// 资金总额 without a period.
    Funds,
    /// A part of the funds: 财政拨款, 其他资金, 上年结转.
    FundPart,
    /// 总额: the header of a total / sources line.
    Amount,
    /// Ends with 合计.
    Total,
    /// 收入预算合计.
    IncomeTotal,
    /// 支出预算合计.
    ExpenditureTotal,
    /// 金额合计: the sum of the tasks a department form lists (年度主要任务), which need not
    /// cover the whole budget (special funds have forms of their own, 上年结转 is often left out).
    TaskTotal,
    /// 财政拨款.
    Fiscal,
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
}

/// One word of a form line's label, as printed (without 其中 and colons), with its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelPart {
    pub text: String,
    /// The meanings the word has for the rules (资金总额 is both funds and, when 年度, annual).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
}

impl LabelPart {
    pub fn is(&self, term: Term) -> bool {
        self.terms.contains(&term)
    }
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
    pub section: Option<Section>,
    /// What the row is to the sums of its table.
    #[serde(default)]
    pub role: RowRole,
    /// The depth of the list number the label starts with: `一、` 1, `（一）` 2, `1、` 3,
    /// `（1）` 4 (the code's level is [`Code::level`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_level: Option<u8>,
    /// In a table naming its rows in several columns, one per level (采购品目 | 项目名称 |
    /// 经济科目 | 采购物品名称), the depth of the deepest of them the row prints its name in: 0
    /// for the first. Rows without codes nest by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outline: Option<u8>,
    /// Whose money an income line is (财政拨款, 一般公共预算 ...), when its label says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund: Option<Fund>,
    /// The words of a form line's label, with their meanings (forms only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<LabelPart>,
    /// The line of the decoded text the row was read from (1-based).
    pub line: usize,
    /// The row as printed, for findings.
    pub source: String,
    /// Where each value is printed on the page (one per value, a PDF's only; empty when not
    /// placed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boxes: Vec<Option<crate::PageBox>>,
}

impl Row {
    pub fn value(&self, column: usize) -> Option<&Amount> {
        self.values.get(column).and_then(Option::as_ref)
    }

    /// Where the value of `column` is printed, when the row was placed on its page.
    pub fn value_box(&self, column: usize) -> Option<crate::PageBox> {
        self.boxes.get(column).copied().flatten()
    }

    /// Whether the row is a total row of its table (合计, 总计) without a code.
    pub fn is_total(&self) -> bool {
        self.code.is_none() && matches!(self.role, RowRole::Total | RowRole::GrandTotal)
    }

    /// The side the row is on, in a side-by-side table.
    pub fn side(&self) -> Option<Side> {
        self.section.as_ref().map(|s| s.side)
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
    /// Text of the template left in the published document, in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub residue: Vec<crate::Residue>,
    /// For a spreadsheet, the sheet row each line of the decoded text comes from, by line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sheet_lines: Vec<crate::SheetLine>,
    /// The files of a publication read as one document (a narrative file and a tables file),
    /// in the order their texts were joined; empty for a document of one file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<DocumentPart>,
    /// Last year's document of the same entity that this one's statements about last year were
    /// checked against (its source), when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
}

/// One file of a publication read as one document: where its text starts in the joined text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentPart {
    /// The name the file was submitted under.
    pub source: String,
    /// What the file holds, as read: its narrative, its tables, or both.
    pub holds: PartHolds,
    /// The 1-based line of the joined text at which the file starts.
    pub first_line: usize,
    /// The 1-based page of the joined pages at which it starts.
    pub first_page: usize,
    /// The character offset of the joined text at which it starts.
    pub first_char: usize,
}

/// What one file of a publication holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartHolds {
    /// Narrative figures and no standard table with amounts (情况说明).
    Narrative,
    /// Standard tables with amounts and no narrative figure (报表).
    Tables,
    Both,
    Neither,
}

impl PartHolds {
    pub fn as_str(self) -> &'static str {
        match self {
            PartHolds::Narrative => "narrative",
            PartHolds::Tables => "tables",
            PartHolds::Both => "both",
            PartHolds::Neither => "neither",
        }
    }

    /// What a document read from one file holds: narrative figures, and tables of a standard
    /// kind with amounts (a narrative's lists laid out as a grid are not tables of the budget).
    pub fn of(doc: &Document) -> PartHolds {
        let narrative = doc.claims.iter().any(|c| c.amount.is_some());
        let tables = doc.tables.iter().any(|t| {
            t.kind != TableKind::Other
                && t.rows.iter().any(|r| r.values.iter().any(Option::is_some))
        });
        match (narrative, tables) {
            (true, false) => PartHolds::Narrative,
            (false, true) => PartHolds::Tables,
            (true, true) => PartHolds::Both,
            (false, false) => PartHolds::Neither,
        }
    }
}

impl Document {
    /// The 1-based page of a 1-based line, when the document had page breaks.
    pub fn page_of_line(&self, line: usize) -> Option<usize> {
        if self.page_breaks.is_empty() {
            return None;
        }
        Some(1 + self.page_breaks.partition_point(|b| *b <= line))
    }

    /// The file of a publication a 1-based line of the joined text is in (see [`Document::parts`]).
    pub fn part_of_line(&self, line: usize) -> Option<&DocumentPart> {
        let after = self.parts.partition_point(|p| p.first_line <= line);
        after.checked_sub(1).and_then(|i| self.parts.get(i))
    }

    /// A 1-based line of the text as its file counts it: the file's name (for a publication of
    /// several files) and the line in that file.
    pub fn local_line(&self, line: usize) -> (Option<&str>, usize) {
        match self.part_of_line(line) {
            Some(part) => (Some(&part.source), line + 1 - part.first_line.min(line)),
            None => (None, line),
        }
    }

    /// One line that says which files a publication was read from, and what each holds:
    /// `2 files read as one publication: a.pdf (narrative), b.pdf (tables)`. None for one file.
    pub fn parts_summary(&self) -> Option<String> {
        if self.parts.is_empty() {
            return None;
        }
        let files: Vec<String> = self
            .parts
            .iter()
            .map(|p| format!("{} ({})", p.source, p.holds.as_str()))
            .collect();
        Some(format!(
            "{} files read as one publication: {}",
            self.parts.len(),
            files.join(", ")
        ))
    }

    /// Turns a location in the joined text of a publication into one in the file it is in:
    /// the file named, its line, page, box page and offsets counted from the file's start.
    /// Unchanged for a document of one file.
    pub fn localize(&self, l: &mut crate::Location) {
        let Some(part) = l.line.and_then(|line| self.part_of_line(line)) else {
            return;
        };
        let back = |n: usize, first: usize| n.saturating_sub(first.saturating_sub(1)).max(1);
        l.file = Some(part.source.clone());
        l.line = l.line.map(|n| back(n, part.first_line));
        l.page = l.page.map(|n| back(n, part.first_page));
        if let Some(b) = l.bbox.as_mut() {
            let first = u32::try_from(part.first_page).unwrap_or(u32::MAX);
            b.page = b.page.saturating_sub(first.saturating_sub(1)).max(1);
        }
        l.start = l.start.map(|n| n.saturating_sub(part.first_char));
        l.end = l.end.map(|n| n.saturating_sub(part.first_char));
    }

    /// The sheet row a 1-based line comes from, for a document read from a spreadsheet.
    pub fn sheet_line(&self, line: usize) -> Option<&crate::SheetLine> {
        let at = self
            .sheet_lines
            .binary_search_by_key(&line, |s| s.line)
            .ok()?;
        self.sheet_lines.get(at)
    }

    pub fn tables_of(&self, kind: TableKind) -> impl Iterator<Item = &Table> {
        self.tables.iter().filter(move |t| t.kind == kind)
    }

    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        self.tables_of(kind).next()
    }
}
