//! The scenario's fault list, visible: every fault the document will replay on Reset (drills,
//! injections recorded during a run, faults written in the file), each removable, so nothing
//! happens again "by itself" without the user being able to see why.

use scaleboard_sim::{Fault, Scenario};
use yew::prelude::*;

use super::labels::fault_label;
use crate::i18n::{text, use_lang, Lang};

struct Words {
    title: &'static str,
    hint: &'static str,
    remove: &'static str,
    clear: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            title: "Scheduled",
            hint: "Faults in the scenario: replayed at these times on every Reset.",
            remove: "Remove",
            clear: "Clear all",
        },
        Lang::Ko => Words {
            title: "예약됨",
            hint: "시나리오에 든 장애: 초기화할 때마다 이 시각에 다시 일어납니다.",
            remove: "삭제",
            clear: "모두 지우기",
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct ScheduleProps {
    pub doc: std::rc::Rc<Scenario>,
    /// The document's new fault list (one undo step).
    pub on_faults: Callback<Vec<Fault>>,
}

#[function_component(Schedule)]
pub fn schedule(props: &ScheduleProps) -> Html {
    let lang = use_lang();
    let (w, t) = (words(lang), text(lang));
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
        <div class="schedule" role="group" aria-label={w.title} title={w.hint}>
            <span class="title">{ w.title }</span>
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
                            <span class="at">{ format!("{:.0} s", f.at_s) }</span>{ " " }{ label.clone() }
                            <button type="button" class="x" aria-label={format!("{}: {label}", w.remove)} onclick={remove}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="small" onclick={clear}>{ w.clear }</button>
        </div>
    }
}
