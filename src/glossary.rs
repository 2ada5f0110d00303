//! Terms with their definitions on hover or focus, and the glossary page. The table is the
//! model's (static/glossary.json, `scaleboard_sim::glossary`); this draws it. A term is a
//! focusable span (keyboard reachable) described by its definition (`aria-description`), which
//! the stylesheet shows beneath it while the pointer rests on it or it has focus. The definition
//! is an attribute, not text, so what the term's element reads (its text content) is the term.

use std::rc::Rc;

use scaleboard_sim::glossary::{find, glossary, Glossary, Term};
use yew::prelude::*;

use crate::i18n::Lang;

thread_local! {
    /// The glossary, parsed once. The model's tests keep the file valid; should it ever not be,
    /// terms are shown as plain text (no panic in the page).
    static GLOSSARY: Option<Rc<Glossary>> = glossary().ok().map(Rc::new);
}

/// The compiled-in glossary, if its file is readable.
pub fn the_glossary() -> Option<Rc<Glossary>> {
    GLOSSARY.with(|g| g.clone())
}

/// `label` marked as the glossary term `term`, its definition shown on hover or focus.
fn marked(label: &str, term: &Term, lang: Lang) -> Html {
    let def = term.text(lang).def.clone();
    html! {
        <span class="term" tabindex="0" data-term={term.id.clone()} data-def={def.clone()} aria-description={def}>
            { label.to_string() }
        </span>
    }
}

/// `text` with the glossary's terms marked, each at its first mention.
pub fn annotate(text: &str, lang: Lang) -> Html {
    let Some(g) = the_glossary() else {
        return html! { { text.to_string() } };
    };
    let mut parts = Vec::new();
    let mut at = 0;
    for f in find(&g, text, lang) {
        parts.push(html! { { text[at..f.start].to_string() } });
        parts.push(marked(&text[f.start..f.end], &g.terms[f.term], lang));
        at = f.end;
    }
    parts.push(html! { { text[at..].to_string() } });
    parts.into_iter().collect::<Html>()
}

/// `label` (a tile's or column's heading) marked as the glossary term with id `term`; plain
/// text when the glossary has no such term.
pub fn term(label: &str, term: &str, lang: Lang) -> Html {
    let g = the_glossary();
    match g
        .as_ref()
        .and_then(|g| g.terms.iter().find(|t| t.id == term))
    {
        Some(t) => marked(label, t, lang),
        None => html! { { label.to_string() } },
    }
}

/// The glossary page: every term and its definition, in the interface's language.
pub fn page(lang: Lang) -> Html {
    let Some(g) = the_glossary() else {
        return html! {};
    };
    let mut terms: Vec<&Term> = g.terms.iter().collect();
    terms.sort_by_key(|t| t.text(lang).term.to_lowercase());
    html! {
        <dl class="glossary">
            { for terms.iter().map(|t| {
                let x = t.text(lang);
                html! { <><dt id={format!("term-{}", t.id)}>{ x.term.clone() }</dt><dd>{ x.def.clone() }</dd></> }
            }) }
        </dl>
    }
}
