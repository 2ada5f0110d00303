//! The interface in English and Korean (the seed notes are Korean). Every visible string comes
//! from a [`Text`] table, one per language; a field missing from either table does not compile,
//! so no string can be left untranslated by accident. The language follows the browser, can be
//! switched in the header (or `?lang=ko` in an embed), and the choice is remembered.
//!
//! Components read the language from Yew context: `let t = i18n::use_text();`.
//! Lessons carry their own two languages (static/lessons.json, `scaleboard_sim::journey`).
//! Validation messages from the model stay in English: they quote JSON paths and field names.

pub use scaleboard_sim::journey::Lang;
use yew::prelude::*;

/// Local-storage key of the chosen language (`en` / `ko`).
pub const LANG_KEY: &str = "scaleboard.lang";

/// Every string of the interface. Parameterised ones are functions.
pub struct Text {
    /// The language's own name, for the switcher.
    pub name: &'static str,
    pub tagline: &'static str,
    pub language: &'static str,
}

pub const EN: Text = Text {
    name: "English",
    tagline: "From one server to millions of users",
    language: "Language",
};

pub const KO: Text = Text {
    name: "한국어",
    tagline: "서버 한 대에서 수백만 사용자까지",
    language: "언어",
};

/// Switches the language (provided by the app next to the [`Lang`] context).
#[derive(Clone, PartialEq)]
pub struct SetLang(pub Callback<Lang>);

/// The table of `lang`.
pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

/// The language in effect: provided by the app at its root; English in isolated components.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or(Lang::En)
}

/// The table of the language in effect.
#[hook]
pub fn use_text() -> &'static Text {
    text(use_lang())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language to start in: `?lang=` wins, then the remembered choice, then the browser's.
pub fn initial(query_lang: Option<&str>) -> Lang {
    if let Some(tag) = query_lang {
        return Lang::from_tag(tag);
    }
    if let Some(tag) = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()) {
        return Lang::from_tag(&tag);
    }
    let browser = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    Lang::from_tag(&browser)
}

/// Remember the user's choice for the next visit.
pub fn remember(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
}

/// Sets `<html lang>` so screen readers and fonts follow the language.
pub fn apply_to_document(lang: Lang) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang.tag());
    }
}

/// The language switcher in the header: each language named in itself.
#[function_component(LangPicker)]
pub fn lang_picker() -> Html {
    let lang = use_lang();
    let t = text(lang);
    let set = use_context::<SetLang>();
    let onchange = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Some(set) = &set {
            set.0.emit(Lang::from_tag(&select.value()));
        }
    });
    html! {
        <select class="lang" aria-label={t.language} {onchange}>
            { for Lang::ALL.iter().map(|l| html! {
                <option value={l.tag()} selected={*l == lang}>{ text(*l).name }</option>
            }) }
        </select>
    }
}
