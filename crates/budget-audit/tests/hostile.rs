//! Hostile input (issue 6): each file gets a report or one clear error line, exit code 2 when it
//! is unreadable, no panic, no hang (every case runs under a time limit). The inputs are built
//! here, the large ones in a temporary directory, never committed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Every case, debug build included, must finish well within this.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// What `budget-audit check --format json FILE` must do with an input.
enum Expect {
    /// Exit 2 and exactly this reason on stderr (`budget-audit: FILE: reason`).
    Unreadable(&'static str),
    /// Exit 0 or 1, one JSON report, checked by the function.
    Report(fn(&serde_json::Value)),
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

fn dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budget-audit-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(path: &Path) -> (i32, String, String, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("the binary runs");
    let code = out.status.code().unwrap_or(-1);
    (
        code,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        start.elapsed(),
    )
}

fn check(path: &Path, name: &str, expect: &Expect) {
    let (code, stdout, stderr, elapsed) = run(path);
    assert!(elapsed < TIME_LIMIT, "{name}: took {elapsed:?}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    match expect {
        Expect::Unreadable(reason) => {
            assert_eq!(code, 2, "{name}: exit code; stderr {stderr}");
            assert_eq!(stdout, "", "{name}: no report");
            let expected = format!("budget-audit: {}: {reason}\n", path.display());
            assert_eq!(stderr, expected, "{name}");
        }
        Expect::Report(check) => {
            assert_eq!(stderr, "", "{name}");
            let report: serde_json::Value =
                serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{name}: {e}"));
            // 3: nothing to check (COMP-NOTHING), a warning, and no error.
            let expected = match (has_rule(&report, "COMP-NOTHING"), has_error(&report)) {
                (_, true) => 1,
                (true, false) => 3,
                (false, false) => 0,
            };
            assert_eq!(code, expected, "{name}: exit code, stderr {stderr}");
            check(&report);
        }
    }
}

/// No table read; with no narrative figure either, the report says there was nothing to check.
fn no_tables(r: &serde_json::Value) {
    assert_eq!(r["tables"], serde_json::json!([]));
    let no_claims = r["claims"].as_array().is_some_and(Vec::is_empty);
    assert_eq!(
        has_rule(r, "COMP-NOTHING"),
        no_claims,
        "{:#}",
        r["findings"]
    );
}

fn findings(r: &serde_json::Value) -> &[serde_json::Value] {
    r["findings"].as_array().map_or(&[], Vec::as_slice)
}

fn has_rule(r: &serde_json::Value, rule: &str) -> bool {
    findings(r).iter().any(|f| f["rule"] == rule)
}

fn has_error(r: &serde_json::Value) -> bool {
    findings(r).iter().any(|f| f["severity"] == "error")
}

// ---- builders ------------------------------------------------------------------------------

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, options).expect("entry");
        w.write_all(data).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

/// A zip whose entries are `copies` copies of one deflated megabyte of zeros: a few hundred KB
/// on disk, `copies` MB once inflated. `marker` names the part that tells the format.
fn zip_bomb(marker: &str, copies: usize) -> Vec<u8> {
    let one = zip(&[("zeros", &vec![0u8; 1 << 20])]);
    let mut source = zip::ZipArchive::new(std::io::Cursor::new(one)).expect("zip");
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    w.start_file(marker, options).expect("marker");
    w.write_all(b"<x/>").expect("marker");
    for i in 0..copies {
        let entry = source.by_index_raw(0).expect("entry");
        w.raw_copy_file_rename(entry, format!("part{i}.xml"))
            .expect("copy");
    }
    w.finish().expect("zip").into_inner()
}

fn many_entries(marker: &str, n: usize) -> Vec<u8> {
    let names: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![(marker, b"<x/>")];
    entries.extend(names.iter().map(|n| (n.as_str(), b"".as_slice())));
    zip(&entries)
}

/// A one-page PDF that draws `text` (ASCII) with a standard font; no text when `text` is empty.
fn pdf(text: &str) -> Vec<u8> {
    let content = if text.is_empty() {
        String::new()
    } else {
        format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET")
    };
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).into_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

/// Deterministic junk bytes (a linear congruential generator).
fn junk(n: usize) -> Vec<u8> {
    let mut x: u32 = 12345;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        })
        .collect()
}

fn table_with(cells: &str) -> Vec<u8> {
    format!("部门支出总表\n单位：万元\n项目\t合计\t基本支出\t项目支出\n{cells}\n").into_bytes()
}

fn cases() -> Vec<Case> {
    let ole = {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.extend(junk(4096));
        b
    };
    let doc = {
        let mut b = ole.clone();
        b.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        b
    };
    let huge_number = "9".repeat(5000);
    vec![
        Case {
            name: "empty file",
            bytes: Vec::new(),
            expect: Expect::Unreadable("the document is empty"),
        },
        Case {
            name: "blank lines only",
            bytes: b" \n\r\n\t\n".to_vec(),
            expect: Expect::Unreadable("the document is empty"),
        },
        Case {
            name: "binary junk",
            bytes: junk(100_000),
            expect: Expect::Unreadable("the document is not text (binary content)"),
        },
        Case {
            name: "NUL bytes",
            bytes: vec![0; 4096],
            expect: Expect::Unreadable("the document is not text (binary content)"),
        },
        Case {
            name: "truncated PDF",
            bytes: pdf("Budget 2024")[..120].to_vec(),
            expect: Expect::Unreadable(
                "cannot read PDF: the PDF is incomplete or damaged: it lacks the %%EOF that ends a PDF (a file cut short?)",
            ),
        },
        Case {
            name: "PDF without text",
            bytes: pdf(""),
            expect: Expect::Unreadable(
                "cannot read PDF: the PDF holds no text (scanned pages need OCR first)",
            ),
        },
        Case {
            name: "PDF magic then junk",
            bytes: [b"%PDF-1.7\n".as_slice(), &junk(10_000)].concat(),
            expect: Expect::Unreadable(
                "cannot read PDF: the PDF is incomplete or damaged: it lacks the %%EOF that ends a PDF (a file cut short?)",
            ),
        },
        Case {
            name: "PDF magic, junk, then its end",
            bytes: [b"%PDF-1.7\n".as_slice(), &junk(10_000), b"\n%%EOF\n"].concat(),
            expect: Expect::Unreadable(
                "cannot read PDF: the PDF is damaged or unreadable (pdftotext exit status: 1)",
            ),
        },
        Case {
            name: "ASCII PDF",
            bytes: pdf("Budget 2024"),
            expect: Expect::Report(no_tables),
        },
        Case {
            name: "a single 10 MB line",
            bytes: "合计 1,234.56 ".repeat(10 << 20 >> 4).into_bytes(),
            expect: Expect::Report(no_tables),
        },
        Case {
            name: "text over the 16 MiB text limit",
            bytes: "说明\n".repeat(3 << 20).into_bytes(),
            expect: Expect::Unreadable("the document is too large: 22020096 bytes (limit 16777216)"),
        },
        Case {
            name: "numbers with thousands of digits",
            bytes: table_with(&format!("合计\t{huge_number}.00\t{huge_number}\t1.{huge_number}")),
            expect: Expect::Report(|r| {
                assert_eq!(r["tables"][0]["kind"], "expenditure_summary");
            }),
        },
        Case {
            name: "a million columns of tabs",
            bytes: table_with(&"\t1".repeat(1_000_000)),
            expect: Expect::Unreadable("the text file is too complex (a line of 1000001 table cells, limit 1000)"),
        },
        Case {
            name: "a hundred thousand space-aligned rows",
            bytes: "科目名称  合计\n".to_string().into_bytes().into_iter().chain("一般公共服务支出  1.00\n".repeat(100_000).into_bytes()).collect(),
            // An untitled table: the parser keeps its header line as a row too.
            expect: Expect::Report(|r| assert_eq!(r["tables"][0]["rows"].as_array().map(Vec::len), Some(100_001))),
        },
        Case {
            name: "deeply nested HTML",
            bytes: format!("<html><body>{}说明{}</body></html>", "<div><span>".repeat(200_000), "</span></div>".repeat(200_000)).into_bytes(),
            expect: Expect::Report(no_tables),
        },
        Case {
            name: "deeply nested HTML tables",
            bytes: format!("<table>{}x{}</table>", "<tr><td><table>".repeat(50_000), "</table></td></tr>".repeat(50_000)).into_bytes(),
            expect: Expect::Report(no_tables),
        },
        Case {
            name: "HTML table spanning a billion cells",
            bytes: format!("<table><tr><td colspan=1000 rowspan=0>x</td></tr>{}</table>", "<tr><td>1</td></tr>".repeat(5_000)).into_bytes(),
            expect: Expect::Unreadable("the HTML file is too complex (a row 1001 cells wide)"),
        },
        Case {
            name: "HTML with only a script",
            bytes: b"<html><script>document.write('<table>')</script></html>".to_vec(),
            expect: Expect::Unreadable("the HTML file holds no text"),
        },
        Case {
            name: "xlsx zip bomb",
            bytes: zip_bomb("xl/workbook.xml", 300),
            expect: Expect::Unreadable("the xlsx file expands beyond the limit (more than 256 MiB uncompressed); refusing a possible zip bomb"),
        },
        Case {
            name: "docx zip bomb",
            bytes: zip_bomb("word/document.xml", 300),
            expect: Expect::Unreadable("the docx file expands beyond the limit (more than 256 MiB uncompressed); refusing a possible zip bomb"),
        },
        Case {
            name: "docx with 20,000 entries",
            bytes: many_entries("word/document.xml", 20_000),
            expect: Expect::Unreadable("the docx file expands beyond the limit (20001 entries, limit 10000); refusing a possible zip bomb"),
        },
        Case {
            name: "truncated xlsx",
            bytes: zip(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/sheet1.xml", &junk(5000))])[..3000].to_vec(),
            expect: Expect::Unreadable("the xlsx file is damaged or not a xlsx file: invalid Zip archive: Could not find EOCD"),
        },
        Case {
            name: "docx without a body",
            bytes: zip(&[("word/documentx.xml", b"<x/>")]),
            expect: Expect::Unreadable("the docx file is damaged or not a docx file: word/document.xml is missing"),
        },
        Case {
            name: "docx with deeply nested tables",
            bytes: zip(&[("word/document.xml", format!("<w:document xmlns:w=\"w\"><w:body>{}<w:p><w:r><w:t>x</w:t></w:r></w:p>{}</w:body></w:document>", "<w:tbl><w:tr><w:tc>".repeat(10_000), "</w:tc></w:tr></w:tbl>".repeat(10_000)).as_bytes())]),
            expect: Expect::Report(no_tables),
        },
        Case {
            name: "xls that is OLE junk",
            bytes: ole,
            expect: Expect::Unreadable("the xls file is damaged or not a xls file: Cfb error: Invalid sector shift, expecting 0x09 or 0x0C found 60AF"),
        },
        Case {
            name: "Word 97 document",
            bytes: doc,
            expect: Expect::Unreadable("unsupported format: Word 97-2003 document (.doc)"),
        },
        Case {
            name: "plain zip archive",
            bytes: zip(&[("readme.txt", b"hello")]),
            expect: Expect::Unreadable("unsupported format: zip archive (neither .xlsx nor .docx)"),
        },
    ]
}

#[test]
fn hostile_inputs_get_a_report_or_one_clear_error() {
    let dir = dir();
    let cases = cases();
    assert!(cases.len() >= 20);
    for (i, case) in cases.iter().enumerate() {
        let path = dir.join(format!("case{i:02}"));
        std::fs::write(&path, &case.bytes).expect("write case");
        check(&path, case.name, &case.expect);
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir(&dir);
}

#[test]
fn a_100_mb_file_is_refused_before_it_is_read() {
    let dir = dir().join("large");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("100mb.txt");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: costs no disk and no time to make.
    file.set_len(100 * 1024 * 1024).expect("set_len");
    check(
        &path,
        "100 MB file",
        &Expect::Unreadable("the file is too large: 104857600 bytes (limit 67108864)"),
    );
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_dir(&dir);
}
