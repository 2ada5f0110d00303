//! `scaleboard`: run, compare, validate, grade or render scenario files from the command line.
//!
//! ```text
//! scaleboard run FILE [--duration 60s] [--seed N] [--warmup 5s] [--format json|csv|table]
//!                     [--expect 'p99<=200ms' ...] [--trace-slowest N]
//! scaleboard compare A B [--duration 60s] [--seed N] [--warmup 5s] [--format table|json]
//! scaleboard validate FILE
//! scaleboard sweep FILE [--slo-p99 MS] [--max-errors RATIO] [--seed N] [--format table|json]
//! scaleboard grade CHALLENGE (DESIGN | --start | --reference) [--seed N] [--format table|json]
//! scaleboard render FILE [--out FIG.svg] [--duration 60s] [--seed N]
//!                        [--chart latency|throughput|both] [--diagram]
//! ```
//!
//! The commands' work is in the model (`scaleboard_sim::cli`, `compare`, `challenge`) and the
//! renderer (`scaleboard_render`); this crate only reads arguments and files and prints.

use scaleboard_sim::challenge::{grade, load_challenge};
use scaleboard_sim::cli::{
    parse_duration_ms, parse_trace_count, render_compare, render_grade, render_sweep,
    render_traced, Format,
};
use scaleboard_sim::compare::{compare, measure, measure_sim, same_traffic, Figures};
use scaleboard_sim::load;
use std::process::ExitCode;

const USAGE: &str = "usage:
  scaleboard run FILE [--duration 60s] [--seed N] [--warmup 5s] [--format json|csv|table]
                      [--expect 'p99<=200ms' --expect 'good>=99.9%' ...]
                      [--trace-slowest N]
      --expect: a figure (p50 p95 p99 good errors ok cost capacity), <= < >= >, a value;
      exit status 1 with a message on standard error if one does not hold
      --trace-slowest N: after the report, the N slowest requests of the measured time hop
      by hop (network, waiting in line, being served, backoff); a table each, or \"traces\"
      in json (not with csv)
  scaleboard compare A B [--duration 60s] [--seed N] [--warmup 5s] [--format table|json]
      runs both on the same traffic (A's seed unless --seed) and prints both and B - A
  scaleboard validate FILE
  scaleboard sweep FILE [--slo-p99 MS] [--max-errors RATIO] [--seed N] [--format table|json]
      raises every users node's rate together (bisection to 1 %) and prints the latency-versus-
      load curve and max_rate, the highest rate whose p99 <= MS (default: the strictest users
      slo_ms) with errors <= RATIO (default 0.001) and no node 98 % busy or more, and the node
      that saturates first (or why no rate can meet the objective); scheduled faults are left out (a steady state); exit status 2 if it cannot sweep
  scaleboard grade CHALLENGE (DESIGN | --start | --reference) [--seed N] [--format table|json]
      runs the design through the challenge's traffic and script and grades each objective;
      exit status 0 only if every objective passes, 1 if one fails, 2 if it cannot grade
  scaleboard render FILE [--out FIG.svg] [--duration 60s] [--seed N]
                         [--chart latency|throughput|both] [--diagram]
      runs the scenario from 0 and draws its diagram and/or charts as one SVG, the same bytes
      for the same file and seed; without --chart or --diagram, both charts and the diagram;
      to standard output without --out or with --out -; exit status 2 if it cannot draw";

struct RunArgs {
    file: String,
    duration_ms: f64,
    warmup_ms: f64,
    seed: Option<u64>,
    format: Format,
    /// `run --expect`: figures quoted in prose, checked after the run.
    expect: Vec<scaleboard_sim::expect::Expectation>,
    /// `run --trace-slowest N`: print the N slowest requests' traces.
    trace_slowest: Option<usize>,
}

/// Which design `grade` grades.
enum Design {
    File(String),
    /// The challenge's own starting design or reference solution.
    Start,
    Reference,
}

/// What `render` draws, and where.
struct RenderArgs {
    file: String,
    /// `None` (or `-`): standard output.
    out: Option<String>,
    duration_ms: f64,
    seed: Option<u64>,
    charts: Option<scaleboard_render::Charts>,
    diagram: bool,
}

enum Command {
    Grade(RunArgs, Design),
    Render(RenderArgs),
    Run(RunArgs),
    Compare(RunArgs, String),
    Validate(String),
    Sweep(RunArgs, scaleboard_sim::sweep::Spec),
    Help,
}

fn parse_args() -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut p = lexopt::Parser::from_env();
    let sub = match p.next().map_err(|e| e.to_string())? {
        Some(Value(v)) => v.string().map_err(|e| e.to_string())?,
        Some(Short('h') | Long("help")) | None => return Ok(Command::Help),
        Some(other) => return Err(other.unexpected().to_string()),
    };
    let mut files = Vec::new();
    let timed = sub == "run" || sub == "compare";
    let graded = sub == "grade";
    let drawn = sub == "render";
    let (mut out, mut charts, mut diagram) = (None, None, false);
    let mut own: Option<Design> = None;
    let swept = sub == "sweep";
    let mut spec = scaleboard_sim::sweep::Spec::default();
    let mut run = RunArgs {
        file: String::new(),
        duration_ms: 60_000.0,
        warmup_ms: 5_000.0,
        seed: None,
        format: Format::Table,
        expect: Vec::new(),
        trace_slowest: None,
    };
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Value(v) if files.len() < if sub == "compare" || graded { 2 } else { 1 } => {
                files.push(v.string().map_err(|e| e.to_string())?)
            }
            Long("duration") if timed || drawn => {
                run.duration_ms = parse_duration_ms(
                    &p.value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|e| e.to_string())?,
                )?
            }
            Long("warmup") if timed => {
                run.warmup_ms = parse_duration_ms(
                    &p.value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|e| e.to_string())?,
                )?
            }
            Long("start") if graded => own = Some(Design::Start),
            Long("reference") if graded => own = Some(Design::Reference),
            Long("slo-p99") if swept => spec.p99_ms = Some(number(&mut p, "--slo-p99")?),
            Long("max-errors") if swept => {
                spec.max_error_ratio = Some(number(&mut p, "--max-errors")?)
            }
            Long("seed") if timed || graded || drawn || swept => {
                run.seed = Some(
                    p.value()
                        .map_err(|e| e.to_string())?
                        .parse()
                        .map_err(|e: lexopt::Error| e.to_string())?,
                )
            }
            Long("format") if timed || graded || swept => {
                run.format = p
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .map_err(|e| e.to_string())?
                    .parse()?
            }
            Long("expect") if sub == "run" => run.expect.push(scaleboard_sim::expect::parse(
                &p.value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .map_err(|e| e.to_string())?,
            )?),
            Long("trace-slowest") if sub == "run" => {
                run.trace_slowest = Some(parse_trace_count(
                    &p.value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|e| e.to_string())?,
                )?)
            }
            Long("out") if drawn => {
                out = Some(
                    p.value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|e| e.to_string())?,
                )
            }
            Long("chart") if drawn => {
                charts = Some(
                    p.value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|e| e.to_string())?
                        .parse()?,
                )
            }
            Long("diagram") if drawn => diagram = true,
            Short('h') | Long("help") => return Ok(Command::Help),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let mut files = files.into_iter();
    let mut file = || files.next().ok_or("missing FILE");
    match sub.as_str() {
        "run" => {
            if run.trace_slowest.is_some() && run.format == Format::Csv {
                return Err("--trace-slowest prints with --format table or json, not csv".into());
            }
            Ok(Command::Run(RunArgs {
                file: file()?,
                ..run
            }))
        }
        "compare" => {
            let (a, b) = (file()?, file()?);
            if run.format == Format::Csv {
                return Err("compare prints a table or json, not csv".into());
            }
            Ok(Command::Compare(RunArgs { file: a, ..run }, b))
        }
        "validate" => Ok(Command::Validate(file()?)),
        "sweep" => {
            if run.format == Format::Csv {
                return Err("sweep prints a table or json, not csv".into());
            }
            spec.seed = run.seed;
            Ok(Command::Sweep(
                RunArgs {
                    file: file()?,
                    ..run
                },
                spec,
            ))
        }
        "render" => Ok(Command::Render(RenderArgs {
            file: file()?,
            out,
            duration_ms: run.duration_ms,
            seed: run.seed,
            charts,
            diagram,
        })),
        "grade" => {
            let challenge = files.next().ok_or("missing CHALLENGE")?;
            let design = match (files.next(), own) {
                (Some(_), Some(_)) => {
                    return Err("give a DESIGN file or --start or --reference, not both".into())
                }
                (Some(f), None) => Design::File(f),
                (None, Some(d)) => d,
                (None, None) => return Err("missing DESIGN (or --start, --reference)".into()),
            };
            if run.format == Format::Csv {
                return Err("grade prints a table or json, not csv".into());
            }
            Ok(Command::Grade(
                RunArgs {
                    file: challenge,
                    ..run
                },
                design,
            ))
        }
        other => Err(format!("unknown command \"{other}\"")),
    }
}

/// The value of `flag` as a number; a message naming the flag if it is not one.
fn number(p: &mut lexopt::Parser, flag: &str) -> Result<f64, String> {
    use lexopt::ValueExt;
    let v = p
        .value()
        .map_err(|e| e.to_string())?
        .string()
        .map_err(|e| e.to_string())?;
    v.trim()
        .parse()
        .map_err(|_| format!("{flag}: \"{v}\" is not a number"))
}

/// The lines of `USAGE` about the command `sub`: its synopsis and what it does.
fn usage_of(sub: &str) -> String {
    let head = format!("  scaleboard {sub} ");
    let mut lines = USAGE.lines().skip_while(|l| !l.starts_with(&head));
    let first = lines.next().unwrap_or_default();
    std::iter::once(first)
        .chain(lines.take_while(|l| !l.starts_with("  scaleboard ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sweeps the design in `a.file` and prints the curve and max_rate.
fn sweep_command(a: &RunArgs, spec: &scaleboard_sim::sweep::Spec) -> Result<bool, String> {
    let s = read(&a.file)?;
    let st = scaleboard_sim::sweep::sweep(&s, spec).map_err(|e| format!("{}: {e}", a.file))?;
    print!("{}", render_sweep(&s, &st, a.format));
    Ok(true)
}

fn read(file: &str) -> Result<scaleboard_sim::Scenario, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    load(&text).map_err(|d| {
        d.iter()
            .map(|d| format!("{file}: {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Run `s` as `a` says, with `seed`; a design that does not compile is named by `file`.
fn run(
    a: &RunArgs,
    file: &str,
    s: &scaleboard_sim::Scenario,
    seed: u64,
) -> Result<scaleboard_sim::Snapshot, String> {
    measure(s, seed, a.warmup_ms, a.duration_ms).map_err(|d| named(file, &d))
}

/// A design's problems, one a line, each named by its `file`.
fn named(file: &str, d: &[scaleboard_sim::Diagnostic]) -> String {
    d.iter()
        .map(|d| format!("{file}: {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Grades the design `d` for the challenge in `a.file`: whether every objective passed.
fn grade_command(a: &RunArgs, d: &Design) -> Result<bool, String> {
    let text = std::fs::read_to_string(&a.file).map_err(|e| format!("{}: {e}", a.file))?;
    let c = load_challenge(&text).map_err(|ds| {
        ds.iter()
            .map(|d| format!("{}: {d}", a.file))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let (design, name) = match d {
        Design::File(f) => (read(f)?, f.clone()),
        Design::Start => (c.start.clone(), format!("{} (start)", a.file)),
        Design::Reference => (c.reference.clone(), format!("{} (reference)", a.file)),
    };
    let report = grade(&c, &design, a.seed.unwrap_or(c.seed)).map_err(|ds| {
        ds.iter()
            .map(|d| format!("{name}: {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    print!("{}", render_grade(&c, &report, a.format));
    Ok(report.passed)
}

/// Runs the scenario in `a.file` and prints its report, then checks every `--expect` (on
/// standard error, so the report stays what its format says): whether they all hold.
fn run_command(a: &RunArgs) -> Result<bool, String> {
    let mut s = read(&a.file)?;
    s.seed = a.seed.unwrap_or(s.seed);
    let (snap, traces) = match a.trace_slowest {
        None => (run(a, &a.file, &s, s.seed)?, None),
        Some(n) => {
            let sim = measure_sim(&s, s.seed, a.warmup_ms, a.duration_ms, |sim| {
                sim.keep_slowest(n)
            })
            .map_err(|d| named(&a.file, &d))?;
            (sim.snapshot(), Some(sim.slowest(n)))
        }
    };
    print!("{}", render_traced(&s, &snap, traces.as_deref(), a.format));
    let figures = Figures::of(&s, &snap);
    let mut all = true;
    for c in a.expect.iter().map(|e| e.check(&figures, &snap)) {
        eprintln!("{}: {c}", a.file);
        all &= c.holds;
    }
    Ok(all)
}

/// Draws the figure `a` asks for and writes it: whether it was written.
fn render_command(a: &RenderArgs) -> Result<bool, String> {
    use scaleboard_render::{Charts, Options};
    let s = read(&a.file)?;
    // Neither --chart nor --diagram: the whole figure.
    let (charts, diagram) = match (a.charts, a.diagram) {
        (None, false) => (Charts::Both, true),
        (c, d) => (c.unwrap_or(Charts::None), d),
    };
    let o = Options {
        duration_ms: a.duration_ms,
        seed: a.seed.unwrap_or(s.seed),
        charts,
        diagram,
    };
    let svg = scaleboard_render::svg(&s, &o).map_err(|e| {
        e.lines()
            .map(|l| format!("{}: {l}", a.file))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    match a.out.as_deref() {
        None | Some("-") => print!("{svg}"),
        Some(path) => std::fs::write(path, svg).map_err(|e| format!("{path}: {e}"))?,
    }
    Ok(true)
}

/// 0 when everything held, 1 when a figure or objective did not, 2 when it could not tell.
fn verdict(r: Result<bool, String>) -> ExitCode {
    match r {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    let result = match parse_args() {
        Ok(Command::Help) => {
            println!("{USAGE}");
            Ok(())
        }
        Ok(Command::Validate(file)) => read(&file).map(|s| {
            println!(
                "{file}: ok ({} nodes, {} wires)",
                s.nodes.len(),
                s.wires.len()
            )
        }),
        // Its own exit statuses, as `grade`: a figure that no longer holds is not a failure
        // to run.
        Ok(Command::Run(a)) => return verdict(run_command(&a)),
        Ok(Command::Compare(a, b_file)) => read(&a.file).and_then(|sa| {
            let sb = read(&b_file)?;
            // One seed for both: the same requests from the users nodes they share.
            let seed = a.seed.unwrap_or(sa.seed);
            let (ra, rb) = (run(&a, &a.file, &sa, seed)?, run(&a, &b_file, &sb, seed)?);
            let same = same_traffic(&sa, &sb);
            let c = compare(Figures::of(&sa, &ra), Figures::of(&sb, &rb), &sb, same);
            print!(
                "{}",
                render_compare((&sa, &ra), (&sb, &rb), seed, &c, a.format)
            );
            Ok(())
        }),
        // Its own exit statuses: failing a challenge is not failing to grade it.
        Ok(Command::Grade(a, d)) => return verdict(grade_command(&a, &d)),
        // 2 when it cannot sweep, as `run` when it cannot run.
        Ok(Command::Sweep(a, spec)) => return verdict(sweep_command(&a, &spec)),
        // 2 when it cannot draw, as `run` when it cannot run.
        Ok(Command::Render(a)) => return verdict(render_command(&a)),
        // A sweep's argument error shows the sweep's own usage, not every command's.
        Err(e) if std::env::args().nth(1).as_deref() == Some("sweep") => {
            Err(format!("{e}\nusage:\n{}", usage_of("sweep")))
        }
        Err(e) => Err(format!("{e}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            // `grade` and `run` keep 1 for a design that fails its objectives or expectations;
            // `render` says 2 for anything it cannot draw, as they do.
            if matches!(
                std::env::args().nth(1).as_deref(),
                Some("grade" | "run" | "render" | "sweep")
            ) {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
