//! Documents of one entity and consecutive years in a batch: each year's statements about last
//! year checked against last year's document (`budget_reconcile::compare_with_previous`).
//!
//! Once every document of the batch has been delivered, the pairs are found
//! (`budget_reconcile::pairing::consecutive`: one entity, kind and scope, consecutive years).
//! The reports of the first documents of a run are kept for this (a bounded number); a document
//! beyond them is read again. The pair gets a report of its own after the others: this year's
//! document, its `previous` naming last year's, and only the findings across the two years.

use std::sync::Arc;

use budget_model::Reconciliation;
use budget_reconcile::pairing::{consecutive, Identity};

use crate::batch::{ordered_map, Input, Unit};
use crate::check::Delivery;
use crate::checking::{check_unit, unit_name, Checked};

/// Delivers the report of every pair of consecutive years among the documents delivered so far.
pub fn deliver<E>(jobs: usize, delivery: &mut Delivery<'_, E>) -> anyhow::Result<()>
where
    E: FnMut(&[Input], Result<&Reconciliation, &str>) -> anyhow::Result<()>,
{
    let identities: Vec<Identity> = delivery
        .delivered
        .iter()
        .map(|d| d.identity.clone())
        .collect();
    let pairs: Vec<(Side, Side)> = consecutive(&identities)
        .into_iter()
        .map(|(last, this)| {
            let side = |k: usize| {
                let d = &delivery.delivered[k];
                (d.unit.clone(), d.report.clone())
            };
            (side(last), side(this))
        })
        .collect();
    let mut reports = Vec::new();
    ordered_map(
        &pairs,
        jobs,
        |(last, this)| pair_report(last, this),
        |_, r| {
            reports.push(r);
            Ok(())
        },
    )?;
    for (((_, _), (this, _)), report) in pairs.iter().zip(reports) {
        if let Some(report) = report {
            delivery.deliver(this, Checked::Report(Box::new(report)))?;
        }
    }
    Ok(())
}

/// One document of a pair: its files, and its report when the run kept it.
type Side = (Unit, Option<Arc<Reconciliation>>);

/// This year's document with only its findings against last year's; None when either cannot
/// be read again.
fn pair_report(last: &Side, this: &Side) -> Option<Reconciliation> {
    let read = |(unit, kept): &Side| match kept {
        Some(report) => Some(Arc::clone(report)),
        None => match check_unit(unit).checked {
            Checked::Report(report) => Some(Arc::new(*report)),
            _ => None,
        },
    };
    let (previous, report) = (read(last)?, read(this)?);
    let mut report = Arc::unwrap_or_clone(report);
    report.findings.clear();
    report.document.facts.source = format!("{} → {}", unit_name(&last.0), unit_name(&this.0));
    budget_reconcile::compare_with_previous(&mut report, &previous.document);
    Some(report)
}
