/*
 * verify_contract.c: baytrust's C ABI used as a C programmer would, from baytrust.h
 * alone. Builds a verifier from the three bundled signed trust lists (each with the
 * operator pinned for its jurisdiction), verifies the bundled co-signed contract one-shot
 * and streamed, prints the signers' OrgIds and organisations, checks that a tampered
 * contract fails, and feeds NULLs, invalid values, truncated and random input to every
 * function, checking the exact result codes.
 *
 * Usage: verify_contract REPO_ROOT [--light]   (run by tests/c_program.rs; --light, for
 * the run under valgrind, makes the same checks on fewer random and truncated inputs)
 * Exit status 0 when every check holds; the first failing check is printed.
 */
#include <pthread.h>
#include <time.h>

#include "check.h"

/* 2027-06-01T00:00:00Z: past the lists' next update (2027-01-01). */
#define LATER ((int64_t)1811808000)

/* --light: fewer rounds of the random, truncated and mutated inputs (for valgrind). */
static int light;

/* An indication compared exactly; on a mismatch the report's JSON says why. */
#define CHECK_INDICATION(report, expected)                                   \
  do {                                                                       \
    checks++;                                                                \
    if (bt_report_indication(report) != (expected)) {                        \
      char *json_ = NULL;                                                    \
      bt_report_json(report, &json_);                                        \
      fprintf(stderr, "%s:%d: indication %u, expected %s\n%s\n", __FILE__,    \
              __LINE__, (unsigned)bt_report_indication(report), #expected,  \
              json_ ? json_ : "(no report)");                                \
      bt_string_free(json_);                                                 \
      exit(1);                                                               \
    }                                                                        \
  } while (0)

/* Runs one test function, printing its CPU time to stderr. */
#define TIMED(call)                                                           \
  do {                                                                        \
    clock_t start_ = clock();                                                 \
    call;                                                                     \
    fprintf(stderr, "%-40s %6.2f s\n", #call,                                 \
            (double)(clock() - start_) / CLOCKS_PER_SEC);                     \
  } while (0)

/* xorshift64: the same "random" bytes on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t next_random(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}
static void fill_random(uint8_t *p, size_t len) {
  for (size_t i = 0; i < len; i++) p[i] = (uint8_t)next_random();
}

static buffer lists[3], operators[3], sig, content;
static const bt_jurisdiction jurisdictions[3] = {BT_JURISDICTION_CN, BT_JURISDICTION_HK,
                                                 BT_JURISDICTION_MO};

static void add_bundled_lists(bt_verifier_builder *b) {
  for (int i = 0; i < 3; i++)
    CHECK_RESULT(bt_verifier_builder_add_trust_list(b, jurisdictions[i], lists[i].data,
                                                    lists[i].len, operators[i].data,
                                                    operators[i].len, NOW),
                 BT_RESULT_OK);
}

static bt_verifier *bundled_verifier(void) {
  bt_verifier_builder *b = NULL;
  bt_verifier *v = NULL;
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  add_bundled_lists(b);
  CHECK_RESULT(bt_verifier_builder_build(b, &v), BT_RESULT_OK);
  CHECK(v != NULL);
  return v;
}

/* The two signers' OrgIds, checked and printed; the report must have passed. */
static void check_signers(const bt_report *r, int print) {
  static const char *expected_ids[2] = {"NTRCN-91110000600037341L", "NTRHK-12345678"};
  CHECK_INDICATION(r, BT_INDICATION_TOTAL_PASSED);
  CHECK(bt_report_signer_count(r) == 2);
  for (size_t i = 0; i < 2; i++) {
    char *org_id = NULL, *organisation = NULL;
    CHECK_RESULT(bt_report_signer_org_id(r, i, &org_id), BT_RESULT_OK);
    CHECK_RESULT(bt_report_signer_organisation(r, i, &organisation), BT_RESULT_OK);
    CHECK(strcmp(org_id, expected_ids[i]) == 0);
    CHECK(strlen(organisation) > 0);
    if (print) printf("signer %zu: %s %s\n", i, org_id, organisation);
    bt_string_free(org_id);
    bt_string_free(organisation);
  }
  /* Out of range: the out-parameter is left alone. */
  char *untouched = (char *)&checks;
  CHECK_RESULT(bt_report_signer_org_id(r, 2, &untouched), BT_RESULT_INDEX_OUT_OF_RANGE);
  CHECK_RESULT(bt_report_signer_organisation(r, (size_t)-1, &untouched),
               BT_RESULT_INDEX_OUT_OF_RANGE);
  CHECK(untouched == (char *)&checks);
}

/* Streams `data` in chunks of `chunk` bytes and returns the report. */
static bt_report *verify_streamed(const bt_verifier *v, const uint8_t *data, size_t len,
                                  size_t chunk) {
  bt_verification *s = NULL;
  bt_report *r = NULL;
  CHECK_RESULT(bt_verify_begin(v, sig.data, sig.len, NOW, &s), BT_RESULT_OK);
  for (size_t at = 0; at < len; at += chunk) {
    size_t n = len - at < chunk ? len - at : chunk;
    CHECK_RESULT(bt_verify_update(s, data + at, n), BT_RESULT_OK);
  }
  CHECK_RESULT(bt_verify_update(s, data, 0), BT_RESULT_OK); /* empty chunk: nothing */
  CHECK_RESULT(bt_verify_finish(s, &r), BT_RESULT_OK);
  return r;
}

static void test_version_and_messages(void) {
  const char *version = bt_version();
  CHECK(version != NULL && version[0] >= '0' && version[0] <= '9');
  printf("baytrust %s\n", version);

  CHECK(bt_result_message(BT_RESULT_OK, NULL, 0) == strlen("success"));
  char buf[64];
  memset(buf, 'x', sizeof buf);
  CHECK(bt_result_message(BT_RESULT_OK, buf, 0) == 7 && buf[0] == 'x'); /* nothing written */
  CHECK(bt_result_message(BT_RESULT_OK, buf, 1) == 7 && buf[0] == '\0');
  CHECK(bt_result_message(BT_RESULT_OK, buf, 4) == 7 && strcmp(buf, "suc") == 0);
  CHECK(bt_result_message(BT_RESULT_OK, buf, 8) == 7 && strcmp(buf, "success") == 0);
  CHECK(bt_result_message(BT_RESULT_OK, buf, sizeof buf) == 7 && strcmp(buf, "success") == 0);
  size_t unknown = bt_result_message(12345, buf, sizeof buf);
  CHECK(unknown == strlen(buf) && strcmp(buf, "unknown bt_result code") == 0);
  CHECK(bt_result_message(0xFFFFFFFFu, NULL, 5) == unknown);
  const bt_result codes[] = {
      BT_RESULT_NULL_PARAMETER,   BT_RESULT_INVALID_JURISDICTION,
      BT_RESULT_INVALID_REVOCATION_MODE, BT_RESULT_INDEX_OUT_OF_RANGE,
      BT_RESULT_LENGTH_TOO_LARGE, BT_RESULT_INVALID_UTF8,
      BT_RESULT_NOT_A_CERTIFICATE, BT_RESULT_ANCHOR_REFUSED,
      BT_RESULT_TRUST_LIST_REFUSED, BT_RESULT_CRL_REFUSED,
      BT_RESULT_NOT_A_SIGNATURE,  BT_RESULT_CONTENT_MISSING,
      BT_RESULT_CONTENT_UNEXPECTED, BT_RESULT_BUILD_REFUSED,
      BT_RESULT_CONTENT_UNREADABLE, BT_RESULT_SIGNER_NOT_IDENTIFIED,
      BT_RESULT_TEXT_HAS_NUL,     BT_RESULT_PANIC,
      BT_RESULT_INTERNAL};
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
    size_t n = bt_result_message(codes[i], buf, sizeof buf);
    CHECK(n > 0 && strcmp(buf, "unknown bt_result code") != 0);
    CHECK(n < sizeof buf ? strlen(buf) == n : strlen(buf) == sizeof buf - 1);
  }
  /* The blocks are part of the ABI. */
  CHECK(BT_RESULT_OK == 0 && BT_RESULT_NULL_PARAMETER == 100 &&
        BT_RESULT_NOT_A_CERTIFICATE == 200 && BT_RESULT_BUILD_REFUSED == 300 &&
        BT_RESULT_PANIC == 900);
}

static void test_free_null(void) {
  bt_verifier_builder_free(NULL);
  bt_verifier_free(NULL);
  bt_verification_free(NULL);
  bt_report_free(NULL);
  bt_string_free(NULL);
  checks++;
}

static void test_builder_arguments(void) {
  bt_verifier_builder *b = NULL;
  uint8_t byte = 0x30;
  CHECK_RESULT(bt_verifier_builder_new(NULL), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);

  /* NULL handles and buffers. */
  CHECK_RESULT(bt_verifier_builder_add_trust_list(NULL, BT_JURISDICTION_CN, lists[0].data,
                                                  lists[0].len, operators[0].data,
                                                  operators[0].len, NOW),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, NULL, lists[0].len,
                                                  operators[0].data, operators[0].len, NOW),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data,
                                                  lists[0].len, NULL, 0, NOW),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_add_anchors(NULL, BT_JURISDICTION_CN, &byte, 1),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_CN, NULL, 0),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_set_home(NULL, BT_JURISDICTION_CN), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_accept(NULL, BT_JURISDICTION_CN), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_add_crl(NULL, &byte, 1), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_add_crl(b, NULL, 1), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_set_revocation(NULL, BT_REVOCATION_OFF),
               BT_RESULT_NULL_PARAMETER);

  /* Lengths no buffer can have. */
  CHECK_RESULT(bt_verifier_builder_add_crl(b, &byte, SIZE_MAX), BT_RESULT_LENGTH_TOO_LARGE);
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_HK, &byte,
                                               (size_t)PTRDIFF_MAX + 1),
               BT_RESULT_LENGTH_TOO_LARGE);

  /* Values outside the enums. */
  const uint32_t bad_jurisdictions[] = {0, 4, 86, 0xFFFFFFFFu};
  for (size_t i = 0; i < 4; i++) {
    bt_jurisdiction j = (bt_jurisdiction)bad_jurisdictions[i];
    CHECK_RESULT(bt_verifier_builder_add_trust_list(b, j, lists[0].data, lists[0].len,
                                                    operators[0].data, operators[0].len, NOW),
                 BT_RESULT_INVALID_JURISDICTION);
    CHECK_RESULT(bt_verifier_builder_add_anchors(b, j, operators[0].data, operators[0].len),
                 BT_RESULT_INVALID_JURISDICTION);
    CHECK_RESULT(bt_verifier_builder_set_home(b, j), BT_RESULT_INVALID_JURISDICTION);
    CHECK_RESULT(bt_verifier_builder_accept(b, j), BT_RESULT_INVALID_JURISDICTION);
  }
  CHECK_RESULT(bt_verifier_builder_set_revocation(b, (bt_revocation)0),
               BT_RESULT_INVALID_REVOCATION_MODE);
  CHECK_RESULT(bt_verifier_builder_set_revocation(b, (bt_revocation)4),
               BT_RESULT_INVALID_REVOCATION_MODE);

  /* Refused trust lists leave the builder as it was. */
  uint8_t noise[2048];
  fill_random(noise, sizeof noise);
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, noise, sizeof noise,
                                                  operators[0].data, operators[0].len, NOW),
               BT_RESULT_TRUST_LIST_REFUSED);
  /* The library's reason is kept for bt_last_error_detail, until the next call. */
  CHECK(bt_last_error_detail(NULL, 0) > 0);
  CHECK_RESULT(bt_verifier_builder_new(NULL), BT_RESULT_NULL_PARAMETER); /* no detail */
  CHECK(bt_last_error_detail(NULL, 0) == 0);
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data, 0,
                                                  operators[0].data, operators[0].len, NOW),
               BT_RESULT_TRUST_LIST_REFUSED);
  for (size_t cut = 1; cut < lists[0].len; cut += lists[0].len / 16 + 1)
    CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data, cut,
                                                    operators[0].data, operators[0].len, NOW),
                 BT_RESULT_TRUST_LIST_REFUSED);
  /* CN's list with HK's operator, and CN's list presented as HK's. */
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data,
                                                  lists[0].len, operators[1].data,
                                                  operators[1].len, NOW),
               BT_RESULT_TRUST_LIST_REFUSED);
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_HK, lists[0].data,
                                                  lists[0].len, operators[0].data,
                                                  operators[0].len, NOW),
               BT_RESULT_TRUST_LIST_REFUSED);
  /* Stale at "now". */
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data,
                                                  lists[0].len, operators[0].data,
                                                  operators[0].len, LATER),
               BT_RESULT_TRUST_LIST_REFUSED);
  /* Operators that are no certificates. */
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data,
                                                  lists[0].len, noise, sizeof noise, NOW),
               BT_RESULT_NOT_A_CERTIFICATE);
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data,
                                                  lists[0].len, operators[0].data, 0, NOW),
               BT_RESULT_NOT_A_CERTIFICATE);
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data,
                                                  lists[0].len, operators[0].data,
                                                  operators[0].len / 2, NOW),
               BT_RESULT_NOT_A_CERTIFICATE);
  /* Anchors and CRLs that are refused. */
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_HK, noise, sizeof noise),
               BT_RESULT_NOT_A_CERTIFICATE);
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_HK, &byte, 0),
               BT_RESULT_NOT_A_CERTIFICATE);
  /* A CRL's PEM block (wrong label), and DER that is no certificate. */
  buffer crl_pem = read_file("testdata/revocation/crl/hk-issuing-ca.pem.crl");
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_HK, crl_pem.data,
                                               crl_pem.len),
               BT_RESULT_NOT_A_CERTIFICATE);
  free(crl_pem.data);
  static const uint8_t not_a_certificate[] = {0x30, 0x03, 0x02, 0x01, 0x01};
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_HK, not_a_certificate,
                                               sizeof not_a_certificate),
               BT_RESULT_NOT_A_CERTIFICATE);
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_CN, lists[0].data,
                                                  lists[0].len, not_a_certificate,
                                                  sizeof not_a_certificate, NOW),
               BT_RESULT_NOT_A_CERTIFICATE);
  /* An end-entity certificate as anchor is accepted, and anchors nothing (below). */
  buffer org = read_file("testdata/pki/hk/org-harbour-logistics.pem");
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_HK, org.data, org.len),
               BT_RESULT_OK);
  free(org.data);
  CHECK_RESULT(bt_verifier_builder_add_crl(b, noise, sizeof noise), BT_RESULT_CRL_REFUSED);
  CHECK_RESULT(bt_verifier_builder_add_crl(b, &byte, 0), BT_RESULT_CRL_REFUSED);

  /* After every refusal the builder still builds the bundled verifier. */
  add_bundled_lists(b);
  /* The same edition again replaces the one loaded (a later sequence would too). */
  CHECK_RESULT(bt_verifier_builder_add_trust_list(b, BT_JURISDICTION_HK, lists[1].data,
                                                  lists[1].len, operators[1].data,
                                                  operators[1].len, NOW),
               BT_RESULT_OK);
  bt_verifier *v = NULL;
  CHECK_RESULT(bt_verifier_builder_build(NULL, &v), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verifier_builder_build(b, &v), BT_RESULT_OK); /* b consumed */
  bt_report *r = NULL;
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_OK);
  check_signers(r, 0);
  bt_report_free(r);
  bt_verifier_free(v);

  /* build with out NULL still consumes the builder (valgrind: no leak). */
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  add_bundled_lists(b);
  CHECK_RESULT(bt_verifier_builder_build(b, NULL), BT_RESULT_NULL_PARAMETER);
  /* An unbuilt builder is freed. */
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  add_bundled_lists(b);
  bt_verifier_builder_free(b);
}

static void test_one_shot(const bt_verifier *v) {
  bt_report *r = NULL;
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_OK);
  check_signers(r, 1);
  char *json = NULL;
  CHECK_RESULT(bt_report_json(r, &json), BT_RESULT_OK);
  CHECK(strstr(json, "\"indication\":\"TOTAL_PASSED\"") != NULL);
  CHECK(strstr(json, "NTRHK-12345678") != NULL);
  bt_string_free(json);
  bt_report_free(r);
}

static void test_streamed(const bt_verifier *v) {
  const size_t chunks[] = {1, 65536, 7, 1000, 1 << 20};
  for (size_t i = 0; i < (light ? 2 : sizeof chunks / sizeof chunks[0]); i++) {
    bt_report *r = verify_streamed(v, content.data, content.len, chunks[i]);
    check_signers(r, 0);
    bt_report_free(r);
  }
  printf("streamed in 1-byte and 64 KiB chunks: TOTAL_PASSED\n");
  /* Empty content: the digests do not match. */
  bt_report *r = verify_streamed(v, content.data, 0, 1);
  CHECK_INDICATION(r, BT_INDICATION_TOTAL_FAILED);
  bt_report_free(r);
}

static void test_tampered(const bt_verifier *v) {
  uint8_t *tampered = malloc(content.len);
  CHECK(tampered != NULL);
  memcpy(tampered, content.data, content.len);
  tampered[content.len / 2] ^= 0x01;
  bt_report *r = NULL;
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, tampered, content.len, NOW, &r),
               BT_RESULT_OK);
  CHECK_INDICATION(r, BT_INDICATION_TOTAL_FAILED);
  CHECK(bt_report_signer_count(r) == 2);
  char *org_id = (char *)&checks;
  CHECK_RESULT(bt_report_signer_org_id(r, 0, &org_id), BT_RESULT_SIGNER_NOT_IDENTIFIED);
  CHECK_RESULT(bt_report_signer_organisation(r, 1, &org_id), BT_RESULT_SIGNER_NOT_IDENTIFIED);
  CHECK(org_id == (char *)&checks);
  char *json = NULL;
  CHECK_RESULT(bt_report_json(r, &json), BT_RESULT_OK);
  CHECK(strstr(json, "\"indication\":\"TOTAL_FAILED\"") != NULL);
  bt_string_free(json);
  bt_report_free(r);
  /* Streamed too, and one byte short. */
  r = verify_streamed(v, tampered, content.len, 1);
  CHECK_INDICATION(r, BT_INDICATION_TOTAL_FAILED);
  bt_report_free(r);
  r = verify_streamed(v, content.data, content.len - 1, 64);
  CHECK_INDICATION(r, BT_INDICATION_TOTAL_FAILED);
  bt_report_free(r);
  free(tampered);
  printf("tampered contract: TOTAL_FAILED\n");
}

static void test_verify_arguments(const bt_verifier *v) {
  bt_report *r = (bt_report *)&checks; /* must stay untouched on every error */
  uint8_t byte = 0;
  CHECK_RESULT(bt_verify_cms(NULL, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_cms(v, NULL, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, NULL),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, NULL, 5, NOW, &r), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_cms(v, sig.data, SIZE_MAX, content.data, content.len, NOW, &r),
               BT_RESULT_LENGTH_TOO_LARGE);
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, SIZE_MAX, NOW, &r),
               BT_RESULT_LENGTH_TOO_LARGE);
  /* The contract's signature is detached: content NULL asks for attached. */
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, NULL, 0, NOW, &r), BT_RESULT_CONTENT_MISSING);
  CHECK_RESULT(bt_verify_cms(v, &byte, 0, content.data, content.len, NOW, &r),
               BT_RESULT_NOT_A_SIGNATURE);
  /* Every truncation of the signature. */
  for (size_t cut = 0; cut < sig.len; cut += (light && cut >= 64) ? 97 : 1)
    CHECK_RESULT(bt_verify_cms(v, sig.data, cut, content.data, content.len, NOW, &r),
                 BT_RESULT_NOT_A_SIGNATURE);
  /* Random signatures, some starting like DER. */
  uint8_t noise[4096];
  for (int round = 0; round < (light ? 40 : 200); round++) {
    size_t len = (size_t)(next_random() % sizeof noise);
    fill_random(noise, len);
    if (round % 2 && len > 0) noise[0] = 0x30;
    CHECK_RESULT(bt_verify_cms(v, noise, len, content.data, content.len, NOW, &r),
                 BT_RESULT_NOT_A_SIGNATURE);
    CHECK_RESULT(bt_verify_cms(v, noise, len, NULL, 0, NOW, &r), BT_RESULT_NOT_A_SIGNATURE);
  }
  CHECK(r == (bt_report *)&checks);
  /* One flipped byte anywhere: a report (never TOTAL_PASSED for a flip the signature
   * covers) or a refusal, and never a crash. */
  uint8_t *mutated = malloc(sig.len);
  CHECK(mutated != NULL);
  for (int round = 0; round < (light ? 2 : 64); round++) {
    memcpy(mutated, sig.data, sig.len);
    mutated[next_random() % sig.len] ^= (uint8_t)(1u << (next_random() % 8));
    bt_report *m = NULL;
    bt_result got = bt_verify_cms(v, mutated, sig.len, content.data, content.len, NOW, &m);
    CHECK(got == BT_RESULT_OK || got == BT_RESULT_NOT_A_SIGNATURE);
    CHECK((got == BT_RESULT_OK) == (m != NULL));
    bt_report_free(m);
  }
  free(mutated);
}

static void test_stream_arguments(const bt_verifier *v) {
  bt_verification *s = (bt_verification *)&checks;
  bt_report *r = (bt_report *)&checks;
  uint8_t byte = 0;
  CHECK_RESULT(bt_verify_begin(NULL, sig.data, sig.len, NOW, &s), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_begin(v, NULL, sig.len, NOW, &s), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_begin(v, sig.data, sig.len, NOW, NULL), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_begin(v, sig.data, SIZE_MAX, NOW, &s), BT_RESULT_LENGTH_TOO_LARGE);
  CHECK(s == (bt_verification *)&checks);
  CHECK_RESULT(bt_verify_update(NULL, &byte, 1), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_finish(NULL, &r), BT_RESULT_NULL_PARAMETER);

  CHECK_RESULT(bt_verify_begin(v, sig.data, sig.len, NOW, &s), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_update(s, NULL, 0), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_verify_update(s, &byte, SIZE_MAX), BT_RESULT_LENGTH_TOO_LARGE);
  CHECK_RESULT(bt_verify_update(s, content.data, content.len), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_finish(s, NULL), BT_RESULT_NULL_PARAMETER); /* s consumed */
  CHECK(r == (bt_report *)&checks);

  /* Abandoned part-way, and abandoned before any content. */
  CHECK_RESULT(bt_verify_begin(v, sig.data, sig.len, NOW, &s), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_update(s, content.data, 10), BT_RESULT_OK);
  bt_verification_free(s);
  CHECK_RESULT(bt_verify_begin(v, sig.data, sig.len, NOW, &s), BT_RESULT_OK);
  bt_verification_free(s);

  /* A refused signature is reported by update (as soon as known) or by finish. */
  const size_t cuts[] = {0, 1, 100, 4000};
  for (size_t i = 0; i < 4; i++) {
    size_t cut = cuts[i] < sig.len ? cuts[i] : sig.len - 1;
    CHECK_RESULT(bt_verify_begin(v, sig.data, cut, NOW, &s), BT_RESULT_OK);
    bt_result first = BT_RESULT_OK;
    for (int n = 0; n < 8 && first == BT_RESULT_OK; n++)
      first = bt_verify_update(s, content.data, content.len);
    CHECK(first == BT_RESULT_OK || first == BT_RESULT_NOT_A_SIGNATURE);
    if (first != BT_RESULT_OK) /* once failed, always the same code */
      CHECK_RESULT(bt_verify_update(s, content.data, 1), BT_RESULT_NOT_A_SIGNATURE);
    CHECK_RESULT(bt_verify_finish(s, &r), BT_RESULT_NOT_A_SIGNATURE);
  }
  /* Random signatures streamed over a megabyte of content. */
  uint8_t *noise = malloc(1 << 20);
  CHECK(noise != NULL);
  fill_random(noise, 1 << 20);
  for (int round = 0; round < (light ? 2 : 8); round++) {
    CHECK_RESULT(bt_verify_begin(v, noise + round, 512 + round, NOW, &s), BT_RESULT_OK);
    bt_result got = BT_RESULT_OK;
    for (int n = 0; n < 16 && got == BT_RESULT_OK; n++)
      got = bt_verify_update(s, noise, 1 << 16);
    CHECK(got == BT_RESULT_OK || got == BT_RESULT_NOT_A_SIGNATURE);
    CHECK_RESULT(bt_verify_finish(s, &r), BT_RESULT_NOT_A_SIGNATURE);
  }
  /* The real signature over a megabyte of the wrong content: a report, TOTAL_FAILED. */
  r = verify_streamed(v, noise, 1 << 20, 65536);
  CHECK_INDICATION(r, BT_INDICATION_TOTAL_FAILED);
  bt_report_free(r);
  free(noise);
  CHECK(s != NULL);
}

static void test_report_arguments(const bt_verifier *v) {
  bt_report *r = NULL;
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_OK);
  char *text = (char *)&checks;
  CHECK_INDICATION(NULL, BT_INDICATION_INDETERMINATE);
  CHECK(bt_report_signer_count(NULL) == 0);
  CHECK_RESULT(bt_report_json(NULL, &text), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_report_json(r, NULL), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_report_signer_org_id(NULL, 0, &text), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_report_signer_org_id(r, 0, NULL), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_report_signer_organisation(NULL, 0, &text), BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_report_signer_organisation(r, 0, NULL), BT_RESULT_NULL_PARAMETER);
  CHECK(text == (char *)&checks);
  bt_report_free(r);
}

/* A verification that outlives its verifier's handle. */
static void test_verification_outlives_verifier(void) {
  bt_verifier *v = bundled_verifier();
  bt_verification *s = NULL;
  bt_report *r = NULL;
  CHECK_RESULT(bt_verify_begin(v, sig.data, sig.len, NOW, &s), BT_RESULT_OK);
  bt_verifier_free(v);
  CHECK_RESULT(bt_verify_update(s, content.data, content.len), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_finish(s, &r), BT_RESULT_OK);
  check_signers(r, 0);
  bt_report_free(r);
}

/* The relying party's policy: home and accepted jurisdictions, revocation mode. */
static void test_policy(void) {
  bt_verifier_builder *b = NULL;
  bt_verifier *v = NULL;
  bt_report *r = NULL;
  /* A Macao relying party that accepts only its own list recognises neither signer:
   * TOTAL_FAILED (sub-indication NOT_RECOGNISED in the JSON). */
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  add_bundled_lists(b);
  CHECK_RESULT(bt_verifier_builder_set_home(b, BT_JURISDICTION_MO), BT_RESULT_OK);
  CHECK_RESULT(bt_verifier_builder_accept(b, BT_JURISDICTION_MO), BT_RESULT_OK);
  CHECK_RESULT(bt_verifier_builder_build(b, &v), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_OK);
  CHECK_INDICATION(r, BT_INDICATION_TOTAL_FAILED);
  bt_report_free(r);
  bt_verifier_free(v);
  /* Accepting CN and HK as well, it recognises both. */
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  add_bundled_lists(b);
  CHECK_RESULT(bt_verifier_builder_set_home(b, BT_JURISDICTION_MO), BT_RESULT_OK);
  CHECK_RESULT(bt_verifier_builder_accept(b, BT_JURISDICTION_CN), BT_RESULT_OK);
  CHECK_RESULT(bt_verifier_builder_accept(b, BT_JURISDICTION_HK), BT_RESULT_OK);
  CHECK_RESULT(bt_verifier_builder_set_revocation(b, BT_REVOCATION_OFF), BT_RESULT_OK);
  CHECK_RESULT(bt_verifier_builder_build(b, &v), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_OK);
  check_signers(r, 0);
  bt_report_free(r);
  bt_verifier_free(v);
  /* Revocation required and no status at hand: INDETERMINATE. */
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  add_bundled_lists(b);
  CHECK_RESULT(bt_verifier_builder_set_revocation(b, BT_REVOCATION_REQUIRE), BT_RESULT_OK);
  buffer crl = read_file("testdata/revocation/crl/hk-issuing-ca.crl");
  CHECK_RESULT(bt_verifier_builder_add_crl(b, crl.data, crl.len), BT_RESULT_OK);
  free(crl.data);
  CHECK_RESULT(bt_verifier_builder_build(b, &v), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_OK);
  CHECK_INDICATION(r, BT_INDICATION_INDETERMINATE);
  bt_report_free(r);
  bt_verifier_free(v);
  /* Plain anchors instead of trust lists: the two roots. */
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  buffer cn_root = read_file("testdata/pki/cn-sm2/root-ca.pem");
  buffer hk_root = read_file("testdata/pki/hk/root-ca.pem");
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_CN, cn_root.data, cn_root.len),
               BT_RESULT_OK);
  CHECK_RESULT(bt_verifier_builder_add_anchors(b, BT_JURISDICTION_HK, hk_root.data, hk_root.len),
               BT_RESULT_OK);
  free(cn_root.data);
  free(hk_root.data);
  CHECK_RESULT(bt_verifier_builder_build(b, &v), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_OK);
  check_signers(r, 0);
  bt_report_free(r);
  bt_verifier_free(v);
  /* No trust at all: INDETERMINATE. */
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  CHECK_RESULT(bt_verifier_builder_build(b, &v), BT_RESULT_OK);
  CHECK_RESULT(bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r),
               BT_RESULT_OK);
  CHECK_INDICATION(r, BT_INDICATION_INDETERMINATE);
  bt_report_free(r);
  bt_verifier_free(v);
}

/* One verifier shared by four threads. */
static void *verify_in_thread(void *arg) {
  const bt_verifier *v = arg;
  for (int i = 0; i < (light ? 1 : 3); i++) {
    bt_report *r = NULL;
    if (bt_verify_cms(v, sig.data, sig.len, content.data, content.len, NOW, &r) != BT_RESULT_OK)
      return (void *)1;
    int passed = bt_report_indication(r) == BT_INDICATION_TOTAL_PASSED;
    bt_report_free(r);
    if (!passed) return (void *)1;
  }
  return NULL;
}

static void test_threads(const bt_verifier *v) {
  pthread_t threads[4];
  const int count = light ? 2 : 4;
  for (int i = 0; i < count; i++)
    CHECK(pthread_create(&threads[i], NULL, verify_in_thread, (void *)v) == 0);
  for (int i = 0; i < count; i++) {
    void *failed = (void *)1;
    CHECK(pthread_join(threads[i], &failed) == 0);
    CHECK(failed == NULL);
  }
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "--light") != 0)) {
    fprintf(stderr, "usage: %s REPO_ROOT [--light]\n", argv[0]);
    return 2;
  }
  root = argv[1];
  light = argc == 3;
  static const char *codes[3] = {"cn", "hk", "mo"};
  for (int i = 0; i < 3; i++) {
    char path[256];
    snprintf(path, sizeof path, "testdata/trust-lists/%s.p7s", codes[i]);
    lists[i] = read_file(path);
    snprintf(path, sizeof path, "testdata/pki/%s/trust-list-operator-ca.pem", codes[i]);
    operators[i] = read_file(path);
  }
  sig = read_file("testdata/samples/supply-contract.txt.p7s");
  content = read_file("testdata/samples/supply-contract.txt");

  TIMED(test_version_and_messages());
  TIMED(test_free_null());
  TIMED(test_builder_arguments());
  bt_verifier *v = bundled_verifier();
  TIMED(test_one_shot(v));
  TIMED(test_streamed(v));
  TIMED(test_tampered(v));
  TIMED(test_verify_arguments(v));
  TIMED(test_stream_arguments(v));
  TIMED(test_report_arguments(v));
  TIMED(test_threads(v));
  bt_verifier_free(v);
  TIMED(test_verification_outlives_verifier());
  TIMED(test_policy());

  for (int i = 0; i < 3; i++) {
    free(lists[i].data);
    free(operators[i].data);
  }
  free(sig.data);
  free(content.data);
  printf("c: %d checks passed\n", checks);
  return 0;
}
