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
    ] {
        assert!(header.contains(name), "header lacks `{name}`");
    }
}
