//! Predict, then run: "Run the drill" first asks the lesson's question with its choices (or a
//! quiet Skip); a choice schedules the drill through the same `on_drill` as before. Once the
//! run's clock has passed the drill (`scaleboard_sim::predict::span`), the prediction is shown
//! beside what the run measured. Deciding which choice happened is the model's.

use std::rc::Rc;

use scaleboard_sim::predict::{span, Figure, Outcome, Prediction};
use scaleboard_sim::Fault;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::i18n::{text, use_lang, Text};

/// A prediction made: the question, the drill it was asked for and the choice taken.
#[derive(Clone, Debug, PartialEq)]
pub struct Asked {
    pub prediction: Prediction,
    pub drill: Vec<Fault>,
    pub choice: usize,
}

#[derive(Properties, PartialEq)]
pub struct DrillAskProps {
    /// The drill's faults, at the lesson's times [s].
    pub drill: Vec<Fault>,
    /// The question to ask first; without one the button runs the drill at once.
    #[prop_or_default]
    pub prediction: Option<Prediction>,
    /// The drill is already in the document's faults: the button is spent.
    pub scheduled: bool,
    /// Schedule the drill: the one way a drill starts.
    pub on_drill: Callback<Vec<Fault>>,
    /// The prediction chosen, told just before `on_drill`.
    pub on_predict: Callback<Rc<Asked>>,
    /// The prediction made for this drill in this run, if any, and what the run measured once
    /// the drill is over.
    #[prop_or_default]
    pub asked: Option<Rc<Asked>>,
    #[prop_or_default]
    pub outcome: Option<Outcome>,
}

/// The drill's button, its question, and the prediction beside the outcome.
#[function_component(DrillAsk)]
pub fn drill_ask(props: &DrillAskProps) -> Html {
    let lang = use_lang();
    let u = text(lang);
    let asking = use_state(|| false);
    let first_choice = use_node_ref();
    // The question replaces the button under the keyboard focus: move it to the first choice.
    {
        let first_choice = first_choice.clone();
        use_effect_with(*asking, move |asking| {
            if *asking {
                if let Some(b) = first_choice.cast::<HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    let run = |asked: Option<Rc<Asked>>| {
        let (on_drill, on_predict, drill, asking) = (
            props.on_drill.clone(),
            props.on_predict.clone(),
            props.drill.clone(),
            asking.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = &asked {
                on_predict.emit(Rc::clone(a));
            }
            asking.set(false);
            on_drill.emit(drill.clone());
        })
    };
    let control = match (&props.prediction, *asking && !props.scheduled) {
        _ if props.scheduled => html! {
            <button type="button" class="drill" disabled=true>{ u.lesson_drill_scheduled }</button>
        },
        (Some(p), true) => html! {
            <div class="predict" role="group" aria-label={u.pred_heading}>
                <p class="predict-question"><strong>{ u.pred_heading }</strong>{ " " }{ p.question(lang) }</p>
                <div class="predict-choices">
                    { for (0..p.choices.len()).map(|i| {
                        let asked = Rc::new(Asked { prediction: p.clone(), drill: props.drill.clone(), choice: i });
                        let r = if i == 0 { first_choice.clone() } else { NodeRef::default() };
                        html! {
                            <button type="button" class="choice" ref={r} onclick={run(Some(asked))}>
                                { choice_text(p, i, lang) }
                            </button>
                        }
                    }) }
                </div>
                <button type="button" class="skip" onclick={run(None)}>{ u.pred_skip }</button>
            </div>
        },
        (Some(_), false) => {
            let asking = asking.clone();
            html! {
                <button type="button" class="drill" onclick={Callback::from(move |_| asking.set(true))}>{ u.lesson_run_drill }</button>
            }
        }
        (None, _) => html! {
            <button type="button" class="drill" onclick={run(None)}>{ u.lesson_run_drill }</button>
        },
    };
    html! {
        <>
            { control }
            { for props.asked.as_ref().map(|a| result(a, props.outcome, u)) }
        </>
    }
}

fn choice_text(p: &Prediction, i: usize, lang: crate::i18n::Lang) -> &str {
    p.choices.get(i).map_or("", |c| match lang {
        crate::i18n::Lang::En => c.en.as_str(),
        crate::i18n::Lang::Ko => c.ko.as_str(),
    })
}

/// "You predicted: X" and, once the drill is over, "What happened: Y (measured)" with a mark.
fn result(a: &Asked, outcome: Option<Outcome>, u: &Text) -> Html {
    let p = &a.prediction;
    let state = match outcome {
        None => "watching",
        Some(o) if o.choice == a.choice => "matched",
        Some(_) => "missed",
    };
    let end_s = span(&a.drill).map_or(0.0, |s| s.1);
    html! {
        <div class="predict-result" data-state={state} aria-live="polite">
            <p class="predicted"><span class="label">{ u.pred_you }</span>{ " " }{ choice_text(p, a.choice, u.lang) }</p>
            { match outcome {
                None => html! { <p class="watching">{ (u.pred_watching)(&u.secs(end_s, 0)) }</p> },
                Some(o) => html! {
                    <>
                        <p class="happened">
                            <span class="label">{ u.pred_happened }</span>{ " " }{ choice_text(p, o.choice, u.lang) }
                            { " " }<span class="measured">{ format!("({})", measured(p.figure, o.value, u)) }</span>
                        </p>
                        <p class="verdict">{ if o.choice == a.choice { u.pred_matched } else { u.pred_missed } }</p>
                    </>
                },
            } }
        </div>
    }
}

/// The measured value in words, with its unit: "p99 peaked at 9.70 s".
pub fn measured(figure: Figure, value: f64, u: &Text) -> String {
    let v = match figure {
        Figure::WorstP99Ms => crate::run::numbers::fmt_ms(value, u),
        Figure::LowestGoodPct | Figure::PeakErrorPct | Figure::FinalGoodPct => fmt_pct(value),
        Figure::ErrorSeconds => u.secs(value, 0),
        Figure::SessionsLost | Figure::Failed | Figure::Throttled => fmt_count(value),
    };
    (u.pred_value)(figure, &v)
}

/// "95.8 %", "82 %", "0 %".
pub fn fmt_pct(v: f64) -> String {
    let s = format!("{v:.1}");
    format!("{} %", s.strip_suffix(".0").unwrap_or(&s))
}

/// "18,573": a whole count with thousands separators.
pub fn fmt_count(v: f64) -> String {
    let digits = (v.round().max(0.0) as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
