//! A recording from start to saved file: a frame every [`FRAME_MS`] of wall time, each composed
//! (frame.rs), encoded into the GIF at once (scaleboard-gif) and handed to the video, then the
//! files. Runs as a task on the page's event loop, yielding between frames, so the page and the
//! run go on while it records; a frame still loading when the next is due is skipped, never
//! queued, so a slow machine records fewer frames rather than falling behind.

use std::cell::Cell;
use std::rc::Rc;

use scaleboard_gif::Encoder;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Element, HtmlCanvasElement};
use yew::Callback;

use super::frame::{self, Composer, Layout, WIDTH};
use super::webm::Video;
use crate::i18n::Text;

/// Time between frames [ms of wall time]: 10 frames a second, smooth enough for dots and
/// charts, and a whole number of the GIF's centiseconds.
pub const FRAME_MS: f64 = 100.0;
/// The most a GIF may grow to before the recording stops by itself [bytes]: memory stays
/// bounded whatever the design (20 s of a busy dashboard is about 4 MB).
const MAX_GIF_BYTES: usize = 16_000_000;

/// What is recorded and how: the page's pieces, found when Record was pressed.
pub struct Setup {
    pub svg: Element,
    pub charts: Vec<HtmlCanvasElement>,
    /// Each chart's title, drawn above it (the page's are HTML, not on the canvas).
    pub chart_titles: Vec<String>,
    /// The run's simulated time now [s], kept up to date by the dock.
    pub clock_s: Rc<Cell<f64>>,
    /// Recording length [s of wall time].
    pub total_s: f64,
    /// The files' names start with this.
    pub stem: String,
    /// The caption of every frame.
    pub title: String,
    pub t: &'static Text,
}

/// A recording's course, as the dock shows it.
#[derive(Clone)]
pub enum Progress {
    Recording { at_s: f64 },
    Encoding,
    Saved(Rc<Outcome>),
    Failed(String),
}

/// A finished recording: the files and what making them cost.
pub struct Outcome {
    pub gif_name: String,
    pub gif_bytes: usize,
    pub frames: u32,
    /// The video and its file name, where the browser recorded one.
    pub webm: Option<(Blob, String)>,
    /// Main-thread time per frame, averaged [ms]: serialising the diagram, composing the frame
    /// (the SVG rasterised, the charts) and reading its pixels, encoding; then the worst frame.
    pub cost_ms: [f64; 4],
    /// Frames taken, those equal to the one before included.
    pub captured: u32,
}

/// Records for `setup.total_s` or until `stop` is set, saves the GIF (the video is kept for a
/// button: a second download nobody clicked would be blocked), and says how it goes.
pub fn start(setup: Setup, stop: Rc<Cell<bool>>, report: Callback<Progress>) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = record(setup, stop, &report).await {
            let why = e
                .as_string()
                .or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()?
                        .as_string()
                })
                .unwrap_or_default();
            report.emit(Progress::Failed(why));
        }
    });
}

async fn record(
    s: Setup,
    stop: Rc<Cell<bool>>,
    report: &Callback<Progress>,
) -> Result<(), JsValue> {
    let sizes: Vec<(f64, f64)> = s
        .charts
        .iter()
        .map(|c| (f64::from(c.width()), f64::from(c.height())))
        .collect();
    // The frame's shape is fixed by the first picture (a GIF's size cannot change); each frame
    // then shows the diagram's box of the moment in that shape.
    let first = frame::content_box(&s.svg);
    let aspect = first[2] / first[3];
    let composer = Composer::new(Layout::of((first[2], first[3]), &sizes))?;
    let mut gif = Encoder::new(WIDTH, composer.layout.height).map_err(text_err)?;
    let video = Video::start(&composer.canvas);
    let total_ms = s.total_s * 1000.0;
    let mut cost = [0.0; 4];
    let mut captured = 0u32;
    let start = now();
    let mut due = start;
    loop {
        let taken = now();
        if stop.get() || taken - start >= total_ms || gif.len() > MAX_GIF_BYTES {
            break;
        }
        report.emit(Progress::Recording {
            at_s: (taken - start) / 1000.0,
        });
        // The diagram's SVG text is read now; the browser decodes it while this task waits.
        let view = frame::to_aspect(frame::content_box(&s.svg), aspect);
        let img = frame::load_diagram(&s.svg, view)?;
        let serialised = now();
        let img = img.image().await?;
        let drawn_from = now();
        let clock = format!("t = {}", s.t.secs(s.clock_s.get(), 1));
        composer.draw(&img, &s.charts, &s.chart_titles, &s.title, &clock)?;
        let pixels = composer.pixels()?;
        let drawn = now();
        if let Some(v) = &video {
            v.frame();
        }
        gif.push(&pixels, taken - start).map_err(text_err)?;
        let encoded = now();
        let spent = [serialised - taken, drawn - drawn_from, encoded - drawn];
        for (c, v) in cost.iter_mut().zip(spent) {
            *c += v;
        }
        cost[3] = cost[3].max(spent.iter().sum());
        captured += 1;
        // The next frame on the 10 Hz grid, or at once when this one ran late (still through
        // the event loop, so the page gets its turn between frames); none queue.
        let t = now();
        due = (due + FRAME_MS).max(t);
        sleep(due - t).await;
    }
    report.emit(Progress::Encoding);
    let end_ms = (now() - start).min(total_ms);
    let frames = gif.frames();
    let bytes = gif.finish(end_ms);
    let when = stamp();
    let gif_name = format!("{}-{when}.gif", s.stem);
    let blob = blob_of(
        &js_sys::Array::of1(&js_sys::Uint8Array::from(&bytes[..])),
        "image/gif",
    )?;
    crate::export::download_blob(&gif_name, &blob)?;
    let webm = match video {
        Some(v) => v
            .finish()
            .await
            .map(|b| (b, format!("{}-{when}.webm", s.stem))),
        None => None,
    };
    let n = f64::from(captured.max(1));
    report.emit(Progress::Saved(Rc::new(Outcome {
        gif_name,
        gif_bytes: bytes.len(),
        frames,
        webm,
        cost_ms: [cost[0] / n, cost[1] / n, cost[2] / n, cost[3]],
        captured,
    })));
    Ok(())
}

/// A blob of `parts` (any blob parts: web-sys's variants of the constructor differ only in the
/// parts' Rust type, and each one used adds a shim to the shipped JavaScript, so one serves all).
pub fn blob_of(parts: &js_sys::Array, mime: &str) -> Result<Blob, JsValue> {
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    Blob::new_with_str_sequence_and_options(parts, &opts)
}

fn text_err(e: scaleboard_gif::Error) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// Wall time [ms] on the page's monotonic clock.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Waits `ms` [ms], letting the page run meanwhile.
async fn sleep(ms: f64) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let set = web_sys::window().map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.max(0.0) as i32)
        });
        if !matches!(set, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(wait).await;
}

/// The time for a file name, in UTC: `20261201-101502`.
fn stamp() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    // 2026-12-01T10:15:02.123Z -> 20261201-101502
    iso.chars()
        .take(19)
        .filter_map(|c| match c {
            'T' => Some('-'),
            '0'..='9' => Some(c),
            _ => None,
        })
        .collect()
}
