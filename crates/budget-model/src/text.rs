//! Searching the short texts of titles, labels and leads.

/// Where `word` first occurs in `text` (a byte index, as [`str::find`] gives), for the short
/// texts searched again and again: titles, labels, leads, header cells. `str::find` with a
/// `&str` sets up a two-way searcher on every call, which costs more than scanning a few dozen
/// bytes. A match can only start on a character boundary, because `word` starts with a
/// character.
pub fn find_word(text: &str, word: &str) -> Option<usize> {
    let (haystack, needle) = (text.as_bytes(), word.as_bytes());
    let (Some(&first), Some(&last)) = (needle.first(), needle.last()) else {
        return Some(0);
    };
    haystack.windows(needle.len()).position(|w| {
        // The first and last bytes rule out most places before the whole word is compared.
        w[0] == first && w[w.len() - 1] == last && w == needle
    })
}

/// Whether `text` holds `word`; see [`find_word`].
pub fn has_word(text: &str, word: &str) -> bool {
    find_word(text, word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_word_agrees_with_str_find() {
        let texts = [
            "",
            "收入",
            "一般公共预算收入支出",
            "abcabd",
            "收收入",
            "预算收支",
            "é收入",
        ];
        let words = ["收入", "支出", "收支", "abd", "a", "入", "收收", "é", ""];
        for text in texts {
            for word in words {
                assert_eq!(find_word(text, word), text.find(word), "{text:?} {word:?}");
            }
        }
    }
}
