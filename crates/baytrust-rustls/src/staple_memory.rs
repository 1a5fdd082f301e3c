//! `StapleMemory`: the last stapled OCSP responses a server verifier was handed, by
//! end-entity certificate, so that `peer_identity` re-verifies a server with the
//! staple it presented in the handshake (rustls keeps the peer's certificates on the
//! connection, not its staple). Bounded: [`MAX_REMEMBERED_STAPLES`] entries, the
//! oldest forgotten first.

use std::collections::VecDeque;
use std::sync::Mutex;

/// How many stapled responses a [`BaytrustServerCertVerifier`](crate::BaytrustServerCertVerifier)
/// remembers (one per server certificate; a client talks to few servers). A staple
/// forgotten means `peer_identity` judges that server without it (`TRY_LATER` when
/// revocation is required).
pub const MAX_REMEMBERED_STAPLES: usize = 64;

/// End-entity certificate DER → the last non-empty staple received with it.
#[derive(Debug, Default)]
pub(crate) struct StapleMemory {
    entries: Mutex<VecDeque<(Vec<u8>, Vec<u8>)>>,
}

impl StapleMemory {
    /// Remembers `staple` for `end_entity`, replacing an older one.
    pub(crate) fn remember(&self, end_entity: &[u8], staple: &[u8]) {
        if staple.is_empty() {
            return;
        }
        // A poisoned lock only means another thread panicked mid-update of a cache:
        // its entries are still whole values, so the cache stays usable.
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.retain(|(certificate, _)| certificate.as_slice() != end_entity);
        while entries.len() >= MAX_REMEMBERED_STAPLES {
            entries.pop_front();
        }
        entries.push_back((end_entity.to_vec(), staple.to_vec()));
    }

    /// The staple last received with `end_entity`, if still remembered.
    pub(crate) fn recall(&self, end_entity: &[u8]) -> Option<Vec<u8>> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries
            .iter()
            .find(|(certificate, _)| certificate.as_slice() == end_entity)
            .map(|(_, staple)| staple.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_staple_replaces_the_older_one_for_the_same_certificate() {
        let memory = StapleMemory::default();
        memory.remember(b"leaf", b"old");
        memory.remember(b"leaf", b"new");
        assert_eq!(memory.recall(b"leaf"), Some(b"new".to_vec()));
        assert_eq!(memory.entries.lock().unwrap().len(), 1);
    }

    #[test]
    fn an_empty_staple_is_not_remembered_and_keeps_the_last_one() {
        let memory = StapleMemory::default();
        memory.remember(b"leaf", b"staple");
        memory.remember(b"leaf", b"");
        assert_eq!(memory.recall(b"leaf"), Some(b"staple".to_vec()));
        assert_eq!(memory.recall(b"other"), None);
    }

    #[test]
    fn memory_holds_at_most_its_cap_and_forgets_the_oldest_first() {
        let memory = StapleMemory::default();
        for i in 0..=MAX_REMEMBERED_STAPLES {
            memory.remember(format!("leaf {i}").as_bytes(), b"staple");
        }
        assert_eq!(memory.entries.lock().unwrap().len(), MAX_REMEMBERED_STAPLES);
        assert_eq!(memory.recall(b"leaf 0"), None);
        assert_eq!(memory.recall(b"leaf 1"), Some(b"staple".to_vec()));
        let last = format!("leaf {MAX_REMEMBERED_STAPLES}");
        assert_eq!(memory.recall(last.as_bytes()), Some(b"staple".to_vec()));
    }
}
