//! `Time`: an instant in UTC at one-second resolution, the only notion of time the
//! library has. Callers always pass it in; the library never reads a clock.

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
