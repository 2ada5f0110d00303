//! The About panel, from the header: what the journey is based on (study notes on the classic
//! scaling path), what the simulator models and what it simplifies, and the licence. Said once,
//! here, so the lessons can simply speak of "the notes".

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n;

/// The header's About button and the panel it opens (closed by its button, Escape or a press
/// outside it).
#[function_component(About)]
pub fn about() -> Html {
    let t = i18n::use_text();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // While open: focus goes to its Close button (keyboard users land in the panel), and
    // Escape anywhere on the page closes it.
    let close_ref = use_node_ref();
    {
        let (open, close_ref) = (open.clone(), close_ref.clone());
        use_effect_with(*open, move |is_open| {
            let listener = is_open.then(|| {
                if let Some(b) = close_ref.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
                gloo::events::EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                    let escape = e
                        .dyn_ref::<web_sys::KeyboardEvent>()
                        .is_some_and(|k| k.key() == "Escape");
                    if escape {
                        open.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let close_outside = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            // Only a press on the dimmed backdrop itself, not on the sheet.
            if e.target() == e.current_target() {
                open.set(false);
            }
        })
    };
    html! {
        <>
            <button type="button" class="about-button" aria-expanded={open.to_string()} onclick={toggle.clone()}>{ t.about }</button>
            if *open {
                <div class="overlay about" role="dialog" aria-modal="true" aria-label={t.about_title}
                     onclick={close_outside}>
                    <div class="sheet" lang={t.lang.tag()}>
                        <h2>{ t.about_title }</h2>
                        <p>{ t.about_based }</p>
                        <p>{ t.about_models }</p>
                        <h3>{ t.about_simplifies }</h3>
                        <ul>{ for t.about_simplifications.iter().map(|s| html! { <li>{ *s }</li> }) }</ul>
                        <p class="hint">{ t.about_more }</p>
                        <p class="hint">{ t.about_licence }</p>
                        <button type="button" class="close" onclick={toggle} ref={close_ref}>{ t.close }</button>
                    </div>
                </div>
            }
        </>
    }
}
