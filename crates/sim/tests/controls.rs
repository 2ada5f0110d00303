//! `controls=` of an embed: the list read into typed controls, checked against the built-in
//! designs, every item that cannot be shown a readable problem with its place and the choices.

use scaleboard_sim::controls::{engaged, parse, Control, Problem, Why};
use scaleboard_sim::{Action, Fault, Scenario};

fn builtin(name: &str) -> Scenario {
    let path = format!(
        "{}/../../static/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = std::fs::read_to_string(&path).expect("a built-in scenario");
    scaleboard_sim::load(&json).expect("the built-in scenario loads")
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

#[test]
fn the_issue_example_reads_into_three_controls() {
    let doc = builtin("08-two-data-centers");
    let l = parse("rate,fail:cache-us,outage:dc-us", &doc, true);
    assert_eq!(l.problems, vec![]);
    assert_eq!(
        l.controls,
        vec![
            Control::Rate("users-us".into()),
            Control::Fail("cache-us".into()),
            Control::Outage("dc-us".into()),
        ],
        "a bare `rate` is the document's first users node, as the dock's traffic controls'"
    );
    assert!(!l.play_implied);
}

#[test]
fn every_word_of_the_vocabulary() {
    let doc = builtin("08-two-data-centers");
    let l = parse(
        "play, reset ,speed,rate:users-us,spike:users-eu,fail:lb-us,slow:db-eu,outage:dc-eu",
        &doc,
        true,
    );
    assert!(l.problems.is_empty(), "{:?}", messages(&l.problems));
    assert_eq!(
        l.controls,
        vec![
            Control::Play,
            Control::Reset,
            Control::Speed,
            Control::Rate("users-us".into()),
            Control::Spike("users-eu".into()),
            Control::Fail("lb-us".into()),
            Control::Slow("db-eu".into()),
            Control::Outage("dc-eu".into()),
        ]
    );
}

#[test]
fn none_shows_nothing_with_autoplay() {
    let doc = builtin("05-cache");
    let l = parse("none", &doc, true);
    assert_eq!(l, Default::default());
}

#[test]
fn without_autoplay_play_is_implied_so_the_figure_can_start() {
    let doc = builtin("05-cache");
    let l = parse("none", &doc, false);
    assert_eq!(l.controls, vec![Control::Play]);
    assert!(l.play_implied);
    assert!(l.problems.is_empty());
    let l = parse("rate,fail:cache", &doc, false);
    assert_eq!(l.controls[0], Control::Play, "Play comes first");
    assert_eq!(l.controls.len(), 3);
    // Listed by the author: kept where it was written, not implied.
    let l = parse("fail:cache,play", &doc, false);
    assert_eq!(
        l.controls,
        vec![Control::Fail("cache".into()), Control::Play]
    );
    assert!(!l.play_implied);
}

#[test]
fn reset_implies_play_even_with_autoplay_since_reset_stops_the_run() {
    let doc = builtin("05-cache");
    let l = parse("rate,reset", &doc, true);
    assert_eq!(
        l.controls[0],
        Control::Play,
        "Play first, so the reader can start it again"
    );
    assert_eq!(l.controls.len(), 3);
    assert!(l.play_implied);
    // Without reset, autoplay keeps the list as written.
    let l = parse("rate,fail:cache", &doc, true);
    assert!(!l.controls.contains(&Control::Play));
    assert!(!l.play_implied);
}

#[test]
fn a_mistyped_node_and_an_unknown_word_are_named_with_place_and_choices() {
    let doc = builtin("05-cache");
    let l = parse("rate,fail:cahce,bogus", &doc, true);
    assert_eq!(
        l.controls,
        vec![Control::Rate("users".into())],
        "the valid item still shows"
    );
    let m = messages(&l.problems);
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(
        m[0],
        "controls: 'fail:cahce' (item 2) — no node 'cahce' in this design (did you mean 'cache'?); \
         nodes that fit: cache, db, db-r1, db-r2, db-r3, dns, lb, web-1, web-2, web-3, web-4"
    );
    assert!(m[1].starts_with("controls: 'bogus' (item 3) — not a control; the controls are: play, reset, speed, rate"), "{}", m[1]);
    assert_eq!(l.problems[1].why, Why::Unknown);
}

#[test]
fn a_users_node_cannot_fail_and_rate_needs_a_users_node() {
    let doc = builtin("05-cache");
    let l = parse("fail:users,slow:users,rate:cache,spike:nobody", &doc, true);
    assert!(l.controls.is_empty());
    let whys: Vec<&Why> = l.problems.iter().map(|p| &p.why).collect();
    assert!(matches!(whys[0], Why::CannotFail { id, .. } if id == "users"));
    assert!(matches!(whys[1], Why::CannotFail { .. }));
    assert!(
        matches!(whys[2], Why::NotUsers { id, choices } if id == "cache" && choices == &["users"])
    );
    assert!(matches!(whys[3], Why::NoNode { id, near: None, .. } if id == "nobody"));
    let m = messages(&l.problems);
    assert!(
        m[0].contains("'users' is a users node, which cannot fail"),
        "{}",
        m[0]
    );
    assert!(
        m[2].ends_with("'cache' is not a users node; users nodes: users"),
        "{}",
        m[2]
    );
}

#[test]
fn a_design_without_users_or_data_centers_says_so() {
    let mut doc = builtin("05-cache");
    doc.nodes.retain(|n| n.id != "users");
    let l = parse("rate,outage:dc-us", &doc, true);
    assert!(l.controls.is_empty());
    let m = messages(&l.problems);
    assert_eq!(
        m[0],
        "controls: 'rate' (item 1) — this design has no users node to set the rate of"
    );
    assert_eq!(
        m[1],
        "controls: 'outage:dc-us' (item 2) — no data center 'dc-us' in this design; data centers: none"
    );
}

#[test]
fn a_mistyped_data_center_is_matched() {
    let doc = builtin("08-two-data-centers");
    let l = parse("outage:dc-usa", &doc, true);
    assert_eq!(
        l.problems[0].to_string(),
        "controls: 'outage:dc-usa' (item 1) — no data center 'dc-usa' in this design (did you mean 'dc-us'?); data centers: dc-eu, dc-us"
    );
}

#[test]
fn targets_missing_or_not_wanted() {
    let doc = builtin("05-cache");
    let l = parse("fail,outage:,play:now", &doc, true);
    assert!(l.controls.is_empty());
    let m = messages(&l.problems);
    assert_eq!(
        m[0],
        "controls: 'fail' (item 1) — needs the node it acts on, as fail:<node id>"
    );
    assert_eq!(m[1], "controls: 'outage:' (item 2) — needs the data center it acts on, as outage:<data center id>");
    assert_eq!(
        m[2],
        "controls: 'play:now' (item 3) — acts on the whole run; write just 'play'"
    );
}

#[test]
fn repeats_none_with_others_and_empty_lists() {
    let doc = builtin("05-cache");
    let l = parse("fail:cache,none,FAIL:cache", &doc, true);
    assert_eq!(
        l.controls,
        vec![Control::Fail("cache".into())],
        "keywords in any case"
    );
    let m = messages(&l.problems);
    assert_eq!(
        m[0],
        "controls: 'none' (item 2) — 'none' with other controls; the others are shown"
    );
    assert_eq!(
        m[1],
        "controls: 'FAIL:cache' (item 3) — already listed as item 1; shown once"
    );
    // Stray commas are nothing to report; places still count them, as the author wrote them.
    let l = parse("rate,,bogus,", &doc, true);
    assert_eq!(l.problems[0].position, 3);
    let l = parse(" , ", &doc, true);
    assert_eq!(l.controls, vec![]);
    assert_eq!(l.problems[0].why, Why::Empty);
    assert!(l.problems[0].to_string().contains("the list is empty"));
}

#[test]
fn long_choice_lists_are_cut_short() {
    let doc = builtin("11-millions");
    let l = parse("fail:zzz", &doc, true);
    let m = l.problems[0].to_string();
    assert!(
        m.contains(" more"),
        "a design of many nodes lists a dozen and counts the rest: {m}"
    );
}

fn fault(action: Action, node: Option<&str>, dc: Option<&str>, factor: Option<f64>) -> Fault {
    Fault {
        at_s: 0.0,
        action,
        node: node.map(Into::into),
        dc: dc.map(Into::into),
        factor,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    }
}

#[test]
fn a_toggle_follows_the_last_fault_on_its_target() {
    let fail = Control::Fail("cache".into());
    assert!(!engaged(&fail, &[]));
    let failed = [fault(Action::Fail, Some("cache"), None, None)];
    assert!(engaged(&fail, &failed));
    let recovered = [
        fault(Action::Fail, Some("cache"), None, None),
        fault(Action::Slow, Some("cache"), None, Some(4.0)),
        fault(Action::Recover, Some("cache"), None, None),
    ];
    assert!(!engaged(&fail, &recovered));
    assert!(
        !engaged(&Control::Fail("db".into()), &failed),
        "another node's fault"
    );

    let slow = Control::Slow("cache".into());
    assert!(
        engaged(&slow, &recovered),
        "Recover does not undo a slow-down"
    );
    let normal = [
        fault(Action::Slow, Some("cache"), None, Some(4.0)),
        fault(Action::Slow, Some("cache"), None, Some(1.0)),
    ];
    assert!(!engaged(&slow, &normal));

    let out = Control::Outage("dc-us".into());
    let marks = [
        fault(Action::DcOutage, None, Some("dc-us"), None),
        fault(Action::DcRestore, None, Some("dc-eu"), None),
    ];
    assert!(engaged(&out, &marks));
    assert!(!engaged(&Control::Outage("dc-eu".into()), &marks));
    assert!(!engaged(&Control::Play, &marks));
}
