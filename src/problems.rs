//! A readable list of what is wrong with a scenario, shown instead of a blank page.

use yew::prelude::*;

use crate::i18n;

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
    let t = i18n::use_text();
    html! {
        <section class="problems" role="alert">
            <h2>{ (t.could_not_open)(&props.what) }</h2>
            <p>{ (t.problems_found)(count) }</p>
            <ul>
                { for props.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }
            </ul>
        </section>
    }
}
