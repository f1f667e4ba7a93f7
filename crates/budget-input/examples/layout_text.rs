//! Prints the text the space-aligned reader makes of `pdftotext -layout` text
//! (`cargo run -p budget-input --example layout_text FILE.txt`): tables as tab-separated rows.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: layout_text FILE.txt");
        std::process::exit(2);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => print!("{}", budget_input::layout::align_tables(&text).text),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
