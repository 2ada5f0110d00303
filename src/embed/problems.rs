//! The items of an embed's `controls=` list it could not show: a small strip inside the embed,
//! in the reader's language, and each logged once to the console as a warning (in English, for
//! whoever writes the page), never as an error.

use std::cell::RefCell;
use std::collections::HashSet;

use scaleboard_sim::controls::{Problem, Why, MAX_CHOICES, VOCABULARY};
use yew::prelude::*;

use crate::i18n::Text;

/// The strip: nothing when every item could be shown. Each problem also goes to the console,
/// once, when first drawn (a plain function, not a component with an effect: components cost
/// shipped bytes, and the console sees each message once however often this is drawn).
pub fn view(problems: &[Problem], t: &Text) -> Html {
    if problems.is_empty() {
        return html! {};
    }
    warn_once(problems);
    html! {
        <div class="notice bad control-problems" role="status" data-notice="controls">
            <p>{ t.bar_problems }</p>
            <ul>{ for problems.iter().map(|p| html! { <li>{ (t.bar_problem)(p) }</li> }) }</ul>
        </div>
    }
}

/// Each problem to the console once per page, however often the bar is drawn again.
fn warn_once(problems: &[Problem]) {
    thread_local!(static WARNED: RefCell<HashSet<String>> = RefCell::new(HashSet::new()));
    WARNED.with(|w| {
        let mut w = w.borrow_mut();
        for p in problems {
            let message = p.to_string();
            if w.insert(message.clone()) {
                gloo::console::warn!(message);
            }
        }
    });
}

/// A problem in Korean: the same parts as the model's English (`Problem`'s `Display`).
pub fn problem_ko(p: &Problem) -> String {
    if p.why == Why::Empty {
        return format!("controls: 목록이 비어 있습니다. 표시할 컨트롤을 적으세요 ({VOCABULARY})");
    }
    let word = p.item.split(':').next().unwrap_or_default();
    let near = |n: &Option<String>| {
        n.as_ref()
            .map(|n| format!(" ('{n}'을(를) 뜻했나요?)"))
            .unwrap_or_default()
    };
    let why = match &p.why {
        Why::Empty => String::new(),
        Why::Unknown => format!("컨트롤 이름이 아닙니다. 쓸 수 있는 컨트롤: {VOCABULARY}"),
        Why::NeedsTarget if word.eq_ignore_ascii_case("outage") => {
            format!("대상 데이터 센터가 필요합니다: {word}:<데이터 센터 id>")
        }
        Why::NeedsTarget => format!("대상 노드가 필요합니다: {word}:<노드 id>"),
        Why::TakesNoTarget => format!("실행 전체에 작용합니다. '{word}'만 쓰세요"),
        Why::NoNode {
            id,
            choices,
            near: n,
        } => format!(
            "이 설계에 '{id}' 노드가 없습니다{}. 쓸 수 있는 노드: {}",
            near(n),
            listed(choices)
        ),
        Why::CannotFail { id, choices } => format!(
            "'{id}'는 사용자 노드라서 다운되거나 느려질 수 없습니다. 가능한 노드: {}",
            listed(choices)
        ),
        Why::NotUsers { id, choices } => format!(
            "'{id}'는 사용자 노드가 아닙니다. 사용자 노드: {}",
            listed(choices)
        ),
        Why::NoUsers => "이 설계에는 요청률을 바꿀 사용자 노드가 없습니다".into(),
        Why::NoDc {
            id,
            choices,
            near: n,
        } => format!(
            "이 설계에 '{id}' 데이터 센터가 없습니다{}. 데이터 센터: {}",
            near(n),
            listed(choices)
        ),
        Why::NoneWithOthers => {
            "'none'이 다른 컨트롤과 함께 쓰였습니다. 다른 컨트롤은 표시됩니다".into()
        }
        Why::Repeated { first } => format!("{first}번째 항목에 이미 있습니다. 한 번만 표시합니다"),
    };
    format!("controls: '{}' ({}번째 항목) — {why}", p.item, p.position)
}

/// Choices as the English lists them: a dozen, then how many more.
fn listed(choices: &[String]) -> String {
    if choices.is_empty() {
        return "없음".into();
    }
    let shown = choices[..choices.len().min(MAX_CHOICES)].join(", ");
    match choices.len().saturating_sub(MAX_CHOICES) {
        0 => shown,
        more => format!("{shown} 외 {more}개"),
    }
}
