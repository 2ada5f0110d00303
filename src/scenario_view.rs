//! One scenario on screen: loaded through the model's parse -> validate path, then opened in
//! the editor; or, when the document is bad, a list of every problem instead of a blank page.

use std::rc::Rc;

use scaleboard_sim::Scenario;
use yew::prelude::*;

use crate::problems::Problems;
use crate::workspace::Workspace;

#[derive(Properties, PartialEq)]
pub struct ScenarioViewProps {
    /// A name for messages, e.g. "Scenario 01-single-server".
    pub title: AttrValue,
    /// The scenario document (JSON).
    pub json: AttrValue,
}

#[function_component(ScenarioView)]
pub fn scenario_view(props: &ScenarioViewProps) -> Html {
    let loaded = use_memo(props.json.clone(), |json| {
        scaleboard_sim::load(json).map(Rc::new)
    });
    match &*loaded {
        Err(diagnostics) => html! {
            <Problems what={props.title.clone()} lines={diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>()} />
        },
        Ok(scenario) => html! { <Workspace doc={Rc::clone(scenario)} /> },
    }
}

/// The scenario's display name, for the page header, when the document parses.
pub fn title_of(json: &str) -> Option<String> {
    scaleboard_sim::load(json).ok().map(|s: Scenario| s.name)
}
