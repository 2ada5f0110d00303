//! Fields inside optional groups (`rate_limit.burst`, a wire's `policy.retries`), read from and
//! written into an object's own JSON: the group is the top-level key a `SetParam` or
//! `SetWireField` command replaces whole, so each field edit is one command and one undo step.
//! The model validates; this only parses and places the value.

use serde_json::{json, Map, Value};

use crate::field_limits::check;
use crate::fields::{Field, Ty};
use crate::i18n::Text;

/// The group key of a field: `rate_limit` for `rate_limit.burst` and for the toggle
/// `on:rate_limit`; the key itself for a top-level field.
pub fn group(key: &str) -> &str {
    let key = key.strip_prefix("on:").unwrap_or(key);
    key.split('.').next().unwrap_or(key)
}

/// The value at a dotted `path` of `obj`, if present (and not `null`).
pub fn get<'a>(obj: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(obj, |v, part| v.get(part))
        .filter(|v| !v.is_null())
}

/// A stored number as typed, in the field's unit (a fraction shown in %), without the binary
/// noise of the scaling (0.1 × 100 shows as 10, not 10.000000000000002).
pub fn show_number(v: f64, scale: f64) -> String {
    if scale == 1.0 {
        return v.to_string();
    }
    // Six decimals of a percentage are far finer than any field needs, and drop the noise.
    ((v * scale * 1e6).round() / 1e6).to_string()
}

/// A breaker's threshold: a count of failures or a failure ratio, one at a time. The choice
/// puts one in (with a starting value) and takes the other out.
const TRIP: &str = "breaker.trip";

/// What the field shows for `obj`: "true"/"false" for a group's toggle, the value otherwise,
/// or empty when absent (an optional number left empty).
pub fn current(obj: &Value, field: &Field) -> String {
    if let Some(g) = field.key.strip_prefix("on:") {
        return get(obj, g).is_some().to_string();
    }
    if field.key == TRIP {
        let ratio = get(obj, "breaker.failure_ratio").is_some();
        return if ratio {
            "failure_ratio"
        } else {
            "failure_count"
        }
        .to_string();
    }
    match get(obj, field.key) {
        Some(Value::Number(x)) => show_number(x.as_f64().unwrap_or(0.0), field.scale),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// The typed value as JSON in the stored unit, or why the text is not a value of the field's
/// type. `None`: an optional field left empty (remove it).
pub fn typed(field: &Field, text: &str, tx: &Text) -> Result<Option<Value>, String> {
    let t = text.trim();
    Ok(Some(match field.ty {
        Ty::OptNum if t.is_empty() => return Ok(None),
        // Out of range is said here, in the page's language and the field's unit; the model
        // checks again on the scratch copy (and alone judges rules between fields).
        Ty::Int => {
            let v = t.parse::<i64>().ok();
            check(field, v.map(|v| v as f64), true, tx)?;
            match v.map(u64::try_from) {
                Some(Ok(v)) => json!(v),
                _ => return Err(tx.need_whole.into()),
            }
        }
        Ty::Num | Ty::OptNum => {
            let v = t.parse::<f64>().ok().filter(|v| v.is_finite());
            check(field, v, false, tx)?;
            match v {
                Some(v) => json!(v / field.scale),
                None => return Err(tx.need_number.into()),
            }
        }
        Ty::Bool | Ty::Group(_) => json!(t == "true"),
        Ty::Choice(options) if options.contains(&t) => json!(t),
        Ty::Choice(_) => return Err(tx.not_a_choice.into()),
    }))
}

/// The top-level key and its new JSON (`null` removes it) for `text` typed into `field` of
/// the object whose JSON is `obj`.
pub fn to_json(
    obj: &Value,
    field: &Field,
    text: &str,
    tx: &Text,
) -> Result<(String, Value), String> {
    let value = typed(field, text, tx)?;
    if let (Some(g), Ty::Group(defaults)) = (field.key.strip_prefix("on:"), field.ty) {
        let on = value.as_ref().and_then(Value::as_bool).unwrap_or(false);
        // Kept as it is when already on: ticking again must not reset what was typed.
        let v = match (on, get(obj, g)) {
            (false, _) => Value::Null,
            (true, Some(v)) => v.clone(),
            (true, None) => serde_json::from_str(defaults).map_err(|e| e.to_string())?,
        };
        return Ok((g.to_string(), v));
    }
    let Some((g, rest)) = field.key.split_once('.') else {
        return Ok((field.key.to_string(), value.unwrap_or(Value::Null)));
    };
    let mut inner: Map<String, Value> = match get(obj, g) {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    if field.key == TRIP {
        // Starting values: 5 failures, or half the calls failing.
        let (drop, keep, start) = if text.trim() == "failure_ratio" {
            ("failures", "failure_ratio", json!(0.5))
        } else {
            ("failure_ratio", "failures", json!(5))
        };
        // `null` reads as absent (and a removal would cost the map's removal code in the wasm).
        inner.insert(drop.to_string(), Value::Null);
        if get(&Value::Object(inner.clone()), keep).is_none() {
            inner.insert(keep.to_string(), start);
        }
        return Ok((g.to_string(), Value::Object(inner)));
    }
    // `None` (left empty) is written as `null`, which reads as absent.
    inner.insert(rest.to_string(), value.unwrap_or(Value::Null));
    Ok((g.to_string(), Value::Object(inner)))
}

/// Whether `field` shows for the object: a field inside a group only while the group is on
/// (and, for a breaker's threshold, while it is the one in use).
pub fn shown(obj: &Value, field: &Field) -> bool {
    field.needs.is_empty() || get(obj, field.needs).is_some()
}
