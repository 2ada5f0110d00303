//! The editor page: the one root `use_reducer` around the model's editor, and the pieces that
//! read it (toolbar, palette, canvas, inspector, help). Keyboard shortcuts and resizes are
//! listened for on the window; text fields keep their keys.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use scaleboard_sim::edit::actions::for_key;
use scaleboard_sim::edit::Viewport;
use scaleboard_sim::Scenario;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::canvas::Canvas;
use crate::dom;
use crate::filebar::{link, BannerView, Filebar};
use crate::help::Help;
use crate::inspector::Inspector;
use crate::layout::{self, Edge, Panel};
use crate::lesson::predict::Asked;
use crate::palette::Palette;
use crate::persist;
use crate::run::dock::RunDock;
use crate::state::{Banner, Msg, State};
use crate::toolbar::Toolbar;

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    /// The document to start from.
    pub doc: Rc<Scenario>,
    /// A saved view to restore; `None` fits the diagram.
    #[prop_or_default]
    pub viewport: Option<Viewport>,
    /// Embed mode: canvas and view controls only.
    #[prop_or_default]
    pub embed: bool,
    /// Write every change to local storage (the page's working copy; not in tests or embeds).
    #[prop_or_default]
    pub autosave: bool,
    /// The document is the autosaved working copy: save even view-only changes.
    #[prop_or_default]
    pub restored: bool,
    /// A message to show on arrival (a share link that could not be opened).
    #[prop_or_default]
    pub banner: Option<Banner>,
    /// The other design of a comparison this one is edited from, and whether this one is B.
    #[prop_or_default]
    pub partner: Option<(Rc<Scenario>, bool)>,
    /// Open the run at this moment, paused (`?t=`).
    #[prop_or_default]
    pub start_at: Option<AttrValue>,
    /// Start the simulation at once (`?autoplay`, embeds).
    #[prop_or_default]
    pub autoplay: bool,
    /// First visit: offer the journey or a blank canvas.
    #[prop_or_default]
    pub welcome: bool,
    /// `?readonly`: the design cannot be changed (it can be run).
    #[prop_or_default]
    pub readonly: bool,
    /// A challenge's result link opened: its challenge is open and checks the design again.
    #[prop_or_default]
    pub result: Option<Rc<crate::workshop::link::Linked>>,
    /// An embed's `controls=` list: only those run controls (`embed::bar`).
    #[prop_or_default]
    pub controls: Option<AttrValue>,
    /// `?api` on an embed: the host page may drive it (`embed::api`).
    #[prop_or_default]
    pub api: Option<crate::location::Api>,
}

/// Measures the canvas once mounted (fits the diagram in it, or restores `viewport`), and again
/// whenever its box changes size: the window, a panel folded or opened, the run dock growing
/// once a run has numbers. A view still fitted stays fitted (`Editor::resize_view`).
#[hook]
pub fn use_canvas_size(
    state: &UseReducerHandle<State>,
    canvas: &NodeRef,
    viewport: Option<Viewport>,
) {
    let (state, canvas) = (state.clone(), canvas.clone());
    use_effect_with((), move |_| {
        let measure = {
            let (state, canvas) = (state.clone(), canvas.clone());
            move |fit: bool| {
                if let Some(el) = canvas.cast::<Element>() {
                    let (w, h) = dom::size(&el);
                    state.dispatch(Msg::ViewSize(w, h, fit));
                }
            }
        };
        measure(viewport.is_none());
        if let Some(v) = viewport {
            state.dispatch(Msg::SetViewport(v));
        }
        // The observer calls back once at once, then on every change of the canvas's box.
        let on_resize = Closure::<dyn FnMut()>::new(move || measure(false));
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let (Some(o), Some(el)) = (&observer, canvas.cast::<Element>()) {
            o.observe(&el);
        }
        move || {
            if let Some(o) = observer {
                o.disconnect();
            }
            drop(on_resize);
        }
    });
}

/// Each mounted canvas gets its own SVG ids.
pub fn next_uid() -> String {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        format!("c{}", n.get())
    })
}

#[function_component(Workspace)]
pub fn workspace(props: &WorkspaceProps) -> Html {
    let state = {
        let (doc, banner, readonly) = (Rc::clone(&props.doc), props.banner.clone(), props.readonly);
        // A result link's challenge, or the one open with the restored working copy.
        let challenge = props
            .result
            .as_ref()
            .map(|r| r.challenge.clone())
            .or_else(|| {
                props
                    .restored
                    .then(crate::workshop::challenges::remembered)
                    .flatten()
            });
        use_reducer(move || {
            let mut s = State::new((*doc).clone(), banner);
            s.ed.read_only = readonly;
            s.challenge = challenge;
            s
        })
    };
    let canvas = use_node_ref();
    let uid = use_memo((), |_| next_uid());
    use_canvas_size(&state, &canvas, props.viewport);
    // An autoplaying embed runs while the reader can see its canvas (`embed::in_view`).
    let lazy = props.embed && props.autoplay;
    let in_view = crate::embed::in_view::use_in_view(&canvas, lazy);
    // The panels beside the canvas: open or folded on a wide screen (remembered), drawers on a
    // phone (closed at first). The palette starts folded below a laptop's width.
    let palette_open = use_state(|| layout::starts_open("palette", !layout::is_narrow()));
    let side_open = use_state(|| layout::starts_open("side", true));
    // What the key listener (made once) reads: whether a drawer is open now.
    let drawers_open = use_mut_ref(|| false);
    *drawers_open.borrow_mut() = *palette_open || *side_open;
    let open_panel = |this: &UseStateHandle<bool>, other: &UseStateHandle<bool>, name| {
        let (this, other) = (this.clone(), other.clone());
        Callback::from(move |open: bool| {
            if layout::is_phone() {
                // One drawer at a time: each covers most of the screen.
                if open {
                    other.set(false);
                }
            } else {
                layout::remember(name, open);
            }
            this.set(open);
        })
    };
    let on_palette = open_panel(&palette_open, &side_open, "palette");
    let on_side = open_panel(&side_open, &palette_open, "side");
    // Presenter mode (P): the canvas on the whole screen, with large live figures.
    let presenting = use_state(|| false);
    crate::workshop::keys::use_presenter(&presenting, &state, &canvas);
    let presenter_keys = use_memo((), |_| crate::workshop::keys::PresenterKeys::default());
    // Shortcuts from the model's action table, wherever focus is, except in text fields; the
    // presenter's keys first (while presenting, Space and the arrows are theirs).
    {
        let (state, presenter_keys) = (state.clone(), (*presenter_keys).clone());
        let (drawers_open, close_palette, close_side) = (
            drawers_open.clone(),
            palette_open.setter(),
            side_open.setter(),
        );
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let down = {
                let state = state.clone();
                EventListener::new_with_options(
                    &doc,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        // Any key, a field's included, dismisses the notice next to the pointer.
                        state.dispatch(Msg::DismissNotice);
                        let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        // On a phone Escape closes an open drawer first, and only that.
                        if e.key() == "Escape" && *drawers_open.borrow() && layout::is_phone() {
                            e.prevent_default();
                            close_palette.set(false);
                            close_side.set(false);
                            return;
                        }
                        if dom::typing_target(e) {
                            return;
                        }
                        let (key, mods) = (e.key(), dom::key_mods(e));
                        if presenter_keys.handle(&key, mods) {
                            e.prevent_default();
                            return;
                        }
                        if key == " " || for_key(&key, mods).is_some() {
                            e.prevent_default();
                            state.dispatch(Msg::Key(key, mods));
                        }
                    },
                )
            };
            let up = {
                let state = state.clone();
                EventListener::new(&doc, "keyup", move |e| {
                    if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                        if e.key() == " " {
                            state.dispatch(Msg::KeyUp(e.key()));
                        }
                    }
                })
            };
            // A press anywhere on the page (Play, a panel) dismisses the notice as well.
            let press = EventListener::new(&doc, "pointerdown", move |_| {
                state.dispatch(Msg::DismissNotice)
            });
            move || drop((down, up, press))
        });
    }
    let gesture = !matches!(state.ed.tool, scaleboard_sim::edit::Tool::Idle);
    // Never lose work: every document change (and, once the document is the working copy,
    // every view change) goes to local storage. A document merely opened from a link or a
    // built-in name is saved from its first edit on, so opening a link overwrites nothing.
    {
        let ed = &state.ed;
        let v = ed.viewport;
        // Not during a gesture: a drag changes the document on every pointer move, and writing
        // the whole of a 2,000-node document each time costs more than the move. The drop
        // ends the gesture, which saves.
        let key = (
            ed.revision(),
            v.pan_x.to_bits(),
            v.pan_y.to_bits(),
            v.zoom.to_bits(),
            gesture,
        );
        let (state, enabled, restored) = (state.clone(), props.autosave, props.restored);
        use_effect_with(key, move |(revision, .., gesture)| {
            if enabled && !*gesture && (restored || *revision > 0) {
                persist::save(&state.ed.doc, &state.ed.viewport);
                // The fragment no longer describes the document: a reload restores the work.
                forget_share_fragment();
            }
        });
    }
    // The challenge open goes with the working copy: a reload brings its panel back.
    {
        let enabled = props.autosave;
        use_effect_with(state.challenge.clone(), move |id| {
            if enabled {
                crate::workshop::challenges::remember(id.as_deref());
            }
        });
    }
    let uid: AttrValue = (*uid).clone().into();
    // The run dock: it reads the document (a new Rc only when it changed) and paints its
    // snapshots onto the canvas.
    let live = use_state(|| None::<Rc<scaleboard_sim::Snapshot>>);
    // The path of the request whose trace is open, lit on the canvas.
    let lit = use_state(|| None::<Rc<crate::trace::path::Lit>>);
    // During a gesture the dock keeps the document it had: a drag changes only positions, which
    // do not change a run, on every pointer move; the drop (a new revision, no gesture) hands
    // it over. Cloned only when it changed.
    let run_doc = {
        let held = use_mut_ref(|| None::<(u64, Rc<Scenario>)>);
        let mut held = held.borrow_mut();
        let revision = state.ed.revision();
        match &*held {
            Some((r, doc)) if *r == revision || gesture => Rc::clone(doc),
            _ => {
                let doc = Rc::new(state.ed.doc.clone());
                *held = Some((revision, Rc::clone(&doc)));
                doc
            }
        }
    };
    // A lesson's drill, handed to the dock with a fresh number per click, for the document it
    // was asked on: once another step (or file) is opened, its dock starts clean.
    type Drill = (u32, Rc<(u32, Vec<scaleboard_sim::Fault>)>);
    let drill = use_state(|| None::<Drill>);
    // Predict, then run: the lesson's choice is staged just before it calls `on_drill`, which
    // takes it along (generation, drill number, prediction); a drill started any other way
    // carries none, so no earlier prediction is left to be told.
    let staged = use_mut_ref(|| None::<Rc<Asked>>);
    let asked = use_state(|| None::<(u32, u32, Rc<Asked>)>);
    let on_drill = {
        let (drill, generation) = (drill.clone(), state.generation);
        let side_open = side_open.setter();
        let (staged, asked) = (staged.clone(), asked.clone());
        Callback::from(move |faults: Vec<scaleboard_sim::Fault>| {
            let n = drill.as_ref().map_or(1, |d| d.1 .0 + 1);
            drill.set(Some((generation, Rc::new((n, faults)))));
            asked.set(staged.borrow_mut().take().map(|a| (generation, n, a)));
            // On a phone the lesson's drawer covers the run the drill starts: it steps aside.
            if layout::is_phone() {
                side_open.set(false);
            }
        })
    };
    let on_predict = Callback::from(move |a: Rc<Asked>| *staged.borrow_mut() = Some(a));
    // The design a challenge's Check grades: the dock's, which a drag does not renew.
    let checked_doc = Rc::clone(&run_doc);
    let current_drill = drill
        .as_ref()
        .filter(|(generation, _)| *generation == state.generation)
        .map(|(_, d)| Rc::clone(d));
    // A presenter key's request to the run dock, numbered and tied to the document as a drill.
    let remote = use_state(|| None::<crate::workshop::keys::RemoteRequest>);
    // The host page of an embed with `?api`, when framed: its commands arrive as requests.
    let host = {
        let api = props.api.clone().filter(|_| props.embed);
        use_memo((), move |_| {
            api.as_ref().and_then(crate::embed::api::HostLink::new)
        })
    };
    crate::embed::api::use_host_api((*host).clone(), &state, &remote);
    let current_remote = remote
        .as_ref()
        .filter(|(generation, _)| *generation == state.generation)
        .map(|(_, r)| Rc::clone(r));
    // Where the dock draws presenter mode's live tiles: always in the page, filled only while
    // presenting, so it exists before the dock draws into it.
    let presenter_host = use_node_ref();
    // The run's windows over the drill asked about, held whole by the engine at any speed and
    // handed over once its clock has passed the span; the outcome is the model's reading of them.
    let watched = use_state(|| None::<(u32, Rc<Vec<scaleboard_sim::Window>>)>);
    let current_asked = asked
        .as_ref()
        .filter(|(generation, ..)| *generation == state.generation)
        .map(|(_, n, a)| (*n, Rc::clone(a)));
    let watch = current_asked.as_ref().and_then(|(n, a)| {
        let (from_s, to_s) = scaleboard_sim::predict::span(&a.drill)?;
        Some((*n, from_s * 1000.0, to_s * 1000.0))
    });
    let outcome = current_asked.as_ref().and_then(|(n, a)| {
        let (seen, windows) = watched.as_ref()?;
        (seen == n)
            .then(|| a.prediction.outcome(&a.drill, windows.iter()))
            .flatten()
    });
    let on_watched = {
        let watched = watched.setter();
        use_callback((), move |w: (u32, Rc<Vec<scaleboard_sim::Window>>), _| {
            watched.set(Some(w))
        })
    };
    let current_asked = current_asked.map(|(_, a)| a);
    let selected_node = (state.ed.selection.len() == 1)
        .then(|| state.ed.selection.iter().next().cloned())
        .flatten();
    let dock = {
        // Made once: a new callback would differ from the last and draw the dock again on
        // every pointer move of a drag.
        let on_snapshot = {
            let live = live.setter();
            use_callback((), move |s: Option<Rc<scaleboard_sim::Snapshot>>, _| {
                live.set(s)
            })
        };
        let on_trace = {
            let lit = lit.setter();
            use_callback((), move |l: Option<Rc<crate::trace::path::Lit>>, _| {
                lit.set(l)
            })
        };
        fn send<T>(d: UseReducerDispatcher<State>, make: fn(T) -> Msg) -> impl Fn(T, &()) {
            move |v, _| d.dispatch(make(v))
        }
        let on_record = use_callback((), send(state.dispatcher(), Msg::RecordFaults));
        let on_faults = use_callback((), send(state.dispatcher(), Msg::SetFaults));
        let on_seed = use_callback((), send(state.dispatcher(), Msg::SetSeed));
        let on_select = use_callback((), send(state.dispatcher(), Msg::SelectOnly));
        html! {
            <RunDock key={state.generation.to_string()} {on_select} doc={run_doc} selected_node={selected_node}
                     selected_dc={state.ed.selected_dc.clone()} selected_wire={state.ed.selected_wire.clone()} drill={current_drill}
                     {on_snapshot} {on_record} {on_seed} {on_faults} autoplay={props.autoplay} {lazy} {in_view} {on_trace}
                     start_at={props.start_at.clone()} partner={props.partner.clone()}
                     presenter={presenting.then(|| presenter_host.clone())} remote={current_remote}
                     {watch} {on_watched} controls={props.controls.clone()} host={(*host).clone()} />
        }
    };
    let live = (*live).clone();
    let lit = (*lit).clone();
    // The side panel shows the lesson while nothing is selected, the inspector otherwise;
    // its tabs switch by hand.
    let nothing_selected = state.ed.selection.is_empty()
        && state.ed.selected_dc.is_none()
        && state.ed.selected_wire.is_none();
    let show_lesson = use_state(|| true);
    {
        let show_lesson = show_lesson.clone();
        use_effect_with(nothing_selected, move |n| show_lesson.set(*n));
    }
    // A component placed from the palette drawer on a phone: the drawer closes to show it.
    {
        let palette_open = palette_open.clone();
        use_effect_with(state.ed.doc.nodes.len(), move |_| {
            if *palette_open && layout::is_phone() {
                palette_open.set(false);
            }
        });
    }
    let welcome = use_state(|| props.welcome);
    let open_builtin = {
        let state = state.clone();
        Callback::from(move |name: String| state.dispatch(Msg::OpenBuiltin(name)))
    };
    let lang = crate::i18n::use_lang();
    // The journey's scale-up step is showing its scaled-up design.
    let scaled = state.lesson.as_ref().is_some_and(|name| {
        crate::lesson::the_journey().is_some_and(|j| {
            j.scale_up.scenario == *name
                && state
                    .ed
                    .doc
                    .node(&j.scale_up.node)
                    .is_some_and(|n| n.size == Some(j.scale_up.size))
        })
    });
    // What the presenter's keys do now; the keydown listener finds it in `presenter_keys`.
    let on_presenter_key = crate::workshop::keys::on_key(crate::workshop::keys::Paths {
        presenting: presenting.clone(),
        remote: remote.clone(),
        generation: state.generation,
        on_drill: on_drill.clone(),
        open_step: open_builtin.clone(),
        lesson: state.lesson.clone(),
        scaled,
        faults: state.ed.doc.faults.clone(),
    });
    // The lesson's drill in the presenter's caption: the same button, question and outcome as
    // in the lesson panel (hidden behind the full-screen canvas), for the room to answer.
    let presenter_drill = match (*presenting, state.lesson.as_deref()) {
        (true, Some(name)) => match crate::lesson::offered_drill(name, scaled) {
            Some((drill, prediction)) => {
                let asked = current_asked.clone().filter(|a| a.drill == drill);
                let outcome = asked.as_ref().and(outcome);
                let scheduled = crate::lesson::scheduled(&drill, &state.ed.doc.faults);
                html! {
                    <crate::lesson::predict::DrillAsk {drill} {prediction} {scheduled}
                        on_drill={on_drill.clone()} on_predict={on_predict.clone()} {asked} {outcome} />
                }
            }
            None => html! {},
        },
        _ => html! {},
    };
    // With the help overlay open over presenter mode, Escape closes the overlay first.
    presenter_keys.set(*presenting && !state.ed.help_open, on_presenter_key.clone());
    // The side panel's two tabs: the lesson's or the challenge's text, or the inspector.
    let tab = |on: bool, label: &'static str| {
        let show_lesson = show_lesson.clone();
        html! {
            <button type="button" role="tab" aria-selected={(on == *show_lesson).to_string()}
                    onclick={Callback::from(move |_| show_lesson.set(on))}>{ label }</button>
        }
    };
    let side = match (&state.challenge, &state.lesson) {
        (Some(id), _) => {
            let u = crate::i18n::text(lang);
            let on_reference = {
                let state = state.clone();
                Callback::from(move |doc: Scenario| state.dispatch(Msg::Replace(Box::new(doc))))
            };
            let on_close = {
                let state = state.clone();
                Callback::from(move |_| state.dispatch(Msg::CloseChallenge))
            };
            // A result link's claim belongs to the design it opened with, not to later ones.
            let linked = props
                .result
                .clone()
                .filter(|r| state.generation == 0 && r.challenge == *id);
            html! {
                <div class="side">
                    <div class="tabs" role="tablist">
                        { tab(true, u.ch_tab) }
                        { tab(false, u.lesson_properties) }
                    </div>
                    // Kept mounted while the inspector shows, so a check in progress goes on.
                    <aside key={id.clone()} class="inspector lesson-panel challenge-panel" aria-label={u.ch_tab}
                           hidden={!*show_lesson}>
                        <crate::workshop::challenges::ChallengePanel id={id.clone()} doc={checked_doc.clone()}
                                                                     {linked} {on_reference} {on_close} />
                    </aside>
                    if !*show_lesson {
                        <Inspector state={state.clone()} live={live.clone()} />
                    }
                </div>
            }
        }
        (None, Some(name)) => {
            let u = crate::i18n::text(lang);
            let on_variant = {
                let state = state.clone();
                Callback::from(move |doc: Scenario| state.dispatch(Msg::OpenVariant(Box::new(doc))))
            };
            html! {
                <div class="side">
                    <div class="tabs" role="tablist">
                        { tab(true, u.lesson_tab) }
                        { tab(false, u.lesson_properties) }
                    </div>
                    if *show_lesson {
                        <aside key={name.clone()} class="inspector lesson-panel" aria-label={u.lesson_tab}>
                            <crate::lesson::LessonPanel scenario={name.clone()} on_drill={on_drill.clone()}
                                                        on_open={open_builtin.clone()} {on_variant} {scaled}
                                                        faults={state.ed.doc.faults.clone()}
                                                        on_predict={on_predict.clone()}
                                                        asked={current_asked.clone()} {outcome} />
                        </aside>
                    } else {
                        <Inspector state={state.clone()} live={live.clone()} />
                    }
                </div>
            }
        }
        (None, None) => html! { <Inspector state={state.clone()} live={live.clone()} /> },
    };
    let welcome_view = (*welcome).then(|| {
        let (w1, w2, w3, s1, s2) = (welcome.clone(), welcome.clone(), welcome.clone(), state.clone(), state.clone());
        let first = crate::lesson::the_journey()
            .and_then(|j| crate::lesson::steps(&j).first().map(|l| l.scenario.clone()))
            .unwrap_or_else(|| crate::builtin::DEFAULT.to_string());
        html! {
            <crate::lesson::Welcome
                on_journey={Callback::from(move |_| { s1.dispatch(Msg::OpenBuiltin(first.clone())); w1.set(false); })}
                on_blank={Callback::from(move |_| {
                    if let Some(doc) = persist::empty() { s2.dispatch(Msg::Replace(Box::new(doc))); }
                    w2.set(false);
                })}
                on_close={Callback::from(move |_| w3.set(false))} />
        }
    });
    let t = crate::i18n::text(lang);
    // The side panel's toggle names what it shows now.
    let side_label = if state.challenge.is_some() && *show_lesson {
        t.ch_tab
    } else if state.lesson.is_some() && *show_lesson {
        t.lesson_tab
    } else {
        t.lesson_properties
    };
    if props.embed {
        let full = link(&state.ed.doc);
        return html! {
            <div class="workspace embed">
                <div class="canvas-wrap">
                    <Canvas state={state.clone()} node_ref={canvas} {uid} {live} />
                    <Toolbar state={state.clone()} embed=true />
                    <a class="open-full" href={full} target="_blank" rel="noopener">{ crate::i18n::text(lang).open_full }</a>
                </div>
                { dock }
            </div>
        };
    }
    html! {
        <>
            <Filebar state={state.clone()} canvas={canvas.clone()} />
            <div class="workspace">
                if !props.readonly {
                    <Panel name="palette" edge={Edge::Left} label={t.components} close_label={t.close}
                           open={*palette_open} on_open={on_palette}>
                        <Palette state={state.clone()} canvas={canvas.clone()} />
                    </Panel>
                }
                <div class="canvas-wrap">
                    <Canvas state={state.clone()} node_ref={canvas} {uid} {live} presenting={*presenting} {lit} />
                    <Toolbar state={state.clone()} embed={props.readonly} />
                    <BannerView state={state.clone()} />
                    if !*presenting {
                        { crate::workshop::presenter::present_button(&on_presenter_key, lang) }
                    }
                    <div class="presenter-col">
                        <div class="presenter-host" ref={presenter_host} />
                        if *presenting {
                            { crate::workshop::presenter::caption(state.lesson.as_deref(),
                                &crate::lesson::shown_title(lang, &state.ed.doc.name),
                                presenter_drill, &on_presenter_key.reform(|_| scaleboard_sim::present::PresenterKey::Leave), lang) }
                        }
                    </div>
                </div>
                <Panel name="side" edge={Edge::Right} label={side_label} close_label={t.close}
                       open={*side_open} on_open={on_side}>
                    { side }
                </Panel>
                <Help state={state.clone()} />
            </div>
            { dock }
            { for welcome_view }
        </>
    }
}

/// Drop a `#s=...` fragment from the address bar once the document has moved on from it.
fn forget_share_fragment() {
    let Some(w) = web_sys::window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    if crate::share::payload_of(&hash).is_none() {
        return;
    }
    let url = format!(
        "{}{}",
        crate::filebar::base_url(),
        w.location().search().unwrap_or_default()
    );
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
