//! The strings of "Find the limit", in English and Korean. One table per language, as
//! `crate::i18n::Text`: a field missing from either table does not compile. Kept beside the
//! feature so its strings travel with it.

use crate::i18n::Lang;

pub struct Words {
    /// The button in the run controls, and the panel's title.
    pub find_limit: &'static str,
    pub find_limit_tip: &'static str,
    pub close: &'static str,
    pub cancel: &'static str,
    pub run_again: &'static str,
    /// The p99 objective's field [ms].
    pub objective_label: &'static str,
    /// `p99 ≤ 300 ms, errors ≤ 0.1 %`, the objective in words.
    pub objective: fn(f64, f64) -> String,
    /// `running point 4`.
    pub running: fn(usize) -> String,
    pub cancelled: &'static str,
    pub starting: &'static str,
    /// The chart's axes and marks.
    pub axis_offered: &'static str,
    pub mark_objective: &'static str,
    pub mark_today: &'static str,
    pub mark_max: &'static str,
    pub chart_aria: &'static str,
    /// `max_rate: 1,605 requests/s (p99 758 ms there)`.
    pub max_rate: fn(&str, f64) -> String,
    /// `every rate up to N requests/s met the objective`.
    pub no_limit: fn(&str) -> String,
    /// `even N requests/s misses the objective`.
    pub none_meets: fn(&str) -> String,
    /// `Saturates first: Web (100 % busy: requests waiting in line)`.
    pub saturates: fn(&str, f64) -> String,
    /// `Today: 960 requests/s, 60 % of max_rate`.
    pub today: fn(&str, Option<f64>) -> String,
    /// `Each point ran 15 to 78 s of simulated time after a warm-up, 100,000+ requests`.
    pub lengths: fn(f64, f64) -> String,
    /// `3 scheduled faults and traffic changes are left out: a steady state`.
    pub left_out: fn(usize) -> String,
    /// What a sweep does, in a learner's words.
    pub explain: &'static str,
    pub bad_objective: &'static str,
    /// Beside a typed objective not yet swept, in place of the objective in use.
    pub apply_hint: &'static str,
    /// The design was edited after the sweep shown started.
    pub changed: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

static EN: Words = Words {
    find_limit: "Find the limit",
    find_limit_tip: "Raise every users node's rate together until the design misses its objective, and draw latency against load",
    close: "Close",
    cancel: "Cancel",
    run_again: "Run again",
    objective_label: "p99 objective [ms]",
    objective: |p99, errors| format!("objective: p99 ≤ {p99} ms, errors ≤ {errors} %"),
    running: |n| format!("running point {n}"),
    cancelled: "Cancelled: the points so far are shown.",
    starting: "Starting…",
    axis_offered: "offered load [requests/s]",
    mark_objective: "objective",
    mark_today: "today",
    mark_max: "max_rate",
    chart_aria: "p99 latency against offered load: flat while the servers keep up, then rising steeply as requests wait in line",
    max_rate: |rate, p99| format!("max_rate: {rate} requests/s (p99 {p99:.0} ms there)"),
    no_limit: |rate| format!("Every rate tried, up to {rate} requests/s, met the objective."),
    none_meets: |rate| format!("Even {rate} requests/s misses the objective."),
    saturates: |name, util| format!("Saturates first: {name} ({util:.0} % busy; beyond it, requests wait in line)"),
    today: |rate, share| match share {
        Some(s) => format!("Today: {rate} requests/s, {s:.0} % of max_rate."),
        None => format!("Today: {rate} requests/s."),
    },
    lengths: |lo, hi| format!("Each point ran {lo:.0} to {hi:.0} s of simulated time after a warm-up, with the same seed."),
    left_out: |n| format!("{n} scheduled fault(s) and traffic change(s) left out: this is the steady state."),
    explain: "The same traffic, scaled: each point runs the design at a higher rate and measures p99 (the time 99 % of requests stay under). While servers keep up, p99 stays flat; near full capacity requests wait in line and it shoots up.",
    bad_objective: "The p99 objective must be a number of ms above 0.",
    apply_hint: "Press Enter (or Run again) to sweep with this objective.",
    changed: "The design changed since this sweep: Run again to sweep it as it is now.",
};

static KO: Words = Words {
    find_limit: "한계 찾기",
    find_limit_tip: "모든 사용자 노드의 요청률을 함께 올려 설계가 목표를 넘는 지점을 찾고, 부하에 따른 지연을 그립니다",
    close: "닫기",
    cancel: "취소",
    run_again: "다시 실행",
    objective_label: "p99 목표 [ms]",
    objective: |p99, errors| format!("목표: p99 ≤ {p99} ms, 오류 ≤ {errors} %"),
    running: |n| format!("지점 {n} 실행 중"),
    cancelled: "취소됨: 지금까지의 지점을 보여 줍니다.",
    starting: "시작하는 중…",
    axis_offered: "들어오는 부하 [요청/초]",
    mark_objective: "목표",
    mark_today: "현재",
    mark_max: "max_rate",
    chart_aria: "들어오는 부하에 따른 p99 지연: 서버가 감당하는 동안은 평평하다가, 요청이 줄을 서기 시작하면 가파르게 오릅니다",
    max_rate: |rate, p99| format!("max_rate: {rate} 요청/초 (그때 p99 {p99:.0} ms)"),
    no_limit: |rate| format!("{rate} 요청/초까지 시험한 모든 요청률이 목표를 지켰습니다."),
    none_meets: |rate| format!("{rate} 요청/초에서도 목표를 넘습니다."),
    saturates: |name, util| format!("먼저 포화되는 노드: {name} (사용률 {util:.0} %; 그 너머에서는 요청이 줄을 섭니다)"),
    today: |rate, share| match share {
        Some(s) => format!("현재: {rate} 요청/초, max_rate의 {s:.0} %."),
        None => format!("현재: {rate} 요청/초."),
    },
    lengths: |lo, hi| format!("각 지점은 워밍업 뒤 시뮬레이션 시간으로 {lo:.0}~{hi:.0}초, 같은 시드로 실행했습니다."),
    left_out: |n| format!("예약된 장애와 트래픽 변화 {n}개는 빼고 실행했습니다: 정상 상태입니다."),
    explain: "같은 트래픽을 키워 가며: 각 지점은 설계를 더 높은 요청률로 실행하고 p99(요청의 99 %가 그 안에 끝나는 시간)를 잽니다. 서버가 감당하는 동안 p99는 평평하고, 용량에 가까워지면 요청이 줄을 서며 치솟습니다.",
    bad_objective: "p99 목표는 0보다 큰 ms 값이어야 합니다.",
    apply_hint: "Enter(또는 다시 실행)를 누르면 이 목표로 측정합니다.",
    changed: "이 측정 뒤에 설계가 바뀌었습니다: 지금 설계로 보려면 다시 실행하세요.",
};
