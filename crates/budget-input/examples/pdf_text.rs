//! Prints the text the geometry reader makes of a PDF (`cargo run -p budget-input --features
//! pdftotext --example pdf_text FILE.pdf`): to see how it reads a document's tables.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_text FILE.pdf");
        std::process::exit(2);
    };
    let result = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            budget_input::pdf::to_text_from_boxes(&bytes, budget_input::pdf::DEFAULT_TIMEOUT)
                .map_err(|e| e.to_string())
        });
    match result {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
