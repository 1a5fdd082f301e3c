//! `ReplayCache`: the nonces and message digests seen within the replay window, shared
//! by every session of one party (thread-safe, bounded, entries expire with the
//! allowed clock skew).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use crate::{Error, Time};

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Seen {
    /// A nonce this party generated.
    OwnNonce,
    /// A nonce a peer sent.
    PeerNonce,
    /// The SHA-256 of a message a peer sent.
    Message,
}

#[derive(Debug, Default)]
struct Entries {
    /// Key → (what, expiry in Unix seconds).
    by_key: HashMap<[u8; 32], (Seen, i64)>,
    /// Keys in insertion order with their expiry, oldest first, for eviction.
    order: VecDeque<([u8; 32], i64)>,
}

/// The replay cache a party owns and shares across its sessions (put it in an `Arc`
/// or borrow it). It remembers the nonces this party issued and those and the
/// messages its peers sent, each until its time plus twice the allowed skew — after
/// that the message's timestamp alone refuses it. It holds at most `capacity`
/// entries; when every one is still live, new sessions are refused
/// ([`Error::AuthReplayCacheFull`]) rather than an entry forgotten early.
#[derive(Debug)]
pub struct ReplayCache {
    capacity: usize,
    entries: Mutex<Entries>,
}

/// The default capacity: 100,000 entries (3 per session) of about 80 bytes, 8 MB.
pub const DEFAULT_REPLAY_CACHE_CAPACITY: usize = 100_000;

impl Default for ReplayCache {
    fn default() -> Self {
        Self::new(DEFAULT_REPLAY_CACHE_CAPACITY)
    }
}

impl ReplayCache {
    /// An empty cache holding at most `capacity` live entries.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::new(Entries::default()),
        }
    }

    /// How many entries are held (live or not yet purged).
    pub fn len(&self) -> usize {
        self.lock().by_key.len()
    }

    /// Whether no entry is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        // A panic while holding the lock cannot leave the maps inconsistent in a way
        // that matters for refusing replays: keep using them.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// What `key` was recorded as, if it is still live at `now`.
    pub(super) fn lookup(&self, key: &[u8; 32], now: Time) -> Option<Seen> {
        let entries = self.lock();
        entries
            .by_key
            .get(key)
            .filter(|(_, expiry)| *expiry >= now.unix_seconds())
            .map(|(seen, _)| *seen)
    }

    /// Records `key` as `seen` until `expiry`, purging expired entries first.
    #[cfg(test)]
    pub(super) fn insert(
        &self,
        key: [u8; 32],
        seen: Seen,
        expiry: Time,
        now: Time,
    ) -> Result<(), Error> {
        self.check_then_record(now, expiry, |_| Ok(()), &[(key, seen)])
    }

    /// Under one lock: `decide` is shown what each key it asks about is recorded as
    /// (live at `now`) and may refuse; unless it does, every key of `record` is
    /// recorded as its `Seen` until `expiry`. So two sessions racing with one message
    /// or one nonce cannot both find it new: the second sees the first's entries.
    pub(super) fn check_then_record(
        &self,
        now: Time,
        expiry: Time,
        decide: impl FnOnce(&dyn Fn(&[u8; 32]) -> Option<Seen>) -> Result<(), Error>,
        record: &[([u8; 32], Seen)],
    ) -> Result<(), Error> {
        let mut entries = self.lock();
        let seconds = now.unix_seconds();
        decide(&|key| {
            entries
                .by_key
                .get(key)
                .filter(|(_, expiry)| *expiry >= seconds)
                .map(|(seen, _)| *seen)
        })?;
        purge_expired_front(&mut entries, seconds);
        let new_keys = record
            .iter()
            .filter(|(key, _)| !entries.by_key.contains_key(key))
            .count();
        if entries.by_key.len().saturating_add(new_keys) > self.capacity {
            // A last full sweep for expired entries that sat behind a live one.
            entries.by_key.retain(|_, (_, e)| *e >= seconds);
            let Entries { by_key, order } = &mut *entries;
            order.retain(|(k, e)| by_key.get(k).is_some_and(|(_, live)| live == e));
            if entries.by_key.len().saturating_add(new_keys) > self.capacity {
                return Err(Error::AuthReplayCacheFull {
                    capacity: self.capacity,
                });
            }
        }
        let expiry = expiry.unix_seconds();
        for &(key, seen) in record {
            entries.by_key.insert(key, (seen, expiry));
            entries.order.push_back((key, expiry));
        }
        Ok(())
    }
}

/// Purges expired entries from the front of the queue; entries may have unordered
/// expiries, so only the front is purged eagerly (bounded by the queue's length).
fn purge_expired_front(entries: &mut Entries, now: i64) {
    while let Some(&(front, front_expiry)) = entries.order.front() {
        if front_expiry >= now {
            break;
        }
        entries.order.pop_front();
        if entries
            .by_key
            .get(&front)
            .is_some_and(|(_, e)| *e == front_expiry)
        {
            entries.by_key.remove(&front);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Time {
        Time::from_unix_seconds(seconds)
    }

    #[test]
    fn an_entry_is_live_until_its_expiry_and_gone_after() {
        let cache = ReplayCache::new(4);
        cache
            .insert([1; 32], Seen::PeerNonce, at(100), at(0))
            .unwrap();
        assert_eq!(cache.lookup(&[1; 32], at(100)), Some(Seen::PeerNonce));
        assert_eq!(cache.lookup(&[1; 32], at(101)), None);
        assert_eq!(cache.lookup(&[2; 32], at(0)), None);
    }

    #[test]
    fn a_full_cache_refuses_until_an_entry_expires_even_behind_a_live_one() {
        let cache = ReplayCache::new(2);
        // The older entry lives longer than the newer: the front-only purge cannot
        // reach the newer one; the full sweep does.
        cache
            .insert([1; 32], Seen::Message, at(1000), at(0))
            .unwrap();
        cache.insert([2; 32], Seen::Message, at(10), at(0)).unwrap();
        assert_eq!(
            cache.insert([3; 32], Seen::Message, at(1000), at(5)),
            Err(Error::AuthReplayCacheFull { capacity: 2 })
        );
        cache
            .insert([3; 32], Seen::Message, at(1000), at(11))
            .unwrap();
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.lookup(&[1; 32], at(11)), Some(Seen::Message));
        assert_eq!(cache.lookup(&[2; 32], at(11)), None);
    }

    #[test]
    fn a_key_recorded_again_keeps_its_latest_expiry() {
        let cache = ReplayCache::new(2);
        cache
            .insert([1; 32], Seen::PeerNonce, at(10), at(0))
            .unwrap();
        cache
            .insert([1; 32], Seen::PeerNonce, at(50), at(5))
            .unwrap();
        // The first record's queue entry expires at 10 but must not remove the key.
        cache
            .insert([2; 32], Seen::PeerNonce, at(60), at(20))
            .unwrap();
        assert_eq!(cache.lookup(&[1; 32], at(20)), Some(Seen::PeerNonce));
        assert_eq!(cache.len(), 2);
    }
}
