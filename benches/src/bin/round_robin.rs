//! The round-robin driver: for each group, each round runs one short batch of every
//! contender, the starting contender rotating from round to round, so that a neighbour
//! compiling on this shared machine slows all contenders of a round alike; each ratio
//! is the median of its per-round ratios.
//!
//! `cargo run --release -p baytrust-benches --bin round-robin -- [--rounds N]
//! [--batch-ms MS] [--only CONTENDER] [GROUP...]` (groups: sig-verify chain-p256 chain-rsa2048
//! chain-anchors cms-detached verify-many, and rsa-key-setup, how much of ring's RSA check is its
//! per-call key setup; default all; default 21 rounds of 20 ms batches).

use std::time::{Duration, Instant};

use baytrust_benches::{group_builders, Contender, Group};

struct Args {
    rounds: usize,
    batch: Duration,
    groups: Vec<String>,
    /// Only the contenders whose name contains this (for profiling one of them).
    only: Option<String>,
}

fn args() -> Args {
    let mut args = Args {
        rounds: 21,
        batch: Duration::from_millis(20),
        groups: Vec::new(),
        only: None,
    };
    let mut raw = std::env::args().skip(1);
    while let Some(arg) = raw.next() {
        match arg.as_str() {
            "--rounds" => args.rounds = raw.next().and_then(|n| n.parse().ok()).expect("N"),
            "--batch-ms" => {
                args.batch =
                    Duration::from_millis(raw.next().and_then(|n| n.parse().ok()).expect("MS"))
            }
            "--only" => args.only = raw.next(),
            "--bench" => {} // passed by `cargo bench`
            group => args.groups.push(group.to_owned()),
        }
    }
    args
}

/// Calls per batch so that one batch takes about `batch` (at least one call).
fn calibrate(contender: &mut Contender, batch: Duration) -> u64 {
    let mut calls = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..calls {
            (contender.run)();
        }
        let took = start.elapsed();
        if took >= batch / 4 || calls >= 1 << 30 {
            let per_call = took.as_secs_f64() / calls as f64;
            return ((batch.as_secs_f64() / per_call) as u64).max(1);
        }
        calls *= 4;
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn format_time(seconds: f64) -> String {
    match seconds {
        s if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        s if s >= 1e-6 => format!("{:.2} µs", s * 1e6),
        s => format!("{:.0} ns", s * 1e9),
    }
}

fn run_group(group: &mut Group, args: &Args) {
    let calls: Vec<u64> = group
        .contenders
        .iter_mut()
        .map(|c| calibrate(c, args.batch))
        .collect();
    let count = group.contenders.len();
    // Per contender, the time of one call in each round.
    let mut per_call: Vec<Vec<f64>> = vec![Vec::with_capacity(args.rounds); count];
    for round in 0..args.rounds {
        for offset in 0..count {
            let index = (round + offset) % count;
            let contender = &mut group.contenders[index];
            let start = Instant::now();
            for _ in 0..calls[index] {
                (contender.run)();
            }
            per_call[index].push(start.elapsed().as_secs_f64() / calls[index] as f64);
        }
    }
    let label = match group.bytes {
        Some(bytes) => format!("{} ({} bytes)", group.name, bytes),
        None => group.name.to_owned(),
    };
    println!("\n## {label}: {} rounds", args.rounds);
    println!("| contender | median per call | throughput |");
    println!("|---|---|---|");
    for (contender, times) in group.contenders.iter().zip(&per_call) {
        let m = median(&mut times.clone());
        let throughput = group
            .bytes
            .map(|b| format!("{:.0} MiB/s", b as f64 / m / (1 << 20) as f64))
            .unwrap_or_default();
        println!(
            "| {} | {} | {} |",
            contender.name,
            format_time(m),
            throughput
        );
    }
    println!("| ratio (median of per-round ratios) | value | |");
    for (numerator, denominator) in &group.ratios {
        let position = |name: &str| {
            group
                .contenders
                .iter()
                .position(|c| c.name == name)
                .unwrap_or_else(|| panic!("no contender {name}"))
        };
        let (n, d) = (position(numerator), position(denominator));
        let mut ratios: Vec<f64> = per_call[n]
            .iter()
            .zip(&per_call[d])
            .map(|(a, b)| a / b)
            .collect();
        println!(
            "| {numerator} / {denominator} | {:.3} | |",
            median(&mut ratios)
        );
    }
}

fn main() {
    let args = args();
    let mut builders = group_builders();
    // A diagnostic group of the driver alone (see its doc).
    builders.push(("rsa-key-setup", baytrust_benches::sig::rsa_key_setup_groups));
    for (name, build) in builders {
        if !args.groups.is_empty() && !args.groups.iter().any(|g| g == name) {
            continue;
        }
        eprintln!("setting up {name} ...");
        for mut group in build() {
            if let Some(only) = &args.only {
                group.contenders.retain(|c| c.name.contains(only.as_str()));
                group.ratios.clear();
            }
            run_group(&mut group, &args);
        }
    }
}
