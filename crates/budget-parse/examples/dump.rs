//! Prints what the parser reads from a file: `cargo run -p budget-parse --example dump FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        match budget_parse::parse(&bytes, &path) {
            Ok(doc) => {
                println!("{:?}", doc.facts);
                for c in &doc.contents {
                    println!(
                        "contents: {:?} {} empty={} {:?}",
                        c.kind, c.title, c.declared_empty, c.empty_reason
                    );
                }
                for t in &doc.tables {
                    println!(
                        "== {} [{}] {} {:?} lines {:?} note={:?}",
                        t.title, t.kind, t.unit, t.status, t.lines, t.note
                    );
                    let cols: Vec<String> = t
                        .columns
                        .iter()
                        .map(|c| {
                            format!(
                                "{}({:?}{})",
                                c.name,
                                c.role,
                                c.section
                                    .as_ref()
                                    .map(|s| format!(" {}", s.name))
                                    .unwrap_or_default()
                            )
                        })
                        .collect();
                    println!("   cols: {}", cols.join(" | "));
                    for r in &t.rows {
                        let vals: Vec<String> = r
                            .values
                            .iter()
                            .map(|v| {
                                v.map(|a| budget_model::format_value(a.value, a.decimals))
                                    .unwrap_or_else(|| "-".into())
                            })
                            .collect();
                        println!(
                            "   {:>8} {:<24} {} {} {:?}{}{}",
                            r.code.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                            r.label,
                            vals.join(" "),
                            r.section.as_ref().map_or("", |s| s.name.as_str()),
                            r.role,
                            r.list_level.map(|l| format!(" L{l}")).unwrap_or_default(),
                            r.outline.map(|l| format!(" O{l}")).unwrap_or_default()
                        );
                    }
                }
                for c in &doc.claims {
                    println!("claim: {:?}", c);
                }
            }
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
