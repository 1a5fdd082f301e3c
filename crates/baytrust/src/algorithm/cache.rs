//! `SignatureCache`: the verified-signature cache a [`Verifier`](crate::Verifier)
//! keeps, so that a signature it has already seen verify — typically an issuing CA's
//! signature by its root, on every path through that CA — is not checked again.
//!
//! An entry is the SHA-256 of everything the outcome depends on: the issuer's
//! SubjectPublicKeyInfo as encoded, the signature algorithm identifier (OID and
//! parameters), the signed bytes, the signature, and the policy choices that can turn
//! a success into a refusal (the RSA size floor, the SM2 signer ID). Only successes are
//! stored, so a failure is always recomputed and reported as before; a success found
//! again is a success of the very same check. Bounded (CLOCK eviction: an entry found
//! since the hand last passed gets a second chance), sharded behind mutexes for use
//! from many threads.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use x509_parser::der_parser::asn1_rs::Class;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo};

use super::AlgorithmPolicy;

/// The default capacity of a verifier's cache
/// ([`RelyingPartyPolicy::signature_cache`](crate::RelyingPartyPolicy::signature_cache)):
/// 4,096 signatures, about 200 KiB.
pub const DEFAULT_SIGNATURE_CACHE: usize = 4_096;

/// Signed messages longer than this are not cached: hashing them for the key would
/// cost about what checking them costs (a CRL, content signed without attributes).
pub const MAX_CACHED_MESSAGE: usize = 64 * 1024;

/// Most shards (each a mutex over its part of the capacity).
const SHARDS: usize = 16;

/// The key of one verified signature.
pub(crate) type CacheKey = [u8; 32];

/// A bounded, thread-safe set of verified signatures (see the module comment). Clones
/// of a [`Verifier`](crate::Verifier) share one cache. Two caches compare equal only
/// when they are the same cache.
pub struct SignatureCache {
    shards: Vec<Mutex<Shard>>,
    capacity: usize,
}

/// One shard: a CLOCK ring of keys and an index into it.
#[derive(Default)]
struct Shard {
    capacity: usize,
    slots: Vec<Slot>,
    index: HashMap<CacheKey, usize>,
    hand: usize,
}

struct Slot {
    key: CacheKey,
    /// Found since the hand last passed: spared once.
    referenced: bool,
}

impl SignatureCache {
    /// A cache of at most `capacity` signatures (at least one).
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        let shards = capacity.min(SHARDS);
        let base = capacity.checked_div(shards).unwrap_or(1);
        let extra = capacity.checked_rem(shards).unwrap_or(0);
        Self {
            shards: (0..shards)
                .map(|i| {
                    Mutex::new(Shard {
                        capacity: if i < extra {
                            base.saturating_add(1)
                        } else {
                            base
                        },
                        ..Shard::default()
                    })
                })
                .collect(),
            capacity,
        }
    }

    /// The most signatures held.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The signatures held now.
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|shard| {
                shard
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .slots
                    .len()
            })
            .sum()
    }

    /// Whether no signature is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Forgets every signature.
    pub fn clear(&self) {
        for shard in &self.shards {
            let mut shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
            shard.slots.clear();
            shard.index.clear();
            shard.hand = 0;
        }
    }

    fn shard(&self, key: &CacheKey) -> Option<&Mutex<Shard>> {
        let first = key.first().copied().map(usize::from).unwrap_or(0);
        self.shards.get(first.checked_rem(self.shards.len())?)
    }

    /// Whether `key` is held (marking it as used).
    pub(crate) fn contains(&self, key: &CacheKey) -> bool {
        let Some(shard) = self.shard(key) else {
            return false;
        };
        let mut shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(&slot) = shard.index.get(key) else {
            return false;
        };
        if let Some(slot) = shard.slots.get_mut(slot) {
            slot.referenced = true;
        }
        true
    }

    /// Records `key` as verified, evicting another entry of its shard when full.
    pub(crate) fn insert(&self, key: CacheKey) {
        let Some(shard) = self.shard(&key) else {
            return;
        };
        let mut shard = shard.lock().unwrap_or_else(PoisonError::into_inner);
        shard.insert(key);
    }

    /// The key of a check of `signature` over `message` with `spki` and `algorithm`
    /// under `policy`; `None` when the message is too long to be worth caching.
    pub(crate) fn key(
        spki: &SubjectPublicKeyInfo<'_>,
        algorithm: &AlgorithmIdentifier<'_>,
        message: &[u8],
        signature: &[u8],
        policy: &AlgorithmPolicy<'_>,
    ) -> Option<CacheKey> {
        if message.len() > MAX_CACHED_MESSAGE {
            return None;
        }
        let mut context = ring::digest::Context::new(&ring::digest::SHA256);
        let mut field = |bytes: &[u8]| {
            context.update(&u64::try_from(bytes.len()).unwrap_or(u64::MAX).to_be_bytes());
            context.update(bytes);
        };
        field(b"baytrust verified signature v1");
        field(spki.raw);
        field(algorithm.algorithm.as_bytes());
        match &algorithm.parameters {
            None => field(&[0]),
            Some(parameters) => {
                let class = match parameters.class() {
                    Class::Universal => 1,
                    Class::Application => 2,
                    Class::ContextSpecific => 3,
                    Class::Private => 4,
                };
                field(&[class, u8::from(parameters.header.is_constructed())]);
                field(&parameters.tag().0.to_be_bytes());
                field(parameters.data);
            }
        }
        field(message);
        field(signature);
        field(
            &u64::try_from(policy.min_rsa_bits)
                .unwrap_or(u64::MAX)
                .to_be_bytes(),
        );
        field(policy.sm2_signer_id);
        let digest = context.finish();
        digest.as_ref().try_into().ok()
    }
}

impl Shard {
    fn insert(&mut self, key: CacheKey) {
        if self.index.contains_key(&key) || self.capacity == 0 {
            return;
        }
        if self.slots.len() < self.capacity {
            self.index.insert(key, self.slots.len());
            self.slots.push(Slot {
                key,
                referenced: false,
            });
            return;
        }
        // Every pass clears the bits it passes, so two passes always find a victim.
        let len = self.slots.len();
        for _ in 0..len.saturating_mul(2) {
            let position = self.hand;
            self.hand = position.saturating_add(1).checked_rem(len).unwrap_or(0);
            let Some(slot) = self.slots.get_mut(position) else {
                continue;
            };
            if slot.referenced {
                slot.referenced = false;
                continue;
            }
            let old = std::mem::replace(&mut slot.key, key);
            self.index.remove(&old);
            self.index.insert(key, position);
            return;
        }
    }
}

impl std::fmt::Debug for SignatureCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignatureCache")
            .field("capacity", &self.capacity)
            .field("len", &self.len())
            .finish()
    }
}

impl PartialEq for SignatureCache {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for SignatureCache {}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u32) -> CacheKey {
        let digest = ring::digest::digest(&ring::digest::SHA256, &n.to_be_bytes());
        digest.as_ref().try_into().unwrap()
    }

    #[test]
    fn ten_thousand_distinct_entries_stay_within_the_capacity() {
        let cache = SignatureCache::new(4_096);
        for n in 0..10_000 {
            cache.insert(key(n));
            assert!(cache.len() <= 4_096);
        }
        assert_eq!(cache.len(), 4_096);
        // The latest are held, and no more than the capacity of all of them.
        assert!(cache.contains(&key(9_999)));
        assert_eq!(
            (0..10_000).filter(|&n| cache.contains(&key(n))).count(),
            4_096
        );
    }

    #[test]
    fn small_capacities_are_exact() {
        for capacity in [1, 2, 15, 16, 17, 100] {
            let cache = SignatureCache::new(capacity);
            for n in 0..1_000 {
                cache.insert(key(n));
            }
            assert_eq!(cache.len(), capacity, "capacity {capacity}");
        }
        assert_eq!(SignatureCache::new(0).capacity(), 1);
    }

    #[test]
    fn an_entry_found_again_survives_a_stream_of_new_ones() {
        // The issuing CA's signature is found on every path; leaves stream past.
        let cache = SignatureCache::new(64);
        cache.insert(key(0));
        for n in 1..10_000 {
            assert!(cache.contains(&key(0)), "evicted before insert {n}");
            cache.insert(key(n));
        }
    }

    #[test]
    fn concurrent_use_from_threads() {
        let cache = SignatureCache::new(1_000);
        std::thread::scope(|scope| {
            for t in 0..8u32 {
                let cache = &cache;
                scope.spawn(move || {
                    for n in 0..5_000 {
                        let k = key(t * 100_000 + n);
                        cache.insert(k);
                        let _ = cache.contains(&k);
                        let _ = cache.contains(&key(n));
                    }
                });
            }
        });
        assert_eq!(cache.len(), 1_000);
    }

    #[test]
    fn clear_forgets_everything() {
        let cache = SignatureCache::new(10);
        cache.insert(key(1));
        cache.clear();
        assert!(cache.is_empty() && !cache.contains(&key(1)));
    }
}
