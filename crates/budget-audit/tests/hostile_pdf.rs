//! Hostile PDFs (issue 12): each gets a report or one clear error line from `budget-audit check`,
//! within the limits (`budget_input::limits`, pdftotext's timeout and memory limit): no panic, no
//! hang, and the checker's own memory bounded. The PDFs are written here byte by byte (the
//! truncated and image-only ones of `tests/hostile.rs` are the simplest cases; these are the
//! harder ones): a truncated document of many pages, encrypted with a password to open it and
//! with an owner password only, a page of only an image or only vector drawings, 10,000 empty
//! pages, a page of 10⁶ glyphs, and 10⁷ glyphs drawn through nested forms by a PDF of 8 KB.
//! pdftotext (poppler-utils) must be installed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every case, debug build included, must finish well within this (pdftotext's own timeout is
/// 60 s, checked by `tests/hostile.rs`'s cases and the unit tests of `budget-input`).
const TIME_LIMIT: Duration = Duration::from_secs(90);

/// The most memory the checker itself may take on any of these (pdftotext is bounded by
/// `budget_input::limits::MAX_PDFTOTEXT_MEMORY`).
const OWN_MEMORY_LIMIT_KB: u64 = 512 * 1024;

enum Expect {
    /// Exit 2 and exactly this reason on stderr (`budget-audit: FILE: reason`).
    Unreadable(&'static str),
    /// Exit 0 or 1 and one JSON report: the text was read (a PDF without text is an error).
    Report,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// The peak resident memory of budget-audit itself (not its children), in KB, when the
    /// system tells it (Linux).
    peak_kb: u64,
}

fn run(path: &Path) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(["check", "--format", "json"])
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    let (mut stdout, mut stderr) = (
        child.stdout.take().expect("stdout"),
        child.stderr.take().expect("stderr"),
    );
    let out = std::thread::spawn(move || read_all(&mut stdout));
    let err = std::thread::spawn(move || read_all(&mut stderr));
    let status = loop {
        // VmHWM is the process's own peak so far: sampling it misses nothing but the very end.
        peak_kb = peak_kb.max(high_water_kb(&status_file));
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > TIME_LIMIT * 2 {
            let _ = child.kill();
            panic!("{}: hangs", path.display());
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().expect("stdout read"),
        stderr: err.join().expect("stderr read"),
        elapsed: start.elapsed(),
        peak_kb,
    }
}

fn read_all(pipe: &mut impl std::io::Read) -> String {
    let mut bytes = Vec::new();
    let _ = pipe.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn high_water_kb(status_file: &str) -> u64 {
    let status = std::fs::read_to_string(status_file).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn check(name: &str, bytes: &[u8], expect: Expect) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("hostile.pdf");
    std::fs::write(&path, bytes).expect("write the case");
    let r = run(&path);
    assert!(r.elapsed < TIME_LIMIT, "{name}: took {:?}", r.elapsed);
    assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
    assert!(
        r.peak_kb < OWN_MEMORY_LIMIT_KB,
        "{name}: budget-audit took {} MB",
        r.peak_kb / 1024
    );
    match expect {
        Expect::Unreadable(reason) => {
            assert_eq!(r.code, 2, "{name}: exit code; stderr {}", r.stderr);
            assert_eq!(r.stdout, "", "{name}: no report");
            let expected = format!("budget-audit: {}: {reason}\n", path.display());
            assert_eq!(r.stderr, expected, "{name}");
        }
        Expect::Report => {
            assert_eq!(r.stderr, "", "{name}");
            let report: serde_json::Value = serde_json::from_str(r.stdout.trim())
                .unwrap_or_else(|e| panic!("{name}: {e}: {}", r.stdout));
            let findings = report["findings"].as_array().expect("findings");
            let has = |key: &str, value: &str| findings.iter().any(|f| f[key] == value);
            // 1 for an error, 3 for nothing to check (COMP-NOTHING), else 0.
            let expected = match (has("severity", "error"), has("rule", "COMP-NOTHING")) {
                (true, _) => 1,
                (false, true) => 3,
                (false, false) => 0,
            };
            assert_eq!(r.code, expected, "{name}: exit code, stderr {}", r.stderr);
        }
    }
}

// ---- PDF bytes -----------------------------------------------------------------------------

/// A PDF of `objects` (object n is `objects[n - 1]`, object 1 the catalog) with a cross-reference
/// table; `trailer` adds entries to the trailer.
fn pdf(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

fn object(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} {dict}>>\nstream\n", data.len()).into_bytes();
    out.extend(data);
    out.extend(b"\nendstream");
    out
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A PDF of one page `width` × `height` points drawing `content` with `resources`; the font
/// Helvetica is object 5 and `extra` objects follow from 6.
fn one_page(
    (width, height): (u32, u32),
    resources: &str,
    content: &[u8],
    extra: Vec<Vec<u8>>,
) -> Vec<Vec<u8>> {
    let mut objects = vec![
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        object(&format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] \
             /Resources {resources} /Contents 4 0 R >>"
        )),
        stream("", content),
        object(FONT),
    ];
    objects.extend(extra);
    objects
}

const LETTER: (u32, u32) = (612, 792);
const FONT_ONLY: &str = "<< /Font << /F1 5 0 R >> >>";

/// `pages` pages, each drawing its own line of text (none when `text` gives None).
fn pages(n: usize, text: impl Fn(usize) -> Option<String>) -> Vec<u8> {
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        object(&format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            kids.join(" ")
        )),
        object(FONT),
    ];
    for i in 0..n {
        objects.push(object(&format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        )));
        let content = text(i)
            .map(|t| format!("BT /F1 12 Tf 72 720 Td ({t}) Tj ET"))
            .unwrap_or_default();
        objects.push(stream("", content.as_bytes()));
    }
    pdf(&objects, "")
}

/// One line of `words` amounts `1.23`: 5 glyphs a word.
fn amounts(words: usize) -> String {
    vec!["1.23"; words].join(" ")
}

/// A page 200 inches square of 400 lines of 2,500 glyphs: 10⁶ glyphs in one content stream.
fn million_glyphs() -> Vec<u8> {
    let mut content = b"BT /F1 10 Tf\n".to_vec();
    let line = amounts(500);
    for row in 0..400 {
        let y = 14_380 - row * 35;
        content.extend(format!("1 0 0 1 20 {y} Tm ({line}) Tj\n").into_bytes());
    }
    content.extend(b"ET");
    pdf(
        &one_page((14_400, 14_400), FONT_ONLY, &content, Vec::new()),
        "",
    )
}

/// 10⁷ glyphs by a PDF of 8 KB: a form of one line of 2,500 glyphs, drawn 100 times by a second
/// form, drawn 40 times by the page.
fn nested_glyphs() -> Vec<u8> {
    let line = format!("BT /F1 10 Tf 1 0 0 1 20 14380 Tm ({}) Tj ET", amounts(500));
    let draw = |name: &str, times: usize, step: f64| -> String {
        (0..times)
            .map(|i| format!("q 1 0 0 1 0 {:.1} cm /{name} Do Q", -step * i as f64))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let form = "/Type /XObject /Subtype /Form /BBox [-100000 -100000 100000 100000] ";
    let extra = vec![
        stream(
            &format!("{form}/Resources << /Font << /F1 5 0 R >> >> "),
            line.as_bytes(),
        ),
        stream(
            &format!("{form}/Resources << /XObject << /L 6 0 R >> >> "),
            draw("L", 100, 3.5).as_bytes(),
        ),
    ];
    pdf(
        &one_page(
            (14_400, 14_400),
            "<< /XObject << /B 7 0 R >> >>",
            draw("B", 40, 350.0).as_bytes(),
            extra,
        ),
        "",
    )
}

fn image_only() -> Vec<u8> {
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray \
         /BitsPerComponent 8 ",
        &[128; 64 * 64],
    );
    pdf(
        &one_page(
            LETTER,
            "<< /XObject << /Im1 6 0 R >> >>",
            b"q 200 0 0 200 100 400 cm /Im1 Do Q",
            vec![image],
        ),
        "",
    )
}

fn drawings_only() -> Vec<u8> {
    let content = b"0 0 1 rg 100 100 200 200 re f 1 w 50 50 m 500 700 l S 72 72 m 540 72 l S";
    pdf(&one_page(LETTER, FONT_ONLY, content, Vec::new()), "")
}

// ---- encryption (PDF 1.4, standard security handler, revision 2: RC4 40-bit) ----------------

const PASSWORD_PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];
const FILE_ID: [u8; 16] = *b"0123456789abcdef";

fn padded(password: &str) -> Vec<u8> {
    password
        .bytes()
        .chain(PASSWORD_PAD)
        .take(32)
        .collect::<Vec<u8>>()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A one-page PDF of `text`, encrypted (algorithms 3.1–3.5 of the PDF 1.4 reference) with a
/// user password (empty: anyone may open it) and an owner password; `permissions` is /P.
fn encrypted(text: &str, user: &str, owner: &str, permissions: i32) -> Vec<u8> {
    let owner_key = &md5(&padded(owner))[..5];
    let o = rc4(owner_key, &padded(user));
    let mut seed = padded(user);
    seed.extend(&o);
    seed.extend(permissions.to_le_bytes());
    seed.extend(FILE_ID);
    let key = md5(&seed)[..5].to_vec();
    let u = rc4(&key, &PASSWORD_PAD);
    // The content stream is object 4, generation 0.
    let mut object_key = key.clone();
    object_key.extend([4, 0, 0, 0, 0]);
    let object_key = &md5(&object_key)[..10];
    let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let encryption = object(&format!(
        "<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P {permissions} >>",
        hex(&o),
        hex(&u)
    ));
    let objects = one_page(
        LETTER,
        FONT_ONLY,
        &rc4(object_key, content.as_bytes()),
        vec![encryption],
    );
    let id = hex(&FILE_ID);
    pdf(&objects, &format!("/Encrypt 6 0 R /ID [<{id}> <{id}>] "))
}

fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j: u8 = 0;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, usize::from(j));
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[usize::from(i)]);
            s.swap(usize::from(i), usize::from(j));
            b ^ s[usize::from(s[usize::from(i)].wrapping_add(s[usize::from(j)]))]
        })
        .collect()
}

/// MD5 (RFC 1321), which PDF encryption is built on.
fn md5(message: &[u8]) -> [u8; 16] {
    let shifts: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let k: Vec<u32> = (0..64)
        .map(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32)
        .collect();
    let mut state: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];
    let mut data = message.to_vec();
    data.push(0x80);
    while data.len() % 64 != 56 {
        data.push(0);
    }
    data.extend(((message.len() as u64) * 8).to_le_bytes());
    for block in data.chunks(64) {
        let m: Vec<u32> = block
            .chunks(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect();
        let [mut a, mut b, mut c, mut d] = state;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let rotated = a
                .wrapping_add(f)
                .wrapping_add(k[i])
                .wrapping_add(m[g])
                .rotate_left(shifts[i]);
            (a, d, c) = (d, c, b);
            b = b.wrapping_add(rotated);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = [0u8; 16];
    for (i, s) in state.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&s.to_le_bytes());
    }
    out
}

#[test]
fn md5_and_rc4_are_right() {
    assert_eq!(hex(&md5(b"")), "d41d8cd98f00b204e9800998ecf8427e");
    assert_eq!(
        hex(&md5(b"The quick brown fox jumps over the lazy dog")),
        "9e107d9d372bb6826bd81d3542a419d6"
    );
    assert_eq!(hex(&rc4(b"Key", b"Plaintext")), "bbf316e8d940af0ad3");
}

// ---- the cases -----------------------------------------------------------------------------

const NO_TEXT: &str = "cannot read PDF: the PDF holds no text (scanned pages need OCR first)";

/// A download cut short: told as such, not as a damaged file.
#[test]
fn truncated_pdf_of_many_pages() {
    let whole = pages(40, |i| Some(format!("Page {i}: budget 1,234.56")));
    check("whole PDF of 40 pages", &whole, Expect::Report);
    check(
        "truncated PDF of 40 pages",
        &whole[..whole.len() / 2],
        Expect::Unreadable(
            "cannot read PDF: the PDF is incomplete or damaged: it lacks the %%EOF that ends a PDF (a file cut short?)",
        ),
    );
}

#[test]
fn pdf_that_needs_a_password_to_open() {
    check(
        "PDF encrypted with a user password",
        &encrypted("Budget 1,234.56", "secret", "owner", -4),
        Expect::Unreadable("cannot read PDF: the PDF is encrypted: it opens only with a password"),
    );
}

/// An owner password restricts copying but anyone may open the file: its text is read.
#[test]
fn pdf_with_an_owner_password_only() {
    check(
        "PDF encrypted with an owner password only",
        &encrypted("Budget 1,234.56", "", "owner", -4 & !0x10),
        Expect::Report,
    );
}

#[test]
fn pdf_of_only_an_image_or_only_drawings() {
    check(
        "PDF of only an image",
        &image_only(),
        Expect::Unreadable(NO_TEXT),
    );
    check(
        "PDF of only drawings",
        &drawings_only(),
        Expect::Unreadable(NO_TEXT),
    );
}

#[test]
fn pdf_of_ten_thousand_empty_pages() {
    check(
        "10,000 empty pages",
        &pages(10_000, |_| None),
        Expect::Unreadable(NO_TEXT),
    );
}

#[test]
fn page_of_a_million_glyphs() {
    check("a page of 10^6 glyphs", &million_glyphs(), Expect::Report);
}

/// 10⁷ glyphs take poppler gigabytes within the timeout: pdftotext is stopped at its memory limit.
#[test]
fn ten_million_glyphs_through_nested_forms() {
    let bytes = nested_glyphs();
    assert!(bytes.len() < 10_000, "{} bytes", bytes.len());
    check(
        "10^7 glyphs through nested forms",
        &bytes,
        Expect::Unreadable(
            "the PDF file is too complex (reading its text takes more than 1024 MiB of memory)",
        ),
    );
}
