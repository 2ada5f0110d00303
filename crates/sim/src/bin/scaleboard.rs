//! `scaleboard`: run or validate a scenario file from the command line.
//!
//! ```text
//! scaleboard run FILE [--duration 60s] [--seed N] [--warmup 5s] [--format json|csv|table]
//! scaleboard validate FILE
//! ```

use scaleboard_sim::cli::{parse_duration_ms, render, Format};
use scaleboard_sim::{compile, load};
use std::process::ExitCode;

const USAGE: &str = "usage:
  scaleboard run FILE [--duration 60s] [--seed N] [--warmup 5s] [--format json|csv|table]
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
    let mut file = None;
    let mut run = RunArgs {
        file: String::new(),
        duration_ms: 60_000.0,
        warmup_ms: 5_000.0,
        seed: None,
        format: Format::Table,
    };
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Value(v) if file.is_none() => file = Some(v.string().map_err(|e| e.to_string())?),
            Long("duration") if sub == "run" => {
                run.duration_ms = parse_duration_ms(
                    &p.value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|e| e.to_string())?,
                )?
            }
            Long("warmup") if sub == "run" => {
                run.warmup_ms = parse_duration_ms(
                    &p.value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|e| e.to_string())?,
                )?
            }
            Long("seed") if sub == "run" => {
                run.seed = Some(
                    p.value()
                        .map_err(|e| e.to_string())?
                        .parse()
                        .map_err(|e: lexopt::Error| e.to_string())?,
                )
            }
            Long("format") if sub == "run" => {
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
    let file = file.ok_or("missing FILE")?;
    match sub.as_str() {
        "run" => Ok(Command::Run(RunArgs { file, ..run })),
        "validate" => Ok(Command::Validate(file)),
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
            if let Some(seed) = a.seed {
                s.seed = seed;
            }
            let mut sim = compile(&s).map_err(|d| {
                d.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            })?;
            sim.run_until(a.warmup_ms);
            sim.reset_metrics();
            sim.run_until(a.warmup_ms + a.duration_ms);
            print!("{}", render(&s, &sim.snapshot(), a.format));
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
