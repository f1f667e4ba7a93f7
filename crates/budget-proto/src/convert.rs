//! The one-to-one mapping between the model (`budget_model`) and the messages (`pb`).
//!
//! Model → message never fails. Message → model checks everything a foreign sender could get
//! wrong, and says which field was wrong.
//!
//! Two model types have no message of their own: a [`model::Code`] travels as its digits in a
//! `string` field, and the line span `(usize, usize)` of a table as `first_line` / `last_line`.

use budget_model as model;
use rust_decimal::Decimal;

use crate::{pb, ProtoError};

type Result<T> = std::result::Result<T, ProtoError>;

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

/// Reads an exact decimal. `from_str_exact` refuses what would be rounded (more than 28
/// decimals) instead of silently changing the value.
fn decimal(field: &'static str, text: &str) -> Result<Decimal> {
    Decimal::from_str_exact(text).map_err(|_| ProtoError::BadDecimal {
        field,
        value: text.to_string(),
    })
}

fn code(field: &'static str, text: String) -> Result<model::Code> {
    match model::Code::parse(&text) {
        // `Code::parse` trims; a code that needed trimming is not the one that was sent.
        Some(c) if c.as_str() == text => Ok(c),
        _ => Err(ProtoError::BadCode { field, value: text }),
    }
}

/// Lines and offsets: `usize` in the model, `uint64` on the wire. Lossless on every target
/// Rust supports (usize is at most 64 bits).
fn to_u64(n: usize) -> u64 {
    n as u64
}

fn to_usize(field: &'static str, n: u64) -> Result<usize> {
    usize::try_from(n).map_err(|_| ProtoError::OutOfRange { field, value: n })
}

fn required<T>(field: &'static str, value: Option<T>) -> Result<T> {
    value.ok_or(ProtoError::Missing { field })
}

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/// A model enum carried in an `i32` enum field of a message.
trait EnumField: Sized {
    fn to_raw(self) -> i32;
    /// Rejects numbers the schema does not know and the `*_UNSPECIFIED` zero value.
    fn from_raw(field: &'static str, raw: i32) -> Result<Self>;
}

/// Maps a model enum to the generated enum of the same variant names (prost strips the
/// `UNIT_` style prefixes), and to and from the raw `i32` in messages. The matches are
/// exhaustive both ways, so a variant added to the model or to the .proto alone fails to compile.
macro_rules! map_enum {
    ($name:ident { $($variant:ident),+ $(,)? }) => {
        impl From<model::$name> for pb::$name {
            fn from(v: model::$name) -> Self {
                match v {
                    $(model::$name::$variant => pb::$name::$variant,)+
                }
            }
        }

        impl From<&model::$name> for pb::$name {
            fn from(v: &model::$name) -> Self {
                pb::$name::from(*v)
            }
        }

        impl TryFrom<pb::$name> for model::$name {
            type Error = ProtoError;
            fn try_from(v: pb::$name) -> Result<Self> {
                match v {
                    $(pb::$name::$variant => Ok(model::$name::$variant),)+
                    pb::$name::Unspecified => Err(ProtoError::UnspecifiedEnum {
                        field: stringify!($name),
                    }),
                }
            }
        }

        impl EnumField for model::$name {
            fn to_raw(self) -> i32 {
                pb::$name::from(self).into()
            }

            fn from_raw(field: &'static str, raw: i32) -> Result<Self> {
                let v = pb::$name::try_from(raw)
                    .map_err(|_| ProtoError::UnknownEnum { field, value: raw })?;
                model::$name::try_from(v).map_err(|_| ProtoError::UnspecifiedEnum { field })
            }
        }
    };
}

map_enum!(Unit { Yuan, WanYuan });

map_enum!(TableKind {
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
});

map_enum!(Scope { Department, Unit });

map_enum!(PartHolds {
    Narrative,
    Tables,
    Both,
    Neither,
});

map_enum!(DocumentKind {
    Budget,
    FinalAccounts
});

map_enum!(ResidueKind {
    Placeholder,
    Instruction,
    ForeignYear
});

map_enum!(Side {
    Income,
    Expenditure
});

map_enum!(Classification {
    Function,
    DeptEconomic,
    GovEconomic,
    Project,
    Unit,
});

map_enum!(RowRole {
    GrandTotal,
    Total,
    CurrentYearTotal,
    CarriedOver,
    CarriedForward,
    OfWhich,
    Heading,
    Item,
});

map_enum!(Fund {
    Fiscal,
    GeneralBudget,
    GovernmentFund,
    StateCapital,
});

map_enum!(Term {
    ProjectName,
    AnnualFunds,
    PeriodFunds,
    Funds,
    FundPart,
    Amount,
    Total,
    IncomeTotal,
    ExpenditureTotal,
    Fiscal,
    Basic,
    Project,
    TaskTotal,
});

map_enum!(TableStatus {
    Parsed,
    Empty,
    Unparsed
});

map_enum!(ColumnRole {
    Total,
    CurrentYearTotal,
    Basic,
    Project,
    ProjectPart,
    Personnel,
    Public,
    CarryOver,
    CarryOverPart,
    FiscalSubtotal,
    GeneralBudget,
    GovernmentFund,
    StateCapital,
    OtherIncome,
    OfWhich,
    ThreePublic,
    Abroad,
    AbroadPart,
    Reception,
    Vehicle,
    VehicleOperation,
    VehiclePurchase,
    Meeting,
    Training,
    OtherSpending,
    Amount,
    Other,
});

map_enum!(TotalKind {
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
});

map_enum!(ThreePublicItem {
    Total,
    Abroad,
    Reception,
    Vehicle,
    VehicleOperation,
    VehiclePurchase,
});

map_enum!(Measure {
    Budget,
    InitialBudget,
    FullYearBudget,
    LastYearBudget,
    LastYearActual,
    FinalAccounts,
});

map_enum!(Direction {
    Increase,
    Decrease,
    Unchanged
});

map_enum!(Severity {
    Info,
    Warning,
    Error
});

// ---------------------------------------------------------------------------------------------
// Amounts and percentages
// ---------------------------------------------------------------------------------------------

impl From<&model::Amount> for pb::Amount {
    fn from(a: &model::Amount) -> Self {
        pb::Amount {
            // `Decimal`'s `Display` keeps the scale: 0.50 prints as "0.50".
            value: a.value.to_string(),
            unit: a.unit.to_raw(),
            decimals: a.decimals,
            precision: a.precision,
        }
    }
}

impl TryFrom<pb::Amount> for model::Amount {
    type Error = ProtoError;
    fn try_from(a: pb::Amount) -> Result<Self> {
        let amount = model::Amount::new(
            decimal("Amount.value", &a.value)?,
            model::Unit::from_raw("Amount.unit", a.unit)?,
            a.decimals,
        );
        Ok(match a.precision {
            Some(decimals) => amount.with_precision(decimals),
            None => amount,
        })
    }
}

impl From<&model::Percent> for pb::Percent {
    fn from(p: &model::Percent) -> Self {
        pb::Percent {
            value: p.value.to_string(),
            decimals: p.decimals,
        }
    }
}

impl TryFrom<pb::Percent> for model::Percent {
    type Error = ProtoError;
    fn try_from(p: pb::Percent) -> Result<Self> {
        Ok(model::Percent {
            value: decimal("Percent.value", &p.value)?,
            decimals: p.decimals,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// The parsed document
// ---------------------------------------------------------------------------------------------

impl From<&model::Facts> for pb::Facts {
    fn from(f: &model::Facts) -> Self {
        pb::Facts {
            source: f.source.clone(),
            entity: f.entity.clone(),
            entity_code: f.entity_code.clone(),
            year: f.year.map(u32::from),
            unit: f.unit.map(EnumField::to_raw),
            scope: f.scope.map(EnumField::to_raw),
            kind: f.kind.map(EnumField::to_raw),
        }
    }
}

impl TryFrom<pb::Facts> for model::Facts {
    type Error = ProtoError;
    fn try_from(f: pb::Facts) -> Result<Self> {
        let year = f
            .year
            .map(|y| {
                u16::try_from(y).map_err(|_| ProtoError::OutOfRange {
                    field: "Facts.year",
                    value: u64::from(y),
                })
            })
            .transpose()?;
        Ok(model::Facts {
            source: f.source,
            entity: f.entity,
            entity_code: f.entity_code,
            year,
            unit: f
                .unit
                .map(|u| model::Unit::from_raw("Facts.unit", u))
                .transpose()?,
            scope: f
                .scope
                .map(|s| model::Scope::from_raw("Facts.scope", s))
                .transpose()?,
            kind: f
                .kind
                .map(|k| model::DocumentKind::from_raw("Facts.kind", k))
                .transpose()?,
        })
    }
}

impl From<&model::ContentsEntry> for pb::ContentsEntry {
    fn from(e: &model::ContentsEntry) -> Self {
        pb::ContentsEntry {
            title: e.title.clone(),
            kind: e.kind.map(EnumField::to_raw),
            declared_empty: e.declared_empty,
            empty_reason: e.empty_reason.clone(),
        }
    }
}

impl TryFrom<pb::ContentsEntry> for model::ContentsEntry {
    type Error = ProtoError;
    fn try_from(e: pb::ContentsEntry) -> Result<Self> {
        Ok(model::ContentsEntry {
            title: e.title,
            kind: e
                .kind
                .map(|k| model::TableKind::from_raw("ContentsEntry.kind", k))
                .transpose()?,
            declared_empty: e.declared_empty,
            empty_reason: e.empty_reason,
        })
    }
}

impl From<&model::Section> for pb::Section {
    fn from(s: &model::Section) -> Self {
        pb::Section {
            side: s.side.to_raw(),
            scheme: s.scheme.map(EnumField::to_raw),
            name: s.name.clone(),
        }
    }
}

impl TryFrom<pb::Section> for model::Section {
    type Error = ProtoError;
    fn try_from(s: pb::Section) -> Result<Self> {
        Ok(model::Section {
            side: model::Side::from_raw("Section.side", s.side)?,
            scheme: s
                .scheme
                .map(|k| model::Classification::from_raw("Section.scheme", k))
                .transpose()?,
            name: s.name,
        })
    }
}

impl From<&model::LabelPart> for pb::LabelPart {
    fn from(p: &model::LabelPart) -> Self {
        pb::LabelPart {
            text: p.text.clone(),
            terms: p.terms.iter().map(|t| t.to_raw()).collect(),
        }
    }
}

impl TryFrom<pb::LabelPart> for model::LabelPart {
    type Error = ProtoError;
    fn try_from(p: pb::LabelPart) -> Result<Self> {
        Ok(model::LabelPart {
            text: p.text,
            terms: p
                .terms
                .into_iter()
                .map(|t| model::Term::from_raw("LabelPart.terms", t))
                .collect::<Result<_>>()?,
        })
    }
}

impl From<&model::Column> for pb::Column {
    fn from(c: &model::Column) -> Self {
        pb::Column {
            name: c.name.clone(),
            role: c.role.to_raw(),
            section: c.section.as_ref().map(pb::Section::from),
        }
    }
}

impl TryFrom<pb::Column> for model::Column {
    type Error = ProtoError;
    fn try_from(c: pb::Column) -> Result<Self> {
        Ok(model::Column {
            name: c.name,
            role: model::ColumnRole::from_raw("Column.role", c.role)?,
            section: c.section.map(model::Section::try_from).transpose()?,
        })
    }
}

impl From<&model::Row> for pb::Row {
    fn from(r: &model::Row) -> Self {
        pb::Row {
            code: r.code.as_ref().map(|c| c.as_str().to_string()),
            label: r.label.clone(),
            values: r
                .values
                .iter()
                .enumerate()
                .map(|(j, v)| pb::Cell {
                    amount: v.as_ref().map(pb::Amount::from),
                    bbox: r.value_box(j).as_ref().map(pb::PageBox::from),
                })
                .collect(),
            section: r.section.as_ref().map(pb::Section::from),
            line: to_u64(r.line),
            source: r.source.clone(),
            role: r.role.to_raw(),
            list_level: r.list_level.map(u32::from),
            outline: r.outline.map(u32::from),
            fund: r.fund.map(EnumField::to_raw),
            parts: r.parts.iter().map(pb::LabelPart::from).collect(),
        }
    }
}

/// The boxes of a row's cells, one per cell, or none when no cell has one.
fn cell_boxes(cells: &[pb::Cell]) -> Vec<Option<model::PageBox>> {
    if cells.iter().all(|c| c.bbox.is_none()) {
        return Vec::new();
    }
    cells
        .iter()
        .map(|c| c.bbox.map(model::PageBox::from))
        .collect()
}

impl From<&model::PageBox> for pb::PageBox {
    fn from(b: &model::PageBox) -> Self {
        pb::PageBox {
            page: b.page,
            x0: b.x0,
            y0: b.y0,
            x1: b.x1,
            y1: b.y1,
        }
    }
}

impl From<pb::PageBox> for model::PageBox {
    fn from(b: pb::PageBox) -> Self {
        model::PageBox {
            page: b.page,
            x0: b.x0,
            y0: b.y0,
            x1: b.x1,
            y1: b.y1,
        }
    }
}

impl From<&model::SheetLine> for pb::SheetLine {
    fn from(s: &model::SheetLine) -> Self {
        pb::SheetLine {
            line: to_u64(s.line),
            sheet: s.sheet.clone(),
            row: s.row,
            first_column: s.first_column,
        }
    }
}

impl TryFrom<pb::SheetLine> for model::SheetLine {
    type Error = ProtoError;
    fn try_from(s: pb::SheetLine) -> Result<Self> {
        Ok(model::SheetLine {
            line: to_usize("SheetLine.line", s.line)?,
            sheet: s.sheet,
            row: s.row,
            first_column: s.first_column,
        })
    }
}

impl From<&model::DocumentPart> for pb::DocumentPart {
    fn from(p: &model::DocumentPart) -> Self {
        pb::DocumentPart {
            source: p.source.clone(),
            holds: p.holds.to_raw(),
            first_line: to_u64(p.first_line),
            first_page: to_u64(p.first_page),
            first_char: to_u64(p.first_char),
        }
    }
}

impl TryFrom<pb::DocumentPart> for model::DocumentPart {
    type Error = ProtoError;
    fn try_from(p: pb::DocumentPart) -> Result<Self> {
        Ok(model::DocumentPart {
            source: p.source,
            holds: model::PartHolds::from_raw("DocumentPart.holds", p.holds)?,
            first_line: to_usize("DocumentPart.first_line", p.first_line)?,
            first_page: to_usize("DocumentPart.first_page", p.first_page)?,
            first_char: to_usize("DocumentPart.first_char", p.first_char)?,
        })
    }
}

impl TryFrom<pb::Row> for model::Row {
    type Error = ProtoError;
    fn try_from(r: pb::Row) -> Result<Self> {
        Ok(model::Row {
            code: r.code.map(|c| code("Row.code", c)).transpose()?,
            label: r.label,
            boxes: cell_boxes(&r.values),
            values: r
                .values
                .into_iter()
                .map(|cell| cell.amount.map(model::Amount::try_from).transpose())
                .collect::<Result<_>>()?,
            section: r.section.map(model::Section::try_from).transpose()?,
            line: to_usize("Row.line", r.line)?,
            source: r.source,
            role: model::RowRole::from_raw("Row.role", r.role)?,
            list_level: r
                .list_level
                .map(|l| {
                    u8::try_from(l).map_err(|_| ProtoError::OutOfRange {
                        field: "Row.list_level",
                        value: u64::from(l),
                    })
                })
                .transpose()?,
            outline: r
                .outline
                .map(|l| {
                    u8::try_from(l).map_err(|_| ProtoError::OutOfRange {
                        field: "Row.outline",
                        value: u64::from(l),
                    })
                })
                .transpose()?,
            fund: r
                .fund
                .map(|f| model::Fund::from_raw("Row.fund", f))
                .transpose()?,
            parts: try_all(r.parts)?,
        })
    }
}

impl From<&model::Table> for pb::Table {
    fn from(t: &model::Table) -> Self {
        pb::Table {
            kind: t.kind.to_raw(),
            title: t.title.clone(),
            unit: t.unit.to_raw(),
            status: t.status.to_raw(),
            columns: t.columns.iter().map(pb::Column::from).collect(),
            rows: t.rows.iter().map(pb::Row::from).collect(),
            first_line: to_u64(t.lines.0),
            last_line: to_u64(t.lines.1),
            note: t.note.clone(),
        }
    }
}

impl TryFrom<pb::Table> for model::Table {
    type Error = ProtoError;
    fn try_from(t: pb::Table) -> Result<Self> {
        Ok(model::Table {
            kind: model::TableKind::from_raw("Table.kind", t.kind)?,
            title: t.title,
            unit: model::Unit::from_raw("Table.unit", t.unit)?,
            status: model::TableStatus::from_raw("Table.status", t.status)?,
            columns: try_all(t.columns)?,
            rows: try_all(t.rows)?,
            lines: (
                to_usize("Table.first_line", t.first_line)?,
                to_usize("Table.last_line", t.last_line)?,
            ),
            note: t.note,
        })
    }
}

impl From<&model::Subject> for pb::Subject {
    fn from(s: &model::Subject) -> Self {
        use pb::subject::Kind;
        let kind = match s {
            model::Subject::Total(t) => Kind::Total(t.to_raw()),
            model::Subject::Code(c) => Kind::Code(c.as_str().to_string()),
            model::Subject::ThreePublic(i) => Kind::ThreePublic(i.to_raw()),
            model::Subject::Other(text) => Kind::Other(text.clone()),
            model::Subject::Count(c) => Kind::Count(pb::Count {
                noun: c.noun.clone(),
                count: c.count,
            }),
        };
        pb::Subject { kind: Some(kind) }
    }
}

impl TryFrom<pb::Subject> for model::Subject {
    type Error = ProtoError;
    fn try_from(s: pb::Subject) -> Result<Self> {
        use pb::subject::Kind;
        Ok(match required("Subject.kind", s.kind)? {
            Kind::Total(t) => {
                model::Subject::Total(model::TotalKind::from_raw("Subject.total", t)?)
            }
            Kind::Code(c) => model::Subject::Code(code("Subject.code", c)?),
            Kind::ThreePublic(i) => model::Subject::ThreePublic(model::ThreePublicItem::from_raw(
                "Subject.three_public",
                i,
            )?),
            Kind::Other(text) => model::Subject::Other(text),
            Kind::Count(c) => model::Subject::Count(model::Count {
                noun: c.noun,
                count: c.count,
            }),
        })
    }
}

impl From<&model::Change> for pb::Change {
    fn from(c: &model::Change) -> Self {
        pb::Change {
            direction: c.direction.to_raw(),
            amount: c.amount.as_ref().map(pb::Amount::from),
            percent: c.percent.as_ref().map(pb::Percent::from),
            percent_direction: c.percent_direction.map(|d| d.to_raw()),
            base: c.base.as_ref().map(pb::Amount::from),
        }
    }
}

impl TryFrom<pb::Change> for model::Change {
    type Error = ProtoError;
    fn try_from(c: pb::Change) -> Result<Self> {
        Ok(model::Change {
            direction: model::Direction::from_raw("Change.direction", c.direction)?,
            amount: c.amount.map(model::Amount::try_from).transpose()?,
            percent: c.percent.map(model::Percent::try_from).transpose()?,
            percent_direction: c
                .percent_direction
                .map(|d| model::Direction::from_raw("Change.percent_direction", d))
                .transpose()?,
            base: c.base.map(model::Amount::try_from).transpose()?,
        })
    }
}

impl From<&model::Claim> for pb::Claim {
    fn from(c: &model::Claim) -> Self {
        pb::Claim {
            subject: Some(pb::Subject::from(&c.subject)),
            subject_text: c.subject_text.clone(),
            amount: c.amount.as_ref().map(pb::Amount::from),
            change: c.change.as_ref().map(pb::Change::from),
            share: c.share.as_ref().map(pb::Percent::from),
            share_of: c.share_of.map(to_u64),
            completion: c.completion.as_ref().map(pb::Percent::from),
            sentence: c.sentence.clone(),
            start: to_u64(c.start),
            end: to_u64(c.end),
            line: to_u64(c.line),
            headings: c.headings.clone(),
            measure: c.measure.to_raw(),
            fund: c.fund.map(EnumField::to_raw),
            part_of: c.part_of.as_ref().map(pb::Subject::from),
            bbox: c.bbox.as_ref().map(pb::PageBox::from),
        }
    }
}

impl TryFrom<pb::Claim> for model::Claim {
    type Error = ProtoError;
    fn try_from(c: pb::Claim) -> Result<Self> {
        Ok(model::Claim {
            subject: required("Claim.subject", c.subject)?.try_into()?,
            subject_text: c.subject_text,
            amount: c.amount.map(model::Amount::try_from).transpose()?,
            change: c.change.map(model::Change::try_from).transpose()?,
            share: c.share.map(model::Percent::try_from).transpose()?,
            share_of: c
                .share_of
                .map(|i| to_usize("Claim.share_of", i))
                .transpose()?,
            completion: c.completion.map(model::Percent::try_from).transpose()?,
            sentence: c.sentence,
            start: to_usize("Claim.start", c.start)?,
            end: to_usize("Claim.end", c.end)?,
            line: to_usize("Claim.line", c.line)?,
            headings: c.headings,
            measure: model::Measure::from_raw("Claim.measure", c.measure)?,
            fund: c
                .fund
                .map(|f| model::Fund::from_raw("Claim.fund", f))
                .transpose()?,
            part_of: c.part_of.map(model::Subject::try_from).transpose()?,
            bbox: c.bbox.map(model::PageBox::from),
        })
    }
}

impl From<&model::Residue> for pb::Residue {
    fn from(r: &model::Residue) -> Self {
        pb::Residue {
            kind: r.kind.to_raw(),
            text: r.text.clone(),
            source: r.source.clone(),
            line: to_u64(r.line),
            start: to_u64(r.start),
            end: to_u64(r.end),
            year: r.year.map(u32::from),
        }
    }
}

impl TryFrom<pb::Residue> for model::Residue {
    type Error = ProtoError;
    fn try_from(r: pb::Residue) -> Result<Self> {
        let year = r
            .year
            .map(|y| {
                u16::try_from(y).map_err(|_| ProtoError::OutOfRange {
                    field: "Residue.year",
                    value: u64::from(y),
                })
            })
            .transpose()?;
        Ok(model::Residue {
            kind: model::ResidueKind::from_raw("Residue.kind", r.kind)?,
            text: r.text,
            source: r.source,
            line: to_usize("Residue.line", r.line)?,
            start: to_usize("Residue.start", r.start)?,
            end: to_usize("Residue.end", r.end)?,
            year,
        })
    }
}

impl From<&model::Document> for pb::Document {
    fn from(d: &model::Document) -> Self {
        pb::Document {
            facts: Some(pb::Facts::from(&d.facts)),
            contents: d.contents.iter().map(pb::ContentsEntry::from).collect(),
            tables: d.tables.iter().map(pb::Table::from).collect(),
            claims: d.claims.iter().map(pb::Claim::from).collect(),
            page_breaks: d.page_breaks.iter().copied().map(to_u64).collect(),
            residue: d.residue.iter().map(pb::Residue::from).collect(),
            sheet_lines: d.sheet_lines.iter().map(pb::SheetLine::from).collect(),
            parts: d.parts.iter().map(pb::DocumentPart::from).collect(),
            previous: d.previous.clone(),
        }
    }
}

impl TryFrom<pb::Document> for model::Document {
    type Error = ProtoError;
    fn try_from(d: pb::Document) -> Result<Self> {
        Ok(model::Document {
            facts: required("Document.facts", d.facts)?.try_into()?,
            contents: try_all(d.contents)?,
            tables: try_all(d.tables)?,
            claims: try_all(d.claims)?,
            page_breaks: d
                .page_breaks
                .into_iter()
                .map(|n| to_usize("Document.page_breaks", n))
                .collect::<Result<_>>()?,
            residue: try_all(d.residue)?,
            sheet_lines: try_all(d.sheet_lines)?,
            parts: try_all(d.parts)?,
            previous: d.previous,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Findings and results
// ---------------------------------------------------------------------------------------------

impl From<&model::Location> for pb::Location {
    fn from(l: &model::Location) -> Self {
        pb::Location {
            table_kind: l.table_kind.map(EnumField::to_raw),
            table_title: l.table_title.clone(),
            row_code: l.row_code.clone(),
            row_label: l.row_label.clone(),
            column: l.column.clone(),
            line: l.line.map(to_u64),
            start: l.start.map(to_u64),
            end: l.end.map(to_u64),
            page: l.page.map(to_u64),
            bbox: l.bbox.as_ref().map(pb::PageBox::from),
            cell: l.cell.clone(),
            file: l.file.clone(),
        }
    }
}

impl TryFrom<pb::Location> for model::Location {
    type Error = ProtoError;
    fn try_from(l: pb::Location) -> Result<Self> {
        Ok(model::Location {
            table_kind: l
                .table_kind
                .map(|k| model::TableKind::from_raw("Location.table_kind", k))
                .transpose()?,
            table_title: l.table_title,
            // Free text in the model (it may name an agency code such as 313002), so not checked.
            row_code: l.row_code,
            row_label: l.row_label,
            column: l.column,
            line: l.line.map(|n| to_usize("Location.line", n)).transpose()?,
            start: l.start.map(|n| to_usize("Location.start", n)).transpose()?,
            end: l.end.map(|n| to_usize("Location.end", n)).transpose()?,
            page: l.page.map(|n| to_usize("Location.page", n)).transpose()?,
            bbox: l.bbox.map(model::PageBox::from),
            cell: l.cell,
            file: l.file,
        })
    }
}

impl From<&model::Finding> for pb::Finding {
    fn from(f: &model::Finding) -> Self {
        pb::Finding {
            rule: f.rule.clone(),
            severity: f.severity.to_raw(),
            message: f.message.clone(),
            location: Some(pb::Location::from(&f.location)),
            expected: f.expected.as_ref().map(pb::Amount::from),
            printed: f.printed.as_ref().map(pb::Amount::from),
            difference: f.difference.map(|d| d.to_string()),
            tolerance: f.tolerance.map(|t| t.to_string()),
            source_text: f.source_text.clone(),
            consequences: f.consequences.clone(),
            evidence: f.evidence.iter().map(pb::Evidence::from).collect(),
            related: f.related.iter().map(pb::Location::from).collect(),
        }
    }
}

impl TryFrom<pb::Finding> for model::Finding {
    type Error = ProtoError;
    fn try_from(f: pb::Finding) -> Result<Self> {
        Ok(model::Finding {
            rule: f.rule,
            severity: model::Severity::from_raw("Finding.severity", f.severity)?,
            message: f.message,
            location: required("Finding.location", f.location)?.try_into()?,
            expected: f.expected.map(model::Amount::try_from).transpose()?,
            printed: f.printed.map(model::Amount::try_from).transpose()?,
            difference: f
                .difference
                .map(|d| decimal("Finding.difference", &d))
                .transpose()?,
            tolerance: f
                .tolerance
                .map(|t| decimal("Finding.tolerance", &t))
                .transpose()?,
            source_text: f.source_text,
            consequences: f.consequences,
            evidence: try_all(f.evidence)?,
            related: try_all(f.related)?,
        })
    }
}

impl From<&model::Evidence> for pb::Evidence {
    fn from(e: &model::Evidence) -> Self {
        use pb::evidence::Kind;
        let kind = match *e {
            model::Evidence::Table { table } => Kind::Table(pb::TableRef {
                table: to_u64(table),
            }),
            model::Evidence::Row { table, row } => Kind::Row(pb::RowRef {
                table: to_u64(table),
                row: to_u64(row),
            }),
            model::Evidence::Cell { table, row, column } => Kind::Cell(pb::CellRef {
                table: to_u64(table),
                row: to_u64(row),
                column: to_u64(column),
            }),
            model::Evidence::Claim { claim } => Kind::Claim(pb::ClaimRef {
                claim: to_u64(claim),
            }),
        };
        pb::Evidence { kind: Some(kind) }
    }
}

impl TryFrom<pb::Evidence> for model::Evidence {
    type Error = ProtoError;
    fn try_from(e: pb::Evidence) -> Result<Self> {
        use pb::evidence::Kind;
        Ok(match required("Evidence.kind", e.kind)? {
            Kind::Table(t) => model::Evidence::Table {
                table: to_usize("Evidence.table", t.table)?,
            },
            Kind::Row(r) => model::Evidence::Row {
                table: to_usize("Evidence.table", r.table)?,
                row: to_usize("Evidence.row", r.row)?,
            },
            Kind::Cell(c) => model::Evidence::Cell {
                table: to_usize("Evidence.table", c.table)?,
                row: to_usize("Evidence.row", c.row)?,
                column: to_usize("Evidence.column", c.column)?,
            },
            Kind::Claim(c) => model::Evidence::Claim {
                claim: to_usize("Evidence.claim", c.claim)?,
            },
        })
    }
}

impl From<&model::NarrativeCoverage> for pb::NarrativeCoverage {
    fn from(c: &model::NarrativeCoverage) -> Self {
        let all = |v: &[usize]| v.iter().copied().map(to_u64).collect();
        pb::NarrativeCoverage {
            figures: all(&c.figures),
            resolved: all(&c.resolved),
            checked: all(&c.checked),
        }
    }
}

impl TryFrom<pb::NarrativeCoverage> for model::NarrativeCoverage {
    type Error = ProtoError;
    fn try_from(c: pb::NarrativeCoverage) -> Result<Self> {
        let all = |field: &'static str, v: Vec<u64>| -> Result<Vec<usize>> {
            v.into_iter().map(|n| to_usize(field, n)).collect()
        };
        Ok(model::NarrativeCoverage {
            figures: all("NarrativeCoverage.figures", c.figures)?,
            resolved: all("NarrativeCoverage.resolved", c.resolved)?,
            checked: all("NarrativeCoverage.checked", c.checked)?,
        })
    }
}

impl From<&model::Reconciliation> for pb::Reconciliation {
    fn from(r: &model::Reconciliation) -> Self {
        pb::Reconciliation {
            document: Some(pb::Document::from(&r.document)),
            findings: r.findings.iter().map(pb::Finding::from).collect(),
            coverage: Some(pb::NarrativeCoverage::from(&r.coverage)),
        }
    }
}

impl TryFrom<pb::Reconciliation> for model::Reconciliation {
    type Error = ProtoError;
    fn try_from(r: pb::Reconciliation) -> Result<Self> {
        Ok(model::Reconciliation {
            document: required("Reconciliation.document", r.document)?.try_into()?,
            findings: try_all(r.findings)?,
            coverage: r
                .coverage
                .map(model::NarrativeCoverage::try_from)
                .transpose()?
                .unwrap_or_default(),
        })
    }
}

/// Converts every message of a repeated field, stopping at the first error.
fn try_all<P, M>(items: Vec<P>) -> Result<Vec<M>>
where
    M: TryFrom<P, Error = ProtoError>,
{
    items.into_iter().map(M::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_decimal_string_is_an_error_not_a_panic() {
        for bad in ["", "12,3", "1e5", "abc", "1.2.3", " 1", "NaN"] {
            let msg = pb::Amount {
                value: bad.to_string(),
                unit: pb::Unit::Yuan.into(),
                decimals: 0,
                precision: None,
            };
            let err = model::Amount::try_from(msg).unwrap_err();
            assert_eq!(
                err,
                ProtoError::BadDecimal {
                    field: "Amount.value",
                    value: bad.to_string()
                }
            );
        }
        let finding = pb::Finding {
            severity: pb::Severity::Error.into(),
            location: Some(pb::Location::default()),
            difference: Some("one yuan".to_string()),
            ..Default::default()
        };
        let err = model::Finding::try_from(finding).unwrap_err();
        assert!(matches!(
            err,
            ProtoError::BadDecimal {
                field: "Finding.difference",
                ..
            }
        ));
    }

    #[test]
    fn decimals_keep_their_scale() {
        let a = model::Amount::new(Decimal::new(50, 2), model::Unit::WanYuan, 2);
        let msg = pb::Amount::from(&a);
        assert_eq!(msg.value, "0.50");
        let back = model::Amount::try_from(msg).unwrap();
        assert_eq!(back.value.scale(), 2);
        assert_eq!(back, a);
        let fine =
            model::Amount::new(Decimal::new(350, 0), model::Unit::WanYuan, 0).with_precision(2);
        assert_eq!(
            model::Amount::try_from(pb::Amount::from(&fine)).unwrap(),
            fine
        );
    }

    #[test]
    fn unknown_and_unspecified_enums_are_errors() {
        let mut msg = pb::Amount {
            value: "1".into(),
            unit: 99,
            decimals: 0,
            precision: None,
        };
        assert_eq!(
            model::Amount::try_from(msg.clone()).unwrap_err(),
            ProtoError::UnknownEnum {
                field: "Amount.unit",
                value: 99
            }
        );
        msg.unit = 0;
        assert_eq!(
            model::Amount::try_from(msg).unwrap_err(),
            ProtoError::UnspecifiedEnum {
                field: "Amount.unit"
            }
        );
    }

    #[test]
    fn bad_codes_are_errors() {
        for bad in ["313002", "604", " 208", "20a"] {
            let row = pb::Row {
                code: Some(bad.to_string()),
                ..Default::default()
            };
            assert!(
                matches!(model::Row::try_from(row), Err(ProtoError::BadCode { .. })),
                "{bad}"
            );
        }
        let subject = pb::Subject {
            kind: Some(pb::subject::Kind::Code("9".into())),
        };
        assert!(matches!(
            model::Subject::try_from(subject),
            Err(ProtoError::BadCode {
                field: "Subject.code",
                ..
            })
        ));
    }

    #[test]
    fn missing_required_messages_are_errors() {
        assert_eq!(
            model::Subject::try_from(pb::Subject { kind: None }).unwrap_err(),
            ProtoError::Missing {
                field: "Subject.kind"
            }
        );
        assert_eq!(
            model::Document::try_from(pb::Document::default()).unwrap_err(),
            ProtoError::Missing {
                field: "Document.facts"
            }
        );
    }

    #[test]
    fn year_out_of_range_is_an_error() {
        let facts = pb::Facts {
            year: Some(70_000),
            ..Default::default()
        };
        assert!(matches!(
            model::Facts::try_from(facts),
            Err(ProtoError::OutOfRange {
                field: "Facts.year",
                value: 70_000
            })
        ));
    }
}
