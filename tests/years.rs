//! Last year's document against this year's (issue 15, acceptance): the Jiangsu 政协办公厅
//! series of the corpus, read as `check` reads a PDF's words. This year's statements about last
//! year hold against last year's publication as printed; one "上年" figure changed in the later
//! year's text is found (YEAR-STATED) and located in both documents: the sentence in this
//! year's, the cell in last year's tables file. `pdftotext` (poppler-utils) must be installed.

use std::path::{Path, PathBuf};

use budget_model::{Document, Finding, Severity};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name)
}

fn words_text(name: &str) -> String {
    let path = corpus(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    budget_input::pdf::to_text_from_boxes(&bytes, budget_input::pdf::DEFAULT_TIMEOUT)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Last year's publication (narrative and tables), as a batch pairs and reads it.
fn last_year() -> Document {
    let files: Vec<(Vec<u8>, String)> = [
        "js-zxbgt-2017-budget-text.pdf",
        "js-zxbgt-2017-budget-tables.pdf",
    ]
    .iter()
    .map(|name| {
        let path = corpus(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        (bytes, name.to_string())
    })
    .collect();
    let parts: Vec<(&[u8], &str)> = files
        .iter()
        .map(|(b, n)| (b.as_slice(), n.as_str()))
        .collect();
    budget_reconcile::read_publication(&parts, "js-zxbgt-2017").expect("the 2017 publication")
}

fn across_years(previous: &Document, this_year: &str) -> Vec<Finding> {
    let current = budget_parse::parse_text(this_year, "js-zxbgt-2018-budget-text.pdf");
    budget_reconcile::previous_year_findings(previous, &current)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect()
}

#[test]
fn a_changed_last_year_figure_is_found_in_both_years() {
    let previous = last_year();
    let text = words_text("js-zxbgt-2018-budget-text.pdf");
    assert!(
        across_years(&previous, &text).is_empty(),
        "the 2018 statements about 2017 hold: {:#?}",
        across_years(&previous, &text)
    );

    // 公务接待费 412.50, 31 less than last year's 443.50: made 35 less (last year 447.50).
    let from = "比上年预算减少 31 万";
    assert_eq!(text.matches(from).count(), 1);
    let edited = text.replacen(from, "比上年预算减少 35 万", 1);
    let found = across_years(&previous, &edited);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(
        (f.rule.as_str(), f.severity),
        ("YEAR-STATED", Severity::Error)
    );
    assert_eq!(
        f.printed.map(|a| a.to_string()).as_deref(),
        Some("443.50万元")
    );
    assert_eq!(
        f.expected.map(|a| a.to_string()).as_deref(),
        Some("447.50万元")
    );
    // Located in this year's text: the line of the sentence.
    let line = text[..text.find(from).expect("printed")]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(f.location.line, Some(line));
    // And in last year's: the tables file, its 三公 table, the page and box of 443.50.
    let there = f.related.first().expect("last year's cell");
    assert_eq!(
        there.file.as_deref(),
        Some("js-zxbgt-2017-budget-tables.pdf")
    );
    assert!(
        there
            .table_title
            .as_deref()
            .is_some_and(|t| t.contains("三公")),
        "{there:?}"
    );
    assert!(there.page.is_some() && there.bbox.is_some(), "{there:?}");
}

/// The Jiangsu documents of the corpus as a batch reads them: each PDF alone, the halves of a
/// publication paired and read as one, then the documents of one entity and consecutive years
/// paired automatically (`pairing::consecutive`). The pairs are the five the corpus holds (2017 and 2019 of one entity are not consecutive), and
/// every statement about last year in them holds against last year's document: no finding
/// across years (the 2018 政协办公厅 narrative's sixteen statements, for instance, from
/// 支出预算总计 9,146.79 to 公务接待费 443.50, are each the 2017 publication's figure).
#[test]
fn the_jiangsu_series_pairs_by_entity_and_year_and_holds() {
    use budget_reconcile::pairing::{consecutive, pairs, Half, Identity};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("js-"))
        })
        .collect();
    pdfs.sort();
    let read = |paths: &[PathBuf]| -> Document {
        let files: Vec<(Vec<u8>, String)> = paths
            .iter()
            .map(|p| {
                (
                    std::fs::read(p).expect("read"),
                    p.file_name()
                        .expect("a name")
                        .to_string_lossy()
                        .into_owned(),
                )
            })
            .collect();
        let parts: Vec<(&[u8], &str)> = files
            .iter()
            .map(|(b, n)| (b.as_slice(), n.as_str()))
            .collect();
        match parts.as_slice() {
            [(bytes, name)] => budget_reconcile::read_document(bytes, name),
            _ => budget_reconcile::read_publication(&parts, "publication"),
        }
        .expect("readable")
    };
    let singles: Vec<(Vec<PathBuf>, Document)> = pdfs
        .iter()
        .map(|p| (vec![p.clone()], read(std::slice::from_ref(p))))
        .collect();
    let halves: Vec<(usize, Half)> = singles
        .iter()
        .enumerate()
        .filter_map(|(i, (paths, doc))| Half::of(&paths[0], doc).map(|h| (i, h)))
        .collect();
    let only: Vec<Half> = halves.iter().map(|(_, h)| h.clone()).collect();
    let paired: Vec<(usize, usize)> = pairs(&only)
        .into_iter()
        .map(|(n, t)| (halves[n].0, halves[t].0))
        .collect();
    let in_pair = |i: usize| paired.iter().any(|&(n, t)| n == i || t == i);
    let mut documents: Vec<(Vec<PathBuf>, Document)> = singles
        .iter()
        .enumerate()
        .filter(|(i, _)| !in_pair(*i))
        .map(|(_, d)| d.clone())
        .collect();
    for &(n, t) in &paired {
        let paths = vec![singles[n].0[0].clone(), singles[t].0[0].clone()];
        let doc = read(&paths);
        documents.push((paths, doc));
    }
    let identities: Vec<Identity> = documents
        .iter()
        .filter_map(|(_, d)| Identity::of(d))
        .collect();
    let with_identity: Vec<&(Vec<PathBuf>, Document)> = documents
        .iter()
        .filter(|(_, d)| Identity::of(d).is_some())
        .collect();
    let name = |k: usize| {
        let paths: Vec<String> = with_identity[k]
            .0
            .iter()
            .map(|p| {
                p.file_stem()
                    .expect("a stem")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        paths.join("+")
    };
    let series = consecutive(&identities);
    let found: Vec<String> = series
        .iter()
        .map(|&(last, this)| format!("{} → {}", name(last), name(this)))
        .collect();
    assert_eq!(
        found,
        [
            "js-gjfy-2017-budget → js-gjfy-2018-budget",
            "js-rdcwh-2017-budget → js-rdcwh-2018-budget",
            "js-rdcwh-2018-budget → js-rdcwh-2019-budget-text+js-rdcwh-2019-budget-tables",
            "js-zxbgt-2017-budget-text+js-zxbgt-2017-budget-tables → js-zxbgt-2018-budget-text+js-zxbgt-2018-budget-tables",
            "js-zxbgt-2018-budget-text+js-zxbgt-2018-budget-tables → js-zxbgt-2019-budget-text+js-zxbgt-2019-budget-tables",
        ]
    );
    for &(last, this) in &series {
        let findings: Vec<Finding> = budget_reconcile::previous_year_findings(
            &with_identity[last].1,
            &with_identity[this].1,
        )
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
        assert!(
            findings.is_empty(),
            "{} → {}: {findings:#?}",
            name(last),
            name(this)
        );
    }
}
