//! Edits during a run: each is classified as nothing, live, reseed, or restart.

use scaleboard_sim::live::{classify, Change};
use scaleboard_sim::{load, Action, Fault, Scenario};

fn single_server() -> Scenario {
    load(include_str!(
        "../../../static/scenarios/01-single-server.json"
    ))
    .expect("scenario 01 loads")
}

fn fault(at_s: f64, action: Action, node: &str) -> Fault {
    Fault {
        at_s,
        action,
        node: Some(node.to_string()),
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    }
}

#[test]
fn moving_and_renaming_change_nothing_the_engine_sees() {
    let running = single_server();
    let mut new = running.clone();
    new.nodes[2].x += 160.0;
    new.nodes[2].name = "The one box".into();
    new.description = "edited".into();
    assert_eq!(classify(&running, &new, &[]), Change::None);
}

#[test]
fn a_rate_change_applies_live_as_a_set_rate() {
    let running = single_server();
    let mut new = running.clone();
    let users = new
        .nodes
        .iter_mut()
        .find(|n| n.id == "users")
        .expect("users node");
    users.rate_rps = Some(450.0);
    match classify(&running, &new, &[]) {
        Change::Live(faults) => {
            assert_eq!(faults.len(), 1);
            assert_eq!(faults[0].action, Action::SetRate);
            assert_eq!(faults[0].node.as_deref(), Some("users"));
            assert_eq!(faults[0].rate_rps, Some(450.0));
        }
        other => panic!("expected a live change, got {other:?}"),
    }
}

#[test]
fn resetting_a_rate_to_its_default_needs_a_restart() {
    let running = single_server();
    let mut new = running.clone();
    new.nodes
        .iter_mut()
        .find(|n| n.id == "users")
        .expect("users")
        .rate_rps = None;
    assert_eq!(classify(&running, &new, &[]), Change::Restart);
}

#[test]
fn faults_injected_live_and_recorded_in_the_document_change_nothing() {
    let running = single_server();
    let injected = vec![
        fault(12.5, Action::Fail, "server"),
        fault(20.0, Action::Recover, "server"),
    ];
    let mut new = running.clone();
    // Recorded in another order than they were injected.
    new.faults.push(injected[1].clone());
    new.faults.push(injected[0].clone());
    assert_eq!(classify(&running, &new, &injected), Change::None);
}

#[test]
fn a_fault_added_to_the_document_but_not_injected_needs_a_restart() {
    let running = single_server();
    let mut new = running.clone();
    new.faults.push(fault(30.0, Action::Fail, "server"));
    assert_eq!(classify(&running, &new, &[]), Change::Restart);
}

#[test]
fn a_parameter_or_wiring_change_needs_a_restart() {
    let running = single_server();
    let mut more_workers = running.clone();
    more_workers.nodes[2].workers = Some(16);
    assert_eq!(classify(&running, &more_workers, &[]), Change::Restart);
    let mut rewired = running.clone();
    rewired.wires.pop();
    assert_eq!(classify(&running, &rewired, &[]), Change::Restart);
    let mut fewer = running.clone();
    fewer.nodes.pop();
    assert_eq!(classify(&running, &fewer, &[]), Change::Restart);
}

#[test]
fn a_new_seed_restarts_the_same_design() {
    let running = single_server();
    let mut new = running.clone();
    new.seed += 1;
    assert_eq!(classify(&running, &new, &[]), Change::Reseed);
}
