//! A readable list of what is wrong with a scenario, shown instead of a blank page.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    /// What failed to load, e.g. the scenario's name.
    pub what: AttrValue,
    /// One line per problem, `path: sentence`.
    pub lines: Vec<String>,
}

#[function_component(Problems)]
pub fn problems(props: &ProblemsProps) -> Html {
    let count = props.lines.len();
    html! {
        <section class="problems" role="alert">
            <h2>{ format!("{} could not be opened", props.what) }</h2>
            <p>{ if count == 1 { "1 problem was found:".to_string() } else { format!("{count} problems were found:") } }</p>
            <ul>
                { for props.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
            </ul>
        </section>
    }
}
