//! The harness the C ABI's authentication tests share (`tests/auth.rs`,
//! `tests/auth_attacks.rs`): the test PKI's parties, each owning its verifier,
//! credentials, replay cache and policy handles, and wrappers of the session and peer
//! handles that check that a failing call writes no out-parameter.
#![allow(dead_code)] // each test file uses its own part of the harness

use std::ffi::{c_char, CStr, CString};
use std::path::Path;
use std::ptr;

use baytrust_ffi::bt_result::*;
use baytrust_ffi::*;

/// 2026-06-01T00:00:00Z: the bundled lists are fresh and the certificates valid.
pub const NOW: i64 = 1_780_272_000;
/// 2028-01-01T00:00:00Z: the organisation certificates' notAfter.
pub const ORG_NOT_AFTER: i64 = 1_830_297_600;
pub const SKEW: i64 = 300;

pub const CN_CHAIN: &str = "pki/cn-sm2/org-qianhai-tech-chain.pem";
pub const CN_KEY: &str = "pki/test-keys-NOT-SECRET-DO-NOT-USE/cn-sm2-org-qianhai-tech.key.pem";
pub const HK_CHAIN: &str = "pki/hk/org-harbour-logistics-chain.pem";
pub const HK_KEY: &str = "pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem";
pub const MO_CHAIN: &str = "pki/mo/org-cotai-trading-chain.pem";
pub const MO_KEY: &str = "pki/test-keys-NOT-SECRET-DO-NOT-USE/mo-org-cotai-trading.key.pem";
pub const CN_ID: &str = "NTRCN-91110000600037341L";
pub const HK_ID: &str = "NTRHK-12345678";
pub const MO_ID: &str = "NTRMO-40321";

pub fn testdata(relative: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `bt_last_error_detail` of this thread.
pub fn detail() -> String {
    // SAFETY: NULL/0 asks for the length; then a buffer one byte longer.
    unsafe {
        let len = bt_last_error_detail(ptr::null_mut(), 0);
        let mut buf = vec![0 as c_char; len + 1];
        assert_eq!(bt_last_error_detail(buf.as_mut_ptr(), buf.len()), len);
        CStr::from_ptr(buf.as_ptr()).to_str().unwrap().to_owned()
    }
}

#[track_caller]
pub fn ok(code: bt_result) {
    assert_eq!(code, BT_RESULT_OK, "{}", detail());
}

/// A dangling, non-NULL value for out-parameters: it must survive every failing call.
pub fn sentinel<T>() -> *mut T {
    ptr::NonNull::<T>::dangling().as_ptr()
}

/// A verifier trusting the bundled signed lists of `codes` (`"cn"`, `"hk"`, `"mo"`).
pub fn verifier(codes: &[&str]) -> *mut bt_verifier {
    let mut b = ptr::null_mut();
    let mut v = ptr::null_mut();
    // SAFETY: valid pointers and buffers for each call.
    unsafe {
        ok(bt_verifier_builder_new(&mut b));
        for code in codes {
            let j = match *code {
                "cn" => bt_jurisdiction::BT_JURISDICTION_CN,
                "hk" => bt_jurisdiction::BT_JURISDICTION_HK,
                _ => bt_jurisdiction::BT_JURISDICTION_MO,
            } as u32;
            let list = testdata(&format!("trust-lists/{code}.p7s"));
            let operator = testdata(&format!("pki/{code}/trust-list-operator-ca.pem"));
            ok(bt_verifier_builder_add_trust_list(
                b,
                j,
                list.as_ptr(),
                list.len(),
                operator.as_ptr(),
                operator.len(),
                NOW,
            ));
        }
        ok(bt_verifier_builder_build(b, &mut v));
    }
    v
}

/// A verifier trusting all three bundled signed lists.
pub fn trust_list_verifier() -> *mut bt_verifier {
    verifier(&["cn", "hk", "mo"])
}

/// The credentials of `chain` and `key`, or the code refusing them (no out-parameter
/// written then).
pub fn credentials(chain: &str, key: &str) -> Result<*mut bt_auth_credentials, bt_result> {
    let (chain, key) = (testdata(chain), testdata(key));
    let mut c = ptr::null_mut();
    // SAFETY: valid buffers and out-parameter.
    let code = unsafe {
        bt_auth_credentials_new(
            chain.as_ptr(),
            chain.len(),
            key.as_ptr(),
            key.len(),
            ptr::null(),
            &mut c,
        )
    };
    if code == BT_RESULT_OK {
        Ok(c)
    } else {
        assert!(c.is_null(), "out-parameter written on error");
        Err(code)
    }
}

/// The credentials of `chain` and `key`, which must be accepted.
#[track_caller]
pub fn creds(chain: &str, key: &str) -> *mut bt_auth_credentials {
    credentials(chain, key).unwrap_or_else(|code| panic!("{code:?}: {}", detail()))
}

/// A verifier of the CN-SM2 and HK roots as plain anchors (recognises nothing).
pub fn anchors_verifier() -> *mut bt_verifier {
    let mut b = ptr::null_mut();
    let mut v = ptr::null_mut();
    // SAFETY: valid buffers and out-parameters.
    unsafe {
        ok(bt_verifier_builder_new(&mut b));
        for (j, root) in [
            (
                bt_jurisdiction::BT_JURISDICTION_CN,
                "pki/cn-sm2/root-ca.pem",
            ),
            (bt_jurisdiction::BT_JURISDICTION_HK, "pki/hk/root-ca.pem"),
        ] {
            let root = testdata(root);
            ok(bt_verifier_builder_add_anchors(
                b,
                j as u32,
                root.as_ptr(),
                root.len(),
            ));
        }
        ok(bt_verifier_builder_build(b, &mut v));
    }
    v
}

pub fn new_cache(capacity: usize) -> *mut bt_auth_replay_cache {
    let mut c = ptr::null_mut();
    // SAFETY: valid out-parameter.
    ok(unsafe { bt_auth_replay_cache_new(capacity, &mut c) });
    c
}

pub fn new_policy() -> *mut bt_auth_policy {
    let mut p = ptr::null_mut();
    // SAFETY: valid out-parameter.
    ok(unsafe { bt_auth_policy_new(&mut p) });
    p
}

pub fn expect_peer(p: *mut bt_auth_policy, org_id: Option<&str>) {
    let text = org_id.map(|t| CString::new(t).unwrap());
    // SAFETY: a live policy and a NUL-terminated text or NULL.
    ok(unsafe {
        bt_auth_policy_set_expected_peer(p, text.as_ref().map_or(ptr::null(), |t| t.as_ptr()))
    });
}

/// One party's handles, freed on drop.
pub struct Party {
    pub v: *mut bt_verifier,
    pub c: *mut bt_auth_credentials,
    pub cache: *mut bt_auth_replay_cache,
    pub policy: *mut bt_auth_policy,
    pub borrowed_cache: bool,
}

impl Party {
    pub fn with(v: *mut bt_verifier, chain: &str, key: &str) -> Self {
        Self {
            v,
            c: creds(chain, key),
            cache: new_cache(0),
            policy: new_policy(),
            borrowed_cache: false,
        }
    }
    pub fn cn() -> Self {
        Self::with(trust_list_verifier(), CN_CHAIN, CN_KEY)
    }
    pub fn hk() -> Self {
        Self::with(trust_list_verifier(), HK_CHAIN, HK_KEY)
    }
    pub fn mo() -> Self {
        Self::with(trust_list_verifier(), MO_CHAIN, MO_KEY)
    }
    /// Another party using `other`'s replay cache (borrowed: not freed by this one).
    pub fn sharing_cache_with(other: &Party, chain: &str, key: &str) -> Self {
        let mut p = Self::with(trust_list_verifier(), chain, key);
        // SAFETY: the party's own fresh cache is freed once, then replaced by a borrow.
        unsafe { bt_auth_replay_cache_free(p.cache) };
        p.cache = other.cache;
        p.borrowed_cache = true;
        p
    }

    pub fn start(&self, now: i64) -> Result<(Session, Vec<u8>), bt_result> {
        let (mut s, mut m) = (sentinel(), sentinel());
        // SAFETY: live handles and out-parameters.
        let code = unsafe {
            bt_auth_initiator_start(self.v, self.c, self.cache, self.policy, now, &mut s, &mut m)
        };
        if code != BT_RESULT_OK {
            assert!(s == sentinel() && m == sentinel(), "out-parameter written");
            return Err(code);
        }
        Ok((Session(s), bytes(m)))
    }

    pub fn respond(&self, m1: &[u8], now: i64) -> Result<(Session, Vec<u8>), bt_result> {
        let (mut s, mut m) = (sentinel(), sentinel());
        // SAFETY: live handles, a valid buffer and out-parameters.
        let code = unsafe {
            bt_auth_responder_respond(
                self.v,
                self.c,
                self.cache,
                self.policy,
                m1.as_ptr(),
                m1.len(),
                now,
                &mut s,
                &mut m,
            )
        };
        if code != BT_RESULT_OK {
            assert!(s == sentinel() && m == sentinel(), "out-parameter written");
            return Err(code);
        }
        Ok((Session(s), bytes(m)))
    }
}

impl Drop for Party {
    fn drop(&mut self) {
        // SAFETY: each handle owned here, freed once (NULL does nothing).
        unsafe {
            bt_verifier_free(self.v);
            bt_auth_credentials_free(self.c);
            if !self.borrowed_cache {
                bt_auth_replay_cache_free(self.cache);
            }
            bt_auth_policy_free(self.policy);
        }
    }
}

pub fn bytes(b: *mut bt_bytes) -> Vec<u8> {
    // SAFETY: `b` came from a successful call; copied, then freed once.
    unsafe {
        let v = std::slice::from_raw_parts(bt_bytes_data(b), bt_bytes_len(b)).to_vec();
        bt_bytes_free(b);
        v
    }
}

pub struct Session(pub *mut bt_auth_session);

impl Session {
    pub fn initiator_finish(&self, m2: &[u8], now: i64) -> Result<(Peer, Vec<u8>), bt_result> {
        let (mut p, mut m) = (sentinel(), sentinel());
        // SAFETY: a live session, a valid buffer, out-parameters.
        let code =
            unsafe { bt_auth_initiator_finish(self.0, m2.as_ptr(), m2.len(), now, &mut p, &mut m) };
        if code != BT_RESULT_OK {
            assert!(p == sentinel() && m == sentinel(), "out-parameter written");
            return Err(code);
        }
        Ok((Peer(p), bytes(m)))
    }
    pub fn responder_finish(&self, m3: &[u8], now: i64) -> Result<Peer, bt_result> {
        let mut p = sentinel();
        // SAFETY: a live session, a valid buffer, out-parameter.
        let code = unsafe { bt_auth_responder_finish(self.0, m3.as_ptr(), m3.len(), now, &mut p) };
        if code != BT_RESULT_OK {
            assert!(p == sentinel(), "out-parameter written");
            return Err(code);
        }
        Ok(Peer(p))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: owned, freed once.
        unsafe { bt_auth_session_free(self.0) };
    }
}

pub struct Peer(pub *mut bt_auth_peer);

impl Peer {
    pub fn org_id(&self) -> String {
        let mut out = ptr::null_mut();
        // SAFETY: a live peer; the string is freed once.
        unsafe {
            ok(bt_auth_peer_org_id(self.0, &mut out));
            let s = CStr::from_ptr(out).to_str().unwrap().to_owned();
            bt_string_free(out);
            s
        }
    }
    /// A text accessor's value, or its code.
    pub fn text(
        &self,
        accessor: unsafe extern "C" fn(*const bt_auth_peer, *mut *mut c_char) -> bt_result,
    ) -> Result<String, bt_result> {
        let mut out = ptr::null_mut();
        // SAFETY: a live peer and a valid out-parameter; the string is freed once.
        unsafe {
            let code = accessor(self.0, &mut out);
            if code != BT_RESULT_OK {
                assert!(out.is_null());
                return Err(code);
            }
            let text = CStr::from_ptr(out).to_str().unwrap().to_owned();
            bt_string_free(out);
            Ok(text)
        }
    }
    pub fn jurisdiction(&self) -> u32 {
        let mut j = 0;
        // SAFETY: a live peer and a valid out-parameter.
        ok(unsafe { bt_auth_peer_jurisdiction(self.0, &mut j) });
        j
    }
    pub fn binding(&self) -> [u8; 32] {
        let mut b = [0u8; 32];
        // SAFETY: a live peer, a 32-byte buffer.
        ok(unsafe { bt_auth_peer_session_binding(self.0, b.as_mut_ptr(), b.len()) });
        b
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        // SAFETY: owned, freed once.
        unsafe { bt_auth_peer_free(self.0) };
    }
}

/// A complete handshake at `NOW`: (the responder as the initiator sees it, the
/// initiator as the responder sees it).
pub fn handshake(i: &Party, r: &Party) -> (Peer, Peer) {
    let (si, m1) = i.start(NOW).unwrap();
    let (sr, m2) = r.respond(&m1, NOW).unwrap();
    let (rp, m3) = si.initiator_finish(&m2, NOW).unwrap();
    let ip = sr.responder_finish(&m3, NOW).unwrap();
    (rp, ip)
}
