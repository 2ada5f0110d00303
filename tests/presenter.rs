//! Presenter mode's keys against the app's own paths: the journey step a key opens, the drill it
//! sends (the lesson button's), and the fault each run key injects (the dock button's).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use scaleboard::run::remote::{fault_for, Remote, Targets};
use scaleboard::workshop::keys::{drill_for, neighbour_step};
use scaleboard_sim::host_api::{decode, Command};
use scaleboard_sim::Action;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn left_and_right_walk_the_journey_and_stop_at_its_ends() {
    assert_eq!(
        neighbour_step(Some("11-millions"), false).as_deref(),
        Some("10-sharding")
    );
    assert_eq!(
        neighbour_step(Some("11-millions"), true).as_deref(),
        Some("12-retry-storm")
    );
    assert_eq!(
        neighbour_step(Some("12-retry-storm"), true).as_deref(),
        Some("12b-retry-budget"),
        "the comparison next, as 07b follows 07"
    );
    assert_eq!(neighbour_step(Some("13-rate-limit"), true), None);
    assert_eq!(neighbour_step(Some("01-single-server"), false), None);
    assert_eq!(
        neighbour_step(Some("01-single-server"), true).as_deref(),
        Some("02-web-and-db")
    );
    assert_eq!(neighbour_step(None, true), None, "a design off the journey");
}

#[wasm_bindgen_test]
fn d_sends_the_drill_the_lesson_button_offers_until_it_is_scheduled() {
    let j = scaleboard::lesson::the_journey().expect("the compiled-in lessons parse");
    let own = j.lesson("11-millions").expect("step 11").drill.clone();
    assert!(!own.is_empty());
    assert_eq!(
        drill_for(Some("11-millions"), false, &[]),
        Some(own.clone())
    );
    // Scheduled already: the button is disabled, and D does nothing either.
    assert_eq!(drill_for(Some("11-millions"), false, &own), None);
    // The scale-up step once scaled up: the scaled design's drill.
    let scale = j.scale_up.scenario.clone();
    assert_eq!(
        drill_for(Some(&scale), true, &[]),
        Some(j.scale_up.drill.clone())
    );
    assert_eq!(drill_for(None, false, &[]), None);
}

#[wasm_bindgen_test]
fn run_keys_inject_what_the_dock_buttons_inject() {
    let mut to = Targets {
        can_play: true,
        playing: false,
        has_run: true,
        blocked: None,
        users: Some("users".into()),
        node: Some("web".into()),
        dc: None,
        spike: (5.0, 10.0),
    };
    let spike = fault_for(&Remote::Spike, &to).expect("a spike");
    assert_eq!(spike.action, Action::Spike);
    assert_eq!(spike.node.as_deref(), Some("users"));
    assert_eq!((spike.factor, spike.duration_s), (Some(5.0), Some(10.0)));
    let fail = fault_for(&Remote::Fail, &to).expect("a failure");
    assert_eq!(
        (fail.action, fail.node.as_deref()),
        (Action::Fail, Some("web"))
    );
    let back = fault_for(&Remote::Recover, &to).expect("a recovery");
    assert_eq!(back.action, Action::Recover);
    assert_eq!(fault_for(&Remote::PlayPause, &to), None);
    // A data center selected instead: its outage and restore.
    to.node = None;
    to.dc = Some("dc-us".into());
    assert_eq!(
        fault_for(&Remote::Fail, &to).map(|f| (f.action, f.dc)),
        Some((Action::DcOutage, Some("dc-us".into())))
    );
    assert_eq!(
        fault_for(&Remote::Recover, &to).map(|f| f.action),
        Some(Action::DcRestore)
    );
    // Nothing selected, no users: no button, no fault.
    to.dc = None;
    to.users = None;
    assert_eq!(fault_for(&Remote::Fail, &to), None);
    assert_eq!(fault_for(&Remote::Spike, &to), None);
}

#[wasm_bindgen_test]
fn host_commands_inject_what_the_dock_controls_inject() {
    let to = Targets {
        can_play: true,
        playing: true,
        has_run: true,
        blocked: None,
        users: Some("users".into()),
        node: None,
        dc: None,
        spike: (5.0, 10.0),
    };
    let host = |text: &str| {
        let request = decode(text).unwrap_or_else(|p| panic!("{text}: {}", p.message));
        fault_for(&Remote::Host(Rc::new(request)), &to)
    };
    let f = host(r#"{"scaleboard":1,"type":"fail","node":"cache"}"#).expect("a failure");
    assert_eq!((f.action, f.node.as_deref()), (Action::Fail, Some("cache")));
    let f = host(r#"{"scaleboard":1,"type":"slow","node":"db","factor":4}"#).expect("slow");
    assert_eq!((f.action, f.factor), (Action::Slow, Some(4.0)));
    // The traffic controls' users node when none is named, and their spike when none is given.
    let f = host(r#"{"scaleboard":1,"type":"rate","rps":900}"#).expect("a rate");
    assert_eq!(
        (f.action, f.node.as_deref(), f.rate_rps),
        (Action::SetRate, Some("users"), Some(900.0))
    );
    let f = host(r#"{"scaleboard":1,"type":"spike","factor":2}"#).expect("a spike");
    assert_eq!((f.factor, f.duration_s), (Some(2.0), Some(10.0)));
    let f = host(r#"{"scaleboard":1,"type":"outage","dc":"dc-us"}"#).expect("an outage");
    assert_eq!(
        (f.action, f.dc.as_deref()),
        (Action::DcOutage, Some("dc-us"))
    );
    // Play, speed and select inject nothing.
    for text in [
        r#"{"scaleboard":1,"type":"play"}"#,
        r#"{"scaleboard":1,"type":"speed","times":2}"#,
        r#"{"scaleboard":1,"type":"select","node":"db"}"#,
    ] {
        assert_eq!(host(text), None, "{text}");
    }
    assert!(matches!(
        decode(r#"{"scaleboard":1,"type":"reset"}"#).map(|r| r.command),
        Ok(Command::Reset)
    ));
}
