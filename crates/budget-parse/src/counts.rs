//! Counts stated in the narrative: "部门预算安排项目 4 个，…其中：机关项目 3 个，…分局项目 3 个".
//! Each count becomes a claim whose subject is a [`Count`]; its offsets span the sentence it is
//! in, so the rules can compare the counts (and amounts) of one sentence. The first count of a
//! sentence is its total; the counts after a `其中` are its parts (`part_of` the total), the
//! others are parallel counts.

use budget_model::{Claim, Count, Subject};

use crate::text::TextLine;
use crate::vocab::narrative::{COUNT, COUNTED, OF_WHICH};

/// The count claims of the narrative lines, sentence by sentence.
pub fn extract_counts(lines: &[TextLine<'_>]) -> Vec<Claim> {
    let mut out = Vec::new();
    for_each_sentence(lines, |sentence, start| {
        read_sentence(sentence, start, &mut out)
    });
    out
}

/// The count claims of one sentence; `start` is where it starts: its line and the byte in that
/// line.
fn read_sentence(sentence: &str, start: (&TextLine<'_>, usize), out: &mut Vec<Claim>) {
    // Both forms hold 项目: most sentences do not and are not searched. (Sentences are long:
    // `str::contains` beats `has_word` here.)
    if !sentence.contains(COUNTED) {
        return;
    }
    let (line, byte) = start;
    let start = line.start + line.text.get(..byte).map_or(0, |t| t.chars().count());
    let end = start + sentence.chars().count();
    // The first count is the total; a count after a `其中` that follows it is one of its parts.
    // Counts side by side (`跟踪项目 4 个；评价项目 4 个`) are parallel, not parts.
    let mut total: Option<(Subject, usize)> = None;
    for c in COUNT.captures_iter(sentence) {
        let (noun, digits) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(n), Some(d), _, _) | (_, _, Some(d), Some(n)) => (n.as_str(), d.as_str()),
            _ => continue,
        };
        let Ok(count) = digits.parse::<u32>() else {
            continue;
        };
        let Some(whole) = c.get(0) else { continue };
        let subject = Subject::Count(Count {
            noun: noun.to_string(),
            count,
        });
        let part_of = match &total {
            Some((parent, after)) => sentence
                .get(*after..whole.start())
                .is_some_and(|between| between.contains(OF_WHICH.text))
                .then(|| parent.clone()),
            None => {
                total = Some((subject.clone(), whole.end()));
                None
            }
        };
        out.push(Claim {
            sentence: sentence.to_string(),
            start,
            end,
            line: line.number,
            part_of,
            ..Claim::new(subject, whole.as_str())
        });
    }
}

/// Calls `read` with each sentence (ending in 。) of the narrative and where it starts: its
/// first line and the byte in that line. Lines are joined without separators: extraction
/// breaks Chinese sentences anywhere.
fn for_each_sentence<'l>(
    lines: &'l [TextLine<'l>],
    mut read: impl FnMut(&str, (&'l TextLine<'l>, usize)),
) {
    let mut current = String::new();
    let mut start = None;
    for line in lines {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        let mut at = line.text.len() - line.text.trim_start().len();
        for piece in text.split_inclusive('。') {
            if current.is_empty() {
                start = Some((line, at));
            }
            current.push_str(piece);
            at += piece.len();
            if piece.ends_with('。') {
                if let Some(start) = start {
                    read(&current, start);
                }
                current.clear();
            }
        }
    }
    if let Some(start) = start.filter(|_| !current.is_empty()) {
        read(&current, start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    /// `跟踪 4 个；目标 4 个`: counts side by side are no parts of the first.
    #[test]
    fn parallel_counts_are_not_parts() {
        let text = "绩效运行监控项目 4 个，绩效评价项目 4 个，新增项目 4 个。";
        let counts = extract_counts(&lines(text));
        assert_eq!(counts.len(), 3);
        assert!(counts.iter().all(|c| c.part_of.is_none()), "{counts:#?}");
    }

    #[test]
    fn counts_of_a_sentence() {
        let text = "部门预算安排项目 4 个, 项目预算金额合计 5083.74 万元, 其中: 机关项目 3 个, 项目预算金额 629.3 万元; 中心项目 1 个。我单位预算项目共2个，资金总额8121万元。";
        let counts = extract_counts(&lines(text));
        let got: Vec<u32> = counts
            .iter()
            .filter_map(|c| match &c.subject {
                Subject::Count(n) => Some(n.count),
                _ => None,
            })
            .collect();
        assert_eq!(got, vec![4, 3, 1, 2]);
        let total = Some(counts[0].subject.clone());
        assert_eq!(counts[1].part_of, total);
        assert_eq!(counts[2].part_of, total);
        assert_eq!(counts[3].part_of, None);
        assert_eq!(counts[0].start, 0);
        let second = text.split('。').next().map_or(0, |s| s.chars().count() + 1);
        assert_eq!(counts[3].start, second);
        assert!(counts[3].sentence.starts_with("我单位"));
    }
}
