//! Files out of the page: save the scenario JSON, export the diagram as SVG or PNG, and copy
//! text to the clipboard. Downloads go through `blob:` URLs, which the page's CSP allows.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Blob, BlobPropertyBag, Element, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, Url,
};

/// Colours and fonts of the exported SVG: it leaves the page's stylesheet behind, so it carries
/// its own (light theme, so it prints and pastes well), the run's colours included (heat, a node
/// down, queue badges, the moving dots), so an export or a recording shows the run as seen.
const EXPORT_CSS: &str = "\
svg{background:#fff;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Apple SD Gothic Neo','Malgun Gothic','Noto Sans KR','Noto Sans CJK KR',NanumGothic,sans-serif}\
.grid,.handle,.notice,.empty-hint,.ghost,.marquee,.preview{display:none}\
.node rect.body{fill:#fff;stroke:#8c959f;stroke-width:1.5}\
.node.selected rect.body{stroke:#1f6feb;stroke-width:3}\
.node text.name{fill:#1f2328;font-size:14px;font-weight:600}\
.node text.kind{fill:#59636e;font-size:12px}\
.icon{fill:none;stroke:#1f6feb;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}\
.wire{stroke:#6e7781;stroke-width:2;fill:none}.arrowhead{fill:#6e7781}\
.dc rect.region{fill:rgba(31,111,235,.05);stroke:rgba(31,111,235,.45);stroke-width:1.5;stroke-dasharray:6 4}\
.dc rect.grip{display:none}.dc text{fill:#1f6feb;font-size:13px;font-weight:600}\
.node.heat-0 rect.body{fill:#eaf6ec}.node.heat-1 rect.body{fill:#d3efd6}.node.heat-2 rect.body{fill:#fbf1c7}\
.node.heat-3 rect.body{fill:#ffdf9e}.node.heat-4 rect.body{fill:#ffbf99}\
.node.heat-5 rect.body{fill:#ff8f8f;stroke:#cf222e;stroke-width:2.5}\
.node.down rect.body{fill:#ffebe9;stroke:#cf222e;stroke-width:2.5;stroke-dasharray:7 4}\
.node.down text.name,.node.down text.kind{text-decoration:line-through}.node.down .icon{stroke:#cf222e}\
.down-label{fill:#cf222e;font-size:11px;font-weight:800;letter-spacing:.06em}\
.queue-badge rect{fill:#cf222e}.queue-badge text{fill:#fff;font-size:11px;font-weight:700}\
.dot{fill:#1f6feb}.dot.error{fill:#cf222e}";

/// Offer `text` as a file download named `name`.
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    download_blob(name, &blob)
}

/// Offer `blob` as a file download named `name`.
pub fn download_blob(name: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let a: HtmlAnchorElement = gloo::utils::document().create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Not at once: Chromium has read the blob by now, but Firefox and Safari start the download
    // after this returns and fail on a revoked URL. A minute is long enough for a big file.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file name from a scenario name: letters, digits and dashes.
pub fn file_stem(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "scenario".into()
    } else {
        s
    }
}

/// A standalone SVG of the canvas as it is shown, with its own styles.
pub fn svg_text(svg: &Element) -> String {
    let (w, h) = crate::dom::size(svg);
    svg_text_of(svg, [0.0, 0.0, w, h])
}

/// The part `[x, y, w, h]` [px of the canvas] of the canvas as an SVG of its own.
pub fn svg_text_of(svg: &Element, [x, y, w, h]: [f64; 4]) -> String {
    let html = svg.outer_html();
    // Replace the element's own opening tag: no classes or handlers, an explicit size.
    let body = html.find('>').map(|i| &html[i + 1..]).unwrap_or("</svg>");
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"{x:.0} {y:.0} {w:.0} {h:.0}\"><style>{EXPORT_CSS}</style>{body}"
    )
}

/// Export the canvas as a PNG at twice its size (sharp on high-density screens): the SVG is
/// drawn into an off-screen canvas through an image, then downloaded.
pub fn png(svg: &Element, name: String) -> Result<(), JsValue> {
    /// Pixels per CSS pixel of the exported image.
    const SCALE: f64 = 2.0;
    let (w, h) = crate::dom::size(svg);
    let loading = svg_image(&svg_text(svg))?;
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(img) = loading.image().await {
            let _ = draw_png(&img, w, h, SCALE, name);
        }
    });
    Ok(())
}

/// Hands an SVG document to the browser to decode as an image (the one way to draw an SVG on a
/// canvas): *Export PNG* and Record's frames.
pub fn svg_image(text: &str) -> Result<Loading, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let img = HtmlImageElement::new()?;
    img.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(img.decode());
    Ok(Loading { img, decoded, url })
}

/// An SVG image the browser is decoding.
pub struct Loading {
    img: HtmlImageElement,
    decoded: wasm_bindgen_futures::JsFuture,
    url: String,
}

impl Loading {
    /// The image, once decoded; its object URL is released either way.
    pub async fn image(self) -> Result<HtmlImageElement, JsValue> {
        let decoded = self.decoded.await;
        let _ = Url::revoke_object_url(&self.url);
        decoded.map(|_| self.img)
    }
}

fn draw_png(
    img: &HtmlImageElement,
    w: f64,
    h: f64,
    scale: f64,
    name: String,
) -> Result<(), JsValue> {
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width((w * scale) as u32);
    canvas.set_height((h * scale) as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    ctx.scale(scale, scale)?;
    ctx.draw_image_with_html_image_element(img, 0.0, 0.0)?;
    let done = Closure::once(move |blob: Option<Blob>| {
        if let Some(b) = blob {
            let _ = download_blob(&name, &b);
        }
    });
    canvas.to_blob(done.as_ref().unchecked_ref())?;
    done.forget();
    Ok(())
}

/// Put `text` on the system clipboard; failures (no permission, no focus) are silent because
/// every caller also shows the text on the page for copying by hand.
pub fn copy(text: &str) {
    let Some(w) = web_sys::window() else { return };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
