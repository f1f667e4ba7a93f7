//! Phrases of findings about how a table was read.

/// A table whose reading its own sums do not corroborate: `failing` independent sum failures
/// among `rows` rows with amounts, and `held_back` findings that rest on it and are therefore not
/// reported on their own.
pub fn reading_in_doubt(title: &str, failing: usize, rows: usize, held_back: usize) -> String {
    format!(
        "《{title}》的读取存疑：{rows} 行金额中有 {failing} 处求和互不相关地不符，更像是表格未被正确读取；\
         依据此表的 {held_back} 项发现不单独报告（见下）"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_table_and_the_counts() {
        let m = reading_in_doubt("支出总表", 4, 18, 6);
        assert!(m.contains("《支出总表》"));
        assert!(m.contains("18 行金额中有 4 处"));
        assert!(m.contains("6 项发现"));
    }
}
