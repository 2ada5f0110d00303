//! The side panel: the scenario's summary, or the selected node's name and parameters, each
//! editable with its unit. A typed value is checked as it is typed (the model's own validation,
//! run on a scratch copy); a bad one is shown as such and never enters the document. A good
//! one is committed on Enter or when the field loses focus: one undo step.

use std::rc::Rc;

use scaleboard_sim::edit::Command;
use scaleboard_sim::{Node, Snapshot, Wire};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::fields::{current, fields_for, to_json, Field, Ty};
use crate::i18n::{self, Lang};
use crate::state::{Msg, State};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub state: UseReducerHandle<State>,
    /// The run's latest snapshot, for theory beside the selected node; `None` when nothing runs.
    #[prop_or_default]
    pub live: Option<Rc<Snapshot>>,
}

#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let ed = &props.state.ed;
    let lang = i18n::use_lang();
    let t = i18n::text(lang);
    let s = &ed.doc;
    let single = if ed.selection.len() == 1 {
        ed.selection.iter().next().and_then(|id| s.node(id))
    } else {
        None
    };
    let body = match single {
        Some(n) => html! {
            <>
                { node_panel(n, &props.state, lang) }
                { for props.live.clone().map(|snapshot| html! {
                    <crate::run::theory::TheoryBlock id={n.id.clone()} {snapshot}
                        poisson={scaleboard_sim::theory::poisson_input(s, &n.id)}
                        daily={scaleboard_sim::theory::daily_cycle(s)} />
                }) }
            </>
        },
        None if ed.selection.len() > 1 => html! {
            <>
                <h2>{ (t.n_selected)(ed.selection.len()) }</h2>
                <p class="hint">{ t.many_hint }</p>
            </>
        },
        None => match (&ed.selected_wire, &ed.selected_dc) {
            (Some((from, to)), _) => {
                crate::wire_panel::wire_panel(from, to, &props.state, props.live.as_deref(), lang)
            }
            (None, Some(dc)) => html! {
                <>
                    <h2>{ t.data_center }</h2>
                    <p class="hint">{ (t.dc_hint)(dc) }</p>
                </>
            },
            (None, None) => html! {
                <>
                    <h2>{ t.named(&s.name).into_owned() }</h2>
                    <p class="hint">{ &s.description }</p>
                    <p class="hint">{ (t.summary_hint)(s.nodes.len(), s.wires.len()) }</p>
                </>
            },
        },
    };
    html! { <aside class="inspector" aria-label={t.inspector}>{ body }</aside> }
}

fn node_panel(n: &Node, state: &UseReducerHandle<State>, lang: Lang) -> Html {
    let t = i18n::text(lang);
    let head = html! {
        <>
            <NameField id={n.id.clone()} name={n.name.clone()} state={state.clone()} />
            { for n.dc.iter().map(|dc| html! { <p class="hint">{ (t.in_dc)(dc) }</p> }) }
            { cost_line(n, t) }
        </>
    };
    let target = Target::Node(Box::new(n.clone()));
    let fields = fields_for(n)
        .map(|f| (*f, current(n, f.key), None))
        .collect();
    html! {
        <>
            <h2>{ t.named(&n.name).into_owned() }</h2>
            <p class="hint">{ format!("{} · {}", i18n::kind_label(lang, n.kind), n.id) }</p>
            { params_form(head, &target, fields, state) }
            { wires_out(n, state, t) }
        </>
    }
}

/// A form of fields of one node or wire: `head` first (a node's name), then each field with
/// its value now and what an empty one means (`None`: nothing shown). One place builds the
/// fields of both, so their code is in the wasm once.
pub fn params_form(
    head: Html,
    target: &Target,
    fields: Vec<(Field, String, Option<AttrValue>)>,
    state: &UseReducerHandle<State>,
) -> Html {
    let id = target.dom_id("");
    html! {
        <form class="params" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            // A read-only diagram shows its values but no field takes input.
            <fieldset class="plain" disabled={state.ed.read_only}>
            { head }
            { for fields.into_iter().map(|(field, value, placeholder)| html! {
                <ParamField key={format!("{id}{}", field.key)} target={target.clone()} {field} {value}
                            state={state.clone()} {placeholder} />
            }) }
            </fieldset>
        </form>
    }
}

/// The node's outgoing connections as buttons that select one: the keyboard's way to a wire's
/// latency, call policy and breaker (a pointer can also click the wire itself).
fn wires_out(n: &Node, state: &UseReducerHandle<State>, t: &i18n::Text) -> Html {
    let doc = &state.ed.doc;
    let out: Vec<_> = doc.wires.iter().filter(|w| w.from == n.id).collect();
    if out.is_empty() {
        return html! {};
    }
    let name = |id: &str| {
        doc.node(id)
            .map(|m| t.named(&m.name).into_owned())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| id.to_string())
    };
    html! {
        <nav class="wires-out" aria-label={t.connections_out}>
            <h3>{ t.connections_out }</h3>
            { for out.into_iter().map(|w| {
                let (state, from, to) = (state.clone(), w.from.clone(), w.to.clone());
                let onclick = Callback::from(move |_| state.dispatch(Msg::SelectWire(from.clone(), to.clone())));
                html! { <button type="button" class="link" data-to={w.to.clone()} {onclick}>{ format!("→ {}", name(&w.to)) }</button> }
            }) }
        </nav>
    }
}

/// What the machine costs a month, for kinds that are machines (scale up vs scale out).
fn cost_line(n: &Node, t: &i18n::Text) -> Html {
    let usd = scaleboard_sim::cost::node_monthly_usd(n);
    if usd <= 0.0 {
        return html! {};
    }
    // A bigger machine multiplies the fields below: say what it actually runs with.
    let effective = n
        .size
        .filter(|z| *z != scaleboard_sim::cost::Size::Small)
        .map(|_| {
            let p = scaleboard_sim::Params::of(n);
            let mean = p.service.map_or(0.0, |s| s.mean_ms);
            html! { <p class="hint" data-metric="effective">{ (t.effective)(p.workers, mean) }</p> }
        });
    html! {
        <>
            <p class="hint cost" data-metric="node-cost">{ (t.monthly_cost)(usd) }</p>
            { for effective }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NameProps {
    id: String,
    name: String,
    state: UseReducerHandle<State>,
}

#[function_component(NameField)]
fn name_field(p: &NameProps) -> Html {
    let t = i18n::use_text();
    let onchange = {
        let (state, id) = (p.state.clone(), p.id.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Msg::Rename(id.clone(), input.value()));
        })
    };
    html! {
        <label class="field">
            <span class="label">{ t.name_field }</span>
            <input type="text" name="name" value={p.name.clone()} {onchange} />
        </label>
    }
}

/// What a field edits: a node, or a wire (by its ends).
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Node(Box<Node>),
    Wire(Wire),
}

impl Target {
    /// The JSON key and value `text` sets, or why it is not a value of the field's type.
    fn to_json(
        &self,
        field: &Field,
        text: &str,
        t: &i18n::Text,
    ) -> Result<(String, serde_json::Value), String> {
        match self {
            Target::Node(n) => to_json(n, field, text, t),
            Target::Wire(w) => {
                let obj = serde_json::to_value(w).map_err(|e| e.to_string())?;
                crate::field_json::to_json(&obj, field, text, t)
            }
        }
    }

    /// The model's edit command setting `key` to `value`.
    fn command(&self, key: String, value: serde_json::Value) -> Command {
        match self {
            Target::Node(n) => Command::SetParam {
                id: n.id.clone(),
                key,
                value,
            },
            Target::Wire(w) => Command::SetWireField {
                from: w.from.clone(),
                to: w.to.clone(),
                key,
                value,
            },
        }
    }

    /// Unique among the page's fields, usable in an element id.
    fn dom_id(&self, key: &str) -> String {
        let key = key.replace(':', "-");
        match self {
            Target::Node(n) => format!("param-{}-{key}", n.id),
            Target::Wire(w) => format!("wire-{}-{}-{key}", w.from, w.to),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ParamProps {
    pub target: Target,
    pub field: Field,
    /// The value in the document (or the default in effect), as text.
    pub value: String,
    pub state: UseReducerHandle<State>,
    /// Shown in an optional field left empty (what applies then).
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
}

#[function_component(ParamField)]
pub fn param_field(p: &ParamProps) -> Html {
    // What is typed but not yet committed, and what is wrong with it.
    let draft = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let lang = i18n::use_lang();
    let t = i18n::text(lang);
    let (label, unit) = p.field.label_in(lang);
    {
        // The document changed underneath (undo, another edit): show it, drop the draft. Only
        // on a change, not on mount: a field's first effect can run after the first keystroke
        // (a busy machine, a fast typist) and must not wipe what was just typed.
        let (draft, error) = (draft.clone(), error.clone());
        let shown = use_mut_ref(|| p.value.clone());
        use_effect_with(p.value.clone(), move |value| {
            if *shown.borrow() != *value {
                *shown.borrow_mut() = value.clone();
                draft.set(None);
                error.set(None);
            }
        });
    }
    let field = p.field;
    let check = {
        let (target, state) = (p.target.clone(), p.state.clone());
        // `Ok(None)`: a good value that changes nothing (the same value committed again when
        // the field loses focus after Enter), which must not become an undo step of its own.
        move |text: &str| -> Result<Option<(String, serde_json::Value)>, String> {
            let (key, value) = target.to_json(&field, text, t)?;
            // The model's own validation, on a scratch copy: nothing enters the document yet.
            let mut scratch = state.ed.doc.clone();
            let cmd = target.command(key.clone(), value.clone());
            match cmd.apply(&mut scratch) {
                Ok(_) if scratch == state.ed.doc => Ok(None),
                Ok(_) => Ok(Some((key, value))),
                Err(e) => Err(e
                    .diagnostics()
                    .iter()
                    .map(|d| match d.message.as_str() {
                        // Rules between fields, which only the model can judge (the ranges
                        // of one field were said above, in `to_json`), in the page's language.
                        "must be at least min_servers" => t.below_min_servers.to_string(),
                        "at least one weight must be above 0" => t.no_weight.to_string(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")),
            }
        }
    };
    let commit = {
        let (state, target, draft, error, check) = (
            p.state.clone(),
            p.target.clone(),
            draft.clone(),
            error.clone(),
            check.clone(),
        );
        move |text: String| match check(&text) {
            Ok(change) => {
                draft.set(None);
                error.set(None);
                if let Some((key, value)) = change {
                    state.dispatch(Msg::Edit(Box::new(target.command(key, value))));
                }
            }
            Err(why) => {
                draft.set(Some(text));
                error.set(Some(why));
            }
        }
    };
    let input_id = p.target.dom_id(field.key);
    let err_id = format!("{input_id}-error");
    let control = match field.ty {
        Ty::Choice(options) => {
            let commit = commit.clone();
            let onchange = Callback::from(move |e: Event| {
                let sel: HtmlSelectElement = e.target_unchecked_into();
                commit(sel.value());
            });
            html! {
                <select id={input_id.clone()} name={field.key} {onchange}>
                    { for options.iter().map(|o| html! {
                        <option value={*o} selected={*o == p.value}>{ i18n::choice_label(lang, o) }</option>
                    }) }
                </select>
            }
        }
        Ty::Bool | Ty::Group(_) => {
            let commit = commit.clone();
            let onchange = Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                commit(input.checked().to_string());
            });
            html! { <input id={input_id.clone()} type="checkbox" name={field.key} checked={p.value == "true"} {onchange} /> }
        }
        Ty::Int | Ty::Num | Ty::OptNum => {
            let oninput = {
                let (draft, error, check) = (draft.clone(), error.clone(), check.clone());
                Callback::from(move |e: InputEvent| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    let text = input.value();
                    error.set(check(&text).err());
                    draft.set(Some(text));
                })
            };
            let onchange = {
                let commit = commit.clone();
                Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    commit(input.value());
                })
            };
            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    commit(input.value());
                }
            });
            html! {
                <input id={input_id.clone()} type="text" name={field.key}
                       inputmode={if field.ty == Ty::Int { "numeric" } else { "decimal" }}
                       placeholder={p.placeholder.clone()}
                       value={(*draft).clone().unwrap_or_else(|| p.value.clone())}
                       aria-invalid={error.is_some().to_string()}
                       aria-describedby={error.is_some().then(|| err_id.clone())}
                       class={classes!(error.is_some().then_some("bad"))}
                       {oninput} {onchange} {onkeydown} />
            }
        }
    };
    html! {
        // A group's toggle heads its fields: ticked, they follow; unticked, the group is absent.
        <div class={classes!("field", error.is_some().then_some("invalid"), matches!(field.ty, Ty::Group(_)).then_some("group"))}>
            <label class="label" for={input_id.clone()}>{ label }</label>
            <span class="value">{ control }<span class="unit">{ unit }</span></span>
            // Always present, empty when the value is fine: an element that appears would shift
            // Yew's unkeyed diff and replace the input under the caret (losing focus mid-typing).
            // A live region that exists before its text arrives is also what screen readers announce.
            <p class="error" id={err_id.clone()} role="alert">
                { (*error).clone().map(|why| (t.not_applied)(label, &why)).unwrap_or_default() }
            </p>
        </div>
    }
}
