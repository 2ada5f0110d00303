//! The scenario's fault list, visible: every fault the document will replay on Reset (drills,
//! injections recorded during a run, faults written in the file), each removable, so nothing
//! happens again "by itself" without the user being able to see why.

use scaleboard_sim::{Fault, Scenario};
use yew::prelude::*;

use super::labels::fault_label;
use crate::i18n::use_text;

#[derive(Properties, PartialEq)]
pub struct ScheduleProps {
    pub doc: std::rc::Rc<Scenario>,
    /// The document's new fault list (one undo step).
    pub on_faults: Callback<Vec<Fault>>,
}

#[function_component(Schedule)]
pub fn schedule(props: &ScheduleProps) -> Html {
    let t = use_text();
    let faults = &props.doc.faults;
    if faults.is_empty() {
        return html! {};
    }
    let mut order: Vec<usize> = (0..faults.len()).collect();
    order.sort_by(|a, b| faults[*a].at_s.total_cmp(&faults[*b].at_s));
    let clear = {
        let on_faults = props.on_faults.clone();
        Callback::from(move |_| on_faults.emit(Vec::new()))
    };
    html! {
        <div class="schedule" role="group" aria-label={t.schedule_title} title={t.schedule_hint}>
            <span class="title">{ t.schedule_title }</span>
            <ul>
                { for order.into_iter().map(|i| {
                    let f = &faults[i];
                    let remove = {
                        let (on_faults, all) = (props.on_faults.clone(), faults.clone());
                        Callback::from(move |_| {
                            let mut rest = all.clone();
                            rest.remove(i);
                            on_faults.emit(rest);
                        })
                    };
                    let label = fault_label(&props.doc, f, t);
                    html! {
                        <li data-fault={i.to_string()}>
                            <span class="at">{ t.secs(f.at_s, 0) }</span>{ " " }{ label.clone() }
                            <button type="button" class="x" aria-label={format!("{}: {label}", t.schedule_remove)} onclick={remove}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="small" onclick={clear}>{ t.schedule_clear }</button>
        </div>
    }
}
