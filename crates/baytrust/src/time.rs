//! `Time`: an instant in UTC at one-second resolution, the only notion of time the
//! library has. Callers always pass it in; the library never reads a clock itself
//! ([`Time::now`] is the caller's explicit request for the system clock).

use std::fmt;

use crate::Error;

/// An instant in UTC, in whole seconds since the Unix epoch (X.509 times have
/// one-second resolution, RFC 5280 §4.1.2.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(i64);

impl Time {
    /// The instant `seconds` after 1970-01-01T00:00:00Z (negative: before it).
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self(seconds)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// Parses RFC 3339 text such as `2026-06-01T00:00:00Z` or `2026-06-01T08:00:00+08:00`.
    /// Fractions of a second are truncated.
    pub fn parse_rfc3339(text: &str) -> Result<Self, Error> {
        // RFC 3339 allows a leap second (`23:59:60`), which the `time` crate silently
        // reads as `:59`; X.509 and our formats forbid it, so it is refused.
        if text.get(17..19) == Some("60") {
            return Err(Error::TimeMalformed {
                value: text.to_owned(),
            });
        }
        let parsed =
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                .map_err(|_| Error::TimeMalformed {
                    value: text.to_owned(),
                })?;
        Ok(Self(parsed.unix_timestamp()))
    }
}

impl Time {
    /// The system clock's current instant (whole seconds, truncated). The library never
    /// calls this itself: validation times are always the caller's.
    pub fn now() -> Self {
        Self::from(std::time::SystemTime::now())
    }
}

impl From<std::time::SystemTime> for Time {
    /// Whole seconds since the Unix epoch, truncated toward the past; instants beyond
    /// ±2^63 seconds saturate.
    fn from(time: std::time::SystemTime) -> Self {
        match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => Self(i64::try_from(after.as_secs()).unwrap_or(i64::MAX)),
            Err(before) => {
                let before = before.duration();
                let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                // -1.5 s is second -2: truncation toward the past.
                let partial = i64::from(before.subsec_nanos() > 0);
                Self(whole.saturating_add(partial).saturating_neg())
            }
        }
    }
}

impl std::str::FromStr for Time {
    type Err = Error;

    /// [`Time::parse_rfc3339`].
    fn from_str(text: &str) -> Result<Self, Error> {
        Self::parse_rfc3339(text)
    }
}

impl fmt::Display for Time {
    /// RFC 3339 in UTC with a `Z`: `2026-06-01T00:00:00Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const FORMAT: &[time::format_description::BorrowedFormatItem<'_>] =
            time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
        match time::OffsetDateTime::from_unix_timestamp(self.0)
            .ok()
            .and_then(|t| t.format(&FORMAT).ok())
        {
            Some(text) => f.write_str(&text),
            None => write!(f, "@{}", self.0),
        }
    }
}

impl serde::Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn system_time_and_from_str() {
        use std::time::{Duration, UNIX_EPOCH};
        let at = UNIX_EPOCH + Duration::from_millis(1_780_272_000_999);
        assert_eq!(Time::from(at), Time::from_unix_seconds(1_780_272_000));
        let before = UNIX_EPOCH - Duration::from_millis(1_500);
        assert_eq!(Time::from(before), Time::from_unix_seconds(-2));
        assert_eq!(
            "2026-06-01T00:00:00Z".parse::<Time>(),
            Ok(Time::from_unix_seconds(1_780_272_000))
        );
        assert!(matches!(
            "yesterday".parse::<Time>(),
            Err(Error::TimeMalformed { .. })
        ));
        assert!(Time::now() > Time::from_unix_seconds(1_780_272_000 - 365 * 86_400));
    }

    use super::*;

    #[test]
    fn rfc3339_round_trips_in_utc() {
        let t = Time::parse_rfc3339("2026-06-01T08:00:00+08:00").unwrap();
        assert_eq!(t.to_string(), "2026-06-01T00:00:00Z");
        assert_eq!(t, Time::from_unix_seconds(1_780_272_000));
    }

    #[test]
    fn leap_second_is_refused_rather_than_read_as_59() {
        assert_eq!(
            Time::parse_rfc3339("2026-06-30T23:59:60Z"),
            Err(Error::TimeMalformed {
                value: "2026-06-30T23:59:60Z".into()
            })
        );
    }

    #[test]
    fn malformed_time_is_rejected_with_its_text() {
        assert_eq!(
            Time::parse_rfc3339("2026-13-01"),
            Err(Error::TimeMalformed {
                value: "2026-13-01".into()
            })
        );
    }
}
