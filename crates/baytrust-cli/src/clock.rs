//! The command line's two times (DESIGN.md "Two times"): the current time (`--now`, or
//! the system clock), at which trust lists and their operators are judged, and the
//! validation time of signatures and paths (`--attime`, default the current time). The
//! library never reads a clock; only the tools do, as a default.

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

/// `--attime` parsed as RFC 3339, or `default` (the current time) when absent.
pub fn time_or(attime: Option<&str>, flag: &str, default: Time) -> Result<Time, Failure> {
    match attime {
        Some(text) => Time::parse_rfc3339(text).map_err(|e| Failure {
            outcome: Outcome::Usage,
            message: format!("{flag}: {e}"),
        }),
        None => Ok(default),
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
