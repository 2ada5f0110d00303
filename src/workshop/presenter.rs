//! Presenter mode's view: the canvas fills the screen, node names are drawn large enough for
//! the back of a room, four large live tiles and one chart strip sit beside the diagram, and
//! the lesson shows as a caption. The rules (sizes, keys) are the model's
//! (`scaleboard_sim::present`); the keys are wired in `keys.rs`.

use std::collections::HashMap;
use std::rc::Rc;

use scaleboard_sim::edit::Editor;
use scaleboard_sim::present::{name_lines, names_drawn, PresenterKey};
use scaleboard_sim::{Scenario, Snapshot};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::live_view::NodeLive;
use crate::run::charts::{self, LatencyView, Mark};
use crate::run::design::fmt_usd;
use crate::run::numbers::{fmt_ms, fmt_rate, Limits};
use crate::run::series::Point;

/// Font size of a node's name in the normal view [px]; `.node text.name` in static/style.css.
const NORMAL_NAME_PX: f64 = 14.0;
/// Line height of a presenter name [em].
const LINE_EM: f64 = 1.1;
/// Below this share of good requests [%] the good tile turns red, as the run dock's does.
const GOOD_PCT_MARK: f64 = 99.0;

/// The nodes' names as presenter mode draws them: centred on each node, at a size that reads
/// [`scaleboard_sim::present::NAME_SCREEN_PX`] on screen, wrapped onto at most three lines. A
/// layer of its own over the diagram, in the diagram's coordinates; it takes no pointer input.
pub fn names_layer(ed: &Editor, lang: Lang, live: &HashMap<String, NodeLive>) -> Html {
    let v = ed.viewport;
    if !names_drawn(v.zoom, NORMAL_NAME_PX) {
        return html! {};
    }
    html! {
        <g class="presenter-names" aria-hidden="true"
           transform={format!("translate({:.2} {:.2}) scale({})", v.pan_x, v.pan_y, v.zoom)}>
            { for ed.doc.nodes.iter().map(|node| {
                let name = i18n::shown_name(lang, &node.name);
                let (px, lines) = name_lines(&name, v.zoom, NORMAL_NAME_PX);
                // The block of lines centred on the node's centre.
                let first_dy = -(lines.len() as f64 - 1.0) / 2.0 * LINE_EM;
                let down = live.get(&node.id).is_some_and(|l| !l.up);
                html! {
                    <text class={classes!("presenter-name", down.then_some("down"))} data-id={node.id.clone()}
                          x={format!("{:.2}", node.x)} y={format!("{:.2}", node.y)}
                          font-size={format!("{px:.2}")} text-anchor="middle" dominant-baseline="central">
                        { for lines.iter().enumerate().map(|(i, l)| html! {
                            <tspan x={format!("{:.2}", node.x)}
                                   dy={format!("{:.2}em", if i == 0 { first_dy } else { LINE_EM })}>{ l.clone() }</tspan>
                        }) }
                    </text>
                }
            }) }
        </g>
    }
}

/// The button that starts presenter mode (the key P does the same), at the canvas's corner.
/// Plain functions rather than components here: they hold no state, and each component costs
/// the download a few kilobytes.
pub fn present_button(on_key: &Callback<PresenterKey>, lang: Lang) -> Html {
    let t = i18n::text(lang);
    let onclick = on_key.reform(|_: MouseEvent| PresenterKey::Toggle);
    html! {
        <button type="button" class="present-button" {onclick} title={t.present_tip}>{ t.present }</button>
    }
}

/// The lesson of journey step `lesson` as a caption beside the diagram (its step, title and
/// what to watch; `doc_name` off the journey), the lesson's drill with its prediction (`drill`,
/// the same `DrillAsk` as the lesson panel's, so the room is asked before it runs), and a way
/// out for a pointer (`on_leave`).
pub fn caption(
    lesson: Option<&str>,
    doc_name: &str,
    drill: Html,
    on_leave: &Callback<()>,
    lang: Lang,
) -> Html {
    let t = i18n::text(lang);
    let shown = crate::lesson::the_journey().and_then(|j| {
        let all = crate::lesson::steps(&j);
        let l = all.iter().find(|l| Some(l.scenario.as_str()) == lesson)?;
        let step = (t.lesson_step)(
            &crate::lesson::step_label(&l.scenario),
            crate::lesson::step_count(&all),
        );
        let text = l.text(lang);
        Some((step, text.title.clone(), text.expect.clone()))
    });
    let onclick = on_leave.reform(|_: MouseEvent| ());
    html! {
        <div class="presenter-caption" lang={lang.tag()} data-lesson={lesson.map(str::to_string)}>
            { match shown {
                Some((step, title, expect)) => html! {
                    <>
                        <p class="presenter-title"><span class="presenter-step">{ step }</span>{ " " }{ title }</p>
                        <p class="presenter-watch"><strong>{ t.present_watch }</strong>{ " " }{ expect }</p>
                        <div class="presenter-drill">{ drill }</div>
                    </>
                },
                None => html! { <p class="presenter-title">{ doc_name.to_string() }</p> },
            } }
            <div class="presenter-foot">
                <p class="presenter-keys">{ t.present_keys_hint }</p>
                <button type="button" class="presenter-leave" {onclick} title={t.present_leave_tip}>{ t.present_leave }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LiveProps {
    /// The document as edited: its monthly cost.
    pub scenario: Rc<Scenario>,
    /// The users' latency objective of the run measured, for marking p99.
    pub limits: Option<Limits>,
    /// The run now (or the moment scrubbed to); `None` before Play.
    pub snapshot: Option<Rc<Snapshot>>,
    /// The last closed window, if any: what the tiles show.
    pub last: Option<Point>,
    /// The system series, oldest window first: the chart strip.
    pub sys: Rc<Vec<Point>>,
    /// Faults marked on the strip: when [s] and a label.
    pub marks: Rc<Vec<Mark>>,
}

/// Four large tiles (p99, good %, ok/s, monthly cost) and the latency chart as a strip, from
/// the same series the run dock shows, refreshed as it is.
#[function_component(Live)]
pub fn live(props: &LiveProps) -> Html {
    let lang = i18n::use_lang();
    let t = i18n::text(lang);
    let strip = use_node_ref();
    {
        // Drawn when its series, marks or language change, not on every frame's new snapshot.
        let deps = (props.sys.clone(), props.marks.clone(), lang);
        let strip = strip.clone();
        use_effect_with(deps, move |(sys, marks, _)| {
            let theme = if crate::location::dark_theme() {
                charts::DARK
            } else {
                charts::LIGHT
            };
            if let Some(c) = strip.cast::<HtmlCanvasElement>() {
                // A chart that cannot draw leaves the strip blank; the tiles still read.
                let _ = charts::latency(&c, sys, marks, LatencyView::default(), None, &theme, t);
            }
        });
    }
    let monthly = {
        // Estimated again only when the document changed (a new Rc), not on every frame.
        let scenario = props.scenario.clone();
        use_memo(scenario, |s| scaleboard_sim::cost::estimate(s).monthly_usd)
    };
    let running = props.snapshot.as_ref().is_some_and(|s| s.now_ms > 0.0);
    let last = props.last.filter(|_| running);
    let objective = props
        .limits
        .clone()
        .unwrap_or_else(|| Limits::of(&props.scenario, t))
        .strictest_objective_ms;
    let p99 = last.map(|p| p.all.p99);
    let p99_bad = last.is_some_and(|p| p.all.p99 > objective || p.flagged());
    let good = last.and_then(|p| p.good_pct());
    let good_bad = good.is_some_and(|g| g < GOOD_PCT_MARK);
    let tile = |key: &'static str, label: &'static str, value: String, bad: bool| {
        html! {
            <div class={classes!("tile", bad.then_some("bad"))} data-tile={key}>
                <span class="tile-label">{ label }</span>
                <span class="tile-value">{ value }</span>
            </div>
        }
    };
    html! {
        <section class="presenter-live" aria-label={t.live_numbers}>
            <div class="tiles">
                { tile("p99", "p99", p99.map_or_else(|| "–".into(), |v| fmt_ms(v, t)), p99_bad) }
                { tile("good", t.present_good, good.map_or_else(|| "–".into(), |g| format!("{g:.1} %")), good_bad) }
                { tile("ok-rps", t.present_ok, last.map_or_else(|| "–".into(), |p| fmt_rate(p.ok)), false) }
                { tile("cost", t.present_cost, fmt_usd(*monthly), false) }
            </div>
            <figure class="strip">
                <figcaption>{ t.latency }</figcaption>
                <canvas ref={strip} width="300" height="180" aria-label={t.latency_aria} />
            </figure>
            if !running {
                <p class="presenter-hint">{ t.present_press_space }</p>
            }
        </section>
    }
}
