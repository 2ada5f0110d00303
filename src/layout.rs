//! The page on every screen: the panels beside the canvas (the palette, the lesson or the
//! inspector) and whether each is open. On a wide screen a panel folds to a thin strip with its
//! name, and the choice is remembered; on a phone (up to [`PHONE_MAX_PX`] wide) the panels are
//! drawers over the canvas, closed at first, opened by a button under the canvas and closed by
//! their own button or Escape. Which of the two a panel is, CSS decides from the same width
//! (`static/style.css`, "Every screen"); this module only keeps the state.

use yew::prelude::*;

/// The widest screen laid out as a phone [CSS px]; the stylesheet's media queries use the same.
pub const PHONE_MAX_PX: u32 = 640;
/// Below this width [CSS px] the palette starts folded: a 1024 px projector gives its canvas
/// the room, and the journey needs no palette to be followed.
pub const NARROW_MAX_PX: u32 = 1199;

/// Local-storage key prefix of the remembered panel states (`scaleboard.ui.palette` = `open`).
const KEY: &str = "scaleboard.ui.";

fn matches(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Laid out as a phone: panels are drawers, the run dock starts folded.
pub fn is_phone() -> bool {
    matches(&format!("(max-width: {PHONE_MAX_PX}px)"))
}

/// Narrower than a laptop (a 1024 px projector).
pub fn is_narrow() -> bool {
    matches(&format!("(max-width: {NARROW_MAX_PX}px)"))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered state of panel `name`: open or folded; `None` if never chosen.
pub fn remembered(name: &str) -> Option<bool> {
    let v = storage()?.get_item(&format!("{KEY}{name}")).ok()??;
    Some(v == "open")
}

/// Remember that panel `name` was opened or folded, for the next visit on a wide screen.
pub fn remember(name: &str, open: bool) {
    if let Some(s) = storage() {
        let _ = s.set_item(
            &format!("{KEY}{name}"),
            if open { "open" } else { "folded" },
        );
    }
}

/// Whether panel `name` opens at start: on a phone never (a drawer would hide the diagram);
/// else as last left, else `default`.
pub fn starts_open(name: &str, default: bool) -> bool {
    !is_phone() && remembered(name).unwrap_or(default)
}

/// Which edge of the canvas a panel sits at.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Edge {
    Left,
    Right,
}

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The panel's name: its `data-panel`, its element id and its storage key.
    pub name: &'static str,
    pub edge: Edge,
    /// What the toggle says (and reads to screen readers): the panel's content.
    pub label: AttrValue,
    /// Label of the drawer's own close button.
    pub close_label: AttrValue,
    pub open: bool,
    /// Asked to open (`true`) or close (`false`).
    pub on_open: Callback<bool>,
    pub children: Html,
}

/// A panel beside the canvas with its toggle. The content stays mounted while folded (hidden
/// by CSS), so a half-typed field or the lesson's place survives a fold.
#[function_component(Panel)]
pub fn panel(props: &PanelProps) -> Html {
    let id = format!("panel-{}", props.name);
    // On a phone focus follows the drawer: into it (its close button) when it opens, back to
    // its button when it closes, so a keyboard or screen reader is never left behind it.
    let (toggle_ref, close_ref) = (use_node_ref(), use_node_ref());
    let was_open = use_mut_ref(|| props.open);
    {
        let (toggle_ref, close_ref, was_open) =
            (toggle_ref.clone(), close_ref.clone(), was_open.clone());
        use_effect_with(props.open, move |open| {
            let changed = *was_open.borrow() != *open;
            *was_open.borrow_mut() = *open;
            if changed && is_phone() {
                let to = if *open { &close_ref } else { &toggle_ref };
                if let Some(el) = to.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let toggle = {
        let (on_open, open) = (props.on_open.clone(), props.open);
        Callback::from(move |_: MouseEvent| on_open.emit(!open))
    };
    let close = props.on_open.reform(|_: MouseEvent| false);
    // The arrow points where the panel will go: away to fold, back out to open.
    let arrow = match (props.edge, props.open) {
        (Edge::Left, true) | (Edge::Right, false) => "‹",
        (Edge::Left, false) | (Edge::Right, true) => "›",
    };
    let edge = match props.edge {
        Edge::Left => "left",
        Edge::Right => "right",
    };
    html! {
        <div class={classes!("panel-slot", edge, props.open.then_some("open"))} data-panel={props.name}>
            <button type="button" class="panel-toggle" ref={toggle_ref} aria-expanded={props.open.to_string()}
                    aria-controls={id.clone()} title={props.label.clone()} onclick={toggle}>
                <span class="arrow" aria-hidden="true">{ arrow }</span>
                <span class="label">{ props.label.clone() }</span>
            </button>
            <div class="panel-body" id={id}>
                <button type="button" class="drawer-close" ref={close_ref} aria-label={props.close_label.clone()}
                        title={props.close_label.clone()} onclick={close}>{ "×" }</button>
                { props.children.clone() }
            </div>
        </div>
    }
}
