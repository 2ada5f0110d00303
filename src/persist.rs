//! Never lose work: the document and the view are written to local storage on every change and
//! read back on the next visit. Storage that is full, disabled or corrupt never stops the editor.

use scaleboard_sim::edit::Viewport;
use scaleboard_sim::Scenario;

/// Local-storage key of the autosaved scenario JSON.
pub const DOC_KEY: &str = "scaleboard.autosave.doc";
/// Local-storage key of the autosaved view: `pan_x pan_y zoom` [px, px, factor].
pub const VIEW_KEY: &str = "scaleboard.autosave.view";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Save the document and view; false if storage refused (full, private mode).
pub fn save(doc: &Scenario, view: &Viewport) -> bool {
    let Some(s) = storage() else { return false };
    let Ok(json) = serde_json::to_string(doc) else {
        return false;
    };
    s.set_item(DOC_KEY, &json).is_ok()
        && s.set_item(
            VIEW_KEY,
            &format!("{} {} {}", view.pan_x, view.pan_y, view.zoom),
        )
        .is_ok()
}

/// The autosaved document and view, if there is a readable one. The document is only parsed,
/// not validated: work in progress is often not yet a runnable system.
pub fn load() -> Option<(Scenario, Option<Viewport>)> {
    let s = storage()?;
    let json = s.get_item(DOC_KEY).ok().flatten()?;
    let doc = scaleboard_sim::parse(&json).ok()?;
    let view = s
        .get_item(VIEW_KEY)
        .ok()
        .flatten()
        .and_then(|v| parse_view(&v));
    Some((doc, view))
}

fn parse_view(text: &str) -> Option<Viewport> {
    let mut it = text
        .split(' ')
        .map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite()));
    let (pan_x, pan_y, zoom) = (it.next()??, it.next()??, it.next()??);
    (zoom > 0.0).then_some(Viewport { pan_x, pan_y, zoom })
}

/// An empty document, for New. Parsed from a literal so fields added to the format later take
/// their defaults; `None` only if the model stopped accepting it (a test would catch that).
pub fn empty() -> Option<Scenario> {
    scaleboard_sim::parse(r#"{"version": 1, "name": "Untitled", "nodes": []}"#).ok()
}
