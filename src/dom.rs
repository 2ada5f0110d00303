//! Small bridges from browser events to the model's input types. No editing rules here.

use scaleboard_sim::edit::{Button, Mods, Point, PointerInput};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, MouseEvent};

/// Modifier keys of a mouse, pointer or wheel event.
pub fn mouse_mods(e: &MouseEvent) -> Mods {
    Mods {
        shift: e.shift_key(),
        ctrl: e.ctrl_key(),
        meta: e.meta_key(),
        alt: e.alt_key(),
    }
}

/// Modifier keys of a keyboard event.
pub fn key_mods(e: &KeyboardEvent) -> Mods {
    Mods {
        shift: e.shift_key(),
        ctrl: e.ctrl_key(),
        meta: e.meta_key(),
        alt: e.alt_key(),
    }
}

/// Where the event happened relative to `el`'s top-left corner [px, CSS].
pub fn local(e: &MouseEvent, el: &Element) -> Point {
    let r = el.get_bounding_client_rect();
    Point::new(
        f64::from(e.client_x()) - r.left(),
        f64::from(e.client_y()) - r.top(),
    )
}

/// The event relative to `el`, as the model's pointer input.
pub fn pointer(e: &MouseEvent, el: &Element) -> PointerInput {
    let p = local(e, el);
    let button = match e.button() {
        1 => Button::Middle,
        2 => Button::Secondary,
        // -1 (no button, a move) and 0 (primary, pen, touch) both count as primary.
        _ => Button::Primary,
    };
    PointerInput {
        x: p.x,
        y: p.y,
        button,
        mods: mouse_mods(e),
    }
}

/// Whether `e` happened inside `el`'s box.
pub fn inside(e: &MouseEvent, el: &Element) -> bool {
    let r = el.get_bounding_client_rect();
    let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
    x >= r.left() && x <= r.right() && y >= r.top() && y <= r.bottom()
}

/// Whether a key event belongs to a text field (or a control that uses Space and Enter
/// itself), so the editor must leave it alone.
pub fn typing_target(e: &KeyboardEvent) -> bool {
    let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return false;
    };
    let tag = el.tag_name().to_ascii_lowercase();
    if matches!(tag.as_str(), "input" | "textarea" | "select")
        || el.has_attribute("contenteditable")
    {
        return true;
    }
    // Buttons and focused nodes activate on Space and Enter.
    let key = e.key();
    (key == " " || key == "Enter") && (tag == "button" || tag == "a" || el.has_attribute("data-id"))
}

/// The canvas element's size [px].
pub fn size(el: &Element) -> (f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.width(), r.height())
}

/// Opens `url` in this tab as a new page: the app reads its address once, at start, so a link
/// that differs from this page's only in the fragment is reloaded rather than just scrolled to.
pub fn go(url: &str) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let here = location.href().unwrap_or_default();
    let without_hash = |u: &str| u.split('#').next().unwrap_or(u).to_string();
    if without_hash(&here) == without_hash(url) {
        let hash = url.split_once('#').map_or("", |(_, h)| h);
        let _ = location.set_hash(hash);
        let _ = location.reload();
    } else {
        let _ = location.set_href(url);
    }
}
