//! The editing toolbar: buttons for the model's action table (same labels and shortcuts as the
//! keyboard and the help overlay), and the zoom level.

use scaleboard_sim::edit::actions::action;
use scaleboard_sim::edit::ActionId;
use yew::prelude::*;

use crate::i18n;
use crate::state::{Msg, State};

/// Toolbar groups, separated visually: each action (looked up in the model's action table for
/// its label and shortcut) with its icon's path in a 24 px box.
const GROUPS: &[&[(ActionId, &str)]] = &[
    &[
        (ActionId::Undo, "M9 14L4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3"),
        (ActionId::Redo, "M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3"),
    ],
    &[
        (ActionId::Duplicate, "M8 8h12v12H8zM4 16V4h12"),
        (ActionId::Delete, "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13"),
    ],
    &[
        (ActionId::ZoomOut, "M5 12h14"),
        (ActionId::ZoomIn, "M12 5v14M5 12h14"),
        (
            ActionId::ZoomToFit,
            "M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5",
        ),
    ],
    &[
        (ActionId::ToggleSnap, "M4 4h16v16H4zM4 12h16M12 4v16"),
        (
            ActionId::ToggleHelp,
            "M9 9a3 3 0 1 1 4 2.8c-.6.3-1 .9-1 1.6V15M12 19h.01",
        ),
    ],
];

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub state: UseReducerHandle<State>,
    /// Embed mode: view controls only, the document is read-only there.
    #[prop_or_default]
    pub embed: bool,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let ed = &props.state.ed;
    let lang = i18n::use_lang();
    let t = i18n::text(lang);
    let enabled = |id: ActionId| match id {
        ActionId::Undo => ed.history.can_undo(),
        ActionId::Redo => ed.history.can_redo(),
        ActionId::Duplicate => !ed.selection.is_empty(),
        ActionId::Delete => {
            !ed.selection.is_empty() || ed.selected_wire.is_some() || ed.selected_dc.is_some()
        }
        _ => true,
    };
    let pressed = |id: ActionId| match id {
        ActionId::ToggleSnap => Some(ed.snap),
        ActionId::ToggleHelp => Some(ed.help_open),
        _ => None,
    };
    let button = |(id, glyph): &(ActionId, &'static str)| {
        let def = action(*id);
        let label = i18n::action_label(lang, *id);
        let state = props.state.clone();
        let id = *id;
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Msg::Run(id)));
        // A mouse click leaves focus where it was (the canvas): a focused button would take the
        // next Space (Space+drag to pan) as another click on itself. Tab still reaches it.
        let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
        let title = if def.shortcut.is_empty() {
            label.to_string()
        } else {
            format!("{} ({})", label, def.shortcut)
        };
        html! {
            <button type="button" class="tool" aria-label={label} {title} disabled={!enabled(id)}
                    aria-pressed={pressed(id).map(|p| p.to_string())} {onclick} {onmousedown}>
                <svg viewBox="0 0 24 24" aria-hidden="true"><path class="icon" d={*glyph} /></svg>
            </button>
        }
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label={t.edit}>
            { for GROUPS.iter().enumerate().filter(|(i, _)| !props.embed || *i == 2)
                .map(|(_, g)| html! { <div class="group">{ for g.iter().map(button) }</div> }) }
            <span class="zoom" aria-label={t.zoom_level}>{ format!("{:.0} %", ed.viewport.zoom * 100.0) }</span>
        </div>
    }
}
