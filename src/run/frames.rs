//! A `requestAnimationFrame` loop that stops when dropped: the run advances once per frame
//! the browser paints, and a hidden tab costs nothing.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{request_animation_frame, AnimationFrame};

type Slot = Rc<RefCell<Option<AnimationFrame>>>;
type Tick = Rc<RefCell<dyn FnMut(f64)>>;

/// A running frame loop; dropping it cancels the pending frame, which ends the loop.
pub struct FrameLoop {
    slot: Slot,
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        // Dropping the pending AnimationFrame cancels it; its closure (which holds the slot)
        // goes with it, so nothing is left scheduled and the Rc cycle is broken.
        self.slot.borrow_mut().take();
    }
}

/// Calls `tick(timestamp_ms)` on every animation frame until the returned loop is dropped.
pub fn start(tick: impl FnMut(f64) + 'static) -> FrameLoop {
    let slot: Slot = Rc::new(RefCell::new(None));
    let tick: Tick = Rc::new(RefCell::new(tick));
    schedule(&slot, tick);
    FrameLoop { slot }
}

fn schedule(slot: &Slot, tick: Tick) {
    let next_slot = Rc::clone(slot);
    let handle = request_animation_frame(move |ts| {
        (tick.borrow_mut())(ts);
        // Still wanted? `FrameLoop::drop` empties the slot; a tick may have dropped it too.
        if next_slot.borrow().is_some() {
            schedule(&next_slot, Rc::clone(&tick));
        }
    });
    *slot.borrow_mut() = Some(handle);
}

/// The page's monotonic clock [ms].
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
