//! The keyboard-shortcut overlay (`?`), listing the model's action table.

use scaleboard_sim::edit::{ActionId, ACTIONS};
use yew::prelude::*;

use crate::state::{Msg, State};

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub state: UseReducerHandle<State>,
}

/// Whether the page runs on a Mac, for showing ⌘ instead of Ctrl.
fn mac() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac"))
}

#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
    if !props.state.ed.help_open {
        return html! {};
    }
    let close = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Msg::Run(ActionId::ToggleHelp)))
    };
    let mac = mac();
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
            <div class="sheet">
                <h2>{ "Keyboard shortcuts" }</h2>
                <table>
                    { for ACTIONS.iter().filter(|a| !a.shortcut.is_empty()).map(|a| html! {
                        <tr><td><kbd>{ a.shortcut_text(mac) }</kbd></td><td>{ a.label }</td></tr>
                    }) }
                    <tr><td><kbd>{ "Space + drag" }</kbd></td><td>{ "Pan (or drag with the middle button)" }</td></tr>
                    <tr><td><kbd>{ "Wheel" }</kbd></td><td>{ "Pan; with Ctrl, or pinch, zoom" }</td></tr>
                    <tr><td><kbd>{ "Alt + drag" }</kbd></td><td>{ "Move without snapping" }</td></tr>
                </table>
                <button type="button" class="close" onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
