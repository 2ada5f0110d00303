//! The embed's host-page API, decided natively: message text in, a typed command or the
//! readable problem a host page's developer gets out; checks against a design's ids; events
//! encoded as the JSON objects posted to the host page. The browser side is
//! e2e/tests/embed-api.test.mjs.

use scaleboard_sim::host_api::{
    check, decode, encode, offered_speed, parse_origin, Command, Event, Problem, Request, Tick,
    VERSION,
};
use scaleboard_sim::run::Speed;
use scaleboard_sim::*;
use serde_json::{json, Value};

fn builtin(name: &str) -> Scenario {
    let path = format!(
        "{}/../../static/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    load(&std::fs::read_to_string(path).expect("scenario file")).expect("loads")
}

fn ok(text: &str) -> Request {
    decode(text).unwrap_or_else(|p| panic!("{text} should decode, got: {}", p.message))
}

fn problem(text: &str) -> Problem {
    match decode(text) {
        Ok(r) => panic!("{text} should be refused, got {r:?}"),
        Err(p) => p,
    }
}

#[test]
fn every_command_type_decodes_with_its_fields_and_id() {
    let cases: Vec<(Value, Command)> = vec![
        (json!({"type": "play"}), Command::Play),
        (json!({"type": "pause"}), Command::Pause),
        (json!({"type": "reset"}), Command::Reset),
        (
            json!({"type": "speed", "times": 2}),
            Command::Speed(Speed::Times(2.0)),
        ),
        (
            json!({"type": "speed", "times": "max"}),
            Command::Speed(Speed::Max),
        ),
        (
            json!({"type": "rate", "rps": 9000}),
            Command::Rate {
                users: None,
                rps: 9000.0,
            },
        ),
        (
            json!({"type": "rate", "rps": 10, "users": "users-eu"}),
            Command::Rate {
                users: Some("users-eu".into()),
                rps: 10.0,
            },
        ),
        (
            json!({"type": "spike", "factor": 3, "seconds": 20}),
            Command::Spike {
                users: None,
                factor: Some(3.0),
                seconds: Some(20.0),
            },
        ),
        (
            json!({"type": "spike"}),
            Command::Spike {
                users: None,
                factor: None,
                seconds: None,
            },
        ),
        (
            json!({"type": "fail", "node": "cache"}),
            Command::Fail {
                node: "cache".into(),
            },
        ),
        (
            json!({"type": "recover", "node": "cache"}),
            Command::Recover {
                node: "cache".into(),
            },
        ),
        (
            json!({"type": "slow", "node": "db", "factor": 4}),
            Command::Slow {
                node: "db".into(),
                factor: 4.0,
            },
        ),
        (
            json!({"type": "outage", "dc": "dc-us"}),
            Command::Outage { dc: "dc-us".into() },
        ),
        (
            json!({"type": "restore", "dc": "dc-us"}),
            Command::Restore { dc: "dc-us".into() },
        ),
        (
            json!({"type": "select", "node": "lb"}),
            Command::Select { node: "lb".into() },
        ),
    ];
    for (i, (mut msg, want)) in cases.into_iter().enumerate() {
        msg["scaleboard"] = json!(1);
        msg["id"] = json!(i);
        let r = ok(&msg.to_string());
        assert_eq!(r.command, want, "{msg}");
        assert_eq!(r.id, Some(json!(i)), "the id comes along: {msg}");
    }
}

#[test]
fn load_takes_a_document_as_an_object_or_as_text_and_validates_it_like_a_file() {
    let doc = builtin("08-two-data-centers");
    let text = doc.to_json();
    let as_object: Value = serde_json::from_str(&text).expect("json");
    for scenario in [as_object, Value::String(text)] {
        let msg = json!({"scaleboard": 1, "type": "load", "scenario": scenario});
        match ok(&msg.to_string()).command {
            Command::Load { scenario } => assert_eq!(*scenario, doc),
            other => panic!("not a load: {other:?}"),
        }
    }
    // A document with a problem is refused with the same words a file gets, every problem.
    let mut bad: Value = serde_json::from_str(&doc.to_json()).expect("json");
    bad["nodes"][5]["workers"] = json!(0);
    bad["wires"][0]["to"] = json!("nowhere");
    let p =
        problem(&json!({"scaleboard": 1, "type": "load", "scenario": bad, "id": "x"}).to_string());
    assert_eq!(p.id, Some(json!("x")));
    assert!(p.message.contains("not loaded"), "{}", p.message);
    assert!(p.message.contains("workers"), "{}", p.message);
    assert!(p.message.contains("nowhere"), "{}", p.message);
    let p = problem(r#"{"scaleboard": 1, "type": "load", "scenario": "{ not json"}"#);
    assert!(p.message.contains("line 1"), "{}", p.message);
    let p = problem(r#"{"scaleboard": 1, "type": "load", "scenario": 5}"#);
    assert!(p.message.contains("scenario document"), "{}", p.message);
}

#[test]
fn what_is_not_a_command_says_what_is_wrong() {
    let p = problem("kill the cache");
    assert!(p.message.contains("not JSON"), "{}", p.message);
    assert_eq!(p.id, None);
    let p = problem("[1, 2]");
    assert!(
        p.message.contains("JSON object") && p.message.contains("a list"),
        "{}",
        p.message
    );
    let p = problem(r#"{"type": "play", "id": 3}"#);
    assert!(
        p.message.contains("\"scaleboard\": 1 is missing"),
        "{}",
        p.message
    );
    assert_eq!(
        p.id,
        Some(json!(3)),
        "the id is echoed whenever it could be read"
    );
    let p = problem(r#"{"scaleboard": 2, "type": "play"}"#);
    assert!(
        p.message.contains(&format!("speaks version {VERSION}"))
            && p.message.contains("not \"scaleboard\": 2"),
        "{}",
        p.message
    );
    let p = problem(r#"{"scaleboard": 1, "type": "explode"}"#);
    assert!(
        p.message.contains("unknown command type \"explode\""),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("play, pause, reset"),
        "names the valid types: {}",
        p.message
    );
    let p = problem(r#"{"scaleboard": 1}"#);
    assert!(p.message.contains("\"type\" is missing"), "{}", p.message);
    let p = problem(r#"{"scaleboard": 1, "type": 4}"#);
    assert!(p.message.contains("must be a string"), "{}", p.message);
    // An id is a number or a string; anything else is refused, not echoed back.
    for bad in [r#"{"a": 1}"#, "[1]", "true"] {
        let p = problem(&format!(
            r#"{{"scaleboard": 1, "type": "fail", "node": "cache", "id": {bad}}}"#
        ));
        assert!(
            p.message.contains("\"id\" is a number or a string"),
            "{}",
            p.message
        );
        assert_eq!(p.id, None, "a refused id is not echoed");
    }
    assert_eq!(
        ok(r#"{"scaleboard": 1, "type": "play", "id": "k-1"}"#).id,
        Some(json!("k-1"))
    );
}

#[test]
fn missing_misspelt_and_out_of_range_fields_are_named() {
    let cases = [
        (
            r#"{"scaleboard":1,"type":"fail"}"#,
            "\"fail\" needs \"node\"",
        ),
        (
            r#"{"scaleboard":1,"type":"fail","nod":"cache"}"#,
            "does not take \"nod\" (it takes node)",
        ),
        (
            r#"{"scaleboard":1,"type":"play","node":"x"}"#,
            "\"play\" does not take \"node\" (it takes no fields)",
        ),
        (
            r#"{"scaleboard":1,"type":"fail","node":7}"#,
            "must be the id of a node (a string), not the number 7",
        ),
        (
            r#"{"scaleboard":1,"type":"fail","node":""}"#,
            "must be the id of a node",
        ),
        (
            r#"{"scaleboard":1,"type":"outage"}"#,
            "the id of a data center",
        ),
        (
            r#"{"scaleboard":1,"type":"rate"}"#,
            "\"rate\" needs \"rps\" [requests/s]",
        ),
        (
            r#"{"scaleboard":1,"type":"rate","rps":0}"#,
            "from 1 to 1000000 [requests/s], not 0",
        ),
        (
            r#"{"scaleboard":1,"type":"rate","rps":"lots"}"#,
            "not \"lots\"",
        ),
        (
            r#"{"scaleboard":1,"type":"spike","factor":5000}"#,
            "\"factor\" must be a number from 1 to 1000",
        ),
        (
            r#"{"scaleboard":1,"type":"spike","seconds":0.5}"#,
            "from 1 to 3600 [s]",
        ),
        (
            r#"{"scaleboard":1,"type":"slow","node":"db"}"#,
            "\"slow\" needs \"factor\"",
        ),
        (
            r#"{"scaleboard":1,"type":"speed"}"#,
            "\"speed\" needs \"times\"",
        ),
        (
            r#"{"scaleboard":1,"type":"speed","times":-1}"#,
            "a number above 0) or \"max\"",
        ),
        (
            r#"{"scaleboard":1,"type":"speed","times":"fast"}"#,
            "not \"fast\"",
        ),
        (
            r#"{"scaleboard":1,"type":"load"}"#,
            "\"load\" needs \"scenario\"",
        ),
    ];
    for (text, says) in cases {
        let p = problem(text);
        assert!(
            p.message.contains(says),
            "{text}: {} (wanted: {says})",
            p.message
        );
    }
}

#[test]
fn commands_are_checked_against_the_design_and_name_the_ids_that_would_do() {
    let doc = builtin("05-cache");
    let refuse = |c: Command| check(&c, &doc).expect_err("refused");
    let m = refuse(Command::Fail {
        node: "cach".into(),
    });
    assert!(m.contains("no node \"cach\""), "{m}");
    assert!(
        m.contains("lb, web-1") && m.contains("cache, db"),
        "names the nodes that can fail: {m}"
    );
    assert!(!m.contains("users,"), "a users node cannot fail: {m}");
    let m = refuse(Command::Fail {
        node: "users".into(),
    });
    assert!(
        m.contains("does not apply to \"users\" (a users node)"),
        "{m}"
    );
    let m = refuse(Command::Slow {
        node: "users".into(),
        factor: 2.0,
    });
    assert!(m.contains("does not apply"), "{m}");
    let m = refuse(Command::Rate {
        users: Some("cache".into()),
        rps: 5.0,
    });
    assert!(
        m.contains("does not apply to \"cache\" (a cache node); its users nodes: users"),
        "{m}"
    );
    let m = refuse(Command::Outage { dc: "dc-us".into() });
    assert!(m.contains("no data centers"), "{m}");
    let m = refuse(Command::Select {
        node: "nope".into(),
    });
    assert!(m.contains("its nodes: users, dns, lb"), "{m}");
    for c in [
        Command::Fail {
            node: "cache".into(),
        },
        Command::Recover { node: "db".into() },
        Command::Slow {
            node: "db-r1".into(),
            factor: 4.0,
        },
        Command::Select {
            node: "users".into(),
        },
        Command::Rate {
            users: None,
            rps: 100.0,
        },
        Command::Spike {
            users: Some("users".into()),
            factor: None,
            seconds: None,
        },
        Command::Play,
        Command::Speed(Speed::Max),
    ] {
        assert_eq!(check(&c, &doc), Ok(()), "{c:?}");
    }
    let dcs = builtin("08-two-data-centers");
    assert_eq!(check(&Command::Outage { dc: "dc-us".into() }, &dcs), Ok(()));
    let m = check(
        &Command::Restore {
            dc: "dc-mars".into(),
        },
        &dcs,
    )
    .expect_err("refused");
    assert!(
        m.contains("no data center \"dc-mars\"") && m.contains("dc-us, dc-eu"),
        "{m}"
    );
    // A design without users: rate has nothing to act on.
    let mut no_users = doc.clone();
    no_users.nodes.retain(|n| n.kind != Kind::Users);
    let m = check(
        &Command::Rate {
            users: None,
            rps: 5.0,
        },
        &no_users,
    )
    .expect_err("refused");
    assert!(m.contains("no users node"), "{m}");
}

#[test]
fn speeds_are_those_the_run_controls_offer() {
    let offered = [
        Speed::Times(0.5),
        Speed::Times(1.0),
        Speed::Times(2.0),
        Speed::Max,
    ];
    assert_eq!(offered_speed(Speed::Times(2.0), &offered), Ok(2));
    assert_eq!(offered_speed(Speed::Max, &offered), Ok(3));
    let m = offered_speed(Speed::Times(3.0), &offered).expect_err("refused");
    assert!(
        m.contains("3 is not one of") && m.contains("0.5, 1, 2, \"max\""),
        "{m}"
    );
}

#[test]
fn events_are_versioned_objects_with_their_fields_and_units() {
    let doc = builtin("08-two-data-centers");
    let ready = encode(&Event::Ready(&doc));
    assert_eq!(ready["scaleboard"], json!(1));
    assert_eq!(ready["event"], json!("ready"));
    assert_eq!(ready["scenario"], json!(doc.name));
    assert_eq!(
        ready["nodes"].as_array().map(Vec::len),
        Some(doc.nodes.len())
    );
    assert_eq!(ready["users"], json!(["users-us", "users-eu"]));
    assert_eq!(ready["data_centers"], json!(["dc-us", "dc-eu"]));
    let loaded = encode(&Event::Loaded(&doc, Some(json!(9))));
    assert_eq!(
        (loaded["event"].clone(), loaded["id"].clone()),
        (json!("loaded"), json!(9))
    );

    let tick = encode(&Event::Tick(Tick {
        clock_s: 12.5,
        p50_ms: Some(3.0),
        p99_ms: Some(40.0),
        good_pct: Some(99.5),
        ok_rps: Some(4400.0),
        errors_rps: Some(0.0),
    }));
    assert_eq!(
        tick,
        json!({"scaleboard": 1, "event": "tick", "clock_s": 12.5, "p50_ms": 3.0, "p99_ms": 40.0,
               "good_pct": 99.5, "ok_rps": 4400.0, "errors_rps": 0.0})
    );
    // Before any request finished the figures are null, not zero.
    let early = encode(&Event::Tick(Tick::default()));
    assert_eq!(early["p99_ms"], Value::Null);

    let fault = Fault {
        at_s: 7.25,
        action: Action::Fail,
        node: Some("cache".into()),
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    };
    assert_eq!(
        encode(&Event::Fault(&fault)),
        json!({"scaleboard": 1, "event": "fault", "at_s": 7.25, "action": "fail", "node": "cache"})
    );
    // The engine's float clock, to the microsecond.
    let noisy = Fault {
        at_s: 0.11329999999981372,
        ..fault.clone()
    };
    assert_eq!(encode(&Event::Fault(&noisy))["at_s"], json!(0.1133));
    let p = Problem {
        id: Some(json!("a")),
        message: "no".into(),
    };
    assert_eq!(
        encode(&Event::Problem(&p)),
        json!({"scaleboard": 1, "event": "problem", "message": "no", "id": "a"})
    );
    let anonymous = encode(&Event::Problem(&Problem {
        id: None,
        message: "no".into(),
    }));
    assert!(
        anonymous.get("id").is_none(),
        "no id when the command had none"
    );
}

#[test]
fn origins_are_written_as_the_browser_reports_them() {
    assert_eq!(
        parse_origin("https://docs.example.com"),
        Ok("https://docs.example.com".into())
    );
    assert_eq!(
        parse_origin("https://Docs.Example.com/"),
        Ok("https://docs.example.com".into())
    );
    assert_eq!(
        parse_origin("http://127.0.0.1:8080"),
        Ok("http://127.0.0.1:8080".into())
    );
    for bad in [
        "docs.example.com",
        "https://docs.example.com/page",
        "https://",
        "",
        "*",
        "null",
    ] {
        let m = parse_origin(bad).expect_err(bad);
        assert!(m.contains("scheme://host[:port]"), "{bad}: {m}");
    }
}

#[test]
fn no_message_makes_the_decoder_panic() {
    // Odd but possible messages from a host page: each is a command or a problem, never a panic.
    for text in [
        "",
        "null",
        "0",
        "\"play\"",
        "{}",
        "{\"scaleboard\": null}",
        "{\"scaleboard\": 1.5, \"type\": \"play\"}",
        "{\"scaleboard\": -1}",
        "{\"scaleboard\": 1, \"type\": \"rate\", \"rps\": 1e400}",
        "{\"scaleboard\": 1, \"type\": \"load\", \"scenario\": {}}",
        "{\"scaleboard\": 1, \"type\": \"select\", \"node\": null}",
    ] {
        let _ = decode(text);
    }
    assert!(decode("{\"scaleboard\": 1, \"type\": \"load\", \"scenario\": {}}").is_err());
}
