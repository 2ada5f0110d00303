//! Lazy start: an autoplaying embed runs only while the reader can see it, so a page with ten
//! figures runs the one or two on screen (an IntersectionObserver; inside an iframe its implicit
//! root is the top-level viewport, so scrolling the host page counts).

use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// Part of the element that must be on screen to count as seen [fraction of its area]: a figure
/// whose top edge just peeks in is not being watched yet.
const SEEN: f64 = 0.25;

/// Whether `node` is on screen: `None` until the browser first says (or when `enabled` is false,
/// or a browser without IntersectionObserver: then nothing waits for it).
#[hook]
pub fn use_in_view(node: &NodeRef, enabled: bool) -> Option<bool> {
    let seen = use_state(|| None::<bool>);
    {
        let (node, seen) = (node.clone(), seen.setter());
        use_effect_with(enabled, move |enabled| {
            let mut observer = None;
            let mut callback = None;
            if *enabled {
                let on_change =
                    Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                        // The latest entry for the one element observed is its state now.
                        if let Some(e) = entries
                            .iter()
                            .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                            .next_back()
                        {
                            seen.set(Some(e.is_intersecting() && e.intersection_ratio() >= SEEN));
                        }
                    });
                let init = IntersectionObserverInit::new();
                // 0 as well, so leaving entirely is told even when the last step was below SEEN.
                init.set_threshold_f64_sequence(
                    &[0.0, SEEN]
                        .iter()
                        .map(|&t| JsValue::from_f64(t))
                        .collect::<js_sys::Array>(),
                );
                observer = IntersectionObserver::new_with_options(
                    on_change.as_ref().unchecked_ref(),
                    &init,
                )
                .ok();
                if let (Some(o), Some(el)) = (&observer, node.cast::<Element>()) {
                    o.observe(&el);
                }
                callback = Some(on_change);
            }
            move || {
                if let Some(o) = observer {
                    o.disconnect();
                }
                drop(callback);
            }
        });
    }
    *seen
}
