//! Shared by the browser tests: mounting a scenario, finding elements, synthesising input, and
//! waiting. A test never sleeps a fixed time and then asserts: it waits for the condition it is
//! about to check, polling with a generous timeout, and fails with a message that says what never
//! happened. CI machines are shared 2-core boxes that may be busy, and Chromium moves under us.
#![allow(dead_code)] // each test file uses its own subset

use scaleboard::scenario_view::{ScenarioView, ScenarioViewProps};
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, HtmlElement, HtmlInputElement, InputEvent, InputEventInit, KeyboardEvent,
    KeyboardEventInit, PointerEvent, PointerEventInit,
};

/// How long a condition may take to come true before the test fails [ms of wall time]. Generous:
/// a render takes milliseconds, but a loaded machine can stall a tab for seconds.
pub const TIMEOUT_MS: f64 = 20_000.0;
/// Time between two looks at the condition [ms]. Only a polling period, never a synchronisation.
const POLL_MS: u64 = 10;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Gives the browser a turn: Yew's scheduler renders, timers fire, the page lays out.
pub async fn tick() {
    yew::platform::time::sleep(std::time::Duration::from_millis(POLL_MS)).await;
}

/// Waits until `probe` gives a value, and returns it; panics with `what` after [`TIMEOUT_MS`].
pub async fn wait_for<T>(what: &str, probe: impl FnMut() -> Option<T>) -> T {
    wait_for_seen(|| what.to_string(), probe).await
}

/// [`wait_for`], with the failure message made when it fails (`what()` can then say what was
/// last seen).
pub async fn wait_for_seen<T>(
    what: impl Fn() -> String,
    mut probe: impl FnMut() -> Option<T>,
) -> T {
    let start = now_ms();
    loop {
        if let Some(v) = probe() {
            return v;
        }
        if now_ms() - start > TIMEOUT_MS {
            panic!("never happened within {TIMEOUT_MS} ms: {}", what());
        }
        tick().await;
    }
}

/// Waits until `cond` holds; panics with `what` after [`TIMEOUT_MS`].
pub async fn until(what: &str, mut cond: impl FnMut() -> bool) {
    wait_for(what, || cond().then_some(())).await
}

/// A fresh element in the document to mount a component into.
pub fn root() -> Element {
    let doc = gloo::utils::document();
    let el = doc.create_element("div").expect("create a div");
    doc.body()
        .expect("a body")
        .append_child(&el)
        .expect("append the root");
    el
}

/// Waits until what was mounted in `el` is ready to be pointed at: either the problems of a
/// document that did not load, or a canvas that has measured itself and fitted the diagram
/// (`data-sized`), so node positions on screen agree with the model's hit testing.
pub async fn ready(el: &Element) {
    until(
        "the scenario is on screen: a sized canvas (svg.canvas[data-sized]) or a list of problems",
        || {
            el.query_selector("svg.canvas[data-sized], section.problems[role=alert]")
                .ok()
                .flatten()
                .is_some()
        },
    )
    .await;
}

/// Mounts a scenario document the way the app opens one and waits until it is on screen.
pub async fn mount_scenario(json: &str) -> Element {
    let el = root();
    let props = ScenarioViewProps {
        title: "Scenario under test".into(),
        json: json.to_string().into(),
    };
    yew::Renderer::<ScenarioView>::with_root_and_props(el.clone(), props).render();
    ready(&el).await;
    el
}

/// The one element matching `selector`, which must be on the page now.
pub fn one(el: &Element, selector: &str) -> Element {
    el.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("{selector} is on the page"))
}

/// Waits until an element matches `selector`, and returns it.
pub async fn appears(el: &Element, selector: &str) -> Element {
    wait_for(&format!("{selector} appears"), || {
        el.query_selector(selector).ok().flatten()
    })
    .await
}

/// Waits until no element matches `selector`.
pub async fn gone(el: &Element, selector: &str) {
    until(&format!("{selector} goes away"), || {
        el.query_selector(selector).ok().flatten().is_none()
    })
    .await
}

/// How many elements match `selector`.
pub fn count(el: &Element, selector: &str) -> u32 {
    el.query_selector_all(selector)
        .expect("a valid selector")
        .length()
}

/// Waits until exactly `n` elements match `selector`.
pub async fn count_is(el: &Element, selector: &str, n: u32) {
    let seen = std::cell::Cell::new(0);
    wait_for_seen(
        || format!("{n} × {selector} (last seen {})", seen.get()),
        || {
            seen.set(count(el, selector));
            (seen.get() == n).then_some(())
        },
    )
    .await;
}

/// Every element matching `selector`, as HTML elements.
pub fn all(el: &Element, selector: &str) -> Vec<HtmlElement> {
    let list = el.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// The text of the element matching `selector`, or "" when there is none.
pub fn text_of(el: &Element, selector: &str) -> String {
    el.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Waits until the text of `selector` satisfies `cond`, and returns that text.
pub async fn text_when(
    el: &Element,
    selector: &str,
    what: &str,
    cond: impl Fn(&str) -> bool,
) -> String {
    let last = std::cell::RefCell::new(String::new());
    wait_for_seen(
        || format!("{what} ({selector} last read {:?})", last.borrow()),
        || {
            let now = text_of(el, selector);
            let ok = cond(&now);
            *last.borrow_mut() = now.clone();
            ok.then_some(now)
        },
    )
    .await
}

pub fn has_class(el: &Element, class: &str) -> bool {
    el.get_attribute("class")
        .unwrap_or_default()
        .split_whitespace()
        .any(|c| c == class)
}

/// A button of the run dock by its visible text; it must be there now.
pub fn dock_button(el: &Element, text: &str) -> HtmlElement {
    all(el, ".run-dock button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("a \"{text}\" button in the run dock"))
}

/// A live figure of the dock by its `data-metric` name ("" when not shown).
pub fn metric(el: &Element, name: &str) -> String {
    text_of(el, &format!("[data-metric={name}]"))
}

/// The simulated clock [s], or -1 when it is not shown.
pub fn clock_s(el: &Element) -> f64 {
    // "t = 12.3 s" in English, "t = 12.3초" in Korean.
    metric(el, "clock")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect::<String>()
        .parse()
        .unwrap_or(-1.0)
}

/// Presses Step until the clock shows at least `secs` of simulated time. Each press is made once
/// the previous one has shown on the clock, so a busy machine only makes it slower.
pub async fn step_to(el: &Element, secs: f64) {
    let start = now_ms();
    loop {
        let before = clock_s(el);
        if before >= secs {
            return;
        }
        if now_ms() - start > TIMEOUT_MS {
            panic!("the clock never reached {secs} s (it shows {before} s)");
        }
        dock_button(el, "Step").click();
        until(
            &format!("the clock moves on from {before} s after Step"),
            || clock_s(el) > before,
        )
        .await;
    }
}

/// A real-looking pointer event at the centre of `target` moved by (`dx`, `dy`) [px], dispatched on
/// it (it bubbles to the canvas, which hit-tests the position through the model).
pub fn pointer_at(target: &Element, kind: &str, dx: f64, dy: f64) {
    let r = target.get_bounding_client_rect();
    let init = PointerEventInit::new();
    init.set_bubbles(true);
    init.set_pointer_id(1);
    init.set_is_primary(true);
    init.set_button(if kind == "pointermove" { -1 } else { 0 });
    init.set_client_x((r.left() + r.width() / 2.0 + dx) as i32);
    init.set_client_y((r.top() + r.height() / 2.0 + dy) as i32);
    let e = PointerEvent::new_with_event_init_dict(kind, &init).expect("a pointer event");
    target.dispatch_event(&e).expect("dispatch");
}

/// A primary press and release at the centre of `target`.
pub fn press(target: &Element) {
    pointer_at(target, "pointerdown", 0.0, 0.0);
    pointer_at(target, "pointerup", 0.0, 0.0);
}

/// Presses the node matching `selector` and waits until it is selected and the
/// inspector shows it.
pub async fn select_node(el: &Element, selector: &str) {
    press(&one(el, selector));
    appears(el, &format!("{selector}.selected")).await;
    appears(el, "aside.inspector .field").await;
}

/// A key press on the document, with Ctrl when `ctrl`.
pub fn key_with(key: &str, ctrl: bool) {
    let init = KeyboardEventInit::new();
    init.set_bubbles(true);
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    let e =
        KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("a key event");
    gloo::utils::document()
        .dispatch_event(&e)
        .expect("dispatch");
}

pub fn key(key: &str) {
    key_with(key, false)
}

/// Types `value` into the input named `name` and commits it, as a person does (input, then
/// change).
pub fn type_into(el: &Element, name: &str, value: &str) -> HtmlInputElement {
    let input: HtmlInputElement = one(el, &format!("input[name=\"{name}\"]"))
        .dyn_into()
        .expect("an input");
    input.set_value(value);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).expect("input event"))
        .expect("dispatch");
    input
        .dispatch_event(&Event::new("change").expect("change event"))
        .expect("dispatch");
    input
}

/// Dispatches a bare `change` event on `target` (selects, sliders).
pub fn changed(target: &Element) {
    target
        .dispatch_event(&Event::new("change").expect("change event"))
        .expect("dispatch");
}
