//! The host-page API in the browser (`?embed&api`, docs/embedding.md "Host-page API"): a
//! `message` listener that takes commands from the parent window only (and, with `&origin=`,
//! from that origin only), and the events posted back. What a message means is decided in the
//! model (`scaleboard_sim::host_api`); here commands go where a reader's own action goes:
//! Select and Load to the editor's state, as a click and Open do, everything else to the run
//! dock through the presenter keys' `Remote` requests, done as the dock's own controls do it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use scaleboard_sim::host_api::{self, Command, Event, Problem, Tick};
use scaleboard_sim::Fault;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Window};
use yew::prelude::*;

use crate::location::Api;
use crate::run::engine::Mirror;
use crate::run::remote::Remote;
use crate::state::{Msg, State};
use crate::workshop::keys::RemoteRequest;

/// Wall time between two `tick` events at the least [ms]: at most 4 a second, enough for a
/// page's text to follow the run without flooding it.
const TICK_EVERY_MS: f64 = 250.0;

/// The embed's link to the page that frames it. Equal only to itself (its clones).
#[derive(Clone)]
pub struct HostLink(Rc<Inner>);

struct Inner {
    parent: Window,
    /// The target origin of every event: `origin=`, else "*" (events carry public figures only).
    target: String,
    /// Commands are taken only from this origin; `None`: from whatever origin the parent has.
    accept: Option<String>,
    /// Why `origin=` could not be read; then no command is taken at all.
    broken: Option<String>,
    told: RefCell<Told>,
}

/// What the host page has been told of the run so far.
#[derive(Default)]
struct Told {
    /// When the last tick went [ms of wall time], and the simulated time it carried [ms].
    tick_at_ms: f64,
    tick_clock_ms: Option<f64>,
    /// Faults of this run already reported.
    faults: Vec<Fault>,
}

impl PartialEq for HostLink {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl HostLink {
    /// The link, when the page is framed (never for a page on its own: it has no host).
    pub fn new(api: &Api) -> Option<HostLink> {
        let window = web_sys::window()?;
        let parent = window.parent().ok().flatten()?;
        if js_sys::Object::is(&parent, &window) {
            return None;
        }
        let origin = api.origin.as_deref().map(host_api::parse_origin);
        let (target, accept, broken) = match origin {
            None => ("*".to_string(), None, None),
            Some(Ok(o)) => (o.clone(), Some(o), None),
            Some(Err(why)) => ("*".to_string(), None, Some(why)),
        };
        Some(HostLink(Rc::new(Inner {
            parent,
            target,
            accept,
            broken,
            told: RefCell::default(),
        })))
    }

    /// Posts `event` to the host page.
    pub fn post(&self, event: &Event) {
        let text = host_api::encode(event).to_string();
        if let Ok(value) = js_sys::JSON::parse(&text) {
            // Refused only for a target origin that is not one, which `parse_origin` rules out.
            let _ = self.0.parent.post_message(&value, &self.0.target);
        }
    }

    /// Tells the host page why a command was not done.
    pub fn problem(&self, id: Option<serde_json::Value>, message: String) {
        self.post(&Event::Problem(&Problem { id, message }));
    }

    /// A new run starts at time zero: its faults are told again as they happen.
    pub fn new_run(&self) {
        *self.0.told.borrow_mut() = Told::default();
    }

    /// A new picture of the run: the faults applied since the last one, whichever way they
    /// were (a command, the reader's click, the document's own schedule), and a tick at most
    /// every `TICK_EVERY_MS` while the clock moves.
    pub fn frame(&self, m: &Mirror) {
        let mut told = self.0.told.borrow_mut();
        let new: Vec<Fault> = m
            .fault_marks()
            .into_iter()
            .filter(|f| !told.faults.contains(f))
            .collect();
        let now = crate::run::frames::now_ms();
        let tick = (now - told.tick_at_ms >= TICK_EVERY_MS
            && told.tick_clock_ms != Some(m.now_ms)
            && m.scenario.is_some())
        .then(|| tick_of(m));
        if tick.is_some() {
            told.tick_at_ms = now;
            told.tick_clock_ms = Some(m.now_ms);
        }
        told.faults.extend(new.iter().cloned());
        drop(told);
        for f in &new {
            self.post(&Event::Fault(f));
        }
        if let Some(t) = tick {
            self.post(&Event::Tick(t));
        }
    }
}

/// The figures the run dock's numbers show: those of the last closed window.
fn tick_of(m: &Mirror) -> Tick {
    let last = m.windows.back().map(crate::run::series::point);
    Tick {
        clock_s: m.now_ms / 1000.0,
        p50_ms: last.map(|p| p.all.p50),
        p99_ms: last.map(|p| p.all.p99),
        good_pct: last.and_then(|p| p.good_pct()),
        ok_rps: last.map(|p| p.ok),
        errors_rps: last.map(|p| p.errors()),
    }
}

/// Listens for the host page's commands while `link` exists (no listener at all otherwise)
/// and says `ready` once it does. `state` and `remote` are the page's editor state and the run
/// dock's request slot, read as they are when a message comes.
#[hook]
pub fn use_host_api(
    link: Option<HostLink>,
    state: &UseReducerHandle<State>,
    remote: &UseStateHandle<Option<RemoteRequest>>,
) {
    let now = use_mut_ref(|| (state.clone(), remote.clone()));
    *now.borrow_mut() = (state.clone(), remote.clone());
    use_effect_with((), move |_| {
        let listener = link.map(|link| {
            match &link.0.broken {
                Some(why) => link.problem(None, why.clone()),
                None => link.post(&Event::Ready(&now.borrow().0.ed.doc)),
            }
            let window = gloo::utils::window();
            // The last request number sent, so two commands between renders get two numbers.
            let sent = std::cell::Cell::new(0_u32);
            EventListener::new(&window, "message", move |e| {
                let Some(e) = e.dyn_ref::<MessageEvent>() else {
                    return;
                };
                if !from_host(&link, e) {
                    return;
                }
                let (state, remote) = now.borrow().clone();
                let request = match text_of(&e.data()).and_then(|t| host_api::decode(&t)) {
                    Ok(r) => r,
                    Err(p) => return link.post(&Event::Problem(&p)),
                };
                if let Err(why) = host_api::check(&request.command, &state.ed.doc) {
                    return link.problem(request.id, why);
                }
                match request.command {
                    // As a click on the node selects it.
                    Command::Select { node } => state.dispatch(Msg::SelectOnly(node)),
                    // As a file opened: the run of the design before it stops.
                    Command::Load { scenario } => {
                        link.post(&Event::Loaded(&scenario, request.id.clone()));
                        state.dispatch(Msg::Replace(scenario));
                    }
                    _ => {
                        let n = remote.as_ref().map_or(0, |r| r.1 .0).max(sent.get()) + 1;
                        sent.set(n);
                        let ask = Remote::Host(Rc::new(request));
                        remote.set(Some((state.generation, Rc::new((n, ask)))));
                    }
                }
            })
        });
        move || drop(listener)
    });
}

/// An embed with `?api` whose design could not be opened (an unknown `?scenario=`, a damaged
/// `#s=` link) takes no commands, and says why once, so its host page does not wait for
/// `ready` in vain.
#[hook]
pub fn use_unopened(api: Option<Api>, why: Option<String>) {
    use_effect_with((), move |_| {
        if let (Some(link), Some(why)) = (api.as_ref().and_then(HostLink::new), why) {
            link.problem(None, format!("the embed shows no design: {why}"));
        }
    });
}

/// Whether a message comes from the page that frames the embed (not a sibling frame, a
/// popup or the embed itself), and from the origin `origin=` names, if it names one.
fn from_host(link: &HostLink, e: &MessageEvent) -> bool {
    let parent: &JsValue = link.0.parent.as_ref();
    let by_parent = e.source().is_some_and(|s| js_sys::Object::is(&s, parent));
    let origin_ok = match (&link.0.broken, &link.0.accept) {
        (Some(_), _) => false,
        (None, Some(o)) => e.origin() == *o,
        (None, None) => true,
    };
    by_parent && origin_ok
}

/// A message's data as JSON text: a string as it is, anything else as `JSON.stringify` writes
/// it (an object posted as it is).
fn text_of(data: &JsValue) -> Result<String, Problem> {
    if let Some(s) = data.as_string() {
        return Ok(s);
    }
    js_sys::JSON::stringify(data)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Problem {
            id: None,
            message: "the message could not be read as JSON: post a command object such as \
                      {\"scaleboard\": 1, \"type\": \"play\"}, or its JSON text"
                .into(),
        })
}
