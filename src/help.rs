//! The help overlay (`?`): the model's action table as keyboard shortcuts, presenter mode's
//! keys, and how to wire
//! (what may connect to what, from the model's own wiring rules).

use scaleboard_sim::edit::{ActionId, ACTIONS};
use scaleboard_sim::present::PRESENTER_KEYS;
use scaleboard_sim::Kind;
use yew::prelude::*;

use crate::i18n;
use crate::state::{Msg, State};

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub state: UseReducerHandle<State>,
}

/// The help overlay's two pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpPage {
    /// Keyboard shortcuts, and how to wire.
    Keys,
    /// Every term and its definition.
    Glossary,
}

/// Whether the page runs on a Mac, for showing ⌘ instead of Ctrl.
fn mac() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac"))
}

#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
    let lang = i18n::use_lang();
    let t = i18n::text(lang);
    let page = use_state(|| HelpPage::Keys);
    if !props.state.ed.help_open {
        return html! {};
    }
    let close = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Msg::Run(ActionId::ToggleHelp)))
    };
    let mac = mac();
    let tab = |which: HelpPage, label: &'static str| {
        let selected = *page == which;
        let page = page.clone();
        let onclick = Callback::from(move |_: MouseEvent| page.set(which));
        html! { <button type="button" role="tab" aria-selected={selected.to_string()} {onclick}>{ label }</button> }
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label={t.shortcuts}>
            <div class="sheet help">
                <div class="tabs" role="tablist">
                    { tab(HelpPage::Keys, t.help_keys_tab) }
                    { tab(HelpPage::Glossary, t.glossary) }
                </div>
                if *page == HelpPage::Glossary {
                    <section class="glossary-page">
                        <h2>{ t.glossary }</h2>
                        { crate::glossary::page(lang) }
                    </section>
                } else {
                <div class="cols">
                <section>
                <h2>{ t.shortcuts }</h2>
                <table>
                    { for ACTIONS.iter().filter(|a| !a.shortcut.is_empty()).map(|a| html! {
                        <tr><td><kbd>{ a.shortcut_text(mac) }</kbd></td><td>{ i18n::action_label(lang, a.id) }</td></tr>
                    }) }
                    <tr><td><kbd>{ t.space_drag }</kbd></td><td>{ t.pan_help }</td></tr>
                    <tr><td><kbd>{ t.wheel }</kbd></td><td>{ t.wheel_help }</td></tr>
                    <tr><td><kbd>{ t.alt_drag }</kbd></td><td>{ t.alt_help }</td></tr>
                </table>
                </section>
                <section>
                <h2>{ t.wiring }</h2>
                <p class="wiring-how">{ t.wiring_how }</p>
                <table class="wiring">
                    { for Kind::ALL.iter().map(|from| {
                        let to: Vec<&str> = Kind::ALL.iter().filter(|to| from.can_send_to(**to)).map(|to| i18n::kind_label(lang, *to)).collect();
                        let to = if to.is_empty() { t.wiring_none.to_string() } else { to.join(", ") };
                        html! { <tr><td>{ i18n::kind_label(lang, *from) }</td><td>{ "→ " }{ to }</td></tr> }
                    }) }
                </table>
                <h2>{ t.present_keys_title }</h2>
                <table class="presenter-keys-help">
                    { for PRESENTER_KEYS.iter().zip(t.present_key_help).map(|((keys, _), what)| html! {
                        <tr><td><kbd>{ *keys }</kbd></td><td>{ what }</td></tr>
                    }) }
                </table>
                </section>
                </div>
                }
                <button type="button" class="close" onclick={close}>{ t.close }</button>
            </div>
        </div>
    }
}
