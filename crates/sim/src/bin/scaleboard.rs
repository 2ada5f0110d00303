//! `scaleboard`: run, compare or validate scenario files from the command line.
//!
//! ```text
//! scaleboard run FILE [--duration 60s] [--seed N] [--warmup 5s] [--format json|csv|table]
//! scaleboard compare A B [--duration 60s] [--seed N] [--warmup 5s] [--format table|json]
//! scaleboard validate FILE
//! ```

use scaleboard_sim::cli::{parse_duration_ms, render, render_compare, Format};
use scaleboard_sim::compare::{compare, measure, same_traffic, Figures};
use scaleboard_sim::load;
use std::process::ExitCode;

const USAGE: &str = "usage:
  scaleboard run FILE [--duration 60s] [--seed N] [--warmup 5s] [--format json|csv|table]
  scaleboard compare A B [--duration 60s] [--seed N] [--warmup 5s] [--format table|json]
      runs both on the same traffic (A's seed unless --seed) and prints both and B - A
  scaleboard validate FILE";

struct RunArgs {
    file: String,
    duration_ms: f64,
    warmup_ms: f64,
    seed: Option<u64>,
    format: Format,
}

enum Command {
    Run(RunArgs),
    Compare(RunArgs, String),
    Validate(String),
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
    let mut run = RunArgs {
        file: String::new(),
        duration_ms: 60_000.0,
        warmup_ms: 5_000.0,
        seed: None,
        format: Format::Table,
    };
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Value(v) if files.len() < if sub == "compare" { 2 } else { 1 } => {
                files.push(v.string().map_err(|e| e.to_string())?)
            }
            Long("duration") if timed => {
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
            Long("seed") if timed => {
                run.seed = Some(
                    p.value()
                        .map_err(|e| e.to_string())?
                        .parse()
                        .map_err(|e: lexopt::Error| e.to_string())?,
                )
            }
            Long("format") if timed => {
                run.format = p
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .map_err(|e| e.to_string())?
                    .parse()?
            }
            Short('h') | Long("help") => return Ok(Command::Help),
            other => return Err(other.unexpected().to_string()),
        }
    }
    let mut files = files.into_iter();
    let mut file = || files.next().ok_or("missing FILE");
    match sub.as_str() {
        "run" => Ok(Command::Run(RunArgs {
            file: file()?,
            ..run
        })),
        "compare" => {
            let (a, b) = (file()?, file()?);
            if run.format == Format::Csv {
                return Err("compare prints a table or json, not csv".into());
            }
            Ok(Command::Compare(RunArgs { file: a, ..run }, b))
        }
        "validate" => Ok(Command::Validate(file()?)),
        other => Err(format!("unknown command \"{other}\"")),
    }
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
    measure(s, seed, a.warmup_ms, a.duration_ms).map_err(|d| {
        d.iter()
            .map(|d| format!("{file}: {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
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
        Ok(Command::Run(a)) => read(&a.file).and_then(|mut s| {
            s.seed = a.seed.unwrap_or(s.seed);
            let snap = run(&a, &a.file, &s, s.seed)?;
            print!("{}", render(&s, &snap, a.format));
            Ok(())
        }),
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
        Err(e) => Err(format!("{e}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
