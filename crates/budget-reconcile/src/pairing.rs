//! Which files of a batch are the two halves of one publication: a narrative-only file
//! (情况说明) and a tables-only file (报表) that a publisher put online separately, found by what
//! the checker read in them, not by their names alone.
//!
//! Two halves pair when they are in the same directory, do not state different years or kinds,
//! and are of the same entity: named alike (`entity_key`) when both name one, else when both
//! state the same year and their file names share most of their stems (`…附件1` and `…附件2`,
//! `x-text` and `x-tables`). Each file pairs at most once, best match first.
//!
//! Documents of one entity and consecutive years pair too ([`consecutive`]): this year's
//! statements about last year are checked against last year's document.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use budget_model::{Document, DocumentKind, PartHolds, Scope};
use budget_parse::vocab::facts::entity_key;

/// What pairing needs to know of one checked file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Half {
    pub path: PathBuf,
    pub holds: PartHolds,
    pub entity: Option<String>,
    pub year: Option<u16>,
    pub kind: Option<DocumentKind>,
}

impl Half {
    /// The half the document read from the file at `path` may be: None when it holds both
    /// narrative and tables, or neither.
    pub fn of(path: &Path, document: &Document) -> Option<Half> {
        let holds = PartHolds::of(document);
        if !matches!(holds, PartHolds::Narrative | PartHolds::Tables) {
            return None;
        }
        let facts = &document.facts;
        Some(Half {
            path: path.to_path_buf(),
            holds,
            entity: facts.entity.as_deref().map(entity_key),
            year: facts.year,
            kind: facts.kind,
        })
    }
}

/// The pairs among `halves`, as (narrative, tables) indexes, each half in at most one pair,
/// ordered by the narrative's index.
pub fn pairs(halves: &[Half]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (n, narrative) in halves.iter().enumerate() {
        for (t, tables) in halves.iter().enumerate() {
            if narrative.holds == PartHolds::Narrative && tables.holds == PartHolds::Tables {
                if let Some(score) = match_score(narrative, tables) {
                    candidates.push((score, n, t));
                }
            }
        }
    }
    // Best match first; among equals, input order.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut used = vec![false; halves.len()];
    let mut chosen = Vec::new();
    for (_, n, t) in candidates {
        if !used[n] && !used[t] {
            used[n] = true;
            used[t] = true;
            chosen.push((n, t));
        }
    }
    chosen.sort_unstable();
    chosen
}

/// How well two halves match, higher better; None when they cannot be one publication.
fn match_score(narrative: &Half, tables: &Half) -> Option<(bool, usize)> {
    if narrative.path.parent() != tables.path.parent() {
        return None;
    }
    if conflict(narrative.year, tables.year) || conflict(narrative.kind, tables.kind) {
        return None;
    }
    let prefix = common_stem_prefix(&narrative.path, &tables.path);
    let same_year = narrative.year.is_some() && narrative.year == tables.year;
    match (&narrative.entity, &tables.entity) {
        (Some(a), Some(b)) if a == b => Some((true, prefix)),
        (Some(_), Some(_)) => None,
        // Neither the entity nor the year to go by: too little.
        _ if !same_year => None,
        _ => names_alike(&narrative.path, &tables.path, prefix).then_some((false, prefix)),
    }
}

/// Whether both halves state a fact and state it differently (a tables file often prints no
/// year of its own).
fn conflict<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a != b)
}

/// How many characters each file name may have after the stem the two share (`text` and
/// `tables`, `附件1` and `附件2`, `情况说明` and `报表`).
const NAME_ENDING: usize = 8;

/// Whether two file names are one name with different endings: a shared stem of at least four
/// characters, and at most [`NAME_ENDING`] after it in each.
fn names_alike(a: &Path, b: &Path, prefix: usize) -> bool {
    let ending = |p: &Path| stem(p).chars().count() - prefix;
    prefix >= 4 && ending(a) <= NAME_ENDING && ending(b) <= NAME_ENDING
}

fn common_stem_prefix(a: &Path, b: &Path) -> usize {
    stem(a)
        .chars()
        .zip(stem(b).chars())
        .take_while(|(x, y)| x == y)
        .count()
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What tells two documents are of one entity, and which year each is: the entity's name
/// normalized ([`entity_key`]), the kind, the scope and the year.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identity {
    entity: String,
    kind: Option<DocumentKind>,
    scope: Option<Scope>,
    year: u16,
}

impl Identity {
    /// None for a document that names no entity or no year.
    pub fn of(document: &Document) -> Option<Identity> {
        let facts = &document.facts;
        Some(Identity {
            entity: entity_key(facts.entity.as_deref()?),
            kind: facts.kind,
            scope: facts.scope,
            year: facts.year?,
        })
    }
}

/// The (last year, this year) pairs among `delivered`, as indexes, in the order of this year's
/// documents: one entity, kind and scope, consecutive years. An entity with two documents of
/// one year pairs neither (which one is last year's is not known).
pub fn consecutive(delivered: &[Identity]) -> Vec<(usize, usize)> {
    let mut by_year: HashMap<&Identity, Vec<usize>> = HashMap::new();
    for (i, d) in delivered.iter().enumerate() {
        by_year.entry(d).or_default().push(i);
    }
    let one = |key: &Identity| match by_year.get(key).map(Vec::as_slice) {
        Some(&[only]) => Some(only),
        _ => None,
    };
    let mut pairs: Vec<(usize, usize)> = delivered
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let this = one(d)?;
            let year = d.year.checked_sub(1)?;
            let last = one(&Identity { year, ..d.clone() })?;
            (this == i).then_some((last, i))
        })
        .collect();
    pairs.sort_by_key(|&(_, this)| this);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn half(path: &str, holds: PartHolds, entity: Option<&str>, year: u16) -> Half {
        Half {
            path: PathBuf::from(path),
            holds,
            entity: entity.map(entity_key),
            year: Some(year),
            kind: Some(DocumentKind::Budget),
        }
    }

    use PartHolds::{Narrative, Tables};

    #[test]
    fn halves_pair_by_name_when_one_names_no_entity() {
        let halves = [
            half("d/a-2019-tables.pdf", Tables, None, 2019),
            half("d/a-2019-text.pdf", Narrative, Some("江苏省委办公厅"), 2019),
            half("d/b-2019-tables.pdf", Tables, None, 2019),
            half("d/b-2019-text.pdf", Narrative, None, 2019),
        ];
        assert_eq!(pairs(&halves), [(1, 0), (3, 2)]);
    }

    #[test]
    fn halves_of_one_entity_pair_whatever_their_names() {
        let halves = [
            half("d/说明.pdf", Narrative, Some("中共江苏省委办公厅"), 2017),
            half(
                "d/报表.pdf",
                Tables,
                Some("中国共产党江苏省委员会办公厅"),
                2017,
            ),
        ];
        assert_eq!(pairs(&halves), [(0, 1)]);
    }

    #[test]
    fn different_entities_years_or_directories_do_not_pair() {
        let other_entity = [
            half("d/x-text.pdf", Narrative, Some("江苏省委办公厅"), 2017),
            half("d/x-tables.pdf", Tables, Some("江苏省政协办公厅"), 2017),
        ];
        assert!(pairs(&other_entity).is_empty());
        let other_year = [
            half("d/x-text.pdf", Narrative, Some("某局"), 2017),
            half("d/x-tables.pdf", Tables, Some("某局"), 2018),
        ];
        assert!(pairs(&other_year).is_empty());
        // No year in the tables: the entity must be named on both sides.
        let mut no_year = [
            half("d/x-text.pdf", Narrative, None, 2017),
            half("d/x-tables.pdf", Tables, Some("某局"), 2017),
        ];
        no_year[1].year = None;
        assert!(pairs(&no_year).is_empty());
        no_year[0].entity = Some(entity_key("某局"));
        assert_eq!(pairs(&no_year), [(0, 1)]);
        let other_dir = [
            half("d/x-text.pdf", Narrative, None, 2017),
            half("e/x-tables.pdf", Tables, None, 2017),
        ];
        assert!(pairs(&other_dir).is_empty());
        let unlike_names = [
            half("d/abcdef-text.pdf", Narrative, None, 2017),
            half("d/uvwxyz-tables.pdf", Tables, None, 2017),
        ];
        assert!(pairs(&unlike_names).is_empty());
        let two_departments = [
            half(
                "d/2026年北京市教育委员会部门预算附件1.pdf",
                Narrative,
                None,
                2026,
            ),
            half("d/2026年北京市财政局部门预算附件2.pdf", Tables, None, 2026),
        ];
        assert!(pairs(&two_departments).is_empty());
        let two_narratives = [
            half("d/x-text.pdf", Narrative, None, 2017),
            half("d/x-text2.pdf", Narrative, None, 2017),
        ];
        assert!(pairs(&two_narratives).is_empty());
    }

    #[test]
    fn each_half_pairs_once_best_match_first() {
        let halves = [
            half("d/bj-jw-2026-text.pdf", Narrative, None, 2026),
            half("d/bj-czj-2026-tables.pdf", Tables, None, 2026),
            half("d/bj-jw-2026-tables.pdf", Tables, None, 2026),
        ];
        assert_eq!(pairs(&halves), [(0, 2)]);
        let attachments = [
            half("d/2026年北京市财政局部门预算附件2.pdf", Tables, None, 2026),
            half(
                "d/2026年北京市财政局部门预算附件1.pdf",
                Narrative,
                None,
                2026,
            ),
        ];
        assert_eq!(pairs(&attachments), [(1, 0)]);
    }

    fn id(entity: &str, year: u16) -> Identity {
        Identity {
            entity: entity_key(entity),
            kind: Some(DocumentKind::Budget),
            scope: Some(Scope::Department),
            year,
        }
    }

    #[test]
    fn consecutive_years_of_one_entity_pair() {
        let delivered = [
            id("江苏省政协办公厅", 2018),
            id("江苏省政协办公厅", 2017),
            id("江苏省委办公厅", 2017),
            id("中共江苏省委办公厅", 2019),
            id("江苏省政协办公厅", 2019),
        ];
        // 2017 → 2018 and 2018 → 2019 of the one; 2017 and 2019 of the other are not consecutive.
        assert_eq!(consecutive(&delivered), [(1, 0), (0, 4)]);
    }

    #[test]
    fn two_documents_of_one_year_pair_with_neither() {
        let delivered = [id("某局", 2017), id("某局", 2018), id("某局", 2018)];
        assert!(consecutive(&delivered).is_empty());
    }
}
