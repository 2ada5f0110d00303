//! One scenario on screen: loaded through the model's parse -> validate path, then drawn; or,
//! when the document is bad, a list of every problem instead of a blank page.

use std::rc::Rc;

use scaleboard_sim::Scenario;
use yew::prelude::*;

use crate::diagram::Diagram;
use crate::inspector::Inspector;
use crate::problems::Problems;

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
    let selected = use_state(|| None::<String>);
    match &*loaded {
        Err(diagnostics) => html! {
            <Problems what={props.title.clone()} lines={diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>()} />
        },
        Ok(scenario) => {
            let on_select = {
                let selected = selected.clone();
                Callback::from(move |id: Option<String>| selected.set(id))
            };
            html! {
                <div class="workspace">
                    <div class="canvas-wrap">
                        <Diagram scenario={Rc::clone(scenario)} selected={(*selected).clone()} {on_select} />
                    </div>
                    <Inspector scenario={Rc::clone(scenario)} selected={(*selected).clone()} />
                </div>
            }
        }
    }
}

/// The scenario's display name, for the page header, when the document parses.
pub fn title_of(json: &str) -> Option<String> {
    scaleboard_sim::load(json).ok().map(|s: Scenario| s.name)
}
