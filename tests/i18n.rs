//! The interface in English and Korean: a scenario mounted under each language's context shows
//! that language in the palette, the toolbar, the diagram, the run dock and the numbers panel;
//! and the Korean table is complete (no empty string, nothing left in English by mistake).
#![cfg(target_arch = "wasm32")]

mod support;

use scaleboard::builtin;
use scaleboard::fields::FIELDS;
use scaleboard::i18n::{self, Lang, EN, KO};
use scaleboard::scenario_view::ScenarioView;
use scaleboard_sim::edit::ACTIONS;
use scaleboard_sim::Kind;
use support::{
    appears, clock_s, dock_button, one, press, ready, root, select_node, text_when, type_into,
    until,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct InLangProps {
    lang: Lang,
    json: AttrValue,
}

/// A scenario under a language, as the app provides it.
#[function_component(InLang)]
fn in_lang(p: &InLangProps) -> Html {
    html! {
        <ContextProvider<Lang> context={p.lang}>
            <ScenarioView title="Scenario under test" json={p.json.clone()} />
        </ContextProvider<Lang>>
    }
}

async fn mount(lang: Lang, name: &str) -> Element {
    let json = builtin::find(name).expect("a built-in scenario").json;
    mount_json(lang, json).await
}

async fn mount_json(lang: Lang, json: &str) -> Element {
    let el = root();
    let props = InLangProps {
        lang,
        json: json.into(),
    };
    yew::Renderer::<InLang>::with_root_and_props(el.clone(), props).render();
    ready(&el).await;
    el
}

fn text(el: &Element, selector: &str) -> String {
    one(el, selector)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn all(el: &Element, selector: &str, f: impl Fn(&Element) -> String) -> Vec<String> {
    let list = el.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|e| f(&e))
        .collect()
}

fn attr(name: &'static str) -> impl Fn(&Element) -> String {
    move |e| e.get_attribute(name).unwrap_or_default()
}

fn content(e: &Element) -> String {
    e.text_content().unwrap_or_default().trim().to_string()
}

/// Steps the run a few windows so the numbers panel has figures.
async fn step(el: &Element, label: &str) {
    for _ in 0..3 {
        let before = clock_s(el);
        dock_button(el, label).click();
        until(
            &format!("the clock moves on from {before} s after {label}"),
            || clock_s(el) > before,
        )
        .await;
    }
    appears(el, ".numbers dt").await;
}

#[wasm_bindgen_test]
async fn korean_everywhere_with_the_korean_context() {
    let el = mount(Lang::Ko, "05-cache").await;

    // Palette: heading and every kind by its Korean name, with the seed's vocabulary.
    assert_eq!(text(&el, ".palette h2"), "구성 요소");
    let palette = all(&el, ".palette button", attr("aria-label"));
    for name in [
        "사용자",
        "로드밸런서",
        "웹 서버",
        "캐시",
        "데이터베이스",
        "메시지 큐",
        "데이터 센터",
    ] {
        assert!(palette.contains(&name.to_string()), "{name} in {palette:?}");
    }
    assert_eq!(
        all(&el, ".palette button span", content),
        palette,
        "visible names match"
    );

    // Toolbar: accessible names and tooltips with the shortcut.
    let tools = all(&el, ".toolbar button", attr("aria-label"));
    assert!(tools.contains(&"실행 취소".to_string()), "{tools:?}");
    assert!(tools.contains(&"화면에 맞추기".to_string()), "{tools:?}");
    let titles = all(&el, ".toolbar button", attr("title"));
    assert!(
        titles.contains(&"격자에 맞추기 (G)".to_string()),
        "{titles:?}"
    );

    // Diagram: each node's kind line and accessible name.
    let kinds = all(&el, ".node text.kind", content);
    assert!(
        kinds.contains(&"캐시".to_string()) && kinds.contains(&"웹 서버".to_string()),
        "{kinds:?}"
    );
    let nodes = all(&el, ".node", attr("aria-label"));
    assert!(
        nodes.iter().any(|n| n.starts_with("데이터베이스:")),
        "{nodes:?}"
    );

    // Run dock and numbers panel.
    for label in ["재생", "한 단계", "초기화"] {
        dock_button(&el, label);
    }
    assert_eq!(
        text(&el, ".numbers .hint"),
        "재생을 누르면 시뮬레이션이 시작됩니다."
    );
    assert_eq!(
        text(&el, ".hover-readout"),
        "차트 위에 마우스를 올리면 값을 읽을 수 있습니다."
    );
    let captions = all(&el, ".charts figcaption", content);
    assert!(
        captions[0].starts_with("지연 시간") && captions[1].starts_with("처리량"),
        "{captions:?}"
    );
    step(&el, "한 단계").await;
    let heads = all(&el, ".numbers dt", content);
    for h in [
        "p50",
        "p99",
        "성공",
        "실패",
        "오류율",
        "타임아웃",
        "지금 최고 부하",
    ] {
        assert!(heads.contains(&h.to_string()), "{h} in {heads:?}");
    }
    let cols = all(&el, ".node-table thead th", content);
    assert_eq!(&cols[..5], ["노드", "상태", "사용률", "대기열", "유입"]);
    let states = all(&el, ".node-table td[data-col=state]", content);
    assert!(states.iter().all(|s| s == "정상"), "{states:?}");
    assert!(all(&el, ".node-table td[data-col=extra]", content)
        .iter()
        .any(|x| x.starts_with("적중 ")));

    // A journey step shows its lesson in Korean, with the properties one tab away.
    let tabs = all(&el, ".side .tabs button", content);
    assert_eq!(tabs, ["학습", "속성"]);
    assert!(text(&el, "article.lesson").contains("무엇이 바뀌었나"));
    one(&el, ".side .tabs button:last-child")
        .dyn_ref::<HtmlElement>()
        .expect("a button")
        .click();
    text_when(
        &el,
        ".inspector",
        "the properties tab's hint in Korean",
        |t| t.contains("구성 요소를 선택하면"),
    )
    .await;
}

#[wasm_bindgen_test]
async fn english_stays_as_it_was_with_the_english_context() {
    let el = mount(Lang::En, "05-cache").await;
    assert_eq!(text(&el, ".palette h2"), "Components");
    let palette = all(&el, ".palette button", attr("aria-label"));
    for k in Kind::ALL {
        assert!(
            palette.contains(&k.label().to_string()),
            "{} in {palette:?}",
            k.label()
        );
    }
    let tools = all(&el, ".toolbar button", attr("aria-label"));
    assert!(
        tools.contains(&"Undo".to_string()) && tools.contains(&"Zoom to fit".to_string()),
        "{tools:?}"
    );
    let nodes = all(&el, ".node", attr("aria-label"));
    assert!(
        nodes.iter().any(|n| n.starts_with("Database:")),
        "{nodes:?}"
    );
    for label in ["Play", "Step", "Reset"] {
        dock_button(&el, label);
    }
    assert_eq!(
        text(&el, ".numbers .hint"),
        "Press Play to run the simulation."
    );
    step(&el, "Step").await;
    let heads = all(&el, ".numbers dt", content);
    for h in [
        "p50",
        "p99",
        "ok",
        "failed",
        "errors",
        "timeout",
        "busiest now",
    ] {
        assert!(heads.contains(&h.to_string()), "{h} in {heads:?}");
    }
    let cols = all(&el, ".node-table thead th", content);
    assert_eq!(&cols[..5], ["node", "state", "util", "queue", "in"]);
}

/// The single-line string fields of one table in src/i18n.rs (`name: "text",`).
fn literal_fields(source: &str, table: &str) -> Vec<(String, String)> {
    let start = source
        .find(&format!("pub const {table}: Text = Text {{"))
        .expect("the table");
    let body = &source[start..];
    let body = &body[..body.find("\n};").expect("the end of the table")];
    body.lines()
        .filter_map(|l| {
            let l = l.trim();
            let (name, rest) = l.split_once(": \"")?;
            if !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
            {
                return None;
            }
            Some((
                name.to_string(),
                rest.trim_end_matches(',').trim_end_matches('"').to_string(),
            ))
        })
        .collect()
}

#[wasm_bindgen_test]
fn every_korean_string_is_there_and_translated() {
    let source = include_str!("../src/i18n.rs");
    let en = literal_fields(source, "EN");
    let ko = literal_fields(source, "KO");
    assert!(en.len() > 80, "the tables were read: {} strings", en.len());
    assert_eq!(
        en.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        ko.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "the same fields, in the same order"
    );
    // Identical on purpose: add a field's name here when its words are the same.
    const SAME: &[&str] = &["spike_times"]; // "×" is the same sign in both
    for ((name, e), (_, k)) in en.iter().zip(&ko) {
        assert!(!k.trim().is_empty(), "KO.{name} is empty");
        assert!(
            k != e || SAME.contains(&name.as_str()),
            "KO.{name} is still English: {k}"
        );
    }

    // Arrays and parameterised strings.
    for (e, k) in EN
        .mix_names
        .iter()
        .zip(KO.mix_names)
        .chain(EN.outcomes.iter().zip(KO.outcomes))
    {
        assert!(!k.is_empty() && *e != k, "{e} / {k}");
    }
    for (e, k) in samples(&EN).iter().zip(samples(&KO)) {
        assert!(!k.is_empty() && *e != k, "{e} / {k}");
    }
}

/// Every parameterised string, with sample arguments.
fn samples(t: &i18n::Text) -> Vec<String> {
    vec![
        (t.scenario_named)("x"),
        (t.no_such_scenario)("x", "a, b"),
        (t.need_in)(true, false, "1", None, Some("-1")),
        (t.need_in)(false, true, "0 ms", Some("60 ms"), None),
        (t.share_unchanged)("x"),
        (t.could_not_open)("x"),
        (t.problems_found)(1),
        (t.problems_found)(3),
        (t.file_unopened)("x"),
        (t.palette_tip)("x"),
        (t.n_selected)(2),
        (t.wire_hint)("a", "b"),
        (t.dc_hint)("x"),
        (t.summary_hint)(1, 2),
        (t.in_dc)("x"),
        (t.not_applied)("a", "b"),
        (t.monthly_cost)(10.0),
        (t.diagram_of)("x"),
        (t.waiting)(3),
        (t.cannot_run)("x"),
        (t.bad_seed)(9, "x"),
        (t.traffic)("x"),
        (t.inject)("x"),
        (t.readout)(1.0, "a", "b", "c", "d", "e", "f"),
        (t.readout_good)(99.5),
        (t.good_within)("x"),
        (t.readout_node)(1.0, 2.0),
        (t.hit_pct)(50.0),
        (t.lag)("x"),
        (t.depth)(3),
        (t.queue_peak)(4.0),
        (t.f_down)("x"),
        (t.f_back)("x"),
        (t.f_normal)("x"),
        (t.f_slow)("x", 4.0),
        (t.f_outage)("x"),
        (t.f_restored)("x"),
        (t.f_rate)("x"),
        (t.f_ramp)("x"),
        (t.f_spike)(5.0, 10.0),
        (t.bar_fail)("x"),
        (t.bar_recover)("x"),
        (t.bar_slow)("x"),
        (t.bar_unslow)("x"),
        (t.bar_outage)("x"),
        (t.bar_restore)("x"),
        (t.bar_rate_of)("x"),
    ]
    .into_iter()
    .chain(control_problems().iter().map(|p| (t.bar_problem)(p)))
    .collect()
}

/// One problem of each kind an embed's `controls=` list can have.
fn control_problems() -> Vec<scaleboard_sim::controls::Problem> {
    use scaleboard_sim::controls::{Problem, Why};
    let ids = || vec!["a".to_string(), "b".to_string()];
    [
        Why::Empty,
        Why::Unknown,
        Why::NeedsTarget,
        Why::TakesNoTarget,
        Why::NoNode {
            id: "x".into(),
            choices: ids(),
            near: Some("a".into()),
        },
        Why::CannotFail {
            id: "x".into(),
            choices: ids(),
        },
        Why::NotUsers {
            id: "x".into(),
            choices: ids(),
        },
        Why::NoUsers,
        Why::NoDc {
            id: "x".into(),
            choices: Vec::new(),
            near: None,
        },
        Why::NoneWithOthers,
        Why::Repeated { first: 1 },
    ]
    .into_iter()
    .map(|why| Problem {
        item: "fail".into(),
        position: 2,
        why,
    })
    .collect()
}

#[wasm_bindgen_test]
fn kinds_actions_fields_and_choices_have_korean_names() {
    for k in Kind::ALL {
        let ko = i18n::kind_label(Lang::Ko, *k);
        assert_eq!(i18n::kind_label(Lang::En, *k), k.label());
        assert!(!ko.is_empty());
        assert!(
            ko != k.label() || matches!(k, Kind::Dns | Kind::Cdn),
            "{ko}"
        );
    }
    for a in ACTIONS {
        assert_eq!(i18n::action_label(Lang::En, a.id), a.label);
        assert_ne!(i18n::action_label(Lang::Ko, a.id), a.label);
    }
    for f in FIELDS.iter().chain(scaleboard::wire_panel::WIRE_FIELDS) {
        assert!(
            i18n::has_field_label(f.key),
            "no Korean label for {}",
            f.key
        );
        assert_eq!(f.label_in(Lang::En), (f.label, f.unit));
        if let scaleboard::fields::Ty::Choice(options) = f.ty {
            for o in options {
                assert_ne!(
                    i18n::choice_label(Lang::Ko, o),
                    i18n::choice_label(Lang::En, o),
                    "{o}"
                );
            }
        }
    }
}

/// Workshop rehearsal, item 7: the built-in scenarios' names read in Korean in the Korean
/// interface (the document keeps its own names), seconds read as the lessons write them, and
/// the font stack names the Korean system fonts people have.
#[wasm_bindgen_test]
fn built_in_names_are_shown_in_korean_and_own_names_as_written() {
    use scaleboard::i18n::shown_name;
    for (en, ko) in [
        ("Web US 2", "미국 웹 2"),
        ("Users (EU)", "사용자 (유럽)"),
        ("US East", "미국 동부"),
        ("Replica 1", "레플리카 1"),
        ("Load balancer", "로드밸런서"),
        ("Shard router EU", "유럽 샤드 라우터"),
        ("Server + DB", "서버 + DB"),
        ("Geo-DNS", "지오 DNS"),
    ] {
        assert_eq!(shown_name(Lang::Ko, en), ko);
        assert_eq!(shown_name(Lang::En, en), en, "English stays");
    }
    assert_eq!(shown_name(Lang::Ko, "My checkout API"), "My checkout API");
    // Every name the built-in scenarios use has a Korean reading.
    for b in builtin::SCENARIOS {
        let doc = scaleboard_sim::load(b.json).expect("valid");
        let names = doc
            .nodes
            .iter()
            .map(|n| n.name.clone())
            .chain(doc.data_centers.iter().map(|d| d.name.clone()));
        for name in names {
            let ko = shown_name(Lang::Ko, &name);
            let latin: String = ko
                .split_whitespace()
                .filter(|w| !matches!(*w, "DNS" | "CDN" | "LB" | "DB" | "+"))
                .flat_map(|w| w.chars())
                .filter(|c| c.is_ascii_alphabetic())
                .collect();
            assert!(latin.is_empty(), "{}: {name} -> {ko}", b.name);
        }
    }
    assert_eq!(KO.secs(20.0, 0), "20초");
    assert_eq!(EN.secs(20.0, 0), "20 s");
    // Latencies past a second too: "p99 2.41초" beside a lesson's "2초".
    use scaleboard::run::numbers::fmt_ms;
    assert_eq!(fmt_ms(2410.0, &KO), "2.41초");
    assert_eq!(fmt_ms(2410.0, &EN), "2.41 s");
    assert_eq!(fmt_ms(12.34, &KO), "12.3 ms");
    let css = include_str!("../static/style.css");
    for font in [
        "Malgun Gothic",
        "Apple SD Gothic Neo",
        "Noto Sans KR",
        "NanumGothic",
    ] {
        assert!(css.contains(font), "{font} in the font stack");
    }
}

#[wasm_bindgen_test]
async fn step_8_in_korean_names_its_title_regions_and_components_in_korean() {
    let el = mount(Lang::Ko, "08-two-data-centers").await;
    let title = one(&el, "input.doc-name")
        .dyn_into::<web_sys::HtmlInputElement>()
        .expect("an input")
        .value();
    assert_eq!(
        title, "데이터 센터 두 곳",
        "the header shows the lesson's Korean title"
    );
    let regions = all(&el, ".dc text", content);
    assert!(regions.contains(&"미국 동부".to_string()), "{regions:?}");
    let nodes = all(&el, ".node", attr("aria-label"));
    assert!(nodes.iter().any(|n| n == "웹 서버: 미국 웹 1"), "{nodes:?}");
    assert!(
        !nodes.iter().any(|n| n.contains("Web US")),
        "no English names left: {nodes:?}"
    );
}

/// users -> lb -> web -> db with every defence on: a rate limit on the web server, a daily cycle on
/// the users, a call policy and a breaker on the web server's calls to the database; and an
/// autoscaler of the load balancer's pool, whose maximum is held to its minimum by the model.
const DEFENDED: &str = r#"{
  "version": 1, "name": "Defended",
  "nodes": [
    { "id": "users", "kind": "users", "name": "Users", "x": 100, "y": 200, "rate_rps": 50,
      "diurnal": { "peak_to_trough": 4, "period_s": 60 } },
    { "id": "web", "kind": "web_server", "name": "Web", "x": 380, "y": 200,
      "rate_limit": { "rate_rps": 100, "burst": 20 }, "shed_wait_ms": 200 },
    { "id": "db", "kind": "database", "name": "DB", "x": 660, "y": 200 },
    { "id": "lb", "kind": "load_balancer", "name": "LB", "x": 240, "y": 200 },
    { "id": "scaler", "kind": "autoscaler", "name": "Scaler", "x": 240, "y": 400, "min_servers": 3 }
  ],
  "wires": [
    { "from": "users", "to": "lb" }, { "from": "lb", "to": "web" }, { "from": "scaler", "to": "lb" },
    { "from": "web", "to": "db", "policy": { "timeout_ms": 500, "retries": 2, "backoff_ms": 10 },
      "breaker": { "failures": 5 } }
  ]
}"#;

/// Types `text` into the field `name` and waits until the refusal `said` shows under it.
async fn refused(el: &Element, name: &str, text: &str, said: &str) {
    let id = type_into(el, name, text).id();
    let error = format!("#{}-error", id.replace('.', "\\."));
    let what = format!("{name} refuses \"{text}\" saying \"{said}\"");
    text_when(el, &error, &what, |s: &str| s == said).await;
}

/// A bad value in a defence's field (or an autoscaler's) is refused with its range in the field's own unit and the
/// page's language, and the document stays as it was (nothing to undo).
async fn bad_values_are_refused_in(lang: Lang, cases: &[(&str, &str, &str)]) {
    let el = mount_json(lang, DEFENDED).await;
    let undo = format!(
        ".toolbar button[aria-label=\"{}\"][disabled]",
        i18n::action_label(lang, scaleboard_sim::edit::ActionId::Undo)
    );
    for (name, typed, said) in cases {
        // Node fields on the node that has them; the rest are the wire's.
        let on = match *name {
            n if n.starts_with("diurnal") => Some(".node[data-id=users]"),
            n if n.starts_with("rate_limit") || n.starts_with("shed") => Some(".node[data-id=web]"),
            n if n.ends_with("_servers") => Some(".node[data-id=scaler]"),
            _ => None,
        };
        match on {
            Some(node) => select_node(&el, node).await,
            None => {
                press(&one(&el, "line.wire[data-from=web][data-to=db]"));
                appears(&el, "input[name=\"policy.timeout_ms\"]").await;
            }
        }
        refused(&el, name, typed, said).await;
        // Refused before it reached the document: still nothing to undo.
        one(&el, &undo);
    }
}

#[wasm_bindgen_test]
async fn a_defences_bad_value_is_refused_in_words_and_units_a_learner_acts_on() {
    bad_values_are_refused_in(
        Lang::En,
        &[
            ("policy.timeout_ms", "-50", "Timeout: must be above 0 ms and at most 1 year, got -50 ms. Not applied."),
            ("policy.budget", "150", "Retry budget: must be from 0 % to 100 %, got 150 %. Not applied."),
            ("policy.retries", "11", "Retries: must be a whole number, from 0 to 10, got 11. Not applied."),
            ("policy.backoff_ms", "lots", "Backoff: must be a number, from 0 ms to 60,000 ms. Not applied."),
            ("breaker.failures", "-1", "Failed calls: must be a whole number, 1 or more, got -1. Not applied."),
            ("breaker.failures", "2000000", "Failed calls: must be a whole number, from 1 to 1,000,000, got 2,000,000. Not applied."),
            ("breaker.window_s", "", "Within: must be a number, above 0 s and at most 3600 s. Not applied."),
            ("breaker.probes", "0", "Trial calls: must be a whole number, from 1 to 1000, got 0. Not applied."),
            ("latency_ms", "70000", "Latency, one way: must be from 0 ms to 60,000 ms, got 70,000 ms. Not applied."),
            ("rate_limit.burst", "-5", "Burst: must be a whole number, 1 or more, got -5. Not applied."),
            ("rate_limit.burst", "2.5", "Burst: must be a whole number, 1 or more. Not applied."),
            ("rate_limit.rate_rps", "0", "Allowed rate: must be above 0 req/s and at most 100,000,000 req/s, got 0 req/s. Not applied."),
            ("shed_wait_ms", "0", "Shed when the wait exceeds: must be above 0 ms and at most 1 year, got 0 ms. Not applied."),
            ("diurnal.peak_to_trough", "0.5", "Peak ÷ trough: must be from 1× to 1,000,000×, got 0.5×. Not applied."),
            ("diurnal.period_s", "-1", "Cycle length: must be above 0 s and at most 1 year, got -1 s. Not applied."),
            // A rule between two fields, which the model judges.
            ("max_servers", "2", "Maximum servers: must be at least the minimum servers. Not applied."),
        ],
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_defences_bad_value_is_refused_in_korean() {
    bad_values_are_refused_in(
        Lang::Ko,
        &[
            ("policy.timeout_ms", "-50", "타임아웃: 0 ms 초과 1년 이하의 값이어야 합니다 (입력: -50 ms). 적용되지 않았습니다."),
            ("policy.budget", "150", "재시도 예산: 0 % 이상 100 % 이하의 값이어야 합니다 (입력: 150 %). 적용되지 않았습니다."),
            ("policy.retries", "abc", "재시도 횟수: 0 이상 10 이하의 정수여야 합니다. 적용되지 않았습니다."),
            ("breaker.failures", "-1", "실패한 호출: 1 이상의 정수여야 합니다 (입력: -1). 적용되지 않았습니다."),
            ("breaker.open_s", "4000", "열린 채 유지: 0초 초과 3600초 이하의 값이어야 합니다 (입력: 4000초). 적용되지 않았습니다."),
            ("rate_limit.burst", "-5", "순간 허용량 (버스트): 1 이상의 정수여야 합니다 (입력: -5). 적용되지 않았습니다."),
            ("shed_wait_ms", "", "대기 시간이 넘으면 거절: 0 ms 초과 1년 이하의 숫자여야 합니다. 적용되지 않았습니다."),
            ("diurnal.period_s", "0", "주기 길이: 0초 초과 1년 이하의 값이어야 합니다 (입력: 0초). 적용되지 않았습니다."),
            ("max_servers", "1001", "최대 서버 수: 1 이상 1000 이하의 정수여야 합니다 (입력: 1001). 적용되지 않았습니다."),
            ("max_servers", "2", "최대 서버 수: 최소 서버 수 이상이어야 합니다. 적용되지 않았습니다."),
        ],
    )
    .await;
}
