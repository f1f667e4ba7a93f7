//! Phrases of findings about template residue (TPL-*).

/// TPL-PLACEHOLDER: `模板占位符「XX」未替换`.
pub fn placeholder_left(text: &str) -> String {
    format!("模板占位符「{text}」未替换")
}

/// TPL-INSTRUCTION: `给编写者的提示「请核实」留在了公开文本中`.
pub fn instruction_left(text: &str) -> String {
    format!("给编写者的提示「{text}」留在了公开文本中")
}

/// TPL-YEAR: `「2023年」与本文档的年度（2024 年）不符，疑为沿用往年模板`.
pub fn foreign_year(text: &str, document_year: u16) -> String {
    format!("「{text}」与本文档的年度（{document_year} 年）不符，疑为沿用往年模板")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_quote_their_arguments() {
        assert_eq!(placeholder_left("XX"), "模板占位符「XX」未替换");
        assert_eq!(
            instruction_left("请核实"),
            "给编写者的提示「请核实」留在了公开文本中"
        );
        assert!(foreign_year("2023年", 2024).starts_with("「2023年」与本文档的年度（2024 年）"));
    }
}
