//! "Compare…" in the run dock: open the design beside a copy of itself (to change one and see
//! the difference on the same traffic), beside a journey step, or beside a scenario file. A file that does not load is
//! said here and nothing else changes.

use std::rc::Rc;

use scaleboard_sim::Scenario;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::compare_view::open_comparison;
use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct CompareMenuProps {
    /// The design as it is now: side A.
    pub doc: Rc<Scenario>,
}

#[function_component(CompareMenu)]
pub fn compare_menu(props: &CompareMenuProps) -> Html {
    let t = i18n::use_text();
    let problem = use_state(|| None::<String>);
    let with_copy = {
        let doc = props.doc.clone();
        Callback::from(move |_: MouseEvent| open_comparison(&doc, &doc))
    };
    let with_file = {
        let (doc, problem) = (props.doc.clone(), problem.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (doc, problem) = (doc.clone(), problem.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
                match scaleboard_sim::parse(&text) {
                    Ok(b) => open_comparison(&doc, &b),
                    Err(ds) => problem.set(Some(format!(
                        "{} {}",
                        (t.file_unopened)(&name),
                        ds.iter()
                            .map(|d| d.to_string())
                            .collect::<Vec<_>>()
                            .join("; ")
                    ))),
                }
            });
        })
    };
    let with_step = {
        let doc = props.doc.clone();
        Callback::from(move |name: String| {
            if let Some(b) =
                crate::builtin::find(&name).and_then(|b| scaleboard_sim::load(b.json).ok())
            {
                open_comparison(&doc, &b);
            }
        })
    };
    html! {
        <details class="compare-menu">
            <summary>{ t.cmp_menu }</summary>
            <div class="menu" role="group" aria-label={t.cmp_menu}>
                <button type="button" onclick={with_copy}>{ t.cmp_with_copy }</button>
                <label class="step">{ t.cmp_with_step }
                    <crate::lesson::JourneyMenu on_open={with_step} label={AttrValue::Static(t.cmp_with_step.trim_end_matches(':'))} />
                </label>
                <label class="button">{ t.cmp_with_file }
                    <input type="file" accept=".json,application/json" class="visually-hidden" onchange={with_file} />
                </label>
                { for problem.as_ref().map(|p| html! { <p class="notice bad" role="alert">{ p.clone() }</p> }) }
            </div>
        </details>
    }
}
