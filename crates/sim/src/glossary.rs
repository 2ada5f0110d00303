//! The glossary: every term the interface or a lesson uses, defined in a sentence or two, in
//! English and Korean. One table (static/glossary.json), read by the lessons and the numbers
//! panel (a term shows its definition on hover or focus) and by the help overlay's glossary page.
//! [`find`] locates terms in a text; the native tests check that every term the lessons use in
//! one language they also use, and define, in the other.

use crate::diagnostic::Diagnostic;
use crate::journey::Lang;
use serde::{Deserialize, Serialize};

/// The glossary file, compiled in.
pub const GLOSSARY_JSON: &str = include_str!("../../../static/glossary.json");

/// Every term, in the order the glossary page lists them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// Format version of the glossary file, currently 1.
    pub version: u32,
    pub terms: Vec<Term>,
}

/// One term in both languages.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable id (`p99`, `littles-law`), for links and tests.
    pub id: String,
    pub en: TermText,
    pub ko: TermText,
}

/// A term in one language.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TermText {
    /// The term as the glossary page lists it.
    pub term: String,
    /// The forms it takes in running text (the term itself is always one): "percentile", "p50".
    /// Matched whole-word and case-insensitively in English, as written in Korean.
    #[serde(default)]
    pub forms: Vec<String>,
    /// What it means, in one or two plain sentences.
    pub def: String,
}

impl Term {
    /// The term in `lang`.
    pub fn text(&self, lang: Lang) -> &TermText {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }
}

impl TermText {
    /// Every form to look for, the term first.
    pub fn all_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.forms.iter().map(String::as_str))
    }
}

/// The compiled-in glossary.
pub fn glossary() -> Result<Glossary, Vec<Diagnostic>> {
    parse(GLOSSARY_JSON)
}

/// Parses a glossary file and checks that every term is complete in both languages, with
/// distinct ids.
pub fn parse(json: &str) -> Result<Glossary, Vec<Diagnostic>> {
    let g: Glossary = serde_json::from_str(json).map_err(|e| vec![Diagnostic::json(&e)])?;
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, t) in g.terms.iter().enumerate() {
        if t.id.is_empty() || !seen.insert(t.id.as_str()) {
            problems.push(Diagnostic::new(
                format!("terms[{i}].id"),
                "must be present and unique",
            ));
        }
        for lang in Lang::ALL {
            let x = t.text(*lang);
            for (field, value) in [("term", &x.term), ("def", &x.def)] {
                if value.trim().is_empty() {
                    problems.push(Diagnostic::new(
                        format!("terms[{}].{}.{field}", t.id, lang.tag()),
                        "must not be empty",
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(g)
    } else {
        Err(problems)
    }
}

/// A term found in a text: bytes `start..end` of the text, the term's index in the glossary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

/// Whether the characters around `start..end` of `text` end words there (Latin text): "queue"
/// is found in "a queue grows", not in "queued".
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word) && !after.is_some_and(is_word)
}

/// Where the terms of `g` stand in `text` (written in `lang`): each term at most once, at its
/// first mention; the longest form wins where forms overlap ("message queue" over "queue").
/// English forms match whole words, whatever their case; Korean forms match as written (Korean
/// attaches particles to words: "큐에" is "큐" + "에").
pub fn find(g: &Glossary, text: &str, lang: Lang) -> Vec<Found> {
    // English matches whatever the case of its (ASCII) letters: ASCII lower-casing keeps every
    // byte where it was, so offsets found in it are offsets in `text`. Korean is matched as
    // written.
    let lower = text.to_ascii_lowercase();
    let haystack = if lang == Lang::En { &lower } else { text };
    let mut candidates: Vec<Found> = Vec::new();
    for (i, t) in g.terms.iter().enumerate() {
        for form in t.text(lang).all_forms() {
            let needle = if lang == Lang::En {
                form.to_ascii_lowercase()
            } else {
                form.to_string()
            };
            if needle.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(pos) = haystack[from..].find(&needle) {
                let (s, e) = (from + pos, from + pos + needle.len());
                if lang == Lang::Ko || whole_word(text, s, e) {
                    candidates.push(Found {
                        start: s,
                        end: e,
                        term: i,
                    });
                }
                from = e;
            }
        }
    }
    // Longest first, then earliest: where mentions overlap the longer term keeps the words
    // ("message queue" over "queue"), and a term is shown at its first mention left over.
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Found> = Vec::new();
    for c in candidates {
        if kept.iter().all(|k| c.end <= k.start || c.start >= k.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|f| f.start);
    let mut seen = std::collections::HashSet::new();
    kept.retain(|f| seen.insert(f.term));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Glossary {
        parse(
            r#"{ "version": 1, "terms": [
              { "id": "queue", "en": { "term": "queue", "def": "a line" },
                               "ko": { "term": "대기열", "def": "줄" } },
              { "id": "mq", "en": { "term": "message queue", "forms": ["queues"], "def": "a buffer" },
                            "ko": { "term": "메시지 큐", "def": "버퍼" } },
              { "id": "p99", "en": { "term": "p99", "forms": ["p50"], "def": "slowest 1 %" },
                             "ko": { "term": "p99", "def": "느린 1 %" } }
            ] }"#,
        )
        .expect("parses")
    }

    #[test]
    fn terms_are_found_whole_word_once_and_the_longest_wins() {
        let g = tiny();
        let text = "A Message Queue is not queued; its queue grows and p50 rises.";
        let found: Vec<(&str, &str)> = find(&g, text, Lang::En)
            .iter()
            .map(|f| (g.terms[f.term].id.as_str(), &text[f.start..f.end]))
            .collect();
        assert_eq!(
            found,
            vec![("mq", "Message Queue"), ("queue", "queue"), ("p99", "p50")]
        );
    }

    #[test]
    fn offsets_stay_on_character_boundaries_whatever_the_text() {
        let g = tiny();
        // Lower-casing these two changes their lengths in opposite directions.
        let text = "\u{23a} queue\u{2c6f} and Message queue";
        for f in find(&g, text, Lang::En) {
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
        let ids: Vec<&str> = find(&g, text, Lang::En)
            .iter()
            .map(|f| g.terms[f.term].id.as_str())
            .collect();
        assert_eq!(ids, vec!["mq"], "\"queue\u{2c6f}\" is not a whole word");
    }

    #[test]
    fn korean_terms_match_with_their_particles_attached() {
        let g = tiny();
        let text = "메시지 큐에 쌓인 작업은 대기열을 만듭니다.";
        let ids: Vec<&str> = find(&g, text, Lang::Ko)
            .iter()
            .map(|f| g.terms[f.term].id.as_str())
            .collect();
        assert_eq!(ids, vec!["mq", "queue"]);
    }

    #[test]
    fn an_incomplete_term_is_reported_with_its_path() {
        let err = parse(
            r#"{ "version": 1, "terms": [
              { "id": "x", "en": { "term": "x", "def": "" }, "ko": { "term": "x", "def": "y" } } ] }"#,
        )
        .expect_err("an empty definition");
        assert_eq!(err[0].path, "terms[x].en.def");
    }
}
