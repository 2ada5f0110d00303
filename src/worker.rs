//! Inside the engine's worker (`src/bin/engine.rs`): commands in, reports out, and a loop that
//! advances the run while it plays. All decisions are the model's [`Host`]; this file only
//! moves bytes and keeps time. A worker has a core of its own, so the loop runs back to back at
//! full speed instead of sharing a 16.7 ms frame with the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use scaleboard_sim::remote::{self, Command, Host, Report, PROTOCOL};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

/// Work per slice [ms of wall time]: commands wait at most this long for the engine.
const SLICE_BUDGET_MS: f64 = 12.0;
/// Rest between slices that reached their target (a set speed) [ms]: about 250 slices a second.
const REST_MS: i32 = 4;
/// Longest wait between two reports of a sweep [ms of wall time]: its progress bar moves
/// within a point, not only between points.
const SWEEP_REPORT_MS: f64 = 250.0;

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    host: RefCell<Host>,
    /// A slice is scheduled.
    scheduled: Cell<bool>,
    /// Wall clock at the last slice [ms].
    last: Cell<f64>,
    /// Runs a slice at once, without the 4 ms floor nested timers get.
    channel: MessageChannel,
    slice: RefCell<Option<Closure<dyn FnMut()>>>,
    /// Wall clock at the last report of the sweep [ms]; whether it was asked for in JSON.
    sweep_reported: Cell<f64>,
    sweep_json: Cell<bool>,
}

/// Serves the page until the worker is closed.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let Ok(channel) = MessageChannel::new() else {
        return;
    };
    let worker = Rc::new(Worker {
        scope,
        host: RefCell::new(Host::new()),
        scheduled: Cell::new(false),
        last: Cell::new(0.0),
        channel,
        slice: RefCell::new(None),
        sweep_reported: Cell::new(0.0),
        sweep_json: Cell::new(false),
    });
    let for_slice = Rc::clone(&worker);
    let slice = Closure::<dyn FnMut()>::new(move || run_slice(&for_slice));
    worker
        .channel
        .port2()
        .set_onmessage(Some(slice.as_ref().unchecked_ref()));
    *worker.slice.borrow_mut() = Some(slice);

    let for_message = Rc::clone(&worker);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        on_command(&for_message, e.data());
    });
    worker
        .scope
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page: the handlers are never dropped.
    on_message.forget();
    post(&worker.scope, &Report::Ready { protocol: PROTOCOL }, false);
}

fn clock() -> f64 {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .performance()
        .map_or(0.0, |p| p.now())
}

/// A command from the page: postcard bytes, or JSON text from a test harness (answered in
/// JSON text). What does not decode is reported, never a panic.
fn on_command(w: &Rc<Worker>, data: JsValue) {
    let (command, json) = match data.as_string() {
        Some(text) => (
            serde_json::from_str::<Command>(&text).map_err(|e| e.to_string()),
            true,
        ),
        None => (
            remote::decode::<Command>(&js_sys::Uint8Array::new(&data).to_vec()),
            false,
        ),
    };
    let reports = match command {
        Ok(command) => {
            if matches!(command, Command::Play { .. }) {
                w.last.set(clock());
            }
            if matches!(command, Command::Sweep { .. }) {
                w.sweep_json.set(json);
                w.sweep_reported.set(clock());
            }
            w.host.borrow_mut().handle(command)
        }
        Err(e) => vec![Report::Problem {
            message: format!("the engine could not read a command: {e}"),
        }],
    };
    for r in &reports {
        post(&w.scope, r, json);
    }
    if w.host.borrow().playing() || w.host.borrow().sweeping() {
        schedule(w, true);
    }
}

/// One slice of the run, then the next if it still plays.
fn run_slice(w: &Rc<Worker>) {
    w.scheduled.set(false);
    let now = clock();
    let dt = now - w.last.replace(now);
    let reached = w.host.borrow_mut().advance(dt, SLICE_BUDGET_MS, &clock);
    // A sweep beside the run takes a slice of its own, and never rests.
    let report = w.host.borrow_mut().advance_sweep(
        SLICE_BUDGET_MS,
        &clock,
        w.sweep_reported.get(),
        SWEEP_REPORT_MS,
    );
    if let Some(r) = report {
        w.sweep_reported.set(clock());
        post(&w.scope, &r, w.sweep_json.get());
    }
    let host = w.host.borrow();
    if host.playing() || host.sweeping() {
        // Behind, at full speed or sweeping: go on at once; on pace: rest until there is
        // time to run.
        schedule(w, !reached || host.sweeping());
    }
}

fn schedule(w: &Rc<Worker>, now: bool) {
    if w.scheduled.replace(true) {
        return;
    }
    if now {
        let _ = w.channel.port1().post_message(&JsValue::NULL);
        return;
    }
    let guard = w.slice.borrow();
    if let Some(slice) = guard.as_ref() {
        let _ = w
            .scope
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                slice.as_ref().unchecked_ref(),
                REST_MS,
            );
    }
}

/// Sends a report: its bytes moved (not copied) to the page, or JSON text.
fn post(scope: &DedicatedWorkerGlobalScope, report: &Report, json: bool) {
    if json {
        if let Ok(text) = serde_json::to_string(report) {
            let _ = scope.post_message(&JsValue::from_str(&text));
        }
        return;
    }
    if let Some((array, transfer)) = transferable(report) {
        let _ = scope.post_message_with_transfer(&array, &transfer);
    }
}

/// `message` as postcard bytes in a buffer, with the list that moves the buffer to the other
/// side of `postMessage` instead of copying it; `None` if it cannot be encoded.
pub(crate) fn transferable<T: serde::Serialize>(
    message: &T,
) -> Option<(js_sys::Uint8Array, js_sys::Array)> {
    let bytes = remote::encode(message).ok()?;
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let transfer = js_sys::Array::of1(&array.buffer());
    Some((array, transfer))
}
