//! The page's handle on the engine: commands go out, reports come back and are mirrored here
//! for the views. The engine runs in a dedicated worker (`src/worker.rs`) when one starts, so
//! the page keeps its frames and the engine gets a core of its own; where a worker cannot start
//! (a host's Content-Security-Policy, an old browser, `?engine=page`), the same model `Host`
//! runs on the page under a per-frame budget, and the page says so once.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use scaleboard_sim::remote::{self, Command, Host, Report, TraceAsk, PROTOCOL};
use scaleboard_sim::run::{check_faults, fault_marks, Speed};
use scaleboard_sim::{Fault, Scenario, Snapshot, Window, WINDOW_RING};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

mod sweep;

/// Wall time the engine may use per animation frame when it runs on the page [ms]. A frame is
/// 16.7 ms at 60 Hz; the rest is left for Yew, the charts and the browser.
pub const FRAME_BUDGET_MS: f64 = 7.0;
/// How long a worker may take to say it is ready before the page runs the engine itself
/// [ms of wall time]: far beyond compiling the app's wasm again on a busy machine.
const READY_TIMEOUT_MS: u32 = 20_000;
/// The `<meta name=...>` whose content is the worker's script, next to the page (index.html).
const WORKER_META: &str = "scaleboard-engine";

/// Where the engine runs.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// A worker is starting; commands wait for it.
    Starting,
    Worker,
    /// On the page: `why` a worker could not run it (empty when none was asked for).
    Page {
        why: String,
    },
}

/// What a report means for the views.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A new picture of the run: redraw.
    Frame,
    /// Faults applied to the run (with their times): record them in the document.
    Applied(Vec<Fault>),
    /// A command failed.
    Problem(String),
    /// The worker failed and the engine now runs on the page (`Engine::place` says why);
    /// `true` when a run had started in the worker and must start again.
    FellBack(bool),
    /// A moment of the run asked for by `Engine::moment` arrived (`Mirror::moment`).
    Moment,
    /// The answer to `Engine::trace`: the trace, or the engine's reason there is none.
    Trace {
        ask: TraceAsk,
        trace: Option<Rc<scaleboard_sim::trace::Trace>>,
        note: Option<String>,
    },
}

/// The run as the page last heard of it.
#[derive(Default)]
pub struct Mirror {
    /// The document the current run was compiled from; `None` when nothing runs.
    pub scenario: Option<Scenario>,
    /// Faults applied during this run, at the simulated times they happened.
    pub injected: Vec<Fault>,
    /// Simulated time [ms].
    pub now_ms: f64,
    pub behind: bool,
    pub snapshot: Option<Rc<Snapshot>>,
    /// Closed windows, oldest first; each carries only the watched node.
    pub windows: VecDeque<Window>,
    pub watched: Option<u32>,
    /// The moment a replay shows: the simulated time asked for [ms] and the window that held
    /// it, every node's figures included. `None` when showing the run as it is now.
    pub moment: Option<(f64, Rc<Window>)>,
    /// The windows asked for by `Engine::hold`, once the span is complete (system figures).
    pub held: Option<Rc<Vec<Window>>>,
    /// Runs loaded so far: frames of an older run are dropped.
    loads: u32,
}

impl Mirror {
    /// The faults of this run so far, soonest first, for chart markers.
    pub fn fault_marks(&self) -> Vec<Fault> {
        self.scenario
            .as_ref()
            .map(|s| fault_marks(s, &self.injected, self.now_ms / 1000.0))
            .unwrap_or_default()
    }

    fn take(&mut self, report: Report) -> Option<Event> {
        match report {
            Report::Frame(f) if f.run == self.loads => {
                if !f.exists {
                    self.scenario = None;
                }
                if f.fresh {
                    self.windows.clear();
                }
                for w in f.windows {
                    if self.windows.len() == WINDOW_RING {
                        self.windows.pop_front();
                    }
                    self.windows.push_back(w);
                }
                self.watched = f.watched;
                if let Some(h) = f.held {
                    self.held = Some(Rc::new(h));
                }
                self.now_ms = f.now_ms;
                self.behind = f.behind;
                self.snapshot = f.snapshot.map(Rc::new);
                Some(Event::Frame)
            }
            Report::Applied { run, faults_json } if run == self.loads => {
                let faults: Vec<Fault> = serde_json::from_str(&faults_json).ok()?;
                self.injected.extend(faults.iter().cloned());
                Some(Event::Applied(faults))
            }
            Report::Problem { message } => Some(Event::Problem(message)),
            Report::Moment { run, t_ms, window } if run == self.loads => {
                self.moment = window.map(|w| (t_ms, Rc::new(*w)));
                Some(Event::Moment)
            }
            Report::Trace {
                run,
                ask,
                trace,
                note,
            } if run == self.loads => Some(Event::Trace {
                ask,
                trace: trace.map(|t| Rc::new(*t)),
                note,
            }),
            // An older run's, a digest (tests ask the worker directly), or `Ready` (the link's).
            _ => None,
        }
    }
}

type Handler = Rc<dyn Fn(Event)>;

enum Backend {
    Page(Box<Host>),
    Worker(Link),
}

/// A worker and what waits for it.
struct Link {
    worker: Worker,
    ready: bool,
    /// Commands sent before the worker was ready: it would drop them.
    queue: Vec<Command>,
    /// A `Pull` is out: one at a time, so a slow worker is never flooded.
    pulling: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
    _give_up: Option<Timeout>,
}

impl Drop for Link {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

struct Inner {
    backend: Backend,
    place: Place,
    mirror: Mirror,
    handler: Option<Handler>,
    /// A failed worker's link, kept until the next failure or the end: its callbacks may be
    /// running when it fails.
    retired: Option<Link>,
    /// Who hears of a sweep's progress, and its next slice on the page (`sweep.rs`).
    sweep: sweep::Sweeping,
}

/// The engine, wherever it runs. Cheap to clone: clones share it.
#[derive(Clone)]
pub struct Engine {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Engine {
    /// An engine in a worker when the page names one and `?engine=page` does not say
    /// otherwise; else on the page.
    pub fn start() -> Engine {
        let inner = Rc::new(RefCell::new(Inner {
            backend: Backend::Page(Box::default()),
            place: Place::Page { why: String::new() },
            mirror: Mirror::default(),
            handler: None,
            retired: None,
            sweep: sweep::Sweeping::default(),
        }));
        let engine = Engine { inner };
        if crate::location::query().engine_on_page {
            return engine;
        }
        if let Some(script) = worker_script() {
            match Link::open(&engine, &script) {
                Ok(link) => {
                    let mut inner = engine.inner.borrow_mut();
                    inner.backend = Backend::Worker(link);
                    inner.place = Place::Starting;
                }
                Err(why) => engine.fall_back(why),
            }
        }
        engine
    }

    /// Who hears of frames, applied faults and problems.
    pub fn set_handler(&self, handler: impl Fn(Event) + 'static) {
        self.inner.borrow_mut().handler = Some(Rc::new(handler));
    }

    pub fn place(&self) -> Place {
        self.inner.borrow().place.clone()
    }

    /// The mirrored run, for reading.
    pub fn mirror(&self) -> std::cell::Ref<'_, Mirror> {
        std::cell::Ref::map(self.inner.borrow(), |i| &i.mirror)
    }

    /// Starts a run of `doc` at time zero, playing if the last one did. `runs`: whether `doc`
    /// validates, which the caller already knows (the dock lists its blockers); when it does
    /// not, nothing runs, and the engine, which compiles it, agrees in its next frame.
    pub fn load(&self, doc: &Scenario, runs: bool) {
        {
            let mut inner = self.inner.borrow_mut();
            let m = &mut inner.mirror;
            m.loads += 1;
            m.scenario = runs.then(|| doc.clone());
            m.injected.clear();
            m.windows.clear();
            m.snapshot = None;
            m.now_ms = 0.0;
            m.behind = false;
            m.moment = None;
            m.held = None;
        }
        let scenario_json = serde_json::to_string(doc).unwrap_or_default();
        self.send(Command::Load { scenario_json });
    }

    /// Runs to simulated time `t_ms` at once [ms] (a bookmarked moment, "run from here").
    pub fn run_until(&self, t_ms: f64) {
        self.send(Command::RunUntil { t_ms });
    }

    /// Keeps the run's windows starting in `[from_ms, to_ms)` whole, whatever the speed; they
    /// arrive once, in `Mirror::held`, when the span is complete [ms].
    pub fn hold(&self, from_ms: f64, to_ms: f64) {
        self.send(Command::Hold { from_ms, to_ms });
    }

    /// Asks for the window that held simulated time `t_ms` [ms]; it arrives as
    /// `Event::Moment`, in `Mirror::moment`.
    pub fn moment(&self, t_ms: f64) {
        self.send(Command::Moment { t_ms });
    }

    /// Asks for a request's trace; it arrives as `Event::Trace` (for `TraceAsk::Next`, once
    /// that request has ended, which takes the run playing).
    pub fn trace(&self, ask: TraceAsk) {
        self.send(Command::Trace { ask });
    }

    /// Back to the run as it is now: the moment shown is dropped.
    pub fn live(&self) {
        self.inner.borrow_mut().mirror.moment = None;
    }

    /// Plays at `speed`, or pauses (`None`).
    pub fn play(&self, speed: Option<Speed>) {
        self.send(match speed {
            Some(s) => Command::Play { times: s.times() },
            None => Command::Pause,
        });
    }

    /// Runs to the next window boundary and pauses.
    pub fn step(&self) {
        self.send(Command::Step);
    }

    /// Applies `fault` now. A fault the run cannot take is refused here, before it is sent;
    /// the applied one comes back as `Event::Applied`, stamped with its time.
    pub fn inject(&self, fault: &Fault) -> Result<(), String> {
        self.check(std::slice::from_ref(fault))?;
        let fault_json = serde_json::to_string(fault).map_err(|e| e.to_string())?;
        self.send(Command::Inject { fault_json });
        Ok(())
    }

    /// Schedules `faults` at their own simulated times; checked here like `inject`.
    pub fn schedule(&self, faults: &[Fault]) -> Result<(), String> {
        self.check(faults)?;
        let faults_json = serde_json::to_string(faults).map_err(|e| e.to_string())?;
        self.send(Command::Schedule { faults_json });
        Ok(())
    }

    fn check(&self, faults: &[Fault]) -> Result<(), String> {
        let inner = self.inner.borrow();
        match inner.mirror.scenario.as_ref() {
            Some(s) => check_faults(s, faults),
            None => Err("nothing is running: the design cannot run yet".into()),
        }
    }

    /// Takes an edited document that changes nothing the engine sees but `live` rates. The run
    /// keeps its own scheduled faults. The engine's copy keeps the names and positions it
    /// started with: it never shows them.
    pub fn adopt(&self, doc: &Scenario, live: &[Fault]) {
        {
            let mut inner = self.inner.borrow_mut();
            let Some(running) = inner.mirror.scenario.as_mut() else {
                return;
            };
            let faults = std::mem::take(&mut running.faults);
            *running = Scenario {
                faults,
                ..doc.clone()
            };
        }
        // Names and positions are the page's alone: the engine hears only of rate changes,
        // so a drag during a run sends nothing.
        if live.is_empty() {
            return;
        }
        let scenario_json = serde_json::to_string(doc).unwrap_or_default();
        let live_json = serde_json::to_string(live).unwrap_or_default();
        self.send(Command::Adopt {
            scenario_json,
            live_json,
        });
    }

    /// Carries the series of the node at `index` from now on.
    pub fn watch(&self, index: Option<usize>) {
        let node = index.and_then(|i| u32::try_from(i).ok());
        if self.inner.borrow().mirror.watched != node {
            self.send(Command::Watch { node });
            self.pull();
        }
    }

    /// One animation frame of `wall_dt_ms` [ms] while playing: on the page, the engine runs
    /// here under `FRAME_BUDGET_MS`; a worker runs on its own.
    pub fn frame(&self, wall_dt_ms: f64) {
        if let Backend::Page(host) = &mut self.inner.borrow_mut().backend {
            host.advance(wall_dt_ms, FRAME_BUDGET_MS, &super::frames::now_ms);
        }
    }

    /// Asks for a new picture of the run; it arrives as `Event::Frame`.
    pub fn pull(&self) {
        let busy = match &mut self.inner.borrow_mut().backend {
            Backend::Worker(link) => std::mem::replace(&mut link.pulling, true),
            Backend::Page(_) => false,
        };
        if !busy {
            self.send(Command::Pull);
        }
    }

    fn send(&self, command: Command) {
        let reports = {
            let mut inner = self.inner.borrow_mut();
            match &mut inner.backend {
                Backend::Page(host) => host.handle(command),
                Backend::Worker(link) if !link.ready => {
                    link.queue.push(command);
                    Vec::new()
                }
                Backend::Worker(link) => {
                    link.post(&command);
                    Vec::new()
                }
            }
        };
        for r in reports {
            self.receive(r);
        }
    }

    fn receive(&self, report: Report) {
        let report = match self.sweep_report(report) {
            Some(r) => r,
            None => return,
        };
        let event = {
            let mut inner = self.inner.borrow_mut();
            if let (Report::Frame(_), Backend::Worker(link)) = (&report, &mut inner.backend) {
                link.pulling = false;
            }
            inner.mirror.take(report)
        };
        self.emit(event);
    }

    fn emit(&self, event: Option<Event>) {
        let handler = self.inner.borrow().handler.clone();
        if let (Some(event), Some(handler)) = (event, handler) {
            handler(event);
        }
    }

    /// A report from the worker.
    fn on_worker_message(&self, data: JsValue) {
        let bytes = js_sys::Uint8Array::new(&data).to_vec();
        match remote::decode::<Report>(&bytes) {
            Ok(Report::Ready { protocol }) if protocol == PROTOCOL => self.ready(),
            Ok(Report::Ready { protocol }) => self.fall_back(format!(
                "the engine's worker speaks version {protocol} of the messages, the page {PROTOCOL}"
            )),
            Ok(report) => self.receive(report),
            Err(e) => self.emit(Some(Event::Problem(e))),
        }
    }

    fn ready(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Backend::Worker(link) = &mut inner.backend {
            link.ready = true;
            link._give_up = None;
            for command in std::mem::take(&mut link.queue) {
                link.post(&command);
            }
            inner.place = Place::Worker;
        }
    }

    /// The worker failed: run on the page from now on. Commands still waiting for the worker
    /// run here; a run the worker had started starts again (`Event::FellBack(true)`).
    fn fall_back(&self, why: String) {
        gloo::console::warn!(format!(
            "Scaleboard: the simulation runs on the page, not in a worker: {why}"
        ));
        let link = {
            let mut inner = self.inner.borrow_mut();
            inner.place = Place::Page { why };
            match std::mem::replace(&mut inner.backend, Backend::Page(Box::default())) {
                Backend::Worker(link) => Some(link),
                page => {
                    inner.backend = page;
                    None
                }
            }
        };
        let Some(mut link) = link else { return };
        link.worker.terminate();
        let queued = std::mem::take(&mut link.queue);
        let restart = link.ready;
        // This may run inside one of the link's own callbacks: it is dropped later, not now.
        self.inner.borrow_mut().retired = Some(link);
        for command in queued {
            self.send(command);
        }
        self.emit(Some(Event::FellBack(restart)));
    }
}

impl Link {
    fn open(engine: &Engine, script: &str) -> Result<Link, String> {
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = Worker::new_with_options(script, &options).map_err(|e| describe(&e))?;
        let weak = Rc::downgrade(&engine.inner);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(inner) = weak.upgrade() {
                Engine { inner }.on_worker_message(e.data());
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let weak = Rc::downgrade(&engine.inner);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let why = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "its script did not load".into());
            if let Some(inner) = weak.upgrade() {
                Engine { inner }.fall_back(format!("the engine's worker failed: {why}"));
            }
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let weak = Rc::downgrade(&engine.inner);
        let give_up = Timeout::new(READY_TIMEOUT_MS, move || {
            if let Some(inner) = weak.upgrade() {
                Engine { inner }.fall_back(format!(
                    "the engine's worker did not start within {} s",
                    READY_TIMEOUT_MS / 1000
                ));
            }
        });
        Ok(Link {
            worker,
            ready: false,
            queue: Vec::new(),
            pulling: false,
            _on_message: on_message,
            _on_error: on_error,
            _give_up: Some(give_up),
        })
    }

    /// Sends a command; its bytes are moved, not copied.
    fn post(&self, command: &Command) {
        if let Some((array, transfer)) = crate::worker::transferable(command) {
            let _ = self.worker.post_message_with_transfer(&array, &transfer);
        }
    }
}

/// The worker's starter script named by the page, with the app's own module and wasm (the
/// page's `modulepreload` and `preload` links, which Trunk writes with their hashed names) as
/// `?module=` and `&wasm=`; `None` when the page names no worker (the component tests' pages
/// name none).
fn worker_script() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(&format!("meta[name=\"{WORKER_META}\"]"))
        .ok()??;
    let script = meta.get_attribute("content").filter(|s| !s.is_empty())?;
    let href = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|link| link.get_attribute("href"))
            .map(|h| String::from(js_sys::encode_uri_component(&h)))
    };
    let module = href("link[rel=modulepreload][href$='.js']")?;
    let wasm = href("link[rel=preload][href$='.wasm']")?;
    Some(format!("{script}?module={module}&wasm={wasm}"))
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "it could not be created".into())
}
