//! The page: decides what to open, in this order: a share link in the fragment, a built-in
//! scenario named in the query, the autosaved working copy, the default built-in scenario.
//! A share link that cannot be read says so above the working copy, which stays untouched.

use std::rc::Rc;

use yew::prelude::*;

use crate::builtin;
use crate::i18n::{self, Lang};
use crate::location;
use crate::persist;
use crate::problems::Problems;
use crate::share;
use crate::state::Banner;
use crate::workspace::Workspace;

/// What the page opens with.
struct Start {
    doc: Result<scaleboard_sim::Scenario, (String, Vec<String>)>,
    viewport: Option<scaleboard_sim::edit::Viewport>,
    restored: bool,
    banner: Option<Banner>,
    /// First visit: nothing saved, nothing asked for.
    welcome: bool,
    /// The design to compare it with (`?compare=` or a comparison link's `&c=`).
    compare: Option<scaleboard_sim::Scenario>,
    /// The other design of a comparison this one is edited from, and whether this one is B
    /// (`&e=`): the run dock offers to go back to the comparison.
    partner: Option<(Rc<scaleboard_sim::Scenario>, bool)>,
    /// A challenge's result link: its claim, checked again once open.
    result: Option<Rc<crate::workshop::link::Linked>>,
}

fn start() -> Start {
    let mut start = first();
    if start.doc.is_err() {
        return start;
    }
    let query = location::query();
    let t = i18n::text(i18n::initial(query.lang.as_deref()));
    let b = match (share::compare_payload_of(&location::hash()), &query.compare) {
        (Some(payload), _) => Some(share::decode(payload, t).map_err(|(title, _)| title)),
        (None, Some(name)) => Some(match builtin::find(name) {
            Some(b) => scaleboard_sim::load(b.json).map_err(|_| (t.scenario_named)(name)),
            None => {
                let known: Vec<&str> = builtin::SCENARIOS.iter().map(|b| b.name).collect();
                Err((t.no_such_scenario)(name, &known.join(", ")))
            }
        }),
        (None, None) => None,
    };
    match b {
        Some(Ok(b)) => match share::edit_side_of(&location::hash()) {
            Some(side_b) => start.partner = Some((Rc::new(b), side_b)),
            None => start.compare = Some(b),
        },
        // The first design opens alone, and the banner says why.
        Some(Err(why)) => {
            start.banner = Some(Banner {
                title: (t.cmp_unopened)(&why),
                lines: Vec::new(),
                error: true,
                copy: None,
            });
            start.welcome = false;
        }
        None => {}
    }
    start
}

/// What to open alone, in the order of the module's comment.
fn first() -> Start {
    let query = location::query();
    // Decided before the language state exists: the same rule it starts from.
    let t = i18n::text(i18n::initial(query.lang.as_deref()));
    let mut banner = None;
    // A challenge's result link: the design it carries, with its challenge open; a link that
    // cannot be read says why above the working copy, which stays as it was.
    match crate::workshop::link::parse(&location::hash(), t) {
        Some(Ok((linked, doc))) if !query.embed => {
            return Start {
                doc: Ok(doc),
                viewport: None,
                restored: false,
                banner: None,
                welcome: false,
                compare: None,
                partner: None,
                result: Some(Rc::new(linked)),
            }
        }
        Some(Err(why)) if !query.embed => {
            banner = Some(Banner {
                title: (t.ch_link_bad)(&why),
                lines: Vec::new(),
                error: true,
                copy: None,
            })
        }
        _ => {}
    }
    if let Some(payload) = share::payload_of(&location::hash()) {
        match share::decode(payload, t) {
            Ok(doc) => {
                return Start {
                    doc: Ok(doc),
                    viewport: None,
                    restored: false,
                    banner: None,
                    welcome: false,
                    compare: None,
                    partner: None,
                    result: None,
                }
            }
            // An embed has no working copy to fall back on and no banner: showing another
            // scenario there would pass it off as the linked one. Say what is wrong instead.
            Err((_, lines)) if query.embed => {
                return Start {
                    doc: Err((t.this_share_link.into(), lines)),
                    viewport: None,
                    restored: false,
                    banner: None,
                    welcome: false,
                    compare: None,
                    partner: None,
                    result: None,
                }
            }
            Err((title, lines)) => {
                banner = Some(Banner {
                    title: (t.share_unchanged)(&title),
                    lines,
                    error: true,
                    copy: None,
                })
            }
        }
    }
    let builtin_doc = |name: &str| match builtin::find(name) {
        Some(b) => scaleboard_sim::load(b.json).map_err(|ds| {
            (
                (t.scenario_named)(name),
                ds.iter().map(|d| d.to_string()).collect(),
            )
        }),
        None => {
            let known: Vec<&str> = builtin::SCENARIOS.iter().map(|b| b.name).collect();
            Err((
                (t.scenario_named)(name),
                vec![(t.no_such_scenario)(name, &known.join(", "))],
            ))
        }
    };
    if let Some(name) = &query.scenario {
        return Start {
            doc: builtin_doc(name),
            viewport: None,
            restored: false,
            banner,
            welcome: false,
            compare: None,
            partner: None,
            result: None,
        };
    }
    if !query.embed {
        if let Some((doc, viewport)) = persist::load() {
            return Start {
                doc: Ok(doc),
                viewport,
                restored: true,
                banner,
                welcome: false,
                compare: None,
                partner: None,
                result: None,
            };
        }
    }
    // Nothing saved and nothing asked for: a first visit (or storage that keeps nothing).
    let welcome = !query.embed && !query.readonly && banner.is_none();
    Start {
        doc: builtin_doc(builtin::DEFAULT),
        viewport: None,
        restored: false,
        banner,
        welcome,
        compare: None,
        partner: None,
        result: None,
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let query = use_memo((), |_| {
        let query = location::query();
        // Before the first render: no flash of the other scheme.
        location::apply_theme(query.theme);
        query
    });
    let start = use_memo((), |_| start());
    let lang = {
        let q = query.lang.clone();
        use_state(move || i18n::initial(q.as_deref()))
    };
    {
        let lang = *lang;
        use_effect_with(lang, move |_| i18n::apply_to_document(lang));
    }
    let set_lang = {
        let lang = lang.clone();
        i18n::SetLang(Callback::from(move |l: Lang| {
            i18n::remember(l);
            lang.set(l);
        }))
    };
    let t = i18n::text(*lang);
    // An embed driven by its host page (`?api`) says so when it has no design to drive.
    crate::embed::api::use_unopened(
        query.api.clone().filter(|_| query.embed),
        start
            .doc
            .as_ref()
            .err()
            .map(|(what, lines)| format!("{what}: {}", lines.join("; "))),
    );
    let page = match (&start.doc, &start.compare) {
        (Ok(a), Some(b)) => html! {
            <crate::compare_view::CompareView a={Rc::new(a.clone())} b={Rc::new(b.clone())}
                                              start_at={query.at.clone().map(AttrValue::from)} embed={query.embed} />
        },
        (Ok(doc), _) => html! {
            <Workspace doc={Rc::new(doc.clone())} viewport={start.viewport} embed={query.embed}
                       autosave={!query.embed} restored={start.restored} banner={start.banner.clone()}
                       autoplay={query.autoplay} welcome={start.welcome && query.at.is_none()}
                       start_at={query.at.clone().map(AttrValue::from)}
                       partner={start.partner.clone()}
                       result={start.result.clone()}
                       readonly={query.readonly} api={query.api.clone()}
                       // Outside an embed the whole dock is the point: `controls=` is ignored.
                       controls={query.controls.clone().filter(|_| query.embed).map(AttrValue::from)} />
        },
        (Err((what, lines)), _) => html! {
            <>
                <header class="topbar">
                    <h1 class="brand">{ crate::icons::logo() }{ "Scaleboard" }</h1>
                    <span class="tagline">{ t.tagline }</span>
                </header>
                <Problems what={what.clone()} lines={lines.clone()} />
                // Not a dead end: the app itself is one click away.
                <p class="problems-way-out"><a href="./">{ t.open_full }</a></p>
            </>
        },
    };
    html! {
        <ContextProvider<Lang> context={*lang}>
            <ContextProvider<i18n::SetLang> context={set_lang}>
                { page }
            </ContextProvider<i18n::SetLang>>
        </ContextProvider<Lang>>
    }
}
