//! Bytes → text: BOMs, UTF-8, UTF-16, GB18030/GBK without a hint; CRLF and CR → LF.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use crate::limits::MAX_TEXT_BYTES;

/// Why bytes could not be read as the text of a document.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("the document is empty")]
    Empty,
    #[error("the document is not text (binary content)")]
    Binary,
    #[error("the document is too large: {size} bytes (limit {limit})")]
    TooLarge { size: usize, limit: usize },
}

/// Decodes a document's bytes (at most [`MAX_TEXT_BYTES`]) to text with `\n` line endings.
/// UTF-8 text with `\n` line endings is borrowed as it is.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(DecodeError::TooLarge {
            size: bytes.len(),
            limit: MAX_TEXT_BYTES,
        });
    }
    let text = decode_text(bytes)?;
    let text = if has_byte(text.as_bytes(), b'\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

/// Whether `bytes` holds `byte`: the whole document is scanned for one that is almost never
/// there, in blocks the compiler turns into wide compares (`contains` goes byte by byte).
fn has_byte(bytes: &[u8], byte: u8) -> bool {
    bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |seen, &b| seen | (b == byte)))
}

fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text);
    }
    if !has_byte(bytes, 0) {
        if let Some(text) = UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
            return Ok(text);
        }
    }
    // No BOM and not UTF-8: decode with each candidate and keep the one that reads as text.
    let candidates: &[&'static Encoding] = if bytes.len().is_multiple_of(2) {
        &[GB18030, UTF_16LE, UTF_16BE]
    } else {
        &[GB18030]
    };
    let best = candidates
        .iter()
        .map(|enc| enc.decode_without_bom_handling(bytes).0)
        .map(|text| (plausibility(&text), text))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, text)) if score >= MIN_PLAUSIBILITY => Ok(Cow::Owned(text.into_owned())),
        _ => Err(DecodeError::Binary),
    }
}

/// The share of characters a budget document is made of that must be present for decoded bytes
/// to count as text.
const MIN_PLAUSIBILITY: f32 = 0.9;

/// The share of characters that are ordinary in a Chinese document: printable ASCII, whitespace,
/// CJK ideographs and punctuation, full-width forms.
fn plausibility(text: &str) -> f32 {
    let sample = text.chars().take(8192);
    let (mut total, mut good) = (0usize, 0usize);
    for c in sample {
        total += 1;
        let ordinary = matches!(c, ' '..='~' | '\n' | '\r' | '\t')
            || matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
            || matches!(c, '\u{2000}'..='\u{206f}' | '\u{00a0}'..='\u{00ff}' | '\u{2200}'..='\u{22ff}');
        if ordinary {
            good += 1;
        }
    }
    good as f32 / total.max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_crlf() {
        let s = "单位：万元\r\n合计\t1.00\r\n";
        assert_eq!(decode(s.as_bytes()).unwrap(), "单位：万元\n合计\t1.00\n");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom).unwrap(), "单位：万元\n合计\t1.00\n");
    }

    #[test]
    fn decodes_gbk_and_utf16_without_hint() {
        let s = "部门收入总表\n单位：万元\n";
        let (gbk, _, _) = GB18030.encode(s);
        assert_eq!(decode(&gbk).unwrap(), s);
        let utf16: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&utf16).unwrap(), s);
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert!(matches!(decode(b""), Err(DecodeError::Empty)));
        assert!(matches!(decode(b"  \n "), Err(DecodeError::Empty)));
        assert!(matches!(
            decode(&[0, 1, 2, 3, 0, 0, 7]),
            Err(DecodeError::Binary)
        ));
    }
}
