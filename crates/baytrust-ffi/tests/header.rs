//! The committed header `include/baytrust.h` is exactly what cbindgen generates from the
//! sources now: CI fails when they drift. Regenerate with
//! `BAYTRUST_BLESS_HEADER=1 cargo test -p baytrust-ffi --test header`.

use std::path::Path;

fn generated_header() -> String {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src/lib.rs"))
        .generate()
        .unwrap()
        .write(&mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn committed_header_matches_a_fresh_cbindgen_generation() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("include/baytrust.h");
    let fresh = generated_header();
    if std::env::var_os("BAYTRUST_BLESS_HEADER").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "include/baytrust.h differs from the cbindgen output: regenerate it with \
         BAYTRUST_BLESS_HEADER=1 cargo test -p baytrust-ffi --test header"
    );
}

#[test]
fn header_declares_every_function_of_the_contract() {
    let header = generated_header();
    for name in [
        "bt_result bt_verifier_builder_new(bt_verifier_builder **out);",
        "bt_result bt_verifier_builder_add_trust_list(bt_verifier_builder *b,",
        "bt_result bt_verifier_builder_add_anchors(bt_verifier_builder *b,",
        "bt_result bt_verifier_builder_set_home(bt_verifier_builder *b, bt_jurisdiction j);",
        "bt_result bt_verifier_builder_accept(bt_verifier_builder *b, bt_jurisdiction j);",
        "bt_result bt_verifier_builder_add_crl(bt_verifier_builder *b, const uint8_t *crl, size_t len);",
        "bt_result bt_verifier_builder_set_revocation(bt_verifier_builder *b, bt_revocation mode);",
        "bt_result bt_verifier_builder_build(bt_verifier_builder *b, bt_verifier **out);",
        "void bt_verifier_builder_free(bt_verifier_builder *b);",
        "void bt_verifier_free(bt_verifier *v);",
        "bt_result bt_verify_cms(const bt_verifier *v,",
        "bt_result bt_verify_begin(const bt_verifier *v,",
        "bt_result bt_verify_update(bt_verification *s, const uint8_t *chunk, size_t len);",
        "bt_result bt_verify_finish(bt_verification *s, bt_report **out);",
        "void bt_verification_free(bt_verification *s);",
        "bt_indication bt_report_indication(const bt_report *r);",
        "size_t bt_report_signer_count(const bt_report *r);",
        "bt_result bt_report_json(const bt_report *r, char **out_json);",
        "bt_result bt_report_signer_org_id(const bt_report *r, size_t signer, char **out);",
        "bt_result bt_report_signer_organisation(const bt_report *r, size_t signer, char **out);",
        "void bt_report_free(bt_report *r);",
        "void bt_string_free(char *s);",
        "size_t bt_result_message(bt_result r, char *buf, size_t buf_len);",
        "const char *bt_version(void);",
        "size_t bt_last_error_detail(char *buf, size_t buf_len);",
        "const uint8_t *bt_bytes_data(const bt_bytes *b);",
        "size_t bt_bytes_len(const bt_bytes *b);",
        "void bt_bytes_free(bt_bytes *b);",
        "bt_result bt_auth_credentials_new(const uint8_t *chain,",
        "void bt_auth_credentials_free(bt_auth_credentials *c);",
        "bt_result bt_auth_replay_cache_new(size_t capacity, bt_auth_replay_cache **out);",
        "size_t bt_auth_replay_cache_len(const bt_auth_replay_cache *c);",
        "void bt_auth_replay_cache_free(bt_auth_replay_cache *c);",
        "bt_result bt_auth_policy_new(bt_auth_policy **out);",
        "bt_result bt_auth_policy_set_expected_peer(bt_auth_policy *p, const char *org_id);",
        "bt_result bt_auth_policy_set_max_skew(bt_auth_policy *p, uint32_t seconds);",
        "bt_result bt_auth_policy_set_require_recognition(bt_auth_policy *p, bool require);",
        "void bt_auth_policy_free(bt_auth_policy *p);",
        "bt_result bt_auth_initiator_start(const bt_verifier *v,",
        "bt_result bt_auth_initiator_finish(bt_auth_session *s,",
        "bt_result bt_auth_responder_respond(const bt_verifier *v,",
        "bt_result bt_auth_responder_finish(bt_auth_session *s,",
        "void bt_auth_session_free(bt_auth_session *s);",
        "bt_result bt_auth_peer_org_id(const bt_auth_peer *p, char **out);",
        "bt_result bt_auth_peer_organisation(const bt_auth_peer *p, char **out);",
        "bt_result bt_auth_peer_authorised_person(const bt_auth_peer *p, char **out);",
        "bt_result bt_auth_peer_jurisdiction(const bt_auth_peer *p, bt_jurisdiction *out);",
        "bt_result bt_auth_peer_recognition(const bt_auth_peer *p,",
        "bt_result bt_auth_peer_session_binding(const bt_auth_peer *p, uint8_t *out, size_t out_len);",
        "bt_result bt_auth_peer_json(const bt_auth_peer *p, char **out_json);",
        "void bt_auth_peer_free(bt_auth_peer *p);",
        "#define BT_AUTH_SESSION_BINDING_LEN 32",
        "BT_RESULT_AUTH_MESSAGE_TOO_LARGE = 400,",
        "BT_RESULT_AUTH_WRONG_ROLE = 420,",
    ] {
        assert!(header.contains(name), "header lacks `{name}`");
    }
}
