//! What presenter mode's keys (Space, S, F, R) and a host page's commands (`embed::api`) ask
//! of the run dock, each done exactly as the dock's own button or control does it and refused
//! where the button would be disabled or absent (a host page is told why).

use std::rc::Rc;

use scaleboard_sim::host_api::{self, Command, Request};
use scaleboard_sim::{Action, Fault};
use yew::prelude::*;

use super::dock::{new_fault, SPEEDS};

/// A request from a key or a host page, to the run dock.
#[derive(Clone, Debug, PartialEq)]
pub enum Remote {
    /// Play or Pause.
    PlayPause,
    /// The traffic controls' Spike, at the size and length they show.
    Spike,
    /// Fail the selected node (Outage for a selected data center).
    Fail,
    /// Recover the selected node (Restore for a selected data center).
    Recover,
    /// A host page's command, already checked against the design (`host_api::check`); the
    /// run dock's part of it (not Select or Load, which the page's editor state takes).
    Host(Rc<Request>),
}

/// What the dock's buttons would act on now.
#[derive(Clone, Debug, PartialEq)]
pub struct Targets {
    /// Play is enabled (the design can run, or a run is playing and can be paused).
    pub can_play: bool,
    /// A run is playing now.
    pub playing: bool,
    /// A run exists (the design compiled), for the fault buttons to act on.
    pub has_run: bool,
    /// Why Play is disabled, in words (the first thing keeping the design from running).
    pub blocked: Option<String>,
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
pub fn fault_for(remote: &Remote, to: &Targets) -> Option<Fault> {
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
        Remote::Host(r) => host_fault(&r.command, to),
    }
}

/// The fault a host page's command injects, built as the button or control for it builds it:
/// a node's fault buttons, the data center's, the rate slider (without a ramp), Spike.
fn host_fault(command: &Command, to: &Targets) -> Option<Fault> {
    let at = |action: Action, node: Option<&String>, dc: Option<&String>| {
        let mut f = new_fault(action);
        f.node = node.cloned();
        f.dc = dc.cloned();
        f
    };
    let users = |named: &Option<String>| named.clone().or_else(|| to.users.clone());
    Some(match command {
        Command::Fail { node } => at(Action::Fail, Some(node), None),
        Command::Recover { node } => at(Action::Recover, Some(node), None),
        Command::Slow { node, factor } => Fault {
            factor: Some(*factor),
            ..at(Action::Slow, Some(node), None)
        },
        Command::Outage { dc } => at(Action::DcOutage, None, Some(dc)),
        Command::Restore { dc } => at(Action::DcRestore, None, Some(dc)),
        Command::Rate { users: named, rps } => Fault {
            rate_rps: Some(*rps),
            ..at(Action::SetRate, users(named).as_ref(), None)
        },
        Command::Spike {
            users: named,
            factor,
            seconds,
        } => super::traffic::spike_fault(
            &users(named)?,
            (factor.unwrap_or(to.spike.0), seconds.unwrap_or(to.spike.1)),
        ),
        _ => return None,
    })
}

/// What the dock's controls do, for a remote request to do the same.
pub struct Controls {
    /// Play/Pause.
    pub toggle: Callback<()>,
    /// What the fault buttons and traffic controls call.
    pub inject: Callback<Fault>,
    /// The Reset button.
    pub reset: Callback<()>,
    /// Choose the speed at this index of `SPEEDS`.
    pub speed: Callback<usize>,
    /// A host page's command was refused: its id and why.
    pub refused: Callback<(Option<serde_json::Value>, String)>,
}

/// A host page's command, done as its control does it, or refused with the reason.
fn host(request: &Request, to: &Targets, c: &Controls) -> Result<(), String> {
    match &request.command {
        Command::Play if to.playing => {}
        Command::Play if to.can_play => c.toggle.emit(()),
        Command::Play => {
            return Err(format!(
                "\"play\": the design cannot run yet: {}",
                to.blocked.as_deref().unwrap_or("it has nothing to run")
            ))
        }
        Command::Pause if to.playing => c.toggle.emit(()),
        Command::Pause => {}
        Command::Reset => c.reset.emit(()),
        Command::Speed(s) => c.speed.emit(host_api::offered_speed(*s, &speeds())?),
        Command::Select { .. } | Command::Load { .. } => {}
        other => {
            let fault = host_fault(other, to)
                .ok_or("this design has no users node for the traffic controls to act on")?;
            if !to.has_run {
                return Err(format!(
                    "nothing is running to apply it to: the design cannot run yet: {}",
                    to.blocked.as_deref().unwrap_or("it has nothing to run")
                ));
            }
            c.inject.emit(fault);
        }
    }
    Ok(())
}

/// The speeds the run controls offer.
fn speeds() -> Vec<scaleboard_sim::run::Speed> {
    SPEEDS.iter().map(|s| s.1).collect()
}

/// Acts on each new request (a fresh number) once, through the dock's own `controls`.
#[hook]
pub fn use_remote(remote: Option<Rc<(u32, Remote)>>, targets: Targets, controls: Controls) {
    use_effect_with(remote.as_ref().map(|r| r.0), move |_| {
        match remote.as_ref().map(|r| &r.1) {
            Some(Remote::PlayPause) if targets.can_play => controls.toggle.emit(()),
            Some(Remote::Host(request)) => {
                if let Err(why) = host(request, &targets, &controls) {
                    controls.refused.emit((request.id.clone(), why));
                }
            }
            Some(r) => {
                if let Some(f) = fault_for(r, &targets) {
                    controls.inject.emit(f);
                }
            }
            None => {}
        }
    });
}
