//! The same recording as a WebM video, where the browser can record one (`MediaRecorder` and
//! `HTMLCanvasElement.captureStream`: Chromium, Firefox). Elsewhere (older Safari, or a
//! browser that records only MP4) there is no video and no error: the GIF alone.
//!
//! Events and options go through `Reflect` and `addEventListener`, already in the page's
//! bindings: every web-sys method used here adds a JavaScript shim to the shipped glue.
//!
//! Asking for a frame differs between engines: the standard puts `requestFrame()` on the canvas
//! capture *track* (Chromium, WebKit); Firefox's track has none, and its stream's
//! (`CanvasCaptureMediaStream`) was not reachable from the page's module either. A direct
//! web-sys call threw "requestFrame is not a function" in Firefox and stopped the whole
//! recording, GIF included. So the method is looked up (track, then stream) and called through
//! `Reflect`; where there is none, the canvas is captured without a rate, which takes a frame
//! each time the canvas changes.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, HtmlCanvasElement, MediaRecorder, MediaStreamTrack};

/// The container asked for; the browser picks the codec (VP8 or VP9).
const MIME: &str = "video/webm";
/// Video bit rate [bits/s]: a dashboard at 800 px is sharp at this, about 1 MB for 10 s.
const BITS_PER_S: f64 = 800_000.0;
/// How often the recorder hands over what it has [ms]: memory is the chunks, not a buffer.
const SLICE_MS: i32 = 1000;

/// A video being recorded from a canvas, one frame each time [`Video::frame`] is called.
pub struct Video {
    recorder: MediaRecorder,
    track: MediaStreamTrack,
    /// `requestFrame` and what it is called on (the track, or the stream), or `None` where the
    /// capture takes a frame whenever the canvas changes.
    request_frame: Option<(js_sys::Function, JsValue)>,
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
        let track = first_video(&stream)?;
        let (stream, track, request_frame) = match frame_requester(&track, &stream) {
            Some(r) => (stream, track, Some(r)),
            None => {
                // No `requestFrame` reachable (Firefox 153 from the page's own script): a capture
                // without a rate takes a frame each time the canvas changes, which is once per
                // composed frame here.
                track.stop();
                let stream = canvas.capture_stream().ok()?;
                let track = first_video(&stream)?;
                (stream, track, None)
            }
        };
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
            request_frame,
            chunks,
            _on_data: on_data,
        })
    }

    /// The canvas now holds a new frame.
    pub fn frame(&self) {
        // A failure here costs a video frame, never the recording.
        if let Some((f, on)) = &self.request_frame {
            let _ = f.call0(on);
        }
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

/// The stream's first video track.
fn first_video(stream: &web_sys::MediaStream) -> Option<MediaStreamTrack> {
    let track = stream.get_video_tracks().get(0);
    (!track.is_undefined()).then(|| track.unchecked_into())
}

/// `requestFrame` and what to call it on: the track, or else the stream.
fn frame_requester(
    track: &MediaStreamTrack,
    stream: &web_sys::MediaStream,
) -> Option<(js_sys::Function, JsValue)> {
    [JsValue::from(track), JsValue::from(stream)]
        .into_iter()
        .find_map(|on| {
            let f = js_sys::Reflect::get(&on, &JsValue::from_str("requestFrame")).ok()?;
            Some((f.dyn_into::<js_sys::Function>().ok()?, on))
        })
}
