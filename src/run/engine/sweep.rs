//! A sweep ("find the limit") on an engine of its own: the worker runs it between its other
//! work and reports each point; on the page it runs in slices of `FRAME_BUDGET_MS` with a rest
//! between them, so the page keeps drawing and taking input while it runs.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use scaleboard_sim::remote::{Command, Report};
use scaleboard_sim::sweep::{Spec, Status};
use scaleboard_sim::Scenario;

use super::{Backend, Engine, FRAME_BUDGET_MS};

/// Rest between two slices of a sweep on the page [ms of wall time]: the page's own work
/// (input, Yew, the canvas) runs then.
const PAGE_REST_MS: u32 = 8;
/// Longest wait between two reports of a sweep on the page [ms of wall time].
const REPORT_MS: f64 = 250.0;

/// Hears of a sweep's progress: its id and where it stands.
type SweepHandler = Rc<dyn Fn(u32, Rc<Status>)>;

/// The page's side of a sweep.
#[derive(Default)]
pub(super) struct Sweeping {
    handler: Option<SweepHandler>,
    /// The next slice, while a sweep runs on the page.
    next: Option<Timeout>,
    /// Wall clock at the last report [ms].
    reported_ms: f64,
}

impl Engine {
    /// Who hears of sweeps' progress: the sweep's id and where it stands.
    pub fn set_sweep_handler(&self, handler: impl Fn(u32, Rc<Status>) + 'static) {
        self.inner.borrow_mut().sweep.handler = Some(Rc::new(handler));
    }

    /// Starts finding the limit of `doc` as `spec` asks, replacing any sweep before; its
    /// progress comes to the sweep handler under `id`, a refusal as `Event::Problem`.
    pub fn sweep(&self, id: u32, doc: &Scenario, spec: Spec) {
        let scenario_json = serde_json::to_string(doc).unwrap_or_default();
        self.inner.borrow_mut().sweep.reported_ms = super::super::frames::now_ms();
        self.send(Command::Sweep {
            id,
            scenario_json,
            spec,
        });
        self.pump();
    }

    /// Stops the sweep (Cancel).
    pub fn stop_sweep(&self) {
        self.inner.borrow_mut().sweep.next = None;
        self.send(Command::StopSweep);
    }

    /// A sweep's report goes to the sweep handler; any other comes back for the mirror.
    pub(super) fn sweep_report(&self, report: Report) -> Option<Report> {
        let Report::Sweep { id, status } = report else {
            return Some(report);
        };
        let handler = self.inner.borrow().sweep.handler.clone();
        if let Some(h) = handler {
            h(id, Rc::new(*status));
        }
        None
    }

    /// On the page: one slice of the sweep, then the next after a rest. In a worker, nothing:
    /// the worker runs it.
    fn pump(&self) {
        let report = {
            let mut inner = self.inner.borrow_mut();
            let since = inner.sweep.reported_ms;
            let Backend::Page(host) = &mut inner.backend else {
                return;
            };
            if !host.sweeping() {
                inner.sweep.next = None;
                return;
            }
            host.advance_sweep(
                FRAME_BUDGET_MS,
                &super::super::frames::now_ms,
                since,
                REPORT_MS,
            )
        };
        if let Some(r) = report {
            self.inner.borrow_mut().sweep.reported_ms = super::super::frames::now_ms();
            self.receive(r);
        }
        let weak = Rc::downgrade(&self.inner);
        let next = Timeout::new(PAGE_REST_MS, move || {
            if let Some(inner) = weak.upgrade() {
                Engine { inner }.pump();
            }
        });
        self.inner.borrow_mut().sweep.next = Some(next);
    }
}
