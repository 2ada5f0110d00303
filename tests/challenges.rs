//! Challenges in the browser build: a result link reads back what it was made from and a
//! damaged one says why; the panel's Check grades the design a slice at a time and shows each
//! objective with its measured value.
#![cfg(target_arch = "wasm32")]

mod support;

use std::rc::Rc;

use scaleboard::i18n::EN;
use scaleboard::workshop::challenges::{find, ChallengePanel, ChallengePanelProps};
use scaleboard::workshop::link;
use support::{all, appears, one, root, text_of};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_result_link_reads_back_and_a_damaged_one_says_why() {
    let c = find("primary-loss").expect("built in");
    let url = link::make(
        "primary-loss",
        7,
        &[Some(0.1 + 0.2), Some(186.25)],
        &c.reference,
    );
    let hash = &url[url.find('#').expect("a fragment")..];
    let (linked, design) = link::parse(hash, &EN)
        .expect("a result link")
        .expect("readable");
    assert_eq!(linked.challenge, "primary-loss");
    assert_eq!(linked.seed, 7);
    assert_eq!(linked.values, vec![Some(0.1 + 0.2), Some(186.25)]);
    assert_eq!(design, c.reference);
    assert!(
        link::parse("#s=abc", &EN).is_none(),
        "a share link is not a result link"
    );
    let why = |hash: &str| {
        link::parse(hash, &EN)
            .expect("a result link")
            .expect_err("damaged")
    };
    assert_eq!(
        why("#challenge=nope&seed=1&v=1&d=x"),
        "there is no challenge \"nope\""
    );
    assert_eq!(
        why("#challenge=primary-loss&seed=x&v=1,2&d=x"),
        "it carries no number where one belongs"
    );
    assert!(why("#challenge=primary-loss&seed=1&v=1,abc&d=x").contains("\"abc\""));
    assert!(why("#challenge=primary-loss&seed=1&v=1&d=x")
        .contains("carries 1 measured values and the challenge has 2 objectives"));
    assert!(why("#challenge=primary-loss&seed=1&v=1,2&d=%%").contains("damaged"));
}

#[wasm_bindgen_test]
async fn check_grades_the_design_and_shows_each_objective() {
    let el = root();
    let c = find("one-region-2000").expect("built in");
    let props = ChallengePanelProps {
        id: "one-region-2000".into(),
        doc: Rc::new(c.start.clone()),
        linked: None,
        on_reference: Callback::noop(),
        on_close: Callback::noop(),
    };
    yew::Renderer::<ChallengePanel>::with_root_and_props(el.clone(), props).render();
    let check = appears(&el, "button.check").await;
    assert_eq!(
        all(&el, "ul.objectives li").len(),
        4,
        "every objective listed"
    );
    check.dyn_ref::<HtmlElement>().expect("a button").click();
    appears(&el, ".grade.failed").await;
    let rows = all(&el, "table.objectives-grade tbody tr");
    assert_eq!(rows.len(), 4);
    let capacity = one(&el, "tr[data-metric=capacity_rps]");
    assert_eq!(text_of(&capacity, ".value"), "1,600/s");
    assert_eq!(text_of(&capacity, ".target"), "≥ 2,400/s");
    assert!(text_of(&capacity, ".verdict").contains("fail"));
    let cost = one(&el, "tr[data-metric=monthly_usd]");
    assert_eq!(text_of(&cost, ".value"), "$275");
    assert!(text_of(&cost, ".verdict").contains("pass"));
    assert!(text_of(&el, ".grade .summary").starts_with("Not yet: 3 of 4"));
}
