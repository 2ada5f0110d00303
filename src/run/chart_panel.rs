//! The three charts beside the numbers (latency, throughput, the selected node), with their
//! switches, downloads and the hover readout. Fed the series by the run dock; owns only what a
//! person does to the charts themselves (hovering, the latency chart's view).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::charts::{self, Frame, LatencyView, Mark};
use super::numbers::{fmt_ms, fmt_rate};
use super::series::{self, NodePoint, Point};
use crate::i18n::{self, Text};

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    /// The system series, oldest window first.
    pub sys: Rc<Vec<Point>>,
    /// The selected node's series; empty when none is selected.
    pub node_pts: Rc<Vec<NodePoint>>,
    /// Faults to mark on every chart: when [s] and a label.
    pub marks: Rc<Vec<Mark>>,
    /// The third chart's title: the selected node, or a hint to select one.
    pub node_title: AttrValue,
    /// The moment a replay is scrubbed to [s]: drawn like the hover cursor while nothing is
    /// hovered, and read out the same way.
    #[prop_or_default]
    pub cursor: Option<f64>,
    /// A window clicked on the latency chart, by its end [ms of simulated time]; `None`: the
    /// chart does not take clicks.
    #[prop_or_default]
    pub on_pick: Option<Callback<f64>>,
}

#[function_component(ChartPanel)]
pub fn chart_panel(props: &ChartPanelProps) -> Html {
    let t = i18n::text(i18n::use_lang());
    // The latency chart's y axis and which requests it plots (all of them unless switched).
    let view = use_state(LatencyView::default);
    let hover = use_state(|| None::<f64>);
    let frames: Rc<RefCell<[Frame; 3]>> = use_mut_ref(Default::default);
    let canvases = [use_node_ref(), use_node_ref(), use_node_ref()];

    // Draw the charts after every render: new windows, a hover or a switch.
    {
        let (canvases, frames) = (canvases.clone(), frames.clone());
        let (sys, node_pts, marks) = (
            props.sys.clone(),
            props.node_pts.clone(),
            props.marks.clone(),
        );
        let (view, hover) = (*view, hover.or(props.cursor));
        use_effect(move || {
            let theme = if crate::location::dark_theme() {
                charts::DARK
            } else {
                charts::LIGHT
            };
            let mut frames = frames.borrow_mut();
            if let Some(c) = canvases[0].cast::<HtmlCanvasElement>() {
                frames[0] =
                    charts::latency(&c, &sys, &marks, view, hover, &theme, t).unwrap_or_default();
            }
            if let Some(c) = canvases[1].cast::<HtmlCanvasElement>() {
                frames[1] =
                    charts::throughput(&c, &sys, &marks, hover, &theme, t).unwrap_or_default();
            }
            if let Some(c) = canvases[2].cast::<HtmlCanvasElement>() {
                frames[2] =
                    charts::node(&c, &node_pts, &marks, hover, &theme, t).unwrap_or_default();
            }
        });
    }

    let hover_line = hover
        .or(props.cursor)
        .and_then(|at| readout(at, &props.sys, &props.node_pts, view.ok_only, t));
    let on_hover = |i: usize| {
        let (hover, frames) = (hover.clone(), frames.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(c) = e.target_dyn_into::<HtmlCanvasElement>() else {
                return;
            };
            let scale = f64::from(c.width()) / f64::from(c.client_width().max(1));
            hover.set(frames.borrow()[i].time_at(f64::from(e.offset_x()) * scale));
        })
    };
    // A click on the latency chart picks the window the hover readout names.
    let on_click = props.on_pick.clone().map(|pick| {
        let (frames, sys) = (frames.clone(), props.sys.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(c) = e.target_dyn_into::<HtmlCanvasElement>() else {
                return;
            };
            let scale = f64::from(c.width()) / f64::from(c.client_width().max(1));
            let at = frames.borrow()[0].time_at(f64::from(e.offset_x()) * scale);
            if let Some(p) = at.and_then(|at| nearest(&sys, at)) {
                pick.emit(p.t_s * 1000.0);
            }
        })
    });
    let pickable = on_click.is_some();
    let on_leave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let download_png = |i: usize, name: &'static str| {
        let canvas = canvases[i].clone();
        Callback::from(move |_| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                super::download::canvas_png(&c, name);
            }
        })
    };
    let download_csv = {
        let sys = props.sys.clone();
        Callback::from(move |_| {
            let _ = crate::export::download_text(
                "scaleboard-series.csv",
                "text/csv",
                &series::to_csv(&sys),
            );
        })
    };
    let flip_view = |flip: fn(LatencyView) -> LatencyView| {
        let view = view.clone();
        Callback::from(move |_: Event| view.set(flip(*view)))
    };
    let on_log = flip_view(|v| LatencyView { log: !v.log, ..v });
    let on_ok_only = flip_view(|v| LatencyView {
        ok_only: !v.ok_only,
        ..v
    });
    html! {
        <div class="chart-col">
        <p class="hover-readout" aria-live="off">{ hover_line.unwrap_or_else(|| if pickable {
            format!("{} {}", t.hover_hint, t.tr_chart_tip)
        } else {
            t.hover_hint.into()
        }) }</p>
        <div class="charts">
            <figure>
                <figcaption>{ t.latency }
                    <label class="check"><input type="checkbox" checked={view.log} onchange={on_log} />{ t.log }</label>
                    <label class="check" title={t.ok_only_tip}><input type="checkbox" data-switch="ok-only" checked={view.ok_only} onchange={on_ok_only} />{ t.ok_only }</label>
                    <button type="button" class="small" onclick={download_png(0, "scaleboard-latency.png")}>{ "PNG" }</button>
                </figcaption>
                <canvas ref={canvases[0].clone()} width="420" height="200" aria-label={if view.ok_only { t.latency_aria_ok_only } else { t.latency_aria }} onmousemove={on_hover(0)} onmouseleave={on_leave.clone()}
                        class={classes!(pickable.then_some("pickable"))} title={pickable.then_some(t.tr_chart_tip)} onclick={on_click} />
            </figure>
            <figure>
                <figcaption>{ t.throughput }
                    <button type="button" class="small" onclick={download_png(1, "scaleboard-throughput.png")}>{ "PNG" }</button>
                    <button type="button" class="small" title={t.csv_tip} onclick={download_csv}>{ "CSV" }</button>
                </figcaption>
                <canvas ref={canvases[1].clone()} width="420" height="200" aria-label={t.throughput_aria} onmousemove={on_hover(1)} onmouseleave={on_leave.clone()} />
            </figure>
            <figure>
                <figcaption>{ props.node_title.clone() }
                    <button type="button" class="small" onclick={download_png(2, "scaleboard-node.png")}>{ "PNG" }</button>
                </figcaption>
                <canvas ref={canvases[2].clone()} width="420" height="200" aria-label={t.node_aria} onmousemove={on_hover(2)} onmouseleave={on_leave} />
            </figure>
        </div>
        </div>
    }
}

/// The window whose point (drawn at its end) lies nearest time `at` [s]: the one the hover
/// readout names, and a click opens.
pub fn nearest(sys: &[Point], at: f64) -> Option<&Point> {
    sys.iter()
        .min_by(|a, b| (a.t_s - at).abs().total_cmp(&(b.t_s - at).abs()))
}

/// The values at hovered time `t` [s], as one line of text: the percentiles the latency chart
/// shows (`ok_only` or of all requests), outcomes and the good share.
fn readout(t: f64, sys: &[Point], node: &[NodePoint], ok_only: bool, tx: &Text) -> Option<String> {
    let p = nearest(sys, t)?;
    let q = p.pcts(ok_only);
    let mut line = (tx.readout)(
        p.t_s,
        if ok_only { tx.of_ok_only } else { tx.of_all },
        &fmt_ms(q.p50, tx),
        &fmt_ms(q.p95, tx),
        &fmt_ms(q.p99, tx),
        &fmt_rate(p.ok),
        &fmt_rate(p.errors()),
    );
    if let Some(good) = p.good_pct() {
        line.push_str(&(tx.readout_good)(good));
    }
    if let Some(n) = node.iter().find(|n| (n.t_s - p.t_s).abs() < 1e-9) {
        line.push_str(&(tx.readout_node)(n.utilization_pct, n.queue_len));
    }
    Some(line)
}
