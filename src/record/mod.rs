//! *Record* in the run dock: the diagram and the charts captured for a few seconds of wall time
//! as an animated GIF (and a WebM video where the browser records video), sized for chat and
//! documentation. The run plays while recording (started if it was paused, and paused again
//! after) and stays interactive: fail a node mid-recording and the GIF shows it.

pub mod frame;
pub mod session;
pub mod webm;

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{self, Text};
use session::{Progress, Setup};

/// Lengths offered [s of wall time]; the second is the default.
pub const LENGTHS_S: [u32; 3] = [5, 10, 20];

#[derive(Properties, PartialEq)]
pub struct RecorderProps {
    /// The scenario's name: the files' names and the frames' caption.
    pub name: AttrValue,
    /// Simulated time now [s], for the frames' caption.
    pub now_s: f64,
    /// Whether the run plays now, and the dock's play/pause toggle.
    pub playing: bool,
    pub on_toggle: Callback<()>,
    /// Whether the design can run (Record plays it).
    pub can_run: bool,
    /// Whether the third chart (the selected node's) is recorded too.
    pub with_node: bool,
}

#[function_component(Recorder)]
pub fn recorder(props: &RecorderProps) -> Html {
    let t = i18n::text(i18n::use_lang());
    let here = use_node_ref();
    let length = use_state(|| 1_usize);
    let progress = use_state(|| None::<Progress>);
    // One hook for what the recording shares with the dock (each hook is code in the wasm).
    let shared = use_mut_ref(Shared::default);
    shared.borrow().clock_s.set(props.now_s);
    {
        let shared = shared.clone();
        use_effect_with((), move |_| move || shared.borrow().stop.set(true));
    }
    let (recording, encoding, done) = match *progress {
        Some(Progress::Recording { .. }) => (true, false, false),
        Some(Progress::Encoding) => (true, true, false),
        Some(_) => (false, false, true),
        None => (false, false, false),
    };
    {
        let (shared, toggle, playing) = (shared.clone(), props.on_toggle.clone(), props.playing);
        use_effect_with(done, move |done| {
            if *done && std::mem::take(&mut shared.borrow_mut().played) && playing {
                toggle.emit(());
            }
        });
    }

    let total_s = f64::from(LENGTHS_S[*length % LENGTHS_S.len()]);
    let onclick = {
        let (here, progress, shared) = (here.clone(), progress.clone(), shared.clone());
        let (name, playing, toggle, can_run, with_node) = (
            props.name.clone(),
            props.playing,
            props.on_toggle.clone(),
            props.can_run,
            props.with_node,
        );
        Callback::from(move |_: MouseEvent| {
            if recording {
                shared.borrow().stop.set(true);
                return;
            }
            let Some((svg, charts, chart_titles)) =
                here.cast::<Element>().and_then(|el| find(&el, with_node))
            else {
                progress.set(Some(Progress::Failed(t.record_no_diagram.into())));
                return;
            };
            let (stop, clock_s) = {
                let mut sh = shared.borrow_mut();
                sh.stop = Rc::new(Cell::new(false));
                sh.played = !playing && can_run;
                (sh.stop.clone(), sh.clock_s.clone())
            };
            // After the borrow: the toggle may draw the dock (and this control) again.
            if !playing && can_run {
                toggle.emit(());
            }
            let setup = Setup {
                svg,
                charts,
                chart_titles,
                clock_s,
                total_s,
                stem: crate::export::file_stem(&name),
                title: t.named(&name).into_owned(),
                t,
            };
            let progress = progress.clone();
            session::start(setup, stop, Callback::from(move |p| progress.set(Some(p))));
        })
    };
    let onchange = {
        let length = length.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                length.set(sel.selected_index().max(0) as usize);
            }
        })
    };
    let played = shared.borrow().played;
    let (state, status, outcome, webm) = describe(progress.as_ref(), total_s, played, t);
    html! {
        <span class="record" ref={here} data-record={state} data-outcome={outcome}>
            <button type="button" {onclick} disabled={encoding} title={t.record_tip}>
                { if recording { t.record_stop } else { t.record } }</button>
            <select aria-label={t.record_length} {onchange} disabled={recording}>
                { for LENGTHS_S.iter().enumerate().map(|(i, s)| html! {
                    <option selected={i == *length}>{ t.secs(f64::from(*s), 0) }</option>
                }) }
            </select>
            <span class="record-state" role="status">{ status }</span>
            { for webm }
        </span>
    }
}

/// What a recording shares with the control: how to stop it, whether it pressed Play (so it
/// pauses again when done), and the simulated time for its caption [s].
#[derive(Default)]
struct Shared {
    stop: Rc<Cell<bool>>,
    played: bool,
    clock_s: Rc<Cell<f64>>,
}

/// The diagram's `<svg>`, the charts' canvases of the dock holding `here`, and the charts' titles
/// (their captions' own text, without the captions' switches and buttons).
#[allow(clippy::type_complexity)]
fn find(
    here: &Element,
    with_node: bool,
) -> Option<(Element, Vec<web_sys::HtmlCanvasElement>, Vec<String>)> {
    let dock = here.closest(".run-dock").ok()??;
    // The dock sits beside the workspace in the app and inside it in an embed: its parent
    // holds the diagram either way.
    let svg = dock.parent_element()?.query_selector("svg.canvas").ok()??;
    let mut titles = Vec::new();
    let charts = (1..=if with_node { 3 } else { 2 })
        .filter_map(|i| {
            let figure = dock
                .query_selector(&format!(".charts figure:nth-of-type({i})"))
                .ok()??;
            let canvas = figure.query_selector("canvas").ok()??.dyn_into().ok()?;
            let title = figure
                .query_selector("figcaption")
                .ok()
                .flatten()
                .and_then(|c| c.first_child())
                .and_then(|t| t.text_content())
                .unwrap_or_default();
            titles.push(title.trim().to_string());
            Some(canvas)
        })
        .collect();
    Some((svg, charts, titles))
}

/// The state's name (for tests and styles), what to say, the outcome's figures (for whoever
/// measures, see docs/benchmarks.md) and the WebM button.
fn describe(
    progress: Option<&Progress>,
    total_s: f64,
    played: bool,
    t: &'static Text,
) -> (&'static str, String, Option<String>, Option<Html>) {
    match progress {
        None => ("idle", String::new(), None, None),
        Some(Progress::Recording { at_s }) => {
            let mut s = (t.record_elapsed)(at_s.min(total_s), total_s);
            if played {
                s = format!("{s} · {}", t.record_playing);
            }
            ("recording", s, None, None)
        }
        Some(Progress::Encoding) => ("encoding", t.record_encoding.into(), None, None),
        Some(Progress::Failed(why)) => ("failed", (t.record_failed)(why), None, None),
        Some(Progress::Saved(out)) => {
            let webm = out.webm.as_ref().map(|(blob, name)| {
                let (blob, name) = (blob.clone(), name.clone());
                let onclick = Callback::from(move |_: MouseEvent| {
                    let _ = crate::export::download_blob(&name, &blob);
                });
                let label = (t.record_webm)(out.webm.as_ref().map_or(0, |w| w.0.size() as usize));
                html! { <button type="button" class="small" {onclick}>{ label }</button> }
            });
            let c = out.cost_ms;
            let figures = format!(
                "bytes={} frames={} captured={} serialise_ms={:.1} compose_ms={:.1} encode_ms={:.1} worst_ms={:.1}",
                out.gif_bytes, out.frames, out.captured, c[0], c[1], c[2], c[3]
            );
            let mut said = (t.record_saved)(&out.gif_name, out.gif_bytes, out.frames);
            if webm.is_none() {
                said = format!("{said} {}", t.record_no_video);
            }
            ("saved", said, Some(figures), webm)
        }
    }
}
