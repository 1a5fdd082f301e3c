//! The command line's notion of time: `--attime`, or the system clock. (The library
//! never reads a clock; only the tools do, as a default.)

use baytrust::Time;

use crate::exit::{Failure, Outcome};

/// `--attime` parsed as RFC 3339, or now when absent.
pub fn time_or_now(attime: Option<&str>, flag: &str) -> Result<Time, Failure> {
    match attime {
        Some(text) => Time::parse_rfc3339(text).map_err(|e| Failure {
            outcome: Outcome::Usage,
            message: format!("{flag}: {e}"),
        }),
        None => now(),
    }
}

/// The current time from the system clock.
pub fn now() -> Result<Time, Failure> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| Failure {
            outcome: Outcome::Usage,
            message: format!("system clock before 1970: {e}; give the time explicitly"),
        })?
        .as_secs();
    Ok(Time::from_unix_seconds(
        i64::try_from(seconds).unwrap_or(i64::MAX),
    ))
}
