//! What presenter mode's keys ask of the run dock (Space, S, F, R), each done exactly as the
//! dock's own button does it and refused where the button would be disabled or absent.

use std::rc::Rc;

use scaleboard_sim::{Action, Fault};
use yew::prelude::*;

use super::dock::new_fault;

/// A request from a key, to the run dock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remote {
    /// Play or Pause.
    PlayPause,
    /// The traffic controls' Spike, at the size and length they show.
    Spike,
    /// Fail the selected node (Outage for a selected data center).
    Fail,
    /// Recover the selected node (Restore for a selected data center).
    Recover,
}

/// What the dock's buttons would act on now.
#[derive(Clone, Debug, PartialEq)]
pub struct Targets {
    /// Play is enabled (the design can run, or a run is playing and can be paused).
    pub can_play: bool,
    /// The users node the traffic controls act on.
    pub users: Option<String>,
    /// The selected node, if it is one that can fail (not a users node).
    pub node: Option<String>,
    /// The selected data center.
    pub dc: Option<String>,
    /// The spike the traffic controls show: factor and length [s].
    pub spike: (f64, f64),
}

/// The fault `remote` injects with these targets, if it injects one and the button exists.
pub fn fault_for(remote: Remote, to: &Targets) -> Option<Fault> {
    let on_node = |action: Action| {
        to.node.as_ref().map(|id| {
            let mut f = new_fault(action);
            f.node = Some(id.clone());
            f
        })
    };
    let on_dc = |action: Action| {
        to.dc.as_ref().map(|id| {
            let mut f = new_fault(action);
            f.dc = Some(id.clone());
            f
        })
    };
    match remote {
        Remote::PlayPause => None,
        Remote::Spike => to
            .users
            .as_ref()
            .map(|id| super::traffic::spike_fault(id, to.spike)),
        Remote::Fail => on_node(Action::Fail).or_else(|| on_dc(Action::DcOutage)),
        Remote::Recover => on_node(Action::Recover).or_else(|| on_dc(Action::DcRestore)),
    }
}

/// Acts on each new request (a fresh number) once: `toggle` is Play/Pause, `inject` what the
/// fault buttons call.
#[hook]
pub fn use_remote(
    remote: Option<Rc<(u32, Remote)>>,
    targets: Targets,
    toggle: Callback<()>,
    inject: Callback<Fault>,
) {
    use_effect_with(remote.as_ref().map(|r| r.0), move |_| {
        match remote.map(|r| r.1) {
            Some(Remote::PlayPause) if targets.can_play => toggle.emit(()),
            Some(r) => {
                if let Some(f) = fault_for(r, &targets) {
                    inject.emit(f);
                }
            }
            None => {}
        }
    });
}
