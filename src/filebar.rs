//! The page header of the editor: the app's name, the scenario's name (editable), and the file
//! actions: New, Open file, Save file, Export SVG/PNG, Copy link, Copy embed code.

use scaleboard_sim::Scenario;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::export;
use crate::i18n::{self, Text};
use crate::persist;
use crate::share;
use crate::state::{Banner, Msg, State};

#[derive(Properties, PartialEq)]
pub struct FilebarProps {
    pub state: UseReducerHandle<State>,
    /// The canvas `<svg>`, for image export.
    pub canvas: NodeRef,
}

/// This page's address without query or fragment: where links and embeds point.
pub fn base_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default()
}

/// The share link of `doc`.
pub fn link(doc: &Scenario) -> String {
    format!("{}#{}{}", base_url(), share::KEY, share::encode(doc))
}

/// A link that opens `doc` run to `at_s` seconds of simulated time, paused (`?t=`).
pub fn moment_link(doc: &Scenario, at_s: f64) -> String {
    format!(
        "{}?t={}#{}{}",
        base_url(),
        (at_s * 10.0).round() / 10.0,
        share::KEY,
        share::encode(doc)
    )
}

/// The iframe snippet that embeds `doc`: an unchanged built-in scenario by its embed page
/// (`embed-<name>.html`, which shows readers without JavaScript a still figure of it: see
/// scripts/embed-pages.mjs), any other design by its whole document in the link's fragment.
pub fn embed_code(doc: &Scenario) -> String {
    let title = doc
        .name
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let base = base_url();
    let src = match builtin_of(doc) {
        // The embed pages sit beside the app's page, whatever that page is called.
        Some(name) => format!(
            "{}embed-{name}.html",
            &base[..base.rfind('/').map_or(0, |i| i + 1)]
        ),
        None => format!("{base}?embed#{}{}", share::KEY, share::encode(doc)),
    };
    format!("<iframe src=\"{src}\" title=\"Scaleboard: {title}\" width=\"900\" height=\"520\"></iframe>")
}

/// The built-in scenario `doc` is, unchanged (its seed included), if it is one.
pub fn builtin_of(doc: &Scenario) -> Option<&'static str> {
    crate::builtin::SCENARIOS
        .iter()
        .find(|b| scaleboard_sim::load(b.json).is_ok_and(|d| d == *doc))
        .map(|b| b.name)
}

fn news(title: &str, copy: String) -> Msg {
    Msg::Banner(Some(Banner {
        title: title.into(),
        lines: Vec::new(),
        error: false,
        copy: Some(copy),
    }))
}

#[function_component(Filebar)]
pub fn filebar(props: &FilebarProps) -> Html {
    let state = &props.state;
    let t = i18n::use_text();
    let on = |f: fn(&UseReducerHandle<State>, &NodeRef, &'static Text)| {
        let (state, canvas) = (state.clone(), props.canvas.clone());
        Callback::from(move |_: MouseEvent| f(&state, &canvas, t))
    };
    let new = on(|s, _, t| {
        if let Some(mut doc) = persist::empty() {
            doc.name = t.untitled.into();
            s.dispatch(Msg::Replace(Box::new(doc)));
            s.dispatch(Msg::Banner(None));
        }
    });
    let save = on(|s, _, _| {
        let name = format!("{}.json", export::file_stem(&s.ed.doc.name));
        let _ = export::download_text(&name, "application/json", &s.ed.doc.to_json());
    });
    let svg = on(|s, c, _| {
        if let Some(el) = c.cast::<Element>() {
            let name = format!("{}.svg", export::file_stem(&s.ed.doc.name));
            let _ = export::download_text(&name, "image/svg+xml", &export::svg_text(&el));
        }
    });
    let png = on(|s, c, _| {
        if let Some(el) = c.cast::<Element>() {
            let _ = export::png(&el, format!("{}.png", export::file_stem(&s.ed.doc.name)));
        }
    });
    let copy_link = on(|s, _, t| {
        let url = link(&s.ed.doc);
        if let Some(w) = web_sys::window() {
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
        export::copy(&url);
        s.dispatch(news(t.link_copied, url));
    });
    let copy_embed = on(|s, _, t| {
        let code = embed_code(&s.ed.doc);
        export::copy(&code);
        s.dispatch(news(t.embed_copied, code));
    });
    let open = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
                match scaleboard_sim::parse(&text) {
                    Ok(doc) => {
                        state.dispatch(Msg::Replace(Box::new(doc)));
                        state.dispatch(Msg::Banner(None));
                    }
                    Err(ds) => state.dispatch(Msg::Banner(Some(Banner {
                        title: (t.file_unopened)(&name),
                        lines: ds.iter().map(|d| d.to_string()).collect(),
                        error: true,
                        copy: None,
                    }))),
                }
            });
        })
    };
    // A journey step's name is shown in the interface's language; leaving the field with that
    // shown title unchanged renames nothing.
    let shown_name = crate::lesson::shown_title(t.lang, &state.ed.doc.name);
    let rename = {
        let (state, shown, lang) = (state.clone(), shown_name.clone(), t.lang);
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let typed = input.value();
            if typed != shown {
                // A step's shown title typed back means that step's own name.
                let name = crate::lesson::name_for_title(lang, &typed).unwrap_or(typed);
                state.dispatch(Msg::SetDocName(name));
            }
        })
    };
    let open_builtin = {
        let state = state.clone();
        Callback::from(move |name: String| state.dispatch(Msg::OpenBuiltin(name)))
    };
    let open_challenge = {
        let state = state.clone();
        Callback::from(move |id: String| state.dispatch(Msg::OpenChallenge(id)))
    };
    html! {
        <header class="topbar">
            <h1 class="brand" aria-label="Scaleboard">{ crate::icons::logo() }<span class="word">{ "Scaleboard" }</span></h1>
            <input class="doc-name" type="text" aria-label={t.scenario_name} value={shown_name} onchange={rename} />
            <crate::lesson::JourneyMenu current={state.lesson.clone().map(AttrValue::from)} on_open={open_builtin} />
            <crate::workshop::challenges::ChallengeMenu current={state.challenge.clone().map(AttrValue::from)} on_open={open_challenge} />
            <nav class="file" aria-label={t.file}>
                <button type="button" onclick={new}>{ t.new }</button>
                <label class="button">{ t.open }
                    <input type="file" accept=".json,application/json" class="visually-hidden" onchange={open} />
                </label>
                <button type="button" onclick={save}>{ t.save }</button>
                <button type="button" onclick={svg}>{ t.export_svg }</button>
                <button type="button" onclick={png}>{ t.export_png }</button>
                <button type="button" onclick={copy_link}>{ t.copy_link }</button>
                <button type="button" onclick={copy_embed}>{ t.copy_embed }</button>
            </nav>
            <crate::about::About />
            <crate::i18n::LangPicker />
        </header>
    }
}

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub state: UseReducerHandle<State>,
}

/// The message above the canvas: an error with its details, or news with text to copy.
#[function_component(BannerView)]
pub fn banner_view(props: &BannerProps) -> Html {
    let t = i18n::use_text();
    let Some(b) = &props.state.banner else {
        return html! {};
    };
    let close = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Msg::Banner(None)))
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    html! {
        <div class={classes!("banner", b.error.then_some("error"))} role={if b.error { "alert" } else { "status" }}>
            <p class="title">{ &b.title }</p>
            { for (!b.lines.is_empty()).then(|| html! {
                <ul>{ for b.lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            }) }
            { for b.copy.iter().map(|c| html! {
                <input class="copy" type="text" readonly=true aria-label={t.text_to_copy} value={c.clone()} onfocus={select_all.clone()} />
            }) }
            <button type="button" class="dismiss" aria-label={t.dismiss} onclick={close}>{ "×" }</button>
        </div>
    }
}
