//! The interface in English and Korean (the study notes the journey follows are Korean). Every visible string comes
//! from a [`Text`] table, one per language; a field missing from either table does not compile,
//! so no string can be left untranslated by accident. The language follows the browser, can be
//! switched in the header (or `?lang=ko` in an embed), and the choice is remembered.
//!
//! Components read the language from Yew context: `let t = i18n::use_text();`.
//! Lessons carry their own two languages (static/lessons.json, `scaleboard_sim::journey`).
//! Validation messages from the model stay in English: they quote JSON paths and field names.

use scaleboard_sim::edit::actions::action;
use scaleboard_sim::edit::ActionId;
pub use scaleboard_sim::journey::Lang;
use scaleboard_sim::Kind;
use yew::prelude::*;

/// Local-storage key of the chosen language (`en` / `ko`).
pub const LANG_KEY: &str = "scaleboard.lang";

/// Every string of the interface. Parameterised ones are functions.
pub struct Text {
    /// The language this table is in.
    pub lang: Lang,
    /// The language's own name, for the switcher.
    pub name: &'static str,
    pub tagline: &'static str,
    pub language: &'static str,
    /// The page's title (also in index.html, in English, until the app starts).
    pub page_title: &'static str,

    // App and problems list (app.rs, problems.rs)
    /// `Scenario "NAME"`, what failed to open.
    pub scenario_named: fn(&str) -> String,
    /// `?scenario=NAME` names no built-in scenario; the second argument lists the known ones.
    pub no_such_scenario: fn(&str, &str) -> String,
    /// A share link's problem, then that the working copy is untouched.
    pub share_unchanged: fn(&str) -> String,
    pub share_damaged: &'static str,
    pub share_unreadable: &'static str,
    /// What failed to open in an embed whose share link is bad.
    pub this_share_link: &'static str,
    /// Why a share link is damaged: empty, cut off, not text.
    pub share_empty: &'static str,
    pub share_cut: &'static str,
    pub share_not_text: &'static str,
    /// `WHAT could not be opened`.
    pub could_not_open: fn(&str) -> String,
    pub problems_found: fn(usize) -> String,

    // File bar and banner (filebar.rs)
    pub scenario_name: &'static str,
    pub file: &'static str,
    pub new: &'static str,
    pub open: &'static str,
    pub save: &'static str,
    pub export_svg: &'static str,
    pub export_png: &'static str,
    pub copy_link: &'static str,
    pub copy_embed: &'static str,
    pub link_copied: &'static str,
    pub embed_copied: &'static str,
    /// A file that could not be opened, by its name.
    pub file_unopened: fn(&str) -> String,
    /// The name of a new scenario.
    pub untitled: &'static str,
    pub text_to_copy: &'static str,
    pub dismiss: &'static str,

    // Embedded view (workspace.rs)
    pub open_full: &'static str,

    // Palette (palette.rs); kind names are in [`kind_label`]
    pub components: &'static str,
    pub data_center: &'static str,
    /// A palette button's tooltip, by the thing it places.
    pub palette_tip: fn(&str) -> String,

    // Toolbar and help overlay (toolbar.rs, help.rs); action names are in [`action_label`]
    pub edit: &'static str,
    pub zoom_level: &'static str,
    pub shortcuts: &'static str,
    /// The help overlay's section on wires: how to draw one, and what may connect to what.
    pub wiring: &'static str,
    pub wiring_how: &'static str,
    pub wiring_none: &'static str,
    /// The help overlay's two pages.
    pub help_keys_tab: &'static str,
    pub glossary: &'static str,
    /// The random seed control's one-line explanation.
    pub seed_tip: &'static str,
    /// The About panel, from the header.
    pub about: &'static str,
    pub about_title: &'static str,
    pub about_based: &'static str,
    pub about_models: &'static str,
    pub about_simplifies: &'static str,
    pub about_simplifications: &'static [&'static str],
    pub about_more: &'static str,
    pub about_licence: &'static str,
    pub space_drag: &'static str,
    pub pan_help: &'static str,
    pub wheel: &'static str,
    pub wheel_help: &'static str,
    pub alt_drag: &'static str,
    pub alt_help: &'static str,
    pub close: &'static str,

    // Inspector (inspector.rs, fields.rs); field labels and units are in `fields::FIELDS`
    pub inspector: &'static str,
    pub n_selected: fn(usize) -> String,
    pub many_hint: &'static str,
    pub connection: &'static str,
    /// A selected wire, `from → to`.
    pub wire_hint: fn(&str, &str) -> String,
    pub dc_hint: fn(&str) -> String,
    /// The scenario's counts of components and connections.
    pub summary_hint: fn(usize, usize) -> String,
    pub name_field: &'static str,
    pub in_dc: fn(&str) -> String,
    /// A field's label and why its value was refused.
    pub not_applied: fn(&str, &str) -> String,
    pub need_whole: &'static str,
    pub need_number: &'static str,
    /// A number outside its field's range: (whole numbers only, `lo` itself excluded, `lo`,
    /// `hi` if worth saying, the typed value if it is a number), each with its unit.
    pub need_in: fn(bool, bool, &str, Option<&str>, Option<&str>) -> String,
    /// The longest time a field takes, said instead of its count of ms.
    pub one_year: &'static str,
    /// The model's rules between fields, in the page's language (inspector.rs matches them).
    pub below_min_servers: &'static str,
    pub no_weight: &'static str,
    pub not_a_choice: &'static str,
    pub no_service: &'static str,
    // A selected wire (wire_panel.rs, run/wire_faults.rs) and its marks on the canvas (diagram.rs)
    /// Placeholder of a wire's empty latency: the network's default applies.
    pub network_default: &'static str,
    /// The node panel's list of its outgoing wires, each selecting one.
    pub connections_out: &'static str,
    pub wire_defences_where: &'static str,
    /// The selected wire's "This run" block (wire_panel.rs): calls since the start, their rate
    /// over the last closed window [formatted].
    pub wire_run_title: &'static str,
    pub wire_run_calls: fn(&str, &str) -> String,
    /// Retries and their share of calls [formatted, with %].
    pub wire_run_retries: fn(&str, &str) -> String,
    pub wire_run_failed: fn(&str) -> String,
    pub wire_run_fast_failed: fn(&str) -> String,
    pub wire_run_budget_denied: fn(&str) -> String,
    /// The breaker's state, one of `breaker_states` (closed, open, half-open).
    pub wire_run_breaker: fn(&str) -> String,
    pub breaker_states: [&'static str; 3],
    pub wire_run_no_calls: &'static str,
    pub wire_run_cut: &'static str,
    /// A fault's added delay, each way [ms, formatted].
    pub wire_run_delay: fn(&str) -> String,
    /// Why a wire fault button is disabled: cut already; nothing to restore.
    pub wire_already_cut: &'static str,
    pub wire_nothing_to_restore: &'static str,
    /// A typed delay refused: out of range [0, max] (max, typed); not a number (typed);
    /// 0 on a wire without delay; the delay it already has [ms, formatted].
    pub wire_delay_range: fn(&str, &str) -> String,
    pub wire_delay_not_number: fn(&str) -> String,
    pub wire_delay_none: &'static str,
    pub wire_delay_same: fn(&str) -> String,
    /// A wire mark's breaker glyph and its retry budget [%, formatted], in words (wire_marks.rs).
    pub breaker_words: &'static str,
    pub budget_words: fn(&str) -> String,
    pub wire_cut: &'static str,
    pub wire_restore: &'static str,
    pub wire_add_delay: &'static str,
    pub wire_delay: &'static str,
    /// Tags drawn on a wire: its breaker open or half-open, cut by a fault.
    pub tag_open: &'static str,
    pub tag_half_open: &'static str,
    pub tag_cut: &'static str,
    /// A wire's call policy: its retries and timeout [ms, formatted].
    pub policy_words: fn(u32, &str) -> String,
    /// A machine's monthly cost [USD].
    pub monthly_cost: fn(f64) -> String,
    /// What a sized machine runs with: workers, mean service time [ms].
    pub effective: fn(u32, f64) -> String,

    // Theory beside the run (run/theory.rs)
    pub theory_title: &'static str,
    pub theory_predicted: &'static str,
    pub theory_measured: &'static str,
    pub theory_util: &'static str,
    pub theory_p_wait: &'static str,
    pub theory_wait: &'static str,
    pub theory_p99: &'static str,
    /// The input taken as Poisson (Erlang C).
    pub theory_poisson: &'static str,
    /// A node's defences at work since the start: requests its rate limit (429) and its load
    /// shedding (503) turned away, as grouped counts.
    pub theory_throttled: fn(&str) -> String,
    pub theory_shed: fn(&str) -> String,
    /// The measured variability of the gaps between arrivals (ca²).
    pub theory_ca2: fn(f64) -> String,
    /// How the p99 was approximated.
    pub theory_p99_how: fn(&str) -> String,

    // Canvas and diagram (canvas.rs, diagram.rs, live_view.rs)
    pub diagram_of: fn(&str) -> String,
    /// What kind of thing the canvas is, for screen readers.
    pub canvas_role: &'static str,
    /// A database's kind line on the canvas, with its role.
    pub role_primary: &'static str,
    pub role_replica: &'static str,
    pub empty_hint: &'static str,
    /// The mark on a failed node.
    pub down_mark: &'static str,
    pub waiting: fn(u64) -> String,

    // Run dock (run/dock.rs)
    pub run: &'static str,
    pub play: &'static str,
    pub pause: &'static str,
    pub step: &'static str,
    pub step_tip: &'static str,
    /// The replay timeline.
    pub replay: &'static str,
    pub replay_moment: &'static str,
    /// "0:42 of 1:30": the moment shown and how far the run got.
    pub replay_at: fn(&str, &str) -> String,
    pub replay_live: &'static str,
    pub replay_back_to_live: &'static str,
    pub replay_run_from: &'static str,
    pub replay_run_from_tip: &'static str,
    pub replay_link: &'static str,
    pub replay_link_tip: &'static str,
    /// A fault marker's tooltip: what it does and when; drag to move it.
    pub replay_marker_drag: fn(&str, &str) -> String,
    /// A link's `t=` that is not a time.
    pub bad_moment: fn(&str) -> String,
    pub moment_link: &'static str,
    /// The compare view.
    pub cmp_title: fn(&str, &str) -> String,
    pub cmp_edit: fn(&str) -> String,
    pub cmp_copy_link: &'static str,
    pub cmp_same_traffic: &'static str,
    pub cmp_different_traffic: &'static str,
    pub cmp_select_hint: &'static str,
    pub cmp_inject_both: fn(&str) -> String,
    pub cmp_inject_one: fn(&str, &str) -> String,
    pub cmp_latency_aria: &'static str,
    pub cmp_outcomes_aria: &'static str,
    pub cmp_unlimited: &'static str,
    pub cmp_good: &'static str,
    pub cmp_same_p99: &'static str,
    pub cmp_p99: fn(&str) -> String,
    pub cmp_same_cost: &'static str,
    pub cmp_cost: fn(&str) -> String,
    pub cmp_holds: &'static str,
    /// B holds where A fails, under what happened ("Cache down").
    pub cmp_survives: fn(&str) -> String,
    pub cmp_fails_under: fn(&str) -> String,
    pub cmp_fails: &'static str,
    pub cmp_errors: fn(f64, f64) -> String,
    pub cmp_previous: &'static str,
    pub cmp_unopened: fn(&str) -> String,
    pub cmp_menu: &'static str,
    pub cmp_with_copy: &'static str,
    pub cmp_with_file: &'static str,
    pub cmp_with_step: &'static str,
    /// Editing one side of a comparison: "You are editing B of a comparison with Cache."
    pub cmp_editing: fn(&str, &str) -> String,
    pub cmp_back: &'static str,
    pub reset: &'static str,
    pub speed: &'static str,
    pub speed_max: &'static str,
    pub sim_time: &'static str,
    pub behind: &'static str,
    pub behind_tip: &'static str,
    pub seed: &'static str,
    /// Folding the numbers and charts away for a bigger canvas.
    pub hide_charts: &'static str,
    /// The journey: lesson panel, menu and first-visit screen (lesson.rs).
    pub lesson_tab: &'static str,
    pub lesson_properties: &'static str,
    pub lesson_step: fn(&str, usize) -> String,
    pub lesson_changed: &'static str,
    pub lesson_why: &'static str,
    pub lesson_notes: &'static str,
    pub lesson_try_this: &'static str,
    pub lesson_run_drill: &'static str,
    pub lesson_drill_scheduled: &'static str,
    pub lesson_expect: &'static str,
    pub lesson_previous: &'static str,
    pub lesson_next: &'static str,
    pub lesson_journey: &'static str,
    pub lesson_scale_up: &'static str,
    pub lesson_open_scaled: &'static str,
    pub lesson_welcome_title: &'static str,
    pub lesson_welcome_body: &'static str,
    pub lesson_start_journey: &'static str,
    pub lesson_blank: &'static str,
    pub lesson_blank_hint: &'static str,
    /// The design's price and ceiling beside the live numbers (run/design.rs).
    pub design_cost: &'static str,
    pub design_per_month: &'static str,
    pub design_capacity: &'static str,
    pub design_unlimited: &'static str,
    pub design_bottleneck: &'static str,
    /// The scenario's scheduled faults (run/schedule.rs).
    pub schedule_title: &'static str,
    pub schedule_hint: &'static str,
    pub schedule_remove: &'static str,
    pub schedule_clear: &'static str,
    /// A spike field out of its range; the value kept.
    pub spike_factor_bad: fn(f64) -> String,
    pub spike_secs_bad: fn(f64) -> String,
    pub show_charts: &'static str,
    /// Record: the run dock's animated export (record/).
    pub record: &'static str,
    pub record_tip: &'static str,
    /// The length choice's label.
    pub record_length: &'static str,
    pub record_stop: &'static str,
    /// Recording now: seconds captured and asked for.
    pub record_elapsed: fn(f64, f64) -> String,
    /// Said while a recording plays a run that was paused.
    pub record_playing: &'static str,
    pub record_encoding: &'static str,
    /// The file saved, its size [bytes] and its frames.
    pub record_saved: fn(&str, usize, u32) -> String,
    /// A button: the WebM of the same recording, its size [bytes].
    pub record_webm: fn(usize) -> String,
    /// Said beside the saved GIF where this browser records no video (no `MediaRecorder`, no
    /// canvas capture, or no WebM): nothing is silently missing.
    pub record_no_video: &'static str,
    /// Why a recording could not be made or saved.
    pub record_failed: fn(&str) -> String,
    /// The diagram is not on the page (nothing to capture).
    pub record_no_diagram: &'static str,
    pub design_changed: &'static str,
    pub restart_changes: &'static str,
    pub cannot_run: fn(&str) -> String,
    /// Above the list of what keeps a design from running (Play is disabled until it can).
    pub cannot_run_yet: &'static str,
    /// A problem's button: it selects the node the problem is about.
    pub show_node: &'static str,
    /// Beside a disabled Play on an empty canvas.
    pub empty_design: &'static str,
    pub nothing_running: &'static str,
    /// The engine runs on the page because its worker could not.
    pub engine_on_page: &'static str,
    /// A seed that is not a number: the largest seed, then what was typed.
    pub bad_seed: fn(u64, &str) -> String,
    pub traffic: fn(&str) -> String,
    pub rate: &'static str,
    pub rate_aria: &'static str,
    pub ramp: &'static str,
    pub mix_tip: &'static str,
    /// Request kinds in the mix: static, read, write, jobs.
    pub mix_names: [&'static str; 4],
    pub spike: &'static str,
    pub spike_factor: &'static str,
    pub spike_secs: &'static str,
    pub secs_unit: &'static str,
    /// The spike's two boxes, labelled where they stand: "× [5] for [10] s".
    pub spike_times: &'static str,
    pub spike_for: &'static str,
    /// The users' timeout beside p50 and p99 (defined in the glossary).
    pub timeout: &'static str,
    /// Beside p50 and p99 when every request failed: what those figures now measure.
    pub all_failed: &'static str,
    /// The design's figures are for everything up.
    pub design_all_up_tip: &'static str,
    pub inject: fn(&str) -> String,
    pub fail: &'static str,
    pub recover: &'static str,
    pub slow_down: &'static str,
    pub normal_speed: &'static str,
    pub outage: &'static str,
    pub restore: &'static str,
    // An embed's locked controls (`controls=`, embed/bar.rs): the bar's name, its named fault
    // buttons ("Fail Cache", then "Recover Cache"), the rate slider of one users node among
    // several, and the strip of the list's items it could not show.
    pub bar_label: &'static str,
    pub bar_fail: fn(&str) -> String,
    pub bar_recover: fn(&str) -> String,
    pub bar_slow: fn(&str) -> String,
    pub bar_unslow: fn(&str) -> String,
    pub bar_outage: fn(&str) -> String,
    pub bar_restore: fn(&str) -> String,
    pub bar_rate_of: fn(&str) -> String,
    pub bar_problems: &'static str,
    pub bar_problem: fn(&scaleboard_sim::controls::Problem) -> String,
    pub hover_hint: &'static str,
    pub latency: &'static str,
    pub log: &'static str,
    pub throughput: &'static str,
    pub latency_aria: &'static str,
    pub latency_aria_ok_only: &'static str,
    /// The one CSV button: what the file holds.
    pub csv_tip: &'static str,
    /// The latency chart's switch to successful requests only.
    pub ok_only: &'static str,
    pub ok_only_tip: &'static str,
    pub throughput_aria: &'static str,
    pub node_aria: &'static str,
    pub select_node: &'static str,
    /// Hover readout: the time [s], whose percentiles ("all requests" or "successful only"),
    /// then p50, p95, p99, ok and failed, formatted.
    pub readout: fn(f64, &str, &str, &str, &str, &str, &str) -> String,
    /// Hover readout: the good share [%], when requests finished.
    pub readout_good: fn(f64) -> String,
    /// Which requests a percentile counts: every finished one, or the successful ones.
    pub of_all: &'static str,
    pub of_ok_only: &'static str,
    /// Hover readout of the selected node: utilisation [%], queue length.
    pub readout_node: fn(f64, f64) -> String,

    // Request traces (trace/*.rs, the dock's trace buttons, the latency chart's click)
    pub tr_next: &'static str,
    pub tr_next_tip: &'static str,
    pub tr_slowest: &'static str,
    pub tr_slowest_tip: &'static str,
    /// Why "Trace a request" waits: the run is not playing.
    pub tr_need_play: &'static str,
    /// Why "Slowest of the last window" waits: no window has closed.
    pub tr_need_window: &'static str,
    /// The latency chart's tooltip and hint: a click opens a window's slowest request.
    pub tr_chart_tip: &'static str,
    pub tr_title: &'static str,
    pub tr_waiting_next: &'static str,
    /// Still waiting for the next request, but the run is paused.
    pub tr_waiting_paused: &'static str,
    pub tr_waiting_slowest: &'static str,
    /// The engine's reason there is no trace (in English), after this.
    pub tr_no_trace: &'static str,
    /// Class (from `mix_names`), users node, sent at [s], latency (formatted), ending.
    pub tr_summary: fn(&str, &str, f64, &str, &str) -> String,
    /// Where the request failed: the node.
    pub tr_failed_at: fn(&str) -> String,
    /// How a request or attempt ended, in `Ending` order: ok, timeout, rejected, node down,
    /// session lost, throttled.
    pub tr_endings: [&'static str; 6],
    /// Attempt number (from 1), of how many, its ending, when (formatted), where it failed.
    pub tr_attempt: fn(u32, usize, &str, &str, Option<&str>) -> String,
    /// Phases in `Phase` order: network, queue, service, backoff, in a learner's words.
    pub tr_phases: [&'static str; 4],
    /// After a wire row whose far end was down (`Span::down`).
    pub tr_down: &'static str,
    /// What each phase is, for the legend's tooltips.
    pub tr_phase_tips: [&'static str; 4],
    pub tr_total: &'static str,
    pub tr_axis: &'static str,
    pub tr_hint: &'static str,
    pub tr_rows: &'static str,
    /// A row's exact numbers: node, phase, start, end, duration (all formatted).
    pub tr_exact: fn(&str, &str, &str, &str, &str) -> String,
    pub tr_close: &'static str,

    // Numbers panel (run/numbers.rs)
    pub live_numbers: &'static str,
    pub press_play: &'static str,
    pub ok: &'static str,
    pub failed: &'static str,
    pub errors: &'static str,
    /// The good tile: its label with the objective ("good ≤ 2 s").
    pub good_within: fn(&str) -> String,
    /// The successful-only p99 tile, shown while more than 1 % of requests fail.
    pub p99_ok_only: &'static str,
    pub busiest: &'static str,
    pub col_node: &'static str,
    pub col_state: &'static str,
    pub col_util: &'static str,
    pub col_queue: &'static str,
    pub col_in: &'static str,
    pub state_down: &'static str,
    pub state_parked: &'static str,
    pub state_up: &'static str,
    pub hit_pct: fn(f64) -> String,
    pub lag: fn(&str) -> String,
    pub depth: fn(u64) -> String,

    // Charts (run/charts.rs): axis titles and legend names
    pub axis_ms_log: &'static str,
    /// Latency legend: the shading behind windows where more than 1 % failed.
    pub failing_windows: &'static str,
    pub axis_rps: &'static str,
    /// Throughput legend: ok, timeout, rejected, node down, session lost, throttled.
    pub outcomes: [&'static str; 6],
    pub util_pct: &'static str,
    pub hit_ratio_pct: &'static str,
    pub queue_peak: fn(f64) -> String,
    pub lag_peak: fn(f64) -> String,

    // Fault labels on chart markers (run/labels.rs): a node's or data center's name first
    pub f_down: fn(&str) -> String,
    pub f_back: fn(&str) -> String,
    pub f_normal: fn(&str) -> String,
    pub f_slow: fn(&str, f64) -> String,
    pub f_outage: fn(&str) -> String,
    pub f_restored: fn(&str) -> String,
    /// A rate change, already formatted ("5000/s").
    pub f_rate: fn(&str) -> String,
    pub f_ramp: fn(&str) -> String,
    /// A spike: factor, length [s].
    pub f_spike: fn(f64, f64) -> String,
    /// A wire fault: the wire (as "from → to") is cut, works again, or gets a delay [ms].
    pub f_cut: fn(&str) -> String,
    pub f_wire_restored: fn(&str) -> String,
    pub f_wire_delay: fn(&str, f64) -> String,

    // Challenges (workshop/challenges.rs)
    /// The header's menu of challenges, and its placeholder.
    pub ch_menu: &'static str,
    /// The side panel's tab.
    pub ch_tab: &'static str,
    pub ch_objectives: &'static str,
    pub ch_hint: &'static str,
    /// The script in words: a step's time [s] and what it does, by the challenge's words.
    pub ch_script: &'static str,
    pub ch_check: &'static str,
    /// Grading in progress, percent done.
    pub ch_checking: fn(f64) -> String,
    pub ch_target: &'static str,
    pub ch_measured: &'static str,
    pub ch_result: &'static str,
    pub ch_pass: &'static str,
    pub ch_fail: &'static str,
    pub ch_passed: &'static str,
    /// Objectives missed, of how many.
    pub ch_failed: fn(usize, usize) -> String,
    /// A step of the script found nothing to hit in the design: its time [s].
    pub ch_missed: fn(f64) -> String,
    /// The design as checked cannot run: what follows are its problems.
    pub ch_cannot_run: &'static str,
    pub ch_reference: &'static str,
    pub ch_reference_note: &'static str,
    pub ch_copy_result: &'static str,
    pub ch_result_copied: &'static str,
    pub ch_close: &'static str,
    /// Simulated seconds measured after the warm-up.
    pub ch_measured_for: fn(f64, f64) -> String,
    /// A result link opened: checking it again.
    pub ch_rechecking: &'static str,
    pub ch_reproduces: &'static str,
    pub ch_differs: &'static str,
    pub ch_linked: &'static str,
    pub ch_now: &'static str,
    /// A result link that cannot be opened, and why; the working copy is untouched.
    pub ch_link_bad: fn(&str) -> String,
    pub ch_unknown: fn(&str) -> String,
    pub ch_bad_number: &'static str,
    /// A metric's name, by its JSON key.
    pub ch_metric: fn(&str) -> &'static str,
    pub ch_unlimited: &'static str,
    // Presenter mode (workshop/presenter.rs, workshop/keys.rs, help.rs)
    /// The button that starts presenter mode, and its tooltip.
    pub present: &'static str,
    pub present_tip: &'static str,
    /// The way out of presenter mode for a pointer, and its tooltip.
    pub present_leave: &'static str,
    pub present_leave_tip: &'static str,
    /// Before the lesson's "what to watch" in the caption.
    pub present_watch: &'static str,
    /// The keys, in one line under the caption.
    pub present_keys_hint: &'static str,
    /// Tile names: good requests, successful ones per second, the monthly cost.
    pub present_good: &'static str,
    pub present_ok: &'static str,
    pub present_cost: &'static str,
    /// Under the tiles before the run starts.
    pub present_press_space: &'static str,
    /// The help overlay's heading for the presenter's keys.
    pub present_keys_title: &'static str,
    /// What each presenter key does, in `scaleboard_sim::present::PRESENTER_KEYS` order.
    pub present_key_help: [&'static str; 9],
    // Predict, then run (lesson/predict.rs): the question before a drill, the outcome after.
    pub pred_heading: &'static str,
    pub pred_skip: &'static str,
    pub pred_you: &'static str,
    pub pred_happened: &'static str,
    /// The drill is still running: the clock time the outcome is told at, already formatted.
    pub pred_watching: fn(&str) -> String,
    pub pred_matched: &'static str,
    pub pred_missed: &'static str,
    /// A measured figure in words, its value already formatted with its unit.
    pub pred_value: fn(scaleboard_sim::predict::Figure, &str) -> String,
}

pub const EN: Text = Text {
    lang: Lang::En,
    name: "English",
    tagline: "From one server to millions of users",
    language: "Language",
    page_title: "Scaleboard: from one server to millions of users",

    // App and problems list
    scenario_named: |name| format!("Scenario \"{name}\""),
    no_such_scenario: |name, known| {
        format!("?scenario={name}: there is no built-in scenario of that name; known: {known}")
    },
    share_unchanged: |title| format!("{title}. Your own work below is unchanged."),
    share_damaged: "This share link is damaged, so it was not opened",
    share_unreadable: "This share link holds a scenario that could not be read",
    this_share_link: "This share link",
    share_empty: "it holds no scenario",
    share_cut: "its data ends too early or is garbled: was it cut off while copying?",
    share_not_text: "its data is not text",
    could_not_open: |what| format!("{what} could not be opened"),
    problems_found: |n| {
        if n == 1 {
            "1 problem was found:".to_string()
        } else {
            format!("{n} problems were found:")
        }
    },

    // File bar and banner
    scenario_name: "Scenario name",
    file: "File",
    new: "New",
    open: "Open…",
    save: "Save",
    export_svg: "Export SVG",
    export_png: "Export PNG",
    copy_link: "Copy link",
    copy_embed: "Copy embed code",
    link_copied: "Link copied: it holds the whole scenario.",
    embed_copied: "Embed code copied: paste it into any web page.",
    file_unopened: |name| format!("{name} could not be opened; your diagram is unchanged"),
    untitled: "Untitled",
    text_to_copy: "Text to copy",
    dismiss: "Dismiss",

    // Embedded view
    open_full: "Open in Scaleboard ↗",

    // Palette
    components: "Components",
    data_center: "Data center",
    palette_tip: |what| format!("{what}: drag onto the canvas, or click to place"),

    // Toolbar and help overlay
    edit: "Edit",
    zoom_level: "Zoom level",
    shortcuts: "Keyboard shortcuts",
    wiring: "Wiring",
    wiring_how: "Drag from the round handle on a node's right edge and drop on the node it calls. A primary database dropped on a database with no role makes that one its replica.",
    wiring_none: "only answers",
    help_keys_tab: "Shortcuts and wiring",
    glossary: "Glossary",
    seed_tip: "Random seed: the same seed gives the same run, request for request. Change it to see another run of the same design.",
    about: "About",
    about_title: "About Scaleboard",
    about_based: "The journey follows study notes (written in Korean) on the classic path of scaling a web system from zero to millions of users: one server, separate web and data tiers, a load balancer, database replication, a cache, a CDN, a stateless web tier, several data centers, a message queue and sharding. Each step is one section of the notes, made into a scenario you can run and break.",
    about_models: "Scaleboard runs a discrete-event simulation of every request: users arrive at random, each component queues them for its workers and serves them in a random time, caches hit or miss, replicas lag and take over, sessions live where the design keeps them, and the faults you inject happen when you say. Its queues agree with queueing theory (Erlang C, Pollaczek-Khinchine, Little's law).",
    about_simplifies: "What it simplifies",
    about_simplifications: &[
        "A wire's latency is fixed, and a wire never fails by itself: a data-center outage is the only partition.",
        "Components fail, slow down and recover only when you (or a drill) say so.",
        "Replicas are not charged for applying writes, and a replica that comes back does not catch up on what it missed.",
        "A worker's wire to a database is accepted but does no work.",
        "Costs are list prices per machine size, by the month.",
    ],
    about_more: "The full list is in docs/scenario-format.md (\"What the model simplifies\") beside the source.",
    about_licence: "Free software under the MIT licence.",
    space_drag: "Space + drag",
    pan_help: "Pan (or drag with the middle button)",
    wheel: "Wheel",
    wheel_help: "Pan; with Ctrl, or pinch, zoom",
    alt_drag: "Alt + drag",
    alt_help: "Move without snapping",
    close: "Close",

    // Inspector
    inspector: "Inspector",
    n_selected: |n| format!("{n} components selected"),
    many_hint: "Drag to move them together, arrow keys to nudge, Delete to remove.",
    connection: "Connection",
    wire_hint: |from, to| format!("{from} → {to}. Press Delete to remove it."),
    dc_hint: |dc| {
        format!("{dc}. Drag its label to move it with its components; drag its corner to resize.")
    },
    summary_hint: |nodes, wires| {
        format!("{nodes} components, {wires} connections. Select a component (click, or Tab then Enter) to edit its parameters.")
    },
    name_field: "Name",
    in_dc: |dc| format!("In data center {dc}"),
    not_applied: |label, why| format!("{label}: {why}. Not applied."),
    need_whole: "must be a whole number, like 8",
    need_number: "must be a number, like 2.5",
    need_in: |whole, above, lo, hi, got| {
        let bounds = match (above, hi) {
            (false, Some(hi)) => format!("from {lo} to {hi}"),
            (true, Some(hi)) => format!("above {lo} and at most {hi}"),
            (false, None) => format!("{lo} or more"),
            (true, None) => format!("above {lo}"),
        };
        let what = match (whole, got) {
            (true, _) => "a whole number, ",
            (false, None) => "a number, ",
            (false, Some(_)) => "",
        };
        let got = got.map(|g| format!(", got {g}")).unwrap_or_default();
        format!("must be {what}{bounds}{got}")
    },
    one_year: "1 year",
    below_min_servers: "must be at least the minimum servers",
    no_weight: "at least one part of the mix must weigh more than 0",
    not_a_choice: "is not one of the choices",
    no_service: "this component has no service time",
    network_default: "network default",
    connections_out: "Connections out",
    wire_defences_where: "Call policies and circuit breakers go on connections leaving a web server.",
    wire_run_title: "This run",
    wire_run_calls: |n, rate| format!("Calls {n} ({rate} now)"),
    wire_run_retries: |n, pct| format!("retries {n} ({pct} of calls)"),
    wire_run_failed: |n| format!("failed {n}"),
    wire_run_fast_failed: |n| format!("failed fast by the breaker {n}"),
    wire_run_budget_denied: |n| format!("retries the budget refused {n}"),
    wire_run_breaker: |state| format!("breaker: {state}"),
    breaker_states: ["closed", "open", "half-open"],
    wire_run_no_calls: "no calls over it yet",
    wire_run_cut: "cut: nothing sent over it arrives",
    wire_run_delay: |ms| format!("delay added: {ms} each way"),
    wire_already_cut: "This connection is already cut",
    wire_nothing_to_restore: "This connection is neither cut nor delayed: nothing to restore",
    wire_delay_range: |max, got| format!("Delay: 0 to {max} ms, got {got}"),
    wire_delay_not_number: |got| format!("Delay: a number of ms, like 50, got \"{got}\""),
    wire_delay_none: "Delay: above 0 ms (this connection has no added delay to remove)",
    wire_delay_same: |ms| format!("Delay: this connection already has {ms} added"),
    breaker_words: "Circuit breaker: when too many calls fail it opens, and fails calls at once without sending them",
    budget_words: |pct| format!("retry budget {pct} of calls"),
    wire_cut: "Cut",
    wire_restore: "Restore",
    wire_add_delay: "Add delay",
    wire_delay: "Delay",
    tag_open: "OPEN",
    tag_half_open: "half-open",
    tag_cut: "cut",
    policy_words: |r, ms| format!("Call policy: {r} retries, timeout {ms} ms"),
    monthly_cost: |usd| format!("Monthly cost: ${usd:.0}"),
    effective: |w, ms| format!("At this size it runs {w} workers at {ms:.1} ms mean service time."),

    // Theory beside the run
    theory_title: "Theory vs this run",
    theory_predicted: "predicted",
    theory_measured: "measured",
    theory_util: "Utilisation (workers busy)",
    theory_p_wait: "Chance of waiting in line",
    theory_wait: "Mean wait in line",
    theory_p99: "p99 in the node (waiting + being served)",
    theory_poisson: "Random (Poisson) arrivals and random (exponential) service times.",
    theory_throttled: |n| format!("Its rate limit turned away {n} requests (429) since the start."),
    theory_shed: |n| format!("Load shedding turned away {n} requests (503) since the start."),
    theory_ca2: |x| format!("Gaps between arrivals measured: ca² {x:.2} (1 random, 0 evenly spaced)."),
    theory_p99_how: |how| format!("p99: {how}."),

    // Canvas and diagram
    diagram_of: |name| format!("Diagram of {name}"),
    canvas_role: "canvas",
    role_primary: "Primary database",
    role_replica: "Replica database",
    empty_hint: "Drag a component from the palette, or click one to place it here.",
    down_mark: "DOWN",
    waiting: |n| format!("{n} requests waiting"),

    // Run dock
    run: "Run",
    play: "Play",
    pause: "Pause",
    step: "Step",
    step_tip: "Advance one window (1 s of simulated time)",
    replay: "Replay",
    replay_moment: "Moment of the run shown",
    replay_at: |at, end| format!("{at} of {end}"),
    replay_live: "live",
    replay_back_to_live: "Back to now",
    replay_run_from: "Run from here",
    replay_run_from_tip: "Run the design as it is now from the start to this moment at full speed, then play on",
    replay_link: "Link to this moment",
    replay_link_tip: "Copy a link that opens this design run to this moment, paused",
    replay_marker_drag: |what, at| format!("{what} at {at}: drag to move it"),
    bad_moment: |got| format!("The link's moment t={got} is not a time (such as 42, 42s or 1m30s); the run starts at 0 s."),
    moment_link: "Link to this moment of the run",
    cmp_title: |a, b| format!("Compare A: {a} with B: {b}"),
    cmp_edit: |side| format!("Edit {side}"),
    cmp_copy_link: "Copy comparison link",
    cmp_same_traffic: "Same traffic: both users nodes send the very same requests.",
    cmp_different_traffic: "Different traffic: their users nodes differ.",
    cmp_select_hint: "Select a component on either side to fail, recover or slow it, in both designs if both have it.",
    cmp_inject_both: |name| format!("Inject into A and B: {name}"),
    cmp_inject_one: |name, side| format!("Inject into {side} only: {name}"),
    cmp_latency_aria: "Latency over time, p50 and p99: design A solid, design B dashed",
    cmp_outcomes_aria: "Successful and failed requests per second: design A solid, design B dashed",
    cmp_unlimited: "unlimited",
    cmp_good: "good",
    cmp_same_p99: "the same p99",
    cmp_p99: |d| format!("p99 {d}"),
    cmp_same_cost: "the same cost",
    cmp_cost: |d| format!("{d}/month"),
    cmp_holds: "holds where A fails",
    cmp_survives: |what| format!("survives {what}"),
    cmp_fails_under: |what| format!("fails under {what}"),
    cmp_fails: "fails where A holds",
    cmp_errors: |a, b| format!("errors {a:.1} % -> {b:.1} %"),
    cmp_previous: "Compare with the previous step",
    cmp_unopened: |why| format!("The comparison could not be opened: {why}. The first design is open alone."),
    cmp_menu: "Compare…",
    cmp_with_copy: "With a copy",
    cmp_with_file: "With a file…",
    cmp_with_step: "With a journey step:",
    cmp_editing: |side, other| format!("This is design {side} of a comparison with {other}."),
    cmp_back: "Back to the comparison",
    reset: "Reset",
    speed: "Speed",
    speed_max: "max",
    sim_time: "Simulated time",
    behind: "behind",
    behind_tip: "The engine cannot keep up with this speed; the clock runs slower than asked",
    seed: "Seed",
    hide_charts: "Hide charts",
    lesson_tab: "Lesson",
    lesson_properties: "Properties",
    lesson_step: |i, n| format!("Step {i} of {n}"),
    lesson_changed: "What changed",
    lesson_why: "Why",
    lesson_notes: "In the notes",
    lesson_try_this: "Try this",
    lesson_run_drill: "Run the drill",
    lesson_drill_scheduled: "Drill scheduled ✓",
    lesson_expect: "What you should see",
    lesson_previous: "← Previous step",
    lesson_next: "Next step →",
    lesson_journey: "Journey",
    lesson_scale_up: "Scale up instead?",
    lesson_open_scaled: "Open the scaled-up version",
    lesson_welcome_title: "Watch a web system grow from one server to millions of users",
    lesson_welcome_body: "Each step adds one idea (a load balancer, a cache, a second data center) and lets you break it: kill the cache, take a data center down, push the traffic up, and watch latency, errors and load move.",
    lesson_start_journey: "Start the journey",
    lesson_blank: "Blank canvas",
    lesson_blank_hint: "Drag components from the palette and wire them yourself.",
    design_cost: "cost",
    design_per_month: "/month",
    design_capacity: "capacity, all up",
    design_unlimited: "no limit",
    design_bottleneck: "bottleneck, all up",
    schedule_title: "Scheduled",
    schedule_hint: "Faults in the scenario: replayed at these times on every Reset.",
    schedule_remove: "Remove",
    schedule_clear: "Clear all",
    spike_factor_bad: |kept| {
        format!("Spike factor: must be a number from 1 to 1000; still x{kept}.")
    },
    spike_secs_bad: |kept| format!("Spike length: must be from 1 to 3600 s; still {kept} s."),
    show_charts: "Show charts",
    record: "Record",
    record_tip: "Record the diagram and the charts as an animated GIF (and a WebM video where the browser records video) for chat and documents",
    record_length: "Recording length",
    record_stop: "Stop",
    record_elapsed: |at, of| format!("Recording {at:.1} / {of:.0} s"),
    record_playing: "playing the run for the recording",
    record_encoding: "Encoding…",
    record_saved: |name, bytes, frames| {
        format!("Saved {name} ({}, {frames} frames)", megabytes(bytes))
    },
    record_webm: |bytes| format!("Save WebM ({})", megabytes(bytes)),
    record_no_video: "No video: this browser cannot record WebM, so the GIF alone.",
    record_failed: |why| format!("The recording could not be made: {why}"),
    record_no_diagram: "the diagram is not on the page",
    design_changed: "The design changed since this run started; the run goes on with the old one. ",
    restart_changes: "Restart with changes",
    cannot_run: |why| format!("This design cannot run yet: {why}"),
    cannot_run_yet: "Play waits until the design can run. What is missing (click one to select its component):",
    show_node: "Select this component",
    empty_design: "Drag components from the palette and wire them (users first), then Play.",
    nothing_running: "Nothing is running: fix the design first.",
    engine_on_page: "The simulation runs on this page, sharing it with the drawing, because its background worker could not start: large designs may fall behind real time.",
    bad_seed: |max, got| format!("seed: must be a whole number from 0 to {max}, got \"{got}\""),
    traffic: |name| format!("Traffic: {name}"),
    rate: "rate",
    rate_aria: "Arrival rate, log scale from 1 to 1,000,000 requests per second",
    ramp: "ramp over 10 s",
    mix_tip: "Edit the mix in the inspector (select the users node)",
    mix_names: ["static", "read", "write", "jobs"],
    spike: "Spike",
    spike_factor: "Spike factor",
    spike_secs: "Spike length in seconds",
    secs_unit: "s",
    spike_times: "×",
    spike_for: "for",
    timeout: "timeout",
    all_failed: "Nothing succeeded in the last second: every request failed (timed out or refused). p50 and p99 are how long users waited for their failure.",
    design_all_up_tip: "The design with every component up, from its parameters: what it costs and the traffic its slowest tier can carry.",
    inject: |name| format!("Inject: {name}"),
    fail: "Fail",
    recover: "Recover",
    slow_down: "Slow down x4",
    normal_speed: "Normal speed",
    outage: "Outage",
    restore: "Restore",
    bar_label: "Figure controls",
    bar_fail: |n| format!("Fail {n}"),
    bar_recover: |n| format!("Recover {n}"),
    bar_slow: |n| format!("Slow down {n} x4"),
    bar_unslow: |n| format!("{n} at normal speed"),
    bar_outage: |n| format!("Outage {n}"),
    bar_restore: |n| format!("Restore {n}"),
    bar_rate_of: |n| format!("{n} rate"),
    bar_problems: "Some controls this page asks for cannot be shown:",
    bar_problem: |p| p.to_string(),
    hover_hint: "Hover a chart to read its values.",
    latency: "Latency",
    log: "log",
    throughput: "Throughput",
    latency_aria: "Latency p50, p95 and p99 of all requests over time; windows where more than 1 % failed are shaded",
    latency_aria_ok_only: "Latency p50, p95 and p99 of successful requests only, over time; windows where more than 1 % failed are shaded",
    ok_only: "successful only",
    csv_tip: "Download both charts' figures, one row per second: latency of all requests and of successful ones, and throughput by outcome",
    ok_only_tip: "Plot only the requests that succeeded. They look faster the more requests fail: the shaded windows are where that hides something.",
    throughput_aria: "Throughput by outcome over time",
    node_aria: "Selected node over time",
    select_node: "Select a node to chart it",
    readout: |t, which, p50, p95, p99, ok, failed| {
        format!("at {t:.0} s, {which}: p50 {p50}, p95 {p95}, p99 {p99}; ok {ok}, failed {failed}")
    },
    readout_good: |pct| format!(", good {pct:.1} %"),
    of_all: "all requests",
    of_ok_only: "successful only",
    readout_node: |util, queue| format!("; node {util:.0} % busy, {queue:.1} waiting"),

    // Request traces
    tr_next: "Trace a request",
    tr_next_tip: "Follow the next request your users send, hop by hop, until it is answered or fails.",
    tr_slowest: "Slowest of the last window",
    tr_slowest_tip: "Show where the slowest request of the last window spent its time.",
    tr_need_play: "Press Play first: the next request is traced as the run goes.",
    tr_need_window: "No window has closed yet: let the run play a little first.",
    tr_chart_tip: "Click a window to see where its slowest request spent its time.",
    tr_title: "Request trace",
    tr_waiting_next: "Waiting for the next request to finish…",
    tr_waiting_paused: "Waiting for the next request: press Play, it is traced as the run goes.",
    tr_waiting_slowest: "Finding the slowest request of that window…",
    tr_no_trace: "No trace to show:",
    tr_summary: |class, users, sent_s, latency, ending| {
        format!("A {class} request from {users}, sent at t = {sent_s:.2} s: {ending} after {latency}.")
    },
    tr_failed_at: |node| format!("It failed at {node}."),
    tr_endings: [
        "answered",
        "timed out",
        "refused (503: a queue was full)",
        "sent to a component that was down",
        "lost its session",
        "turned away by a rate limiter (429)",
    ],
    tr_attempt: |n, of, ending, at, failed_at| {
        let at_node = failed_at.map(|f| format!(", at {f}")).unwrap_or_default();
        format!("Attempt {n} of {of}: {ending} at {at}{at_node}")
    },
    tr_down: "— it was down",
    tr_phases: ["on the wire (network)", "waiting in line (queue)", "being served", "waiting to retry (backoff)"],
    tr_phase_tips: [
        "Travelling over a connection between two components.",
        "Every worker was busy: the request waited in the queue.",
        "A worker was handling the request.",
        "The request failed and the user waited before trying again.",
    ],
    tr_total: "total",
    tr_axis: "time since the request was sent",
    tr_hint: "Hover or focus a row to read its exact times.",
    tr_rows: "Where the request spent its time, hop by hop",
    tr_exact: |node, phase, from, to, took| format!("{node}, {phase}: from {from} to {to} ({took})"),
    tr_close: "Close (Esc)",

    // Numbers panel
    live_numbers: "Live numbers",
    press_play: "Press Play to run the simulation.",
    ok: "ok",
    failed: "failed",
    errors: "errors",
    good_within: |objective| format!("good ≤ {objective}"),
    p99_ok_only: "p99, successful only",
    busiest: "busiest now",
    col_node: "node",
    col_state: "state",
    col_util: "util",
    col_queue: "queue",
    col_in: "in",
    state_down: "down",
    state_parked: "parked",
    state_up: "up",
    hit_pct: |pct| format!("hit {pct:.0} %"),
    lag: |lag| format!("lag {lag}"),
    depth: |n| format!("depth {n}"),

    // Charts
    axis_ms_log: "ms (log)",
    failing_windows: "> 1 % failed",
    axis_rps: "requests/s",
    outcomes: [
        "ok",
        "timeout",
        "rejected (503)",
        "node down",
        "session lost",
        "throttled (429)",
    ],
    util_pct: "utilisation %",
    hit_ratio_pct: "hit ratio %",
    queue_peak: |peak| format!("queue (100 % = {peak:.0} waiting)"),
    lag_peak: |peak| format!("replication lag (100 % = {peak:.0} ms)"),

    // Fault labels
    f_down: |n| format!("{n} down"),
    f_back: |n| format!("{n} back"),
    f_normal: |n| format!("{n} normal speed"),
    f_slow: |n, x| format!("{n} slow x{x}"),
    f_outage: |dc| format!("{dc} outage"),
    f_restored: |dc| format!("{dc} restored"),
    f_rate: |r| format!("rate {r}"),
    f_ramp: |r| format!("ramp to {r}"),
    f_spike: |x, s| format!("spike x{x} {s} s"),
    f_cut: |w| format!("{w} cut"),
    f_wire_restored: |w| format!("{w} restored"),
    f_wire_delay: |w, ms| format!("{w} +{ms} ms"),

    // Challenges
    ch_menu: "Challenges",
    ch_tab: "Challenge",
    ch_objectives: "Objectives",
    ch_hint: "Hint",
    ch_script: "What happens",
    ch_check: "Check",
    ch_checking: |pct| format!("Checking… {pct:.0} %"),
    ch_target: "Target",
    ch_measured: "Measured",
    ch_result: "Result",
    ch_pass: "pass",
    ch_fail: "fail",
    ch_passed: "Passed: every objective is met.",
    ch_failed: |n, of| format!("Not yet: {n} of {of} objectives missed."),
    ch_missed: |at| format!("At {at} s the challenge finds nothing to hit in this design, so no objective counts: a design passes a failure only by having the component that fails."),
    ch_cannot_run: "This design cannot be checked yet:",
    ch_reference: "Show the reference solution",
    ch_reference_note: "It replaces the design on the canvas; Undo brings yours back.",
    ch_copy_result: "Copy result link",
    ch_result_copied: "Result link copied: it opens this design and checks it again.",
    ch_close: "Close the challenge",
    ch_measured_for: |s, w| format!("{s:.0} s measured after {w:.0} s of warm-up"),
    ch_rechecking: "A result link: checking the design again…",
    ch_reproduces: "The linked values reproduce exactly.",
    ch_differs: "These values differ from the link's:",
    ch_linked: "Linked",
    ch_now: "Now",
    ch_link_bad: |why| format!("This result link could not be opened: {why}. Your work is unchanged."),
    ch_unknown: |id| format!("there is no challenge \"{id}\""),
    ch_bad_number: "it carries no number where one belongs",
    ch_metric: |key| match key {
        "p99_all_ms" => "p99 of all requests",
        "p99_ok_ms" => "p99 of successful requests",
        "p50_all_ms" => "p50 of all requests",
        "worst_second_p99_ms" => "p99 in the worst second",
        "good_pct" => "Good",
        "error_pct" => "Errors",
        "throughput_rps" => "Throughput",
        "monthly_usd" => "Monthly cost",
        "capacity_rps" => "Capacity",
        "backlog_jobs" => "Jobs still waiting",
        _ => "?",
    },
    ch_unlimited: "unlimited",
    // Presenter mode
    present: "Present",
    present_tip: "Presenter mode: the diagram on the whole screen with large live figures (P)",
    present_leave: "Leave",
    present_leave_tip: "Leave presenter mode (Esc)",
    present_watch: "Watch:",
    present_keys_hint: "Space play/pause · ←/→ step · F fail · R recover · D drill · S spike · Esc leave",
    present_good: "good",
    present_ok: "ok/s",
    present_cost: "monthly cost",
    present_press_space: "Press Space to start the run.",
    present_keys_title: "Presenter mode",
    present_key_help: [
        "Enter or leave presenter mode",
        "Play or pause the run",
        "Previous journey step (also a clicker)",
        "Next journey step (also a clicker)",
        "Fail the selected node",
        "Recover the selected node",
        "Run the lesson's drill",
        "Traffic spike",
        "Leave presenter mode",
    ],
    pred_heading: "Predict first:",
    pred_skip: "Skip, just run it",
    pred_you: "You predicted:",
    pred_happened: "What happened:",
    pred_watching: |t| format!("Watching the drill: the outcome is told when the clock passes {t}."),
    pred_matched: "✓ Your prediction matched the run.",
    pred_missed: "✗ Not what you predicted: see why in the lesson below.",
    pred_value: |f, v| {
        use scaleboard_sim::predict::Figure;
        match f {
            Figure::WorstP99Ms => format!("p99 peaked at {v}"),
            Figure::LowestGoodPct => format!("good fell to {v} at its lowest"),
            Figure::PeakErrorPct => format!("at worst {v} of requests failed"),
            Figure::ErrorSeconds => format!("requests failed for {v}"),
            Figure::SessionsLost => format!("{v} users were logged out"),
            Figure::Failed => format!("{v} requests failed"),
            Figure::Throttled => format!("{v} requests were throttled (429)"),
            Figure::FinalGoodPct => format!("good was {v} when the watch ended"),
        }
    },
};

pub const KO: Text = Text {
    lang: Lang::Ko,
    name: "한국어",
    tagline: "서버 한 대에서 수백만 사용자까지",
    language: "언어",
    page_title: "Scaleboard: 서버 한 대에서 수백만 사용자까지",

    // App and problems list
    scenario_named: |name| format!("시나리오 \"{name}\""),
    no_such_scenario: |name, known| {
        format!("?scenario={name}: 그런 이름의 내장 시나리오가 없습니다. 있는 시나리오: {known}")
    },
    share_unchanged: |title| format!("{title}. 아래의 작업은 바뀌지 않았습니다."),
    share_damaged: "공유 링크가 손상되어 열지 않았습니다",
    share_unreadable: "공유 링크에 담긴 시나리오를 읽을 수 없습니다",
    this_share_link: "이 공유 링크",
    share_empty: "링크에 시나리오가 없습니다",
    share_cut: "데이터가 중간에 끊겼거나 깨졌습니다. 복사하다가 잘리지 않았나요?",
    share_not_text: "데이터가 텍스트가 아닙니다",
    could_not_open: |what| format!("{what}: 열 수 없습니다"),
    problems_found: |n| format!("문제 {n}개가 발견되었습니다:"),

    // File bar and banner
    scenario_name: "시나리오 이름",
    file: "파일",
    new: "새로 만들기",
    open: "열기…",
    save: "저장",
    export_svg: "SVG 내보내기",
    export_png: "PNG 내보내기",
    copy_link: "링크 복사",
    copy_embed: "임베드 코드 복사",
    link_copied: "링크를 복사했습니다. 링크에 시나리오 전체가 담겨 있습니다.",
    embed_copied: "임베드 코드를 복사했습니다. 어느 웹 페이지에나 붙여 넣을 수 있습니다.",
    file_unopened: |name| format!("{name} 파일을 열 수 없습니다. 다이어그램은 바뀌지 않았습니다"),
    untitled: "제목 없음",
    text_to_copy: "복사할 텍스트",
    dismiss: "닫기",

    // Embedded view
    open_full: "Scaleboard에서 열기 ↗",

    // Palette
    components: "구성 요소",
    data_center: "데이터 센터",
    palette_tip: |what| format!("{what}: 캔버스로 끌어다 놓거나, 클릭해서 배치"),

    // Toolbar and help overlay
    edit: "편집",
    zoom_level: "확대 비율",
    shortcuts: "키보드 단축키",
    wiring: "연결",
    wiring_how: "노드 오른쪽 가장자리의 동그란 핸들에서 끌어 호출할 노드 위에 놓습니다. 프라이머리 데이터베이스를 역할이 없는 데이터베이스 위에 놓으면 그 데이터베이스가 레플리카가 됩니다.",
    wiring_none: "응답만 함",
    help_keys_tab: "단축키와 연결",
    glossary: "용어집",
    seed_tip: "난수 시드: 같은 시드면 요청 하나하나까지 같은 실행이 됩니다. 바꾸면 같은 설계의 다른 실행을 볼 수 있습니다.",
    about: "소개",
    about_title: "Scaleboard 소개",
    about_based: "이 여정은 웹 시스템을 사용자 0명에서 수백만 명까지 확장하는 고전적인 경로를 정리한 학습 노트(한국어)를 따릅니다: 서버 한 대, 웹 계층과 데이터 계층의 분리, 로드밸런서, 데이터베이스 다중화, 캐시, CDN, 무상태 웹 계층, 여러 데이터 센터, 메시지 큐, 샤딩. 각 단계는 노트의 한 절을 실행하고 망가뜨려 볼 수 있는 시나리오로 만든 것입니다.",
    about_models: "Scaleboard는 모든 요청을 이산 사건 시뮬레이션으로 실행합니다: 사용자는 무작위로 도착하고, 각 구성 요소는 요청을 대기열에 넣어 워커가 무작위 시간 동안 처리하며, 캐시는 적중하거나 빗나가고, 레플리카는 지연되고 승격되며, 세션은 설계가 두는 곳에 있고, 주입한 장애는 정한 때에 일어납니다. 대기열은 대기 이론(얼랭 C, 폴라체크-힌친, 리틀의 법칙)과 일치합니다.",
    about_simplifies: "단순화한 것",
    about_simplifications: &[
        "연결의 지연 시간은 고정이며 연결이 저절로 끊기지 않습니다. 분할은 데이터 센터 장애뿐입니다.",
        "구성 요소는 사용자(또는 훈련)가 정할 때만 멈추고, 느려지고, 복구됩니다.",
        "레플리카는 쓰기를 반영하는 비용을 치르지 않고, 돌아온 레플리카는 놓친 것을 따라잡지 않습니다.",
        "워커에서 데이터베이스로의 연결은 받아들이지만 아무 일도 하지 않습니다.",
        "비용은 장비 크기별 월 정가입니다.",
    ],
    about_more: "전체 목록은 소스의 docs/scenario-format.md(\"What the model simplifies\")에 있습니다.",
    about_licence: "MIT 라이선스의 자유 소프트웨어입니다.",
    space_drag: "Space + 드래그",
    pan_help: "화면 이동 (가운데 버튼으로 드래그해도 됨)",
    wheel: "휠",
    wheel_help: "화면 이동. Ctrl을 누르거나 핀치하면 확대/축소",
    alt_drag: "Alt + 드래그",
    alt_help: "격자에 맞추지 않고 이동",
    close: "닫기",

    // Inspector
    inspector: "속성",
    n_selected: |n| format!("구성 요소 {n}개 선택됨"),
    many_hint: "드래그하면 함께 이동하고, 화살표 키로 조금씩 옮기고, Delete 키로 삭제합니다.",
    connection: "연결",
    wire_hint: |from, to| format!("{from} → {to}. Delete 키를 누르면 삭제됩니다."),
    dc_hint: |dc| {
        format!("{dc}. 이름표를 드래그하면 안의 구성 요소와 함께 이동하고, 모서리를 드래그하면 크기가 바뀝니다.")
    },
    summary_hint: |nodes, wires| {
        format!("구성 요소 {nodes}개, 연결 {wires}개. 구성 요소를 선택하면(클릭, 또는 Tab 후 Enter) 매개변수를 편집할 수 있습니다.")
    },
    name_field: "이름",
    in_dc: |dc| format!("데이터 센터: {dc}"),
    not_applied: |label, why| format!("{label}: {why}. 적용되지 않았습니다."),
    need_whole: "정수여야 합니다 (예: 8)",
    need_number: "숫자여야 합니다 (예: 2.5)",
    need_in: |whole, above, lo, hi, got| {
        let low = if above { "초과" } else { "이상" };
        let bounds = match hi {
            Some(hi) => format!("{lo} {low} {hi} 이하"),
            None => format!("{lo} {low}"),
        };
        let what = match (whole, got) {
            (true, _) => "정수여야",
            (false, None) => "숫자여야",
            (false, Some(_)) => "값이어야",
        };
        let got = got.map(|g| format!(" (입력: {g})")).unwrap_or_default();
        format!("{bounds}의 {what} 합니다{got}")
    },
    one_year: "1년",
    below_min_servers: "최소 서버 수 이상이어야 합니다",
    no_weight: "구성 중 하나 이상의 가중치가 0보다 커야 합니다",
    not_a_choice: "선택지에 없는 값입니다",
    no_service: "이 구성 요소에는 처리 시간이 없습니다",
    network_default: "네트워크 기본값",
    connections_out: "나가는 연결",
    wire_defences_where: "호출 정책과 서킷 브레이커는 웹 서버에서 나가는 연결에 설정합니다.",
    wire_run_title: "이번 실행",
    wire_run_calls: |n, rate| format!("호출 {n}건 (지금 {rate})"),
    wire_run_retries: |n, pct| format!("재시도 {n}건 (호출의 {pct})"),
    wire_run_failed: |n| format!("실패 {n}건"),
    wire_run_fast_failed: |n| format!("서킷 브레이커가 곧바로 실패시킨 호출 {n}건"),
    wire_run_budget_denied: |n| format!("재시도 예산이 막은 재시도 {n}건"),
    wire_run_breaker: |state| format!("서킷 브레이커: {state}"),
    breaker_states: ["닫힘", "열림", "반개방"],
    wire_run_no_calls: "아직 이 연결로 호출이 없습니다",
    wire_run_cut: "끊김: 보낸 것이 도착하지 않습니다",
    wire_run_delay: |ms| format!("추가 지연: 편도 {ms}"),
    wire_already_cut: "이 연결은 이미 끊겨 있습니다",
    wire_nothing_to_restore: "이 연결은 끊기지도 지연되지도 않아 복구할 것이 없습니다",
    wire_delay_range: |max, got| format!("지연: 0~{max} ms여야 합니다. 입력값: {got}"),
    wire_delay_not_number: |got| format!("지연: ms 단위 숫자여야 합니다 (예: 50). 입력값: \"{got}\""),
    wire_delay_none: "지연: 0 ms보다 커야 합니다 (이 연결에는 없앨 추가 지연이 없습니다)",
    wire_delay_same: |ms| format!("지연: 이 연결에는 이미 {ms}가 추가되어 있습니다"),
    breaker_words: "서킷 브레이커: 실패한 호출이 너무 많으면 열려서, 호출을 보내지 않고 곧바로 실패시킵니다",
    budget_words: |pct| format!("재시도 예산 호출의 {pct}"),
    wire_cut: "끊기",
    wire_restore: "복구",
    wire_add_delay: "지연 추가",
    wire_delay: "지연",
    tag_open: "열림",
    tag_half_open: "반개방",
    tag_cut: "끊김",
    policy_words: |r, ms| format!("호출 정책: 재시도 {r}회, 타임아웃 {ms} ms"),
    monthly_cost: |usd| format!("월 비용: ${usd:.0}"),
    effective: |w, ms| format!("이 크기로는 워커 {w}개, 평균 서비스 시간 {ms:.1} ms로 동작합니다."),

    // Theory beside the run
    theory_title: "이론 vs 이번 실행",
    theory_predicted: "예측",
    theory_measured: "측정",
    theory_util: "사용률(바쁜 워커)",
    theory_p_wait: "줄에서 기다릴 확률",
    theory_wait: "줄에서 기다린 평균 시간",
    theory_p99: "노드 안 p99(대기 + 처리)",
    theory_poisson: "무작위(포아송) 도착과 무작위(지수) 처리 시간.",
    theory_throttled: |n| format!("요청 제한(429)으로 시작부터 {n}건을 거절했습니다."),
    theory_shed: |n| format!("부하 차단(503)으로 시작부터 {n}건을 거절했습니다."),
    theory_ca2: |x| format!("측정된 도착 간격: ca² {x:.2} (1 무작위, 0 일정 간격)."),
    theory_p99_how: |how| format!("p99: {how}."),

    // Canvas and diagram
    diagram_of: |name| format!("{name} 다이어그램"),
    canvas_role: "캔버스",
    role_primary: "프라이머리 DB",
    role_replica: "레플리카 DB",
    empty_hint: "팔레트에서 구성 요소를 끌어오거나, 클릭해서 여기에 배치하세요.",
    down_mark: "다운",
    waiting: |n| format!("대기 중인 요청 {n}개"),

    // Run dock
    run: "실행",
    play: "재생",
    pause: "일시정지",
    step: "한 단계",
    step_tip: "한 구간(시뮬레이션 시간 1초) 진행",
    replay: "다시 보기",
    replay_moment: "보여 줄 실행 시점",
    replay_at: |at, end| format!("{end} 중 {at}"),
    replay_live: "실시간",
    replay_back_to_live: "현재로 돌아가기",
    replay_run_from: "여기부터 실행",
    replay_run_from_tip: "지금의 설계로 처음부터 이 시점까지 최고 속도로 실행한 뒤 이어서 재생합니다",
    replay_link: "이 시점 링크",
    replay_link_tip: "이 설계를 이 시점까지 실행해 멈춘 상태로 여는 링크를 복사합니다",
    replay_marker_drag: |what, at| format!("{at}에 {what}: 끌어서 옮기기"),
    bad_moment: |got| format!("링크의 시점 t={got}은(는) 시간이 아닙니다(예: 42, 42s, 1m30s). 0초부터 실행합니다."),
    moment_link: "실행의 이 시점 링크",
    cmp_title: |a, b| format!("비교 A: {a} · B: {b}"),
    cmp_edit: |side| format!("{side} 편집"),
    cmp_copy_link: "비교 링크 복사",
    cmp_same_traffic: "같은 트래픽: 두 사용자 노드가 똑같은 요청을 보냅니다.",
    cmp_different_traffic: "다른 트래픽: 사용자 노드가 서로 다릅니다.",
    cmp_select_hint: "어느 쪽이든 구성 요소를 선택해 다운·복구·느리게 만드세요. 두 설계에 모두 있으면 둘 다에 적용됩니다.",
    cmp_inject_both: |name| format!("A와 B에 주입: {name}"),
    cmp_inject_one: |name, side| format!("{side}에만 주입: {name}"),
    cmp_latency_aria: "시간에 따른 지연 시간 p50과 p99: 설계 A는 실선, 설계 B는 점선",
    cmp_outcomes_aria: "초당 성공·실패 요청: 설계 A는 실선, 설계 B는 점선",
    cmp_unlimited: "제한 없음",
    cmp_good: "양호",
    cmp_same_p99: "p99 같음",
    cmp_p99: |d| format!("p99 {d}"),
    cmp_same_cost: "비용 같음",
    cmp_cost: |d| format!("월 {d}"),
    cmp_holds: "A가 실패하는 곳에서 버팀",
    cmp_survives: |what| format!("{what}에도 버팀"),
    cmp_fails_under: |what| format!("{what}에 실패"),
    cmp_fails: "A가 버티는 곳에서 실패",
    cmp_errors: |a, b| format!("오류율 {a:.1} % -> {b:.1} %"),
    cmp_previous: "이전 단계와 비교",
    cmp_unopened: |why| format!("비교를 열 수 없습니다: {why}. 첫 번째 설계만 엽니다."),
    cmp_menu: "비교…",
    cmp_with_copy: "복사본과",
    cmp_with_file: "파일과…",
    cmp_with_step: "여정 단계와:",
    cmp_editing: |side, other| format!("{other}와(과)의 비교에서 설계 {side}입니다."),
    cmp_back: "비교로 돌아가기",
    reset: "초기화",
    speed: "속도",
    speed_max: "최대",
    sim_time: "시뮬레이션 시간",
    behind: "지연됨",
    behind_tip: "엔진이 이 속도를 따라가지 못해 시계가 요청한 것보다 느리게 갑니다",
    seed: "시드",
    hide_charts: "차트 숨기기",
    lesson_tab: "학습",
    lesson_properties: "속성",
    lesson_step: |i, n| format!("{n}단계 중 {i}단계"),
    lesson_changed: "무엇이 바뀌었나",
    lesson_why: "왜 그런가",
    lesson_notes: "학습 노트의 해당 절",
    lesson_try_this: "해 보기",
    lesson_run_drill: "훈련 실행",
    lesson_drill_scheduled: "훈련 예약됨 ✓",
    lesson_expect: "이렇게 보여야 합니다",
    lesson_previous: "← 이전 단계",
    lesson_next: "다음 단계 →",
    lesson_journey: "여정",
    lesson_scale_up: "대신 수직 확장(스케일 업)을 하면?",
    lesson_open_scaled: "스케일 업 버전 열기",
    lesson_welcome_title: "서버 한 대에서 수백만 사용자까지, 웹 시스템이 자라는 모습을 지켜보세요",
    lesson_welcome_body: "단계마다 아이디어 하나(로드밸런서, 캐시, 두 번째 데이터 센터)가 더해지고, 직접 망가뜨려 볼 수 있습니다. 캐시를 죽이고, 데이터 센터를 내리고, 트래픽을 올려서 지연 시간과 오류, 부하가 어떻게 움직이는지 보세요.",
    lesson_start_journey: "여정 시작하기",
    lesson_blank: "빈 캔버스",
    lesson_blank_hint: "팔레트에서 구성 요소를 끌어다 놓고 직접 연결하세요.",
    design_cost: "비용",
    design_per_month: "/월",
    design_capacity: "처리 한계 (모두 정상)",
    design_unlimited: "제한 없음",
    design_bottleneck: "병목 (모두 정상)",
    schedule_title: "예약됨",
    schedule_hint: "시나리오에 든 장애: 초기화할 때마다 이 시각에 다시 일어납니다.",
    schedule_remove: "삭제",
    schedule_clear: "모두 지우기",
    spike_factor_bad: |kept| {
        format!("급증 배수는 1에서 1000 사이의 수여야 합니다. 지금 값 x{kept}을 유지합니다.")
    },
    spike_secs_bad: |kept| {
        format!("급증 시간은 1초에서 3600초 사이여야 합니다. 지금 값 {kept}초를 유지합니다.")
    },
    show_charts: "차트 보기",
    record: "녹화",
    record_tip: "다이어그램과 차트를 채팅과 문서에 쓸 움직이는 GIF로 녹화합니다 (브라우저가 동영상을 녹화할 수 있으면 WebM 동영상도)",
    record_length: "녹화 길이",
    record_stop: "중지",
    record_elapsed: |at, of| format!("녹화 중 {at:.1} / {of:.0}초"),
    record_playing: "녹화를 위해 실행을 재생합니다",
    record_encoding: "인코딩 중…",
    record_saved: |name, bytes, frames| {
        format!("{name} 저장함 ({}, 프레임 {frames}개)", megabytes(bytes))
    },
    record_webm: |bytes| format!("WebM 저장 ({})", megabytes(bytes)),
    record_no_video: "동영상 없음: 이 브라우저는 WebM을 녹화할 수 없어 GIF만 저장했습니다.",
    record_failed: |why| format!("녹화하지 못했습니다: {why}"),
    record_no_diagram: "다이어그램이 페이지에 없습니다",
    design_changed: "실행을 시작한 뒤 설계가 바뀌었습니다. 실행은 이전 설계로 계속됩니다. ",
    restart_changes: "변경 사항으로 다시 시작",
    cannot_run: |why| format!("이 설계는 아직 실행할 수 없습니다: {why}"),
    cannot_run_yet: "설계가 실행 가능해질 때까지 재생할 수 없습니다. 빠진 것 (누르면 해당 구성 요소를 선택합니다):",
    show_node: "이 구성 요소 선택",
    empty_design: "팔레트에서 구성 요소를 끌어다 놓고 (사용자부터) 연결한 뒤 재생하세요.",
    nothing_running: "실행 중인 것이 없습니다. 먼저 설계를 고치세요.",
    engine_on_page: "백그라운드 워커를 시작할 수 없어 시뮬레이션이 화면 그리기와 같은 스레드에서 돌고 있습니다. 큰 설계는 실시간을 따라가지 못할 수 있습니다.",
    bad_seed: |max, got| format!("시드: 0부터 {max}까지의 정수여야 합니다. 입력값: \"{got}\""),
    traffic: |name| format!("트래픽: {name}"),
    rate: "요청률",
    rate_aria: "도착률, 초당 요청 1부터 1,000,000까지 로그 눈금",
    ramp: "10초에 걸쳐 변경",
    mix_tip: "요청 구성은 속성 패널에서 편집합니다 (사용자 노드를 선택하세요)",
    mix_names: ["정적", "읽기", "쓰기", "작업"],
    spike: "급증",
    spike_factor: "급증 배수",
    spike_secs: "급증 지속 시간(초)",
    secs_unit: "초",
    spike_times: "×",
    spike_for: "지속",
    timeout: "타임아웃",
    all_failed: "지난 1초 동안 성공한 요청이 없습니다. 모든 요청이 실패(타임아웃 또는 거부)했습니다. p50과 p99는 사용자가 실패를 받기까지 기다린 시간입니다.",
    design_all_up_tip: "모든 구성 요소가 정상일 때의 설계: 파라미터로 계산한 비용과 가장 느린 계층이 감당하는 트래픽입니다.",
    inject: |name| format!("장애 주입: {name}"),
    fail: "다운",
    recover: "복구",
    slow_down: "4배 느리게",
    normal_speed: "정상 속도",
    outage: "장애",
    restore: "복구",
    bar_label: "그림 컨트롤",
    bar_fail: |n| format!("{n} 다운"),
    bar_recover: |n| format!("{n} 복구"),
    bar_slow: |n| format!("{n} 4배 느리게"),
    bar_unslow: |n| format!("{n} 정상 속도"),
    bar_outage: |n| format!("{n} 장애"),
    bar_restore: |n| format!("{n} 복구"),
    bar_rate_of: |n| format!("{n} 요청률"),
    bar_problems: "이 페이지가 요청한 컨트롤 중 표시할 수 없는 것이 있습니다:",
    bar_problem: crate::embed::problems::problem_ko,
    hover_hint: "차트 위에 마우스를 올리면 값을 읽을 수 있습니다.",
    latency: "지연 시간",
    log: "로그",
    throughput: "처리량",
    latency_aria: "시간에 따른 전체 요청의 지연 시간 p50, p95, p99. 요청의 1 % 넘게 실패한 구간은 음영으로 표시합니다",
    latency_aria_ok_only: "시간에 따른 성공한 요청만의 지연 시간 p50, p95, p99. 요청의 1 % 넘게 실패한 구간은 음영으로 표시합니다",
    ok_only: "성공한 요청만",
    csv_tip: "두 차트의 수치를 1초에 한 줄씩 내려받습니다: 전체 요청과 성공한 요청의 지연 시간, 결과별 처리량",
    ok_only_tip: "성공한 요청만 그립니다. 실패가 많을수록 오히려 빨라 보이니, 음영 구간에서는 무언가 가려지고 있다는 뜻입니다.",
    throughput_aria: "시간에 따른 결과별 처리량",
    node_aria: "시간에 따른 선택한 노드",
    select_node: "노드를 선택하면 차트로 보여 줍니다",
    readout: |t, which, p50, p95, p99, ok, failed| {
        format!("{t:.0}초, {which}: p50 {p50}, p95 {p95}, p99 {p99}; 성공 {ok}, 실패 {failed}")
    },
    readout_good: |pct| format!(", 양호 {pct:.1} %"),
    of_all: "전체 요청",
    of_ok_only: "성공한 요청만",
    readout_node: |util, queue| format!("; 노드 사용률 {util:.0} %, 대기 {queue:.1}"),

    // Request traces
    tr_next: "요청 하나 추적",
    tr_next_tip: "사용자가 보내는 다음 요청을 응답받거나 실패할 때까지 구간별로 따라갑니다.",
    tr_slowest: "마지막 구간의 가장 느린 요청",
    tr_slowest_tip: "마지막 구간에서 가장 느렸던 요청이 어디서 시간을 썼는지 보여 줍니다.",
    tr_need_play: "먼저 재생을 누르세요. 실행이 진행되면서 다음 요청을 추적합니다.",
    tr_need_window: "아직 끝난 구간이 없습니다. 잠시 실행한 뒤 다시 누르세요.",
    tr_chart_tip: "구간을 클릭하면 그 구간에서 가장 느린 요청이 어디서 시간을 썼는지 봅니다.",
    tr_title: "요청 추적",
    tr_waiting_next: "다음 요청이 끝나기를 기다리는 중…",
    tr_waiting_paused: "다음 요청을 기다리는 중입니다. 재생을 누르면 실행하면서 추적합니다.",
    tr_waiting_slowest: "그 구간에서 가장 느린 요청을 찾는 중…",
    tr_no_trace: "보여 줄 추적이 없습니다:",
    tr_summary: |class, users, sent_s, latency, ending| {
        format!("{users}에서 t = {sent_s:.2}초에 보낸 {class} 요청: {latency} 만에 {ending}.")
    },
    tr_failed_at: |node| format!("{node}에서 실패했습니다."),
    tr_endings: [
        "응답받음",
        "타임아웃",
        "거부됨 (503: 대기열이 가득 참)",
        "다운된 구성 요소로 보내짐",
        "세션을 잃음",
        "요청 제한에 막힘 (429)",
    ],
    tr_attempt: |n, of, ending, at, failed_at| {
        let at_node = failed_at.map(|f| format!(", {f}에서")).unwrap_or_default();
        format!("시도 {n}/{of}: {at}에 {ending}{at_node}")
    },
    tr_down: "— 다운 상태였음",
    tr_phases: ["전송 중 (네트워크)", "줄 서서 기다림 (대기열)", "처리 중", "재시도 전 대기 (백오프)"],
    tr_phase_tips: [
        "두 구성 요소 사이의 연결을 따라 이동하는 시간입니다.",
        "모든 워커가 바빠서 요청이 대기열에서 기다린 시간입니다.",
        "워커가 요청을 처리한 시간입니다.",
        "요청이 실패해 사용자가 다시 시도하기 전에 기다린 시간입니다.",
    ],
    tr_total: "합계",
    tr_axis: "요청을 보낸 뒤 지난 시간",
    tr_hint: "행에 마우스를 올리거나 포커스를 두면 정확한 시간을 읽을 수 있습니다.",
    tr_rows: "요청이 구간별로 시간을 쓴 곳",
    tr_exact: |node, phase, from, to, took| format!("{node}, {phase}: {from}부터 {to}까지 ({took})"),
    tr_close: "닫기 (Esc)",

    // Numbers panel
    live_numbers: "실시간 수치",
    press_play: "재생을 누르면 시뮬레이션이 시작됩니다.",
    ok: "성공",
    failed: "실패",
    errors: "오류율",
    good_within: |objective| format!("양호 ≤ {objective}"),
    p99_ok_only: "p99, 성공한 요청만",
    busiest: "지금 최고 부하",
    col_node: "노드",
    col_state: "상태",
    col_util: "사용률",
    col_queue: "대기열",
    col_in: "유입",
    state_down: "다운",
    state_parked: "대기",
    state_up: "정상",
    hit_pct: |pct| format!("적중 {pct:.0} %"),
    lag: |lag| format!("지연 {lag}"),
    depth: |n| format!("깊이 {n}"),

    // Charts
    axis_ms_log: "ms (로그)",
    failing_windows: "실패 1 % 초과",
    axis_rps: "요청/초",
    outcomes: [
        "성공",
        "타임아웃",
        "거부 (503)",
        "노드 다운",
        "세션 유실",
        "요청 제한(429)",
    ],
    util_pct: "사용률 %",
    hit_ratio_pct: "적중률 %",
    queue_peak: |peak| format!("대기열 (100 % = {peak:.0}개 대기)"),
    lag_peak: |peak| format!("복제 지연 (100 % = {peak:.0} ms)"),

    // Fault labels
    f_down: |n| format!("{n} 다운"),
    f_back: |n| format!("{n} 복구"),
    f_normal: |n| format!("{n} 정상 속도"),
    f_slow: |n, x| format!("{n} {x}배 느림"),
    f_outage: |dc| format!("{dc} 장애"),
    f_restored: |dc| format!("{dc} 복구"),
    f_rate: |r| format!("요청률 {r}"),
    f_ramp: |r| format!("{r}까지 증가"),
    f_spike: |x, s| format!("{x}배 급증 {s}초"),
    f_cut: |w| format!("{w} 단절"),
    f_wire_restored: |w| format!("{w} 복구"),
    f_wire_delay: |w, ms| format!("{w} +{ms} ms 지연"),

    // Challenges
    ch_menu: "도전 과제",
    ch_tab: "도전 과제",
    ch_objectives: "목표",
    ch_hint: "힌트",
    ch_script: "일어나는 일",
    ch_check: "검사",
    ch_checking: |pct| format!("검사 중… {pct:.0} %"),
    ch_target: "목표치",
    ch_measured: "측정값",
    ch_result: "결과",
    ch_pass: "통과",
    ch_fail: "실패",
    ch_passed: "통과: 모든 목표를 달성했습니다.",
    ch_failed: |n, of| format!("아직입니다: 목표 {of}개 중 {n}개를 놓쳤습니다."),
    ch_missed: |at| format!("{at}초에 이 설계에서 과제가 노릴 구성 요소를 찾지 못했으므로 어떤 목표도 인정되지 않습니다. 장애를 견디려면 장애가 나는 구성 요소가 있어야 합니다."),
    ch_cannot_run: "이 설계는 아직 검사할 수 없습니다:",
    ch_reference: "모범 답안 보기",
    ch_reference_note: "캔버스의 설계를 바꿉니다. 실행 취소로 내 설계를 되돌릴 수 있습니다.",
    ch_copy_result: "결과 링크 복사",
    ch_result_copied: "결과 링크를 복사했습니다. 링크를 열면 이 설계를 열고 다시 검사합니다.",
    ch_close: "도전 과제 닫기",
    ch_measured_for: |s, w| format!("{w:.0}초 예열 뒤 {s:.0}초 측정"),
    ch_rechecking: "결과 링크: 설계를 다시 검사하는 중…",
    ch_reproduces: "링크의 값이 정확히 재현됩니다.",
    ch_differs: "다음 값이 링크와 다릅니다:",
    ch_linked: "링크",
    ch_now: "지금",
    ch_link_bad: |why| format!("이 결과 링크를 열 수 없습니다: {why}. 작업 중인 설계는 그대로입니다."),
    ch_unknown: |id| format!("\"{id}\"라는 도전 과제가 없습니다"),
    ch_bad_number: "숫자가 있어야 할 자리에 숫자가 없습니다",
    ch_metric: |key| match key {
        "p99_all_ms" => "전체 요청의 p99",
        "p99_ok_ms" => "성공한 요청의 p99",
        "p50_all_ms" => "전체 요청의 p50",
        "worst_second_p99_ms" => "가장 나쁜 1초의 p99",
        "good_pct" => "양호",
        "error_pct" => "오류",
        "throughput_rps" => "처리량",
        "monthly_usd" => "월 비용",
        "capacity_rps" => "처리 용량",
        "backlog_jobs" => "남은 작업",
        _ => "?",
    },
    ch_unlimited: "무제한",
    // Presenter mode
    present: "발표",
    present_tip: "발표 모드: 다이어그램을 전체 화면에 크게 띄우고 실시간 수치를 크게 보여 줍니다 (P)",
    present_leave: "나가기",
    present_leave_tip: "발표 모드에서 나가기 (Esc)",
    present_watch: "지켜볼 점:",
    present_keys_hint: "Space 재생/일시정지 · ←/→ 단계 · F 장애 · R 복구 · D 훈련 · S 급증 · Esc 나가기",
    present_good: "양호",
    present_ok: "성공/초",
    present_cost: "월 비용",
    present_press_space: "Space를 누르면 실행이 시작됩니다.",
    present_keys_title: "발표 모드",
    present_key_help: [
        "발표 모드 시작 또는 종료",
        "실행 재생 또는 일시정지",
        "여정의 이전 단계 (프레젠터 리모컨도 가능)",
        "여정의 다음 단계 (프레젠터 리모컨도 가능)",
        "선택한 노드 장애 내기",
        "선택한 노드 복구",
        "이 단계의 훈련 실행",
        "트래픽 급증",
        "발표 모드에서 나가기",
    ],
    pred_heading: "먼저 예측해 보세요.",
    pred_skip: "건너뛰고 바로 실행",
    pred_you: "내 예측:",
    pred_happened: "실제 결과:",
    pred_watching: |t| format!("훈련을 지켜보는 중입니다. 시계가 {t}를 지나면 결과를 알려 드립니다."),
    pred_matched: "✓ 예측이 맞았습니다.",
    pred_missed: "✗ 예측과 달랐습니다. 아래 설명에서 이유를 확인해 보세요.",
    pred_value: |f, v| {
        use scaleboard_sim::predict::Figure;
        match f {
            Figure::WorstP99Ms => format!("p99 최고 {v}"),
            Figure::LowestGoodPct => format!("양호 비율 최저 {v}"),
            Figure::PeakErrorPct => format!("실패 비율 최고 {v}"),
            Figure::ErrorSeconds => format!("{v} 동안 요청 실패"),
            Figure::SessionsLost => format!("로그아웃된 사용자 {v}명"),
            Figure::Failed => format!("실패한 요청 {v}건"),
            Figure::Throttled => format!("요청 제한(429)에 막힌 요청 {v}건"),
            Figure::FinalGoodPct => format!("관찰이 끝날 때 양호 비율 {v}"),
        }
    },
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

/// A component kind's name, sentence case (the model's `Kind::label` is the English one).
pub fn kind_label(lang: Lang, kind: Kind) -> &'static str {
    if lang == Lang::En {
        return kind.label();
    }
    match kind {
        Kind::Users => "사용자",
        Kind::Dns => "DNS",
        Kind::Cdn => "CDN",
        Kind::LoadBalancer => "로드밸런서",
        Kind::WebServer => "웹 서버",
        Kind::SessionStore => "세션 저장소",
        Kind::Cache => "캐시",
        Kind::Database => "데이터베이스",
        Kind::ShardRouter => "샤드 라우터",
        Kind::MessageQueue => "메시지 큐",
        Kind::Worker => "워커",
        Kind::Autoscaler => "오토스케일러",
    }
}

/// An editor action's name, for toolbar buttons and the help overlay (the model's action
/// table holds the English one, with the shortcut).
pub fn action_label(lang: Lang, id: ActionId) -> &'static str {
    if lang == Lang::En {
        return action(id).label;
    }
    match id {
        ActionId::Undo => "실행 취소",
        ActionId::Redo => "다시 실행",
        ActionId::Delete => "삭제",
        ActionId::Duplicate => "복제",
        ActionId::Copy => "복사",
        ActionId::Cut => "잘라내기",
        ActionId::Paste => "붙여넣기",
        ActionId::SelectAll => "모두 선택",
        ActionId::Cancel => "취소 또는 선택 해제",
        ActionId::NudgeLeft => "왼쪽으로 이동",
        ActionId::NudgeRight => "오른쪽으로 이동",
        ActionId::NudgeUp => "위로 이동",
        ActionId::NudgeDown => "아래로 이동",
        ActionId::NudgeLeftBig => "왼쪽으로 10칸 이동",
        ActionId::NudgeRightBig => "오른쪽으로 10칸 이동",
        ActionId::NudgeUpBig => "위로 10칸 이동",
        ActionId::NudgeDownBig => "아래로 10칸 이동",
        ActionId::ZoomIn => "확대",
        ActionId::ZoomOut => "축소",
        ActionId::ZoomToFit => "화면에 맞추기",
        ActionId::ZoomReset => "100 %로 보기",
        ActionId::ToggleSnap => "격자에 맞추기",
        ActionId::ToggleHelp => "키보드 단축키",
    }
}

/// A parameter's label and unit in the inspector: the English ones are in `fields::FIELDS`
/// (passed in); the Korean ones here, by the field's key (a test checks every key has them).
pub fn field_label(
    lang: Lang,
    key: &str,
    en: (&'static str, &'static str),
) -> (&'static str, &'static str) {
    if lang == Lang::En {
        return en;
    }
    match key {
        "rate_rps" => ("요청률", "요청/초"),
        "population" => ("사용자 수", "명"),
        "keys" => ("서로 다른 키 수", "개"),
        "zipf_s" => ("키 쏠림 (Zipf s)", ""),
        "timeout_ms" => ("타임아웃", "ms"),
        "retries" => ("재시도 횟수", ""),
        "backoff_ms" => ("재시도 대기", "ms"),
        "slo_ms" => ("지연 목표", "ms"),
        "mix.static" => ("구성: 정적 파일", "가중치"),
        "mix.read" => ("구성: 읽기", "가중치"),
        "mix.write" => ("구성: 쓰기", "가중치"),
        "mix.job" => ("구성: 백그라운드 작업", "가중치"),
        "size" => ("머신 크기", ""),
        "workers" => ("워커 수", ""),
        "service.mean_ms" => ("평균 처리 시간", "ms"),
        "queue_capacity" => ("큐 용량", "요청"),
        "ttl_s" => ("TTL (유효 시간)", "초"),
        "hit_ratio" => ("적중률", "0~1"),
        "capacity" => ("용량", "항목"),
        "on_down" => ("다운 시 동작", ""),
        "policy" => ("분산 방식", ""),
        "health_check_ms" => ("헬스 체크 주기", "ms"),
        "stateful" => ("세션을 메모리에 보관 (상태 유지)", ""),
        "role" => ("역할", ""),
        "failover_ms" => ("장애 조치 시간", "ms"),
        "replication_lag_ms" => ("복제 지연", "ms"),
        "sharding" => ("샤딩 방식", ""),
        "target_utilization" => ("목표 사용률", "0~1"),
        "min_servers" => ("최소 서버 수", ""),
        "max_servers" => ("최대 서버 수", ""),
        "cooldown_s" => ("쿨다운", "초"),
        "boot_s" => ("부팅 시간", "초"),
        "on:rate_limit" => ("요청률 제한", ""),
        "rate_limit.rate_rps" => ("허용 요청률", "요청/초"),
        "rate_limit.burst" => ("순간 허용량 (버스트)", "요청"),
        "on:shed_wait_ms" => ("부하 차단 (로드 셰딩)", ""),
        "shed_wait_ms" => ("대기 시간이 넘으면 거절", "ms"),
        "on:diurnal" => ("하루 주기", ""),
        "diurnal.peak_to_trough" => ("최고 ÷ 최저", "배"),
        "diurnal.period_s" => ("주기 길이", "초"),
        // A wire's fields (wire_panel.rs).
        "latency_ms" => ("지연 시간 (편도)", "ms"),
        "on:policy" => ("호출 정책", ""),
        "policy.timeout_ms" => ("타임아웃", "ms"),
        "policy.retries" => ("재시도 횟수", ""),
        "policy.backoff_ms" => ("재시도 대기 (백오프)", "ms"),
        "policy.jitter" => ("지터", ""),
        "policy.budget" => ("재시도 예산", "% (호출 대비)"),
        "on:breaker" => ("서킷 브레이커", ""),
        "breaker.trip" => ("열리는 조건", ""),
        "breaker.failures" => ("실패한 호출", "회"),
        "breaker.failure_ratio" => ("실패 비율", "%"),
        "breaker.min_calls" => ("최소 호출 수", "회"),
        "breaker.window_s" => ("집계 구간", "초"),
        "breaker.open_s" => ("열린 채 유지", "초"),
        "breaker.probes" => ("시험 호출", "회"),
        _ => en,
    }
}

/// Whether [`field_label`] has a Korean label for `key` (checked for every field by a test).
pub fn has_field_label(key: &str) -> bool {
    !field_label(Lang::Ko, key, ("", "")).0.is_empty()
}

/// How a choice of a parameter (its JSON value, `round_robin`) reads in a menu.
pub fn choice_label(lang: Lang, value: &str) -> String {
    let ko = match value {
        "fallback" => "폴백 (데이터베이스에서 읽기)",
        "fail" => "실패",
        "round_robin" => "라운드 로빈",
        "least_connections" => "최소 연결",
        "random" => "무작위",
        "power_of_two" => "둘 중 한가한 쪽",
        "primary" => "프라이머리 (쓰기)",
        "replica" => "레플리카 (읽기)",
        "modulo" => "나머지 (user_id % n)",
        "consistent_hash" => "안정 해시",
        "small" => "소형",
        "medium" => "중형",
        "large" => "대형",
        "xlarge" => "초대형",
        "full" => "전체 (분산)",
        "none" => "없음 (동시)",
        "failure_count" => "실패 횟수",
        "failure_ratio" => "실패 비율",
        _ => "",
    };
    // Jitter's choices say what they do; the JSON words alone do not.
    let en = match value {
        "full" => "full (spread)",
        "none" => "none (in step)",
        _ => "",
    };
    if lang == Lang::Ko && !ko.is_empty() {
        ko.to_string()
    } else if !en.is_empty() {
        en.to_string()
    } else {
        value.replace('_', " ")
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
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_tag(&browser)
}

/// Remember the user's choice for the next visit.
pub fn remember(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.tag());
    }
}

/// Sets `<html lang>` so screen readers and fonts follow the language, and the page's title.
pub fn apply_to_document(lang: Lang) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = doc.document_element() {
        let _ = el.set_attribute("lang", lang.tag());
    }
    doc.set_title(text(lang).page_title);
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

/// A file size in megabytes, as both languages write it: "1.25 MB".
fn megabytes(bytes: usize) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

impl Text {
    /// Seconds the way this language writes them, like the lessons do: "20 s", "20초".
    pub fn secs(&self, v: f64, decimals: usize) -> String {
        match self.lang {
            Lang::En => format!("{v:.decimals$} s"),
            Lang::Ko => format!("{v:.decimals$}초"),
        }
    }

    /// A document's name for a node or region, as shown in this language ([`shown_name`]).
    pub fn named<'a>(&self, name: &'a str) -> std::borrow::Cow<'a, str> {
        shown_name(self.lang, name)
    }
}

/// A component's or region's name as shown in `lang`. Names are the document's own and stay as
/// they are in files and links; in Korean, the built-in scenarios' English names ("Web US 2",
/// "Replica 1", "US East", "Users (EU)") are shown in Korean ("미국 웹 2", "레플리카 1",
/// "미국 동부", "사용자 (유럽)"). A name with any word outside that vocabulary is shown as
/// written: it is the user's own.
pub fn shown_name(lang: Lang, name: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if lang == Lang::En {
        return Cow::Borrowed(name);
    }
    // Two-word kind names first, so their words are not taken one by one.
    const PHRASES: [(&str, &str); 6] = [
        ("Load balancer", "로드밸런서"),
        ("Session store", "세션\u{E000}저장소"),
        ("Message queue", "메시지\u{E000}큐"),
        ("Shard router", "샤드\u{E000}라우터"),
        ("Web server", "웹\u{E000}서버"),
        ("Server + DB", "서버\u{E000}+\u{E000}DB"),
    ];
    let mut s = name.to_string();
    for (en, ko) in PHRASES {
        s = s.replace(en, ko);
    }
    let word = |w: &str| -> Option<String> {
        let ko = match w {
            "Web" => "웹",
            "US" => "미국",
            "EU" => "유럽",
            "(US)" => "(미국)",
            "(EU)" => "(유럽)",
            "East" => "동부",
            "West" => "서부",
            "Cache" => "캐시",
            "Primary" => "프라이머리",
            "Replica" => "레플리카",
            "Users" => "사용자",
            "Sessions" => "세션",
            "Workers" | "Worker" => "워커",
            "Autoscaler" => "오토스케일러",
            "Queue" => "큐",
            "Shard" => "샤드",
            "Database" => "데이터베이스",
            "Geo-DNS" => "지오 DNS",
            "LB" | "DNS" | "CDN" | "DB" => w,
            w if w.chars().all(|c| c.is_ascii_digit()) => w,
            // A phrase replaced above, its words held together by a private-use character.
            w if w.contains('\u{E000}') || w == "로드밸런서" => {
                return Some(w.replace('\u{E000}', " "))
            }
            _ => return None,
        };
        Some(ko.to_string())
    };
    let words: Option<Vec<String>> = s.split_whitespace().map(word).collect();
    let Some(words) = words else {
        return Cow::Borrowed(name);
    };
    // Korean puts the region first: "Web US 2" is "미국 웹 2", "Cache EU" is "유럽 캐시".
    let region = |w: &str| w == "미국" || w == "유럽";
    let (lead, rest): (Vec<&String>, Vec<&String>) = match words.first() {
        Some(first) if !region(first) => words.iter().partition(|w| region(w)),
        _ => (Vec::new(), words.iter().collect()),
    };
    let out: Vec<&str> = lead.into_iter().chain(rest).map(String::as_str).collect();
    Cow::Owned(out.join(" "))
}
