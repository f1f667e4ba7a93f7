//! Documents of one entity and consecutive years in a batch: each year's statements about last
//! year checked against last year's document (`budget_reconcile::compare_with_previous`).
//!
//! Once every document of the batch has been delivered, the pairs are found
//! (`budget_reconcile::pairing::consecutive`: one entity, kind and scope, consecutive years).
//! Both documents of
//! a pair are read again, and the pair gets a report of its own after the others: this year's
//! document, its `previous` naming last year's, and only the findings across the two years.

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
    let identities: Vec<Identity> = delivery.delivered.iter().map(|(_, i)| i.clone()).collect();
    let pairs: Vec<(Unit, Unit)> = consecutive(&identities)
        .into_iter()
        .map(|(last, this)| {
            let unit = |k: usize| delivery.delivered[k].0.clone();
            (unit(last), unit(this))
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
    for ((_, this), report) in pairs.iter().zip(reports) {
        if let Some(report) = report {
            delivery.deliver(this, Checked::Report(Box::new(report)))?;
        }
    }
    Ok(())
}

/// This year's document with only its findings against last year's; None when either cannot
/// be read again.
fn pair_report(last: &[Input], this: &[Input]) -> Option<Reconciliation> {
    let read = |unit: &[Input]| match check_unit(unit).checked {
        Checked::Report(report) => Some(report),
        _ => None,
    };
    let (previous, mut report) = (read(last)?, read(this)?);
    report.findings.clear();
    report.document.facts.source = format!("{} → {}", unit_name(last), unit_name(this));
    budget_reconcile::compare_with_previous(&mut report, &previous.document);
    report.document.previous = Some(unit_name(last));
    Some(*report)
}
