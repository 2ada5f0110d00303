//! One frame of a recording: the diagram (its `<svg>` serialised with the export's own styles
//! and drawn through an image, as *Export PNG* does) and the charts' canvases, composed on one
//! off-screen canvas [`WIDTH`] px wide under a caption with the scenario's name and the clock.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlImageElement};

use crate::export::Loading;

/// Width of every recording [px]: fits chat windows and documentation columns.
pub const WIDTH: u32 = 800;
/// Height of the caption strip [px].
const CAPTION_H: f64 = 28.0;
/// Space around and between the pieces [px].
const GAP: f64 = 8.0;
/// Height of the title strip above each chart [px].
const TITLE_H: f64 = 20.0;
/// Tallest the diagram is drawn [px]; a taller one is scaled down to this and centred (a
/// two-region design is about square: 600 px keeps its names readable).
const MAX_DIAGRAM_H: f64 = 600.0;
/// Behind the pieces: the page's own background (light theme), so the white diagram and
/// charts read as panels.
const BACKGROUND: &str = "#f6f8fa";
const INK: &str = "#1f2328";
const TITLE_FONT: &str = "600 12px system-ui, -apple-system, 'Segoe UI', Roboto, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', sans-serif";
const CAPTION_FONT: &str = "600 14px system-ui, -apple-system, 'Segoe UI', Roboto, 'Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', sans-serif";

/// Where a piece is drawn in the frame [px].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Where everything goes, decided once when recording starts (a GIF's size is fixed).
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Frame height [px], even (video encoders want even sizes).
    pub height: u32,
    pub diagram: Place,
    pub charts: Vec<Place>,
}

impl Layout {
    /// The diagram `(w, h)` [CSS px] across the top, scaled to the frame's width (at most
    /// [`MAX_DIAGRAM_H`] tall), then the charts `(w, h)` [canvas px] two a row beneath it, each
    /// under a [`TITLE_H`] strip for its title.
    pub fn of(diagram: (f64, f64), charts: &[(f64, f64)]) -> Layout {
        let full = f64::from(WIDTH);
        let (w, h) = (diagram.0.max(1.0), diagram.1.max(1.0));
        let scale = (full / w).min(MAX_DIAGRAM_H / h);
        let (dw, dh) = (w * scale, h * scale);
        let diagram = Place {
            x: ((full - dw) / 2.0).floor(),
            y: CAPTION_H,
            w: dw.round(),
            h: dh.round(),
        };
        let col_w = ((full - 3.0 * GAP) / 2.0).floor();
        let mut y = diagram.y + diagram.h + GAP;
        let mut placed = Vec::with_capacity(charts.len());
        for row in charts.chunks(2) {
            let mut row_h: f64 = 0.0;
            for (col, &(cw, ch)) in row.iter().enumerate() {
                let h = (col_w * ch.max(1.0) / cw.max(1.0)).round();
                row_h = row_h.max(h);
                placed.push(Place {
                    x: GAP + col as f64 * (col_w + GAP),
                    y: y + TITLE_H,
                    w: col_w,
                    h,
                });
            }
            y += TITLE_H + row_h + GAP;
        }
        let height = (y.ceil() as u32).div_ceil(2) * 2;
        Layout {
            height,
            diagram,
            charts: placed,
        }
    }
}

/// The off-screen canvas frames are composed on.
pub struct Composer {
    pub canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    pub layout: Layout,
}

impl Composer {
    pub fn new(layout: Layout) -> Result<Self, JsValue> {
        let canvas: HtmlCanvasElement = gloo::utils::document()
            .create_element("canvas")?
            .dyn_into()?;
        canvas.set_width(WIDTH);
        canvas.set_height(layout.height);
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2d canvas"))?
            .dyn_into()?;
        Ok(Self {
            canvas,
            ctx,
            layout,
        })
    }

    /// Draws one frame: the caption (`title` left, `clock` right), the diagram's image and the
    /// charts as they are on the page now, each under its title.
    pub fn draw(
        &self,
        diagram: &HtmlImageElement,
        charts: &[HtmlCanvasElement],
        chart_titles: &[String],
        title: &str,
        clock: &str,
    ) -> Result<(), JsValue> {
        let (ctx, l) = (&self.ctx, &self.layout);
        ctx.set_fill_style_str(BACKGROUND);
        ctx.fill_rect(0.0, 0.0, f64::from(WIDTH), f64::from(l.height));
        ctx.set_fill_style_str(INK);
        ctx.set_font(CAPTION_FONT);
        ctx.set_text_baseline("middle");
        ctx.set_text_align("left");
        ctx.fill_text(title, GAP, CAPTION_H / 2.0)?;
        ctx.set_text_align("right");
        ctx.fill_text(clock, f64::from(WIDTH) - GAP, CAPTION_H / 2.0)?;
        let d = l.diagram;
        ctx.draw_image_with_html_image_element_and_dw_and_dh(diagram, d.x, d.y, d.w, d.h)?;
        ctx.set_font(TITLE_FONT);
        ctx.set_text_align("left");
        for (name, p) in chart_titles.iter().zip(&l.charts) {
            ctx.fill_text(name, p.x, p.y - TITLE_H / 2.0)?;
        }
        for (c, p) in charts.iter().zip(&l.charts) {
            // A chart folded away since recording began has no size: its place stays empty.
            if c.width() > 0 && c.height() > 0 {
                ctx.draw_image_with_html_canvas_element_and_dw_and_dh(c, p.x, p.y, p.w, p.h)?;
            }
        }
        Ok(())
    }

    /// The frame's pixels, RGBA row by row.
    pub fn pixels(&self) -> Result<Vec<u8>, JsValue> {
        let data =
            self.ctx
                .get_image_data(0.0, 0.0, f64::from(WIDTH), f64::from(self.layout.height))?;
        Ok(data.data().0)
    }
}

/// The part of the canvas the diagram occupies `[x, y, w, h]` [px of the canvas], with a
/// margin: the nodes and data centers, not the empty canvas around them, so the diagram fills
/// the frame's width. The whole canvas when it shows nothing.
pub fn content_box(svg: &Element) -> [f64; 4] {
    /// Room around the outermost boxes for badges, dots and the "down" mark [px].
    const MARGIN: f64 = 24.0;
    let (w, h) = crate::dom::size(svg);
    let origin = svg.get_bounding_client_rect();
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    if let Ok(list) = svg.query_selector_all(".node, .dc") {
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let r = el.get_bounding_client_rect();
            let (x, y) = (r.left() - origin.left(), r.top() - origin.top());
            b = [
                b[0].min(x),
                b[1].min(y),
                b[2].max(x + r.width()),
                b[3].max(y + r.height()),
            ];
        }
    }
    if b[0] > b[2] {
        return [0.0, 0.0, w, h];
    }
    let (x0, y0) = ((b[0] - MARGIN).max(0.0), (b[1] - MARGIN).max(0.0));
    let (x1, y1) = ((b[2] + MARGIN).min(w), (b[3] + MARGIN).min(h));
    [x0, y0, (x1 - x0).max(1.0), (y1 - y0).max(1.0)]
}

/// `b` grown about its centre to the shape `aspect` (width / height), so the diagram keeps its
/// place in the frame when the page fits it anew (a panel opened, the window resized).
pub fn to_aspect([x, y, w, h]: [f64; 4], aspect: f64) -> [f64; 4] {
    if w / h > aspect {
        let h2 = w / aspect;
        [x, y - (h2 - h) / 2.0, w, h2]
    } else {
        let w2 = h * aspect;
        [x - (w2 - w) / 2.0, y, w2, h]
    }
}

/// The diagram as it is now, serialised with the export's styles (the dots on the wires where
/// the page shows them) and handed to the browser to decode as an image.
pub fn load_diagram(svg: &Element, view: [f64; 4]) -> Result<Loading, JsValue> {
    crate::export::svg_image(&at_phase(
        &crate::export::svg_text_of(svg, view),
        animation_time(svg),
    ))
}

/// The page's SVG animation clock [s] (`getCurrentTime`), 0 where it has none.
fn animation_time(svg: &Element) -> f64 {
    js_sys::Reflect::get(svg, &JsValue::from_str("getCurrentTime"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(svg).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// The serialised diagram with every animation's `begin="Xs"` moved `now_s` [s] earlier: an
/// image starts its animations at 0, so the moving dots then stand where the page shows them
/// at its animation time `now_s`, and move on from frame to frame instead of restarting.
pub fn at_phase(svg: &str, now_s: f64) -> String {
    const KEY: &str = " begin=\"";
    if !now_s.is_finite() || now_s == 0.0 {
        return svg.to_string();
    }
    let mut out = String::with_capacity(svg.len() + 256);
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let shifted = tail.find("s\"").and_then(|end| {
            let v: f64 = tail[..end].parse().ok()?;
            Some((v - now_s, end))
        });
        match shifted {
            Some((v, end)) => {
                out.push_str(&format!("{v:.3}"));
                rest = &tail[end..];
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}
