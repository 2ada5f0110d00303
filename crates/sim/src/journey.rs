//! The journey: one lesson per built-in scenario, from one server to millions of users, in
//! English and Korean. Pure data (static/lessons.json) and the checks that keep it honest.
//!
//! A lesson's drill is a list of faults in the scenario format. The built-in scenarios keep
//! their `faults` empty (the format has a single, always-on fault list), so the drill lives
//! here and the UI runs the scenario again from zero with the drill's faults at their own times
//! ([`Lesson::drill_from`] shifts them, for the claim tests).

use crate::diagnostic::Diagnostic;
use crate::predict::Prediction;
use crate::scenario::{Fault, Scenario, Size};
use crate::validate::validate;
use serde::{Deserialize, Serialize};

/// The lessons file, compiled in.
pub const LESSONS_JSON: &str = include_str!("../../../static/lessons.json");

/// Languages every lesson is written in.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Ko];

    /// BCP 47 tag (`en`, `ko`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language for a browser tag such as `ko-KR`; English for anything else.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

/// The lessons, in journey order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// Format version of the lessons file, currently 1.
    pub version: u32,
    pub lessons: Vec<Lesson>,
    /// Scaling up against scaling out (the table in the notes), on one of the scenarios.
    pub scale_up: ScaleUp,
}

/// The scale-up lesson: `node` of `scenario` becomes a bigger machine; the drill replaces it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScaleUp {
    pub scenario: String,
    /// The node to make bigger.
    pub node: String,
    pub size: Size,
    /// Faults on the resized scenario: the replacement's downtime (see `cost::replacement_drill`).
    pub drill: Vec<Fault>,
    /// Asked before the drill runs, told beside what happened after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predict: Option<Prediction>,
    pub en: LessonText,
    pub ko: LessonText,
}

impl ScaleUp {
    /// The lesson in `lang`.
    pub fn text(&self, lang: Lang) -> &LessonText {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }

    /// `scenario` with the node made bigger; `None` if it has no such node.
    pub fn apply(&self, scenario: &Scenario) -> Option<Scenario> {
        crate::cost::resized(scenario, &self.node, self.size)
    }
}

/// One step of the journey.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The built-in scenario it explains (its URL name, e.g. `05-cache`).
    pub scenario: String,
    /// Faults to schedule, times relative to when the drill starts [s].
    pub drill: Vec<Fault>,
    /// Asked before the drill runs, told beside what happened after it; every lesson with a
    /// drill has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predict: Option<Prediction>,
    pub en: LessonText,
    pub ko: LessonText,
}

/// A lesson in one language.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LessonText {
    pub title: String,
    /// The section of the study notes the lesson follows.
    pub notes: String,
    /// What changed from the previous step.
    pub changed: String,
    /// Why: the notes' reasoning.
    pub why: String,
    /// The drill, in words.
    pub drill: String,
    /// What the user should see happen.
    pub expect: String,
}

impl LessonText {
    fn fields(&self) -> [(&'static str, &str); 6] {
        [
            ("title", &self.title),
            ("notes", &self.notes),
            ("changed", &self.changed),
            ("why", &self.why),
            ("drill", &self.drill),
            ("expect", &self.expect),
        ]
    }
}

impl Lesson {
    /// The lesson in `lang`.
    pub fn text(&self, lang: Lang) -> &LessonText {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }

    /// The drill's faults shifted to start at simulated time `start_s` [s] (one click in a
    /// running scenario schedules them from now).
    pub fn drill_from(&self, start_s: f64) -> Vec<Fault> {
        self.drill
            .iter()
            .map(|f| Fault {
                at_s: f.at_s + start_s,
                ..f.clone()
            })
            .collect()
    }
}

impl Journey {
    /// The lesson for a built-in scenario.
    pub fn lesson(&self, scenario: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.scenario == scenario)
    }
}

/// The compiled-in lessons. Fails only if static/lessons.json is broken, which its tests catch.
pub fn journey() -> Result<Journey, Vec<Diagnostic>> {
    parse(LESSONS_JSON)
}

/// Parse a lessons file and check that every lesson is complete in every language.
pub fn parse(json: &str) -> Result<Journey, Vec<Diagnostic>> {
    let j: Journey = serde_json::from_str(json).map_err(|e| vec![Diagnostic::json(&e)])?;
    let mut d = Vec::new();
    if j.version != 1 {
        d.push(Diagnostic::new(
            "version",
            format!(
                "unsupported version {}, this build reads version 1",
                j.version
            ),
        ));
    }
    if let Some(p) = &j.scale_up.predict {
        d.extend(p.check("scale_up.predict"));
    }
    for lang in Lang::ALL {
        for (field, text) in j.scale_up.text(*lang).fields() {
            if text.trim().is_empty() {
                d.push(Diagnostic::new(
                    format!("scale_up.{}.{field}", lang.tag()),
                    "must not be empty",
                ));
            }
        }
    }
    for (i, l) in j.lessons.iter().enumerate() {
        let p = format!(
            "lessons[{}]",
            if l.scenario.is_empty() {
                i.to_string()
            } else {
                l.scenario.clone()
            }
        );
        match &l.predict {
            Some(pred) => d.extend(pred.check(&format!("{p}.predict"))),
            None if !l.drill.is_empty() => d.push(Diagnostic::new(
                format!("{p}.predict"),
                "missing: a lesson with a drill asks for a prediction first",
            )),
            None => {}
        }
        if j.lessons[..i].iter().any(|o| o.scenario == l.scenario) {
            d.push(Diagnostic::new(&p, "a second lesson for the same scenario"));
        }
        for lang in Lang::ALL {
            for (field, text) in l.text(*lang).fields() {
                if text.trim().is_empty() {
                    d.push(Diagnostic::new(
                        format!("{p}.{}.{field}", lang.tag()),
                        "must not be empty",
                    ));
                }
            }
        }
    }
    if d.is_empty() {
        Ok(j)
    } else {
        Err(d)
    }
}

/// Problems of running `drill` in `scenario`: each fault must name a node or data center of
/// that scenario, with the fields its action needs. Paths read `drill[i]...`.
pub fn check_drill(scenario: &Scenario, drill: &[Fault]) -> Vec<Diagnostic> {
    let mut s = scenario.clone();
    s.faults = drill.to_vec();
    validate(&s)
        .into_iter()
        .filter(|d| d.path.starts_with("faults"))
        .map(|d| Diagnostic::new(d.path.replacen("faults", "drill", 1), d.message))
        .collect()
}

/// `scenario` with `drill` scheduled from time 0, ready to compile and run headless.
pub fn with_drill(scenario: &Scenario, drill: &[Fault]) -> Scenario {
    let mut s = scenario.clone();
    s.faults.extend(drill.iter().cloned());
    s
}
