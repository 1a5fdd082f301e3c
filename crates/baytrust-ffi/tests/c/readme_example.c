/* The C example of crates/baytrust-ffi/README.md, compiled by tests/pkg_config.rs with
 * the pkg-config link line: verify a detached signature against the bundled lists. */
#include <stdio.h>
#include <stdlib.h>

#include <baytrust.h>

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  *len = (size_t)ftell(f);
  rewind(f);
  unsigned char *data = malloc(*len ? *len : 1);
  if (data && fread(data, 1, *len, f) != *len) { free(data); data = NULL; }
  fclose(f);
  return data;
}

static int fail(const char *what, bt_result r) {
  char text[256];
  bt_result_message(r, text, sizeof text);
  fprintf(stderr, "%s: %s\n", what, text);
  return 1;
}

int main(void) {
  const int64_t now = 1780272000; /* 2026-06-01T00:00:00Z; in production: time(NULL) */
  const char *jur[3] = {"cn", "hk", "mo"};
  const bt_jurisdiction ids[3] = {BT_JURISDICTION_CN, BT_JURISDICTION_HK, BT_JURISDICTION_MO};
  bt_verifier_builder *b = NULL;
  bt_verifier *v = NULL;
  bt_report *report = NULL;
  bt_result r = bt_verifier_builder_new(&b);
  if (r != BT_RESULT_OK) return fail("builder", r);
  for (int i = 0; i < 3; i++) {
    char list_path[64], operator_path[64];
    size_t list_len = 0, operator_len = 0;
    snprintf(list_path, sizeof list_path, "testdata/trust-lists/%s.p7s", jur[i]);
    snprintf(operator_path, sizeof operator_path, "testdata/pki/%s/trust-list-operator-ca.pem", jur[i]);
    unsigned char *list = slurp(list_path, &list_len);
    unsigned char *operator = slurp(operator_path, &operator_len);
    r = bt_verifier_builder_add_trust_list(b, ids[i], list, list_len, operator, operator_len, now);
    free(list);
    free(operator);
    if (r != BT_RESULT_OK) { bt_verifier_builder_free(b); return fail(list_path, r); }
  }
  r = bt_verifier_builder_build(b, &v); /* consumes b */
  if (r != BT_RESULT_OK) return fail("build", r);

  size_t sig_len = 0, content_len = 0;
  unsigned char *sig = slurp("testdata/samples/supply-contract.txt.p7s", &sig_len);
  unsigned char *content = slurp("testdata/samples/supply-contract.txt", &content_len);
  r = bt_verify_cms(v, sig, sig_len, content, content_len, now, &report);
  free(sig);
  free(content);
  if (r != BT_RESULT_OK) { bt_verifier_free(v); return fail("verify", r); }

  int passed = bt_report_indication(report) == BT_INDICATION_TOTAL_PASSED;
  printf("%s\n", passed ? "Verification successful" : "Verification failure");
  for (size_t i = 0; passed && i < bt_report_signer_count(report); i++) {
    char *org_id = NULL, *organisation = NULL;
    if (bt_report_signer_org_id(report, i, &org_id) == BT_RESULT_OK &&
        bt_report_signer_organisation(report, i, &organisation) == BT_RESULT_OK)
      printf("signer %zu: %s %s\n", i, org_id, organisation);
    bt_string_free(org_id);
    bt_string_free(organisation);
  }
  bt_report_free(report);
  bt_verifier_free(v);
  return passed ? 0 : 4;
}
