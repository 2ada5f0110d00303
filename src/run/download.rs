//! Charts out of the page as PNG files.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Blob, HtmlCanvasElement};

/// Offers the canvas's pixels as a PNG download named `name`.
pub fn canvas_png(canvas: &HtmlCanvasElement, name: &'static str) {
    let done = Closure::once(move |blob: Option<Blob>| {
        if let Some(blob) = blob {
            let _ = crate::export::download_blob(name, &blob);
        }
    });
    if canvas.to_blob(done.as_ref().unchecked_ref()).is_ok() {
        // The browser calls back once, later; the closure must outlive this function.
        done.forget();
    }
}
