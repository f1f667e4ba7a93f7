//! HTML → text: `<table>` elements become tab-separated lines (rowspan/colspan expanded), the
//! narrative around them becomes lines (one per paragraph, `<br>` or block element); scripts,
//! styles and the `<head>` are dropped.
//!
//! A small tolerant tree builder rather than a full HTML5 parser: disclosures are simple pages,
//! and this keeps the dependency weight and the worst case (depth, cells) under our control.

use crate::limits::{check_text_size, MAX_HTML_DEPTH, MAX_TABLE_DEPTH};
use crate::table::{is_wide, join_wrapped, push_line, push_table, CellBudget, Row, Spans};
use crate::{Format, InputError};

/// Converts decoded HTML into lines of text and tab-separated table rows.
pub(crate) fn to_text(html: &str) -> Result<String, InputError> {
    let root = parse(html);
    let mut writer = Writer::default();
    writer.block(&root, 0)?;
    writer.flush();
    check_text_size(&writer.out)?;
    Ok(writer.out)
}

// ---- tree ----------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Element {
    name: String,
    colspan: usize,
    rowspan: usize,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    Text(String),
    Element(Element),
}

impl Element {
    fn new(name: &str) -> Self {
        Element {
            name: name.to_string(),
            colspan: 1,
            rowspan: 1,
            children: Vec::new(),
        }
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is never text of the document.
const SKIPPED: &[&str] = &[
    "script", "style", "head", "title", "noscript", "template", "svg", "math", "iframe", "object",
    "select",
];

const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Builds the element tree. Unclosed elements are closed by what implies their end (a new `<td>`
/// closes the open cell, a new `<tr>` the open row, a block the open `<p>`); stray end tags are
/// ignored; elements past [`MAX_HTML_DEPTH`] are dropped, keeping their text.
fn parse(html: &str) -> Element {
    let mut tree = TreeBuilder {
        stack: vec![Element::new("#root")],
    };
    let mut pos = 0;
    while pos < html.len() {
        let Some(lt) = html[pos..].find('<').map(|i| pos + i) else {
            tree.text(&html[pos..]);
            break;
        };
        if lt > pos {
            tree.text(&html[pos..lt]);
        }
        pos = tree.markup(html, lt);
    }
    tree.finish()
}

struct TreeBuilder {
    stack: Vec<Element>,
}

impl TreeBuilder {
    fn current(&mut self) -> &mut Element {
        // The root is never popped, so the stack is never empty.
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    fn text(&mut self, raw: &str) {
        let text = decode_entities(raw);
        match self.current().children.last_mut() {
            Some(Node::Text(t)) => t.push_str(&text),
            _ => self.current().children.push(Node::Text(text)),
        }
    }

    /// Reads the markup starting at `lt` (a `<`) and returns the position after it.
    fn markup(&mut self, html: &str, lt: usize) -> usize {
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            return comment.find("-->").map_or(html.len(), |i| lt + 4 + i + 3);
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            return rest.find('>').map_or(html.len(), |i| lt + i + 1);
        }
        if let Some(after) = rest.strip_prefix("</") {
            let (name, _) = tag_name(after);
            let end = rest.find('>').map_or(html.len(), |i| lt + i + 1);
            if !name.is_empty() {
                self.close(&name);
            }
            return end;
        }
        let (name, after_name) = tag_name(&rest[1..]);
        if name.is_empty() {
            self.text("<");
            return lt + 1;
        }
        let tag_end = find_tag_end(&rest[1 + after_name..]).map(|i| lt + 1 + after_name + i);
        let Some(tag_end) = tag_end else {
            return html.len();
        };
        let attrs = &html[lt + 1 + after_name..tag_end];
        let after = tag_end + 1;
        if SKIPPED.contains(&name.as_str()) && !attrs.trim_end().ends_with('/') {
            return skip_raw(html, after, &name);
        }
        self.open(&name, attrs);
        after
    }

    fn open(&mut self, name: &str, attrs: &str) {
        self.close_implied(name);
        let mut element = Element::new(name);
        if matches!(name, "td" | "th") {
            element.colspan = span_attr(attrs, "colspan", 1000).unwrap_or(1);
            element.rowspan = span_attr(attrs, "rowspan", 65_534).unwrap_or(1);
        }
        if VOID.contains(&name) {
            self.current().children.push(Node::Element(element));
        } else if self.stack.len() < MAX_HTML_DEPTH {
            self.stack.push(element);
        }
    }

    /// Ends elements that the start of `name` implies are finished.
    fn close_implied(&mut self, name: &str) {
        let (targets, stops): (&[&str], &[&str]) = match name {
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "tr" => (&["tr"], &["table"]),
            "thead" | "tbody" | "tfoot" => (&["thead", "tbody", "tfoot"], &["table"]),
            "li" => (&["li"], &["ul", "ol", "table"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl", "table"]),
            n if BLOCKS.contains(&n) => (&["p"], &["td", "th", "table", "div", "li"]),
            _ => return,
        };
        let mut i = self.stack.len();
        while i > 1 {
            i -= 1;
            let open = self.stack[i].name.as_str();
            if stops.contains(&open) {
                return;
            }
            if targets.contains(&open) {
                self.pop_to(i);
                return;
            }
        }
    }

    /// An end tag closes the nearest open element of its name (and what is open inside it); one
    /// with no open element of its name is ignored. `</table>` does not reach past a cell.
    fn close(&mut self, name: &str) {
        if name == "br" {
            self.open("br", "");
            return;
        }
        let found = self.stack.iter().rposition(|e| e.name == name);
        if let Some(i) = found.filter(|i| *i > 0) {
            self.pop_to(i);
        }
    }

    /// Pops elements until the stack has `len` entries, attaching each to its parent.
    fn pop_to(&mut self, len: usize) {
        while self.stack.len() > len.max(1) {
            if let Some(done) = self.stack.pop() {
                self.current().children.push(Node::Element(done));
            }
        }
    }

    fn finish(mut self) -> Element {
        self.pop_to(1);
        self.stack.pop().unwrap_or_default()
    }
}

/// A tag name (lower case) and its length in bytes.
fn tag_name(s: &str) -> (String, usize) {
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
        .unwrap_or(s.len());
    let name = &s[..len];
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        (name.to_ascii_lowercase(), len)
    } else {
        (String::new(), 0)
    }
}

/// The `>` ending a tag, outside quoted attribute values.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Skips the content of a script, style or head up to its end tag.
fn skip_raw(html: &str, from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    let rest = &html[from..];
    // ASCII lower-casing keeps byte offsets.
    let lower = rest.to_ascii_lowercase();
    match lower.find(&close) {
        Some(i) => rest[i..].find('>').map_or(html.len(), |j| from + i + j + 1),
        None => html.len(),
    }
}

/// A positive integer attribute (`colspan="3"`), capped; 0 (`rowspan=0`, to the end) is `max`.
fn span_attr(attrs: &str, name: &str, max: usize) -> Option<usize> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = lower[from..].trim_start();
        let Some(value) = rest.strip_prefix('=').filter(|_| before_ok) else {
            continue;
        };
        let digits: String = value
            .trim_start()
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(char::is_ascii_digit)
            .take(6)
            .collect();
        let n: usize = digits.parse().ok()?;
        return Some(if n == 0 { max } else { n.min(max) });
    }
    None
}

/// Character references: named (the common ones), decimal and hexadecimal.
fn decode_entities(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 12);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "yen" => '¥',
        "times" => '×',
        "permil" => '‰',
        _ => return None,
    })
}

// ---- writer --------------------------------------------------------------------------------

/// Walks the tree, writing lines of text and tables.
#[derive(Default)]
struct Writer {
    out: String,
    line: String,
    /// Whitespace seen since the last character; `Some(true)` when it held a line break.
    space: Option<bool>,
}

impl Writer {
    fn block(&mut self, element: &Element, tables: usize) -> Result<(), InputError> {
        for child in &element.children {
            match child {
                Node::Text(t) => self.inline(t),
                Node::Element(e) => self.element(e, tables)?,
            }
        }
        Ok(())
    }

    fn element(&mut self, e: &Element, tables: usize) -> Result<(), InputError> {
        match e.name.as_str() {
            "br" => self.break_line(true),
            "table" if tables < MAX_TABLE_DEPTH => {
                self.break_line(false);
                self.table(e, tables)?;
            }
            name if BLOCKS.contains(&name) => {
                self.break_line(false);
                self.block(e, tables)?;
                self.break_line(false);
            }
            _ => self.block(e, tables)?,
        }
        check_text_size(&self.out)
    }

    /// Collapses whitespace as a browser does, except that a line break between two CJK
    /// characters is no space (Chinese text wrapped in the source).
    fn inline(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() && c != '\u{3000}' {
                let newline = c == '\n' || self.space == Some(true);
                self.space = Some(newline);
                continue;
            }
            if let Some(newline) = self.space.take() {
                let after_wide = self.line.chars().last().is_some_and(is_wide);
                let wrapped_cjk = newline && after_wide && is_wide(c);
                if !(self.line.is_empty() || wrapped_cjk) {
                    self.line.push(' ');
                }
            }
            self.line.push(c);
        }
    }

    /// Ends the current line; `forced` (a `<br>`) writes it even when empty.
    fn break_line(&mut self, forced: bool) {
        self.space = None;
        let line = self.line.trim();
        if forced || !line.is_empty() {
            push_line(&mut self.out, line);
        }
        self.line.clear();
    }

    fn flush(&mut self) {
        self.break_line(false);
    }

    /// A table whose cells hold tables lays out the page: its cells are blocks. Otherwise it is
    /// a grid.
    fn table(&mut self, table: &Element, tables: usize) -> Result<(), InputError> {
        let rows = table_rows(table);
        let nested = rows.iter().flat_map(|tr| tr.elements()).any(contains_table);
        if nested {
            for cell in rows.iter().flat_map(|tr| tr.elements()) {
                self.break_line(false);
                self.block(cell, tables + 1)?;
                self.break_line(false);
            }
            return Ok(());
        }
        for caption in table.elements().filter(|e| e.name == "caption") {
            self.block(caption, tables)?;
            self.break_line(false);
        }
        let grid = grid(&rows)?;
        push_table(&mut self.out, &grid)?;
        Ok(())
    }
}

fn contains_table(e: &Element) -> bool {
    e.elements().any(|c| c.name == "table" || contains_table(c))
}

/// The rows of a table, through `thead`/`tbody`/`tfoot`, not into nested tables.
fn table_rows(table: &Element) -> Vec<&Element> {
    let mut rows = Vec::new();
    for child in table.elements() {
        match child.name.as_str() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(child.elements().filter(|e| e.name == "tr")),
            _ => {}
        }
    }
    rows
}

/// Expands rowspan/colspan into a grid: the text in the top-left position, the rest empty.
fn grid(rows: &[&Element]) -> Result<Vec<Row>, InputError> {
    let mut budget = CellBudget::new(Format::Html);
    let mut spans = Spans::default();
    let mut out = Vec::with_capacity(rows.len());
    for (i, tr) in rows.iter().enumerate() {
        let mut cells: Vec<String> = Vec::new();
        let mut pending = Vec::new();
        let mut banner = None;
        let mut col = 0;
        for td in tr
            .elements()
            .filter(|e| matches!(e.name.as_str(), "td" | "th"))
        {
            while spans.covered(col) {
                col += 1;
            }
            let text = cell_text(td);
            let rows_left = rows.len() - i;
            spans.cover(col, td.colspan, td.rowspan.min(rows_left), &mut pending);
            let end = col + td.colspan;
            budget.check_width(end)?;
            if cells.len() < end {
                cells.resize(end, String::new());
            }
            if !text.is_empty() {
                banner = match banner {
                    None if td.colspan >= 2 => Some(true),
                    _ => Some(false),
                };
            }
            cells[col] = text;
            col = end;
        }
        let width = cells.len().max(spans.width());
        cells.resize(width, String::new());
        budget.take_row(width)?;
        spans.next_row(pending);
        out.push(Row {
            cells,
            banner: banner == Some(true),
        });
    }
    Ok(out)
}

/// The text of a cell on one line: its paragraphs and `<br>`-separated lines joined.
fn cell_text(td: &Element) -> String {
    let mut writer = Writer::default();
    // A cell's nested tables (past the depth bound) are read as text.
    let _ = writer.block(td, MAX_TABLE_DEPTH);
    writer.flush();
    let parts: Vec<String> = writer.out.lines().map(str::to_string).collect();
    join_wrapped(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_become_tab_rows_and_text_lines_stay() {
        let html = "<html><head><title>x</title><style>td{}</style></head><body>\
            <p>部门收入总表</p><p>单位：万元</p>\
            <table><tr><th>项目</th><th>合计</th></tr>\
            <tr><td>合计</td><td>1,234.50</td></tr></table>\
            <p>说明&amp;注释</p><script>var a = '<table>';</script></body></html>";
        assert_eq!(
            to_text(html).unwrap(),
            "部门收入总表\n单位：万元\n项目\t合计\n合计\t1,234.50\n说明&注释\n"
        );
    }

    #[test]
    fn spans_are_expanded_and_title_rows_are_text() {
        let html = "<table>\
            <tr><td colspan=4>部门支出总表</td></tr>\
            <tr><td rowspan=2>科目</td><td rowspan=2>合计</td><td colspan=2>基本支出</td></tr>\
            <tr><td>人员经费</td><td>公用经费</td></tr>\
            <tr><td>合计<td>3.00<td>1.00<td>2.00\
            </table>";
        assert_eq!(
            to_text(html).unwrap(),
            "部门支出总表\n科目\t合计\t基本支出\t\n\t\t人员经费\t公用经费\n合计\t3.00\t1.00\t2.00\n"
        );
    }

    #[test]
    fn br_and_wrapped_cjk() {
        let html = "<div>一般公共\n预算<br>second line<br><br>third</div>";
        assert_eq!(
            to_text(html).unwrap(),
            "一般公共预算\nsecond line\n\nthird\n"
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = format!(
            "{}文本{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(to_text(&html).unwrap(), "文本\n");
        let tables = format!(
            "{}x{}",
            "<table><tr><td>".repeat(10_000),
            "</td></tr></table>".repeat(10_000)
        );
        assert_eq!(to_text(&tables).unwrap(), "x\n");
    }

    #[test]
    fn huge_spans_are_refused() {
        let html = "<table><tr><td colspan=1000 rowspan=0>x</td></tr>".to_string()
            + &"<tr><td>1</td><td>2</td></tr>".repeat(2000)
            + "</table>";
        assert!(matches!(to_text(&html), Err(InputError::TooComplex { .. })));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&nbsp;b&#x4e00;&#19968;&bogus;&"),
            "a b一一&bogus;&"
        );
    }
}
