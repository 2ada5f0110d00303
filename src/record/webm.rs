//! The same recording as a WebM video, where the browser can record one (`MediaRecorder` and
//! `HTMLCanvasElement.captureStream`: Chromium, Firefox). Elsewhere (older Safari, or a
//! browser that records only MP4) there is no video and no error: the GIF alone.
//!
//! Events and options go through `Reflect` and `addEventListener`, already in the page's
//! bindings: every web-sys method used here adds a JavaScript shim to the shipped glue.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasCaptureMediaStreamTrack, HtmlCanvasElement, MediaRecorder};

/// The container asked for; the browser picks the codec (VP8 or VP9).
const MIME: &str = "video/webm";
/// Video bit rate [bits/s]: a dashboard at 800 px is sharp at this, about 1 MB for 10 s.
const BITS_PER_S: f64 = 800_000.0;
/// How often the recorder hands over what it has [ms]: memory is the chunks, not a buffer.
const SLICE_MS: i32 = 1000;

/// A video being recorded from a canvas, one frame each time [`Video::frame`] is called.
pub struct Video {
    recorder: MediaRecorder,
    track: CanvasCaptureMediaStreamTrack,
    chunks: Rc<RefCell<Vec<JsValue>>>,
    _on_data: Closure<dyn FnMut(web_sys::Event)>,
}

impl Video {
    /// Starts recording `canvas`, or `None` where this browser cannot.
    pub fn start(canvas: &HtmlCanvasElement) -> Option<Video> {
        let has = |o: &JsValue, name: &str| {
            js_sys::Reflect::has(o, &JsValue::from_str(name)).unwrap_or(false)
        };
        if !has(&web_sys::window()?.into(), "MediaRecorder") || !has(canvas, "captureStream") {
            return None;
        }
        // Rate 0: a frame only when asked, so the video shows exactly the composed frames.
        let stream = canvas.capture_stream_with_frame_request_rate(0.0).ok()?;
        let track = stream.get_video_tracks().get(0);
        if track.is_undefined() {
            return None;
        }
        let track = track.unchecked_into();
        let opts = js_sys::Object::new();
        let set = |k: &str, v: JsValue| js_sys::Reflect::set(&opts, &JsValue::from_str(k), &v);
        set("mimeType", JsValue::from_str(MIME)).ok()?;
        set("videoBitsPerSecond", JsValue::from_f64(BITS_PER_S)).ok()?;
        // Throws NotSupportedError where WebM cannot be recorded: then no video.
        let recorder = MediaRecorder::new_with_media_stream_and_media_recorder_options(
            &stream,
            opts.unchecked_ref(),
        )
        .ok()?;
        let chunks = Rc::new(RefCell::new(Vec::new()));
        let on_data = {
            let chunks = chunks.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                if let Ok(b) = js_sys::Reflect::get(&e, &JsValue::from_str("data")) {
                    chunks.borrow_mut().push(b);
                }
            })
        };
        recorder
            .add_event_listener_with_callback("dataavailable", on_data.as_ref().unchecked_ref())
            .ok()?;
        recorder.start_with_time_slice(SLICE_MS).ok()?;
        Some(Video {
            recorder,
            track,
            chunks,
            _on_data: on_data,
        })
    }

    /// The canvas now holds a new frame.
    pub fn frame(&self) {
        self.track.request_frame();
    }

    /// Stops and returns the video, `None` if the browser gave nothing.
    pub async fn finish(self) -> Option<Blob> {
        let stopped = js_sys::Promise::new(&mut |resolve, _| {
            let _ = self
                .recorder
                .add_event_listener_with_callback("stop", &resolve);
        });
        self.recorder.stop().ok()?;
        let _ = JsFuture::from(stopped).await;
        self.track.stop();
        let parts: js_sys::Array = self.chunks.borrow().iter().collect();
        let blob = super::session::blob_of(&parts, MIME).ok()?;
        (blob.size() > 0.0).then_some(blob)
    }
}
