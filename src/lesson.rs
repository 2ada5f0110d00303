//! The journey: the classic path from one server to millions of users as built-in scenarios,
//! each with a lesson (what changed, why, a drill to try, what to watch for) in English and
//! Korean. The lessons are data (static/lessons.json, checked by the model's tests); this draws
//! them, offers the drill as one click and moves between steps.

use std::rc::Rc;

use scaleboard_sim::journey::{journey, Journey, Lesson};
use scaleboard_sim::Fault;
use yew::prelude::*;

use crate::builtin;
use crate::i18n::{text, use_lang, use_text, Lang};

pub mod predict;
use predict::{Asked, DrillAsk};

thread_local! {
    /// The lessons, parsed once. The model's tests keep the file valid; should it ever not
    /// be, the journey is simply absent (no panic in the page).
    static JOURNEY: Option<Rc<Journey>> = journey().ok().map(Rc::new);
}

/// The drill the lesson of journey step `lesson` offers now and the question it asks first: the
/// scaled-up design's once that is open (`scaled`), else the step's own; `None` without a drill.
pub fn offered_drill(
    lesson: &str,
    scaled: bool,
) -> Option<(Vec<Fault>, Option<scaleboard_sim::predict::Prediction>)> {
    let j = the_journey()?;
    let l = j.lesson(lesson)?;
    let (drill, predict) = if scaled && j.scale_up.scenario == l.scenario {
        (&j.scale_up.drill, &j.scale_up.predict)
    } else {
        (&l.drill, &l.predict)
    };
    (!drill.is_empty()).then(|| (drill.clone(), predict.clone()))
}

/// The compiled-in journey, if its file is readable.
pub fn the_journey() -> Option<Rc<Journey>> {
    JOURNEY.with(|j| j.clone())
}

/// A step's number from its scenario's name: "05-cache" -> "5", "07b-stateful" -> "7b" (a
/// variant to compare with step 7, not a step of its own).
pub fn step_label(name: &str) -> String {
    let prefix = name.split('-').next().unwrap_or(name);
    prefix.trim_start_matches('0').to_string()
}

/// How many numbered steps the journey has (variants such as 7b share their step's number).
pub fn step_count(steps: &[&Lesson]) -> usize {
    let mut numbers: Vec<String> = steps
        .iter()
        .map(|l| {
            step_label(&l.scenario)
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .to_string()
        })
        .collect();
    numbers.dedup();
    numbers.len()
}

thread_local! {
    /// Each built-in scenario's document name, for recognising a step in any document.
    static STEP_NAMES: Vec<(String, &'static str)> = builtin::SCENARIOS
        .iter()
        .filter_map(|b| scaleboard_sim::parse(b.json).ok().map(|d| (d.name, b.name)))
        .collect();
}

/// The journey step a document is, recognised by its name: a step opened from the menu, a
/// share link or a reload, edited or not, keeps its lesson; undoing back to another document
/// shows that one's; a renamed or new diagram has none.
pub fn lesson_for(doc: &scaleboard_sim::Scenario) -> Option<String> {
    let j = the_journey()?;
    let id = STEP_NAMES.with(|names| {
        names
            .iter()
            .find(|(n, _)| *n == doc.name)
            .map(|(_, id)| *id)
    })?;
    j.lesson(id).map(|l| l.scenario.clone())
}

/// A document's name as the header shows it in `lang`: a journey step's own name (it stays the
/// document's, in files and links) is shown by its lesson's title in Korean.
pub fn shown_title(lang: Lang, doc_name: &str) -> String {
    if lang == Lang::En {
        return doc_name.to_string();
    }
    let id = STEP_NAMES.with(|names| names.iter().find(|(n, _)| n == doc_name).map(|(_, id)| *id));
    id.and_then(|id| {
        the_journey()?
            .lesson(id)
            .map(|l| l.text(lang).title.clone())
    })
    .unwrap_or_else(|| doc_name.to_string())
}

/// The document name a journey step's title stands for in `lang`: typing "서버 한 대" back into
/// the header names the document "Single server" again, and the step's lesson comes back.
pub fn name_for_title(lang: Lang, title: &str) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    STEP_NAMES.with(|names| {
        names
            .iter()
            .find(|(n, _)| shown_title(lang, n) == title)
            .map(|(n, _)| n.clone())
    })
}

/// The journey's steps in order: built-in names that have a lesson.
pub fn steps(j: &Journey) -> Vec<&Lesson> {
    builtin::SCENARIOS
        .iter()
        .filter_map(|b| j.lesson(b.name))
        .collect()
}

/// Whether every fault of `drill` (the same action on the same node or data center) is already
/// in `faults`: clicking again would only stack a second copy.
pub fn scheduled(drill: &[Fault], faults: &[Fault]) -> bool {
    drill.iter().all(|d| {
        faults
            .iter()
            .any(|f| f.action == d.action && f.node == d.node && f.dc == d.dc)
    })
}

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The built-in scenario open.
    pub scenario: AttrValue,
    /// Schedule this drill (faults relative to now [s]) in the running scenario.
    pub on_drill: Callback<Vec<Fault>>,
    /// Open another built-in scenario (previous / next step).
    pub on_open: Callback<String>,
    /// Open a variant of this step's scenario, keeping the lesson (the scaled-up machine).
    pub on_variant: Callback<scaleboard_sim::Scenario>,
    /// The open document is this step's scaled-up variant.
    #[prop_or_default]
    pub scaled: bool,
    /// The document's faults: a drill already in them is not scheduled twice.
    #[prop_or_default]
    pub faults: Vec<Fault>,
    /// The prediction chosen before a drill, told just before `on_drill`.
    #[prop_or_default]
    pub on_predict: Callback<Rc<Asked>>,
    /// The prediction made for a drill of this run, and what the run measured once it is over.
    #[prop_or_default]
    pub asked: Option<Rc<Asked>>,
    #[prop_or_default]
    pub outcome: Option<scaleboard_sim::predict::Outcome>,
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let lang = use_lang();
    let u = text(lang);
    let Some(j) = the_journey() else {
        return html! {};
    };
    let all = steps(&j);
    let Some(pos) = all
        .iter()
        .position(|l| l.scenario == props.scenario.as_str())
    else {
        return html! {};
    };
    let lesson = all[pos];
    let t = lesson.text(lang);
    let open = |name: &str| {
        let (on_open, name) = (props.on_open.clone(), name.to_string());
        Callback::from(move |_| on_open.emit(name.clone()))
    };
    // The drill's button, asking its prediction first; `drill` is the faults it schedules.
    let ask = |drill: &[Fault], prediction: &Option<scaleboard_sim::predict::Prediction>| {
        let asked = props.asked.clone().filter(|a| a.drill == drill);
        let outcome = asked.as_ref().and(props.outcome);
        html! {
            <DrillAsk drill={drill.to_vec()} prediction={prediction.clone()}
                      scheduled={scheduled(drill, &props.faults)} on_drill={props.on_drill.clone()}
                      on_predict={props.on_predict.clone()} {asked} {outcome} />
        }
    };
    let scale = (j.scale_up.scenario == lesson.scenario).then(|| {
        let st = j.scale_up.text(lang);
        let variant = builtin::find(&lesson.scenario)
            .and_then(|b| scaleboard_sim::load(b.json).ok())
            .and_then(|doc| j.scale_up.apply(&doc));
        let open_variant = {
            let on_variant = props.on_variant.clone();
            Callback::from(move |_| {
                if let Some(v) = &variant {
                    on_variant.emit(v.clone());
                }
            })
        };
        html! {
            <section class="scale-up">
                <h3>{ u.lesson_scale_up }</h3>
                <p>{ crate::glossary::annotate(&st.changed, lang) }</p>
                <p>{ crate::glossary::annotate(&st.why, lang) }</p>
                { if props.scaled { html! {
                    <>
                        <p>{ crate::glossary::annotate(&st.drill, lang) }</p>
                        { ask(&j.scale_up.drill, &j.scale_up.predict) }
                        <p>{ crate::glossary::annotate(&st.expect, lang) }</p>
                    </>
                } } else { html! {
                    <button type="button" onclick={open_variant}>{ u.lesson_open_scaled }</button>
                } } }
            </section>
        }
    });
    html! {
        <article class="lesson" lang={lang.tag()} data-lesson={lesson.scenario.clone()}>
            <p class="step">{ (u.lesson_step)(&step_label(&lesson.scenario), step_count(&all)) }</p>
            <h2>{ &t.title }</h2>
            <h3>{ u.lesson_changed }</h3>
            <p>{ crate::glossary::annotate(&t.changed, lang) }</p>
            <h3>{ u.lesson_why }</h3>
            <p>{ crate::glossary::annotate(&t.why, lang) }</p>
            <p class="notes-ref">{ format!("{}: {}", u.lesson_notes, t.notes) }</p>
            <h3>{ u.lesson_try_this }</h3>
            <p>{ crate::glossary::annotate(&t.drill, lang) }</p>
            { if lesson.drill.is_empty() { html! {} } else { ask(&lesson.drill, &lesson.predict) } }
            <h3>{ u.lesson_expect }</h3>
            <p>{ crate::glossary::annotate(&t.expect, lang) }</p>
            { for scale }
            <nav class="steps">
                { for (pos > 0).then(|| html! { <button type="button" onclick={open(&all[pos - 1].scenario)}>{ u.lesson_previous }</button> }) }
                { for all.get(pos + 1).map(|n| html! { <button type="button" class="next" onclick={open(&n.scenario)}>{ u.lesson_next }</button> }) }
            </nav>
            // Before and after, on the same traffic: the previous step as A, this one as B.
            { for (pos > 0).then(|| html! {
                <a class="compare-previous" href={format!("?scenario={}&compare={}", all[pos - 1].scenario, lesson.scenario)}>{ u.cmp_previous }</a>
            }) }
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct JourneyMenuProps {
    /// The built-in scenario open, if any.
    #[prop_or_default]
    pub current: Option<AttrValue>,
    pub on_open: Callback<String>,
    /// The menu's accessible name when it is not the header's journey menu (e.g. "Compare with
    /// a journey step"), so that two menus on one page are not both called "Journey".
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// The header's menu of built-in scenarios, in journey order, named in the current language.
#[function_component(JourneyMenu)]
pub fn journey_menu(props: &JourneyMenuProps) -> Html {
    let lang = use_lang();
    let u = text(lang);
    let j = the_journey();
    let onchange = {
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if !select.value().is_empty() {
                on_open.emit(select.value());
            }
        })
    };
    let current = props.current.as_deref().unwrap_or("");
    let label = |name: &str| match step_label(name) {
        l if l.is_empty() => name.to_string(),
        l => l,
    };
    html! {
        <select class={if props.label.is_some() { "journey-step" } else { "journey" }}
            aria-label={props.label.clone().unwrap_or(AttrValue::Static(u.lesson_journey))} {onchange}>
            <option value="" selected={current.is_empty()} disabled=true>{ format!("{} …", u.lesson_journey) }</option>
            { for builtin::SCENARIOS.iter().map(|b| {
                let title = j.as_ref().and_then(|j| j.lesson(b.name)).map(|l| l.text(lang).title.clone())
                    .unwrap_or_else(|| b.name.to_string());
                html! { <option value={b.name} selected={b.name == current}>{ format!("{}. {title}", label(b.name)) }</option> }
            }) }
        </select>
    }
}

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    pub on_journey: Callback<()>,
    pub on_blank: Callback<()>,
    /// Escape: neither, just look at the diagram behind.
    pub on_close: Callback<()>,
}

/// The first visit: start the journey, or a blank canvas. Later visits resume the saved work.
#[function_component(Welcome)]
pub fn welcome(props: &WelcomeProps) -> Html {
    let u = use_text();
    let start = props.on_journey.reform(|_: MouseEvent| ());
    let blank = props.on_blank.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    html! {
        <div class="overlay welcome" role="dialog" aria-modal="true" aria-labelledby="welcome-title" {onkeydown}>
            <div class="sheet">
                <h2 id="welcome-title">{ u.lesson_welcome_title }</h2>
                <p>{ u.lesson_welcome_body }</p>
                <div class="choices">
                    <button type="button" class="primary" onclick={start} autofocus=true>{ u.lesson_start_journey }</button>
                    <button type="button" onclick={blank}>{ u.lesson_blank }</button>
                </div>
                <p class="hint">{ u.lesson_blank_hint }</p>
            </div>
        </div>
    }
}
