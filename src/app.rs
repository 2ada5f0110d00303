//! The page: a header naming the app and the scenario, and the scenario itself.

use yew::prelude::*;

use crate::builtin;
use crate::location;
use crate::problems::Problems;
use crate::scenario_view::{title_of, ScenarioView};

#[function_component(App)]
pub fn app() -> Html {
    let query = use_memo((), |_| location::query());
    let name = query
        .scenario
        .clone()
        .unwrap_or_else(|| builtin::DEFAULT.to_string());
    let content = match builtin::find(&name) {
        Some(b) => {
            let title = title_of(b.json).unwrap_or_else(|| b.name.to_string());
            (
                title,
                html! { <ScenarioView title={format!("Scenario \"{}\"", b.name)} json={b.json} /> },
            )
        }
        None => {
            let known: Vec<&str> = builtin::SCENARIOS.iter().map(|b| b.name).collect();
            let line = format!(
                "?scenario={name}: there is no built-in scenario of that name; known: {}",
                known.join(", ")
            );
            (
                String::new(),
                html! { <Problems what={format!("Scenario \"{name}\"")} lines={vec![line]} /> },
            )
        }
    };
    html! {
        <>
            <header class="topbar">
                <h1 class="brand">{ crate::icons::logo() }{ "Scaleboard" }</h1>
                <span class="tagline">{ "From one server to millions of users" }</span>
                <span class="scenario-title">{ content.0 }</span>
            </header>
            { content.1 }
        </>
    }
}
