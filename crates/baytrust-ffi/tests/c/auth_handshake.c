/*
 * auth_handshake.c: baytrust's mutual authentication used from C, from baytrust.h
 * alone. In one process, the SM2 mainland company (NTRCN-91110000600037341L) and the
 * Hong Kong company (NTRHK-12345678) of the test PKI, each with its own verifier,
 * credentials and replay cache, run the three messages and print each other's
 * canonical OrgId and the session binding (equal on both sides). Then the attacks,
 * each with its exact result code and reason: message 1 replayed to the responder, a
 * tampered byte in message 2, message 3 given twice and finish called twice, a session
 * of the other role, a peer whose CA the other side does not recognise, a peer other
 * than the one expected, timestamps out of the clock skew, garbage messages; and every
 * handle freed in any order.
 *
 * Usage: auth_handshake REPO_ROOT   (run by tests/c_program.rs, natively and under
 * valgrind). Exit status 0 when every check holds; the first failing check is printed.
 */
#include "check.h"

#define CN_ID "NTRCN-91110000600037341L"
#define HK_ID "NTRHK-12345678"

/* The detail of the last error on this thread contains `needle`. */
#define CHECK_DETAIL(needle)                                                   \
  do {                                                                         \
    char detail_[1024];                                                        \
    bt_last_error_detail(detail_, sizeof detail_);                             \
    checks++;                                                                  \
    if (strstr(detail_, (needle)) == NULL) {                                   \
      fprintf(stderr, "%s:%d: detail \"%s\" lacks \"%s\"\n", __FILE__,         \
              __LINE__, detail_, (needle));                                    \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* A verifier trusting the bundled signed lists whose codes `lists` names, e.g. "cn,mo". */
static bt_verifier *verifier(const char *lists) {
  static const char *codes[3] = {"cn", "hk", "mo"};
  static const bt_jurisdiction jurisdictions[3] = {BT_JURISDICTION_CN, BT_JURISDICTION_HK,
                                                   BT_JURISDICTION_MO};
  bt_verifier_builder *b = NULL;
  bt_verifier *v = NULL;
  CHECK_RESULT(bt_verifier_builder_new(&b), BT_RESULT_OK);
  for (int i = 0; i < 3; i++) {
    if (strstr(lists, codes[i]) == NULL) continue;
    char path[256];
    snprintf(path, sizeof path, "testdata/trust-lists/%s.p7s", codes[i]);
    buffer list = read_file(path);
    snprintf(path, sizeof path, "testdata/pki/%s/trust-list-operator-ca.pem", codes[i]);
    buffer operator_ = read_file(path);
    CHECK_RESULT(bt_verifier_builder_add_trust_list(b, jurisdictions[i], list.data, list.len,
                                                    operator_.data, operator_.len, NOW),
                 BT_RESULT_OK);
    free(list.data);
    free(operator_.data);
  }
  CHECK_RESULT(bt_verifier_builder_build(b, &v), BT_RESULT_OK);
  return v;
}

static bt_auth_credentials *credentials(const char *chain_file, const char *key_file) {
  buffer chain = read_file(chain_file), key = read_file(key_file);
  bt_auth_credentials *c = NULL;
  CHECK_RESULT(bt_auth_credentials_new(chain.data, chain.len, key.data, key.len, NULL, &c),
               BT_RESULT_OK);
  free(chain.data);
  free(key.data);
  return c;
}

#define CN_CHAIN "testdata/pki/cn-sm2/org-qianhai-tech-chain.pem"
#define CN_KEY "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/cn-sm2-org-qianhai-tech.key.pem"
#define HK_CHAIN "testdata/pki/hk/org-harbour-logistics-chain.pem"
#define HK_KEY "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/hk-org-harbour-logistics.key.pem"

/* One party: what it judges with, what it proves itself with, what it remembers. */
typedef struct {
  bt_verifier *v;
  bt_auth_credentials *c;
  bt_auth_replay_cache *cache;
  bt_auth_policy *policy; /* NULL: the defaults */
} party;

static party make_party(const char *chain, const char *key, const char *lists) {
  party p = {verifier(lists), credentials(chain, key), NULL, NULL};
  CHECK_RESULT(bt_auth_replay_cache_new(0, &p.cache), BT_RESULT_OK);
  return p;
}

static void free_party(party *p) {
  bt_verifier_free(p->v);
  bt_auth_credentials_free(p->c);
  bt_auth_replay_cache_free(p->cache);
  bt_auth_policy_free(p->policy);
}

/* The canonical OrgId of `peer` equals `expected`; printed under `label`. */
static void check_org_id(const bt_auth_peer *peer, const char *expected, const char *label) {
  char *org_id = NULL;
  CHECK_RESULT(bt_auth_peer_org_id(peer, &org_id), BT_RESULT_OK);
  CHECK(strcmp(org_id, expected) == 0);
  if (label) printf("%s: %s\n", label, org_id);
  bt_string_free(org_id);
}

static void print_hex(const char *label, const uint8_t *bytes, size_t len) {
  printf("%s: ", label);
  for (size_t i = 0; i < len; i++) printf("%02x", bytes[i]);
  printf("\n");
}

/* The three messages between the SM2 mainland company (initiator) and the HK company
 * (responder), with every accessor of the peers. */
static void test_handshake(party *cn, party *hk) {
  bt_auth_session *initiator = NULL, *responder = NULL;
  bt_bytes *m1 = NULL, *m2 = NULL, *m3 = NULL;
  bt_auth_peer *hk_seen_by_cn = NULL, *cn_seen_by_hk = NULL;

  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, cn->policy, NOW, &initiator, &m1),
               BT_RESULT_OK);
  CHECK(bt_bytes_len(m1) > 0 && bt_bytes_data(m1)[0] == 0x30); /* a DER SEQUENCE */
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, hk->policy, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW + 1, &responder, &m2),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_initiator_finish(initiator, bt_bytes_data(m2), bt_bytes_len(m2), NOW + 2,
                                        &hk_seen_by_cn, &m3),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_finish(responder, bt_bytes_data(m3), bt_bytes_len(m3), NOW + 3,
                                        &cn_seen_by_hk),
               BT_RESULT_OK);
  printf("messages: %zu, %zu, %zu bytes\n", bt_bytes_len(m1), bt_bytes_len(m2), bt_bytes_len(m3));

  check_org_id(hk_seen_by_cn, HK_ID, "initiator authenticated");
  check_org_id(cn_seen_by_hk, CN_ID, "responder authenticated");

  bt_jurisdiction j = 0;
  CHECK_RESULT(bt_auth_peer_jurisdiction(hk_seen_by_cn, &j), BT_RESULT_OK);
  CHECK(j == BT_JURISDICTION_HK);
  CHECK_RESULT(bt_auth_peer_jurisdiction(cn_seen_by_hk, &j), BT_RESULT_OK);
  CHECK(j == BT_JURISDICTION_CN);

  char *organisation = NULL, *person = NULL, *service = NULL, *json = NULL;
  CHECK_RESULT(bt_auth_peer_organisation(cn_seen_by_hk, &organisation), BT_RESULT_OK);
  CHECK(strcmp(organisation, "\xe5\x89\x8d\xe6\xb5\xb7\xe7\xa7\x91\xe6\x8a\x80\xe6\x9c\x89\xe9\x99"
                             "\x90\xe5\x85\xac\xe5\x8f\xb8") == 0); /* 前海科技有限公司 */
  bt_string_free(organisation);
  CHECK_RESULT(bt_auth_peer_authorised_person(hk_seen_by_cn, &person), BT_RESULT_OK);
  CHECK(strlen(person) > 0);
  bt_string_free(person);

  uint64_t sequence = 0;
  j = 0;
  CHECK_RESULT(bt_auth_peer_recognition(cn_seen_by_hk, &j, &sequence, &service), BT_RESULT_OK);
  CHECK(j == BT_JURISDICTION_CN && sequence > 0 && strlen(service) > 0);
  printf("responder: recognised by the CN trust list #%llu (%s)\n", (unsigned long long)sequence,
         service);
  bt_string_free(service);
  CHECK_RESULT(bt_auth_peer_recognition(hk_seen_by_cn, &j, NULL, NULL), BT_RESULT_OK);
  CHECK(j == BT_JURISDICTION_HK);

  uint8_t a[BT_AUTH_SESSION_BINDING_LEN], b[BT_AUTH_SESSION_BINDING_LEN + 8];
  memset(a, 0, sizeof a);
  memset(b, 0xEE, sizeof b);
  CHECK_RESULT(bt_auth_peer_session_binding(hk_seen_by_cn, a, sizeof a), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_peer_session_binding(cn_seen_by_hk, b, sizeof b), BT_RESULT_OK);
  CHECK(memcmp(a, b, BT_AUTH_SESSION_BINDING_LEN) == 0);
  CHECK(b[BT_AUTH_SESSION_BINDING_LEN] == 0xEE); /* only 32 bytes written */
  print_hex("initiator session binding", a, sizeof a);
  print_hex("responder session binding", b, BT_AUTH_SESSION_BINDING_LEN);
  uint8_t zero[BT_AUTH_SESSION_BINDING_LEN] = {0};
  CHECK(memcmp(a, zero, sizeof a) != 0);
  uint8_t short_buffer[BT_AUTH_SESSION_BINDING_LEN - 1];
  CHECK_RESULT(bt_auth_peer_session_binding(hk_seen_by_cn, short_buffer, sizeof short_buffer),
               BT_RESULT_BUFFER_TOO_SMALL);

  CHECK_RESULT(bt_auth_peer_json(hk_seen_by_cn, &json), BT_RESULT_OK);
  CHECK(strstr(json, "\"org_id\":\"" HK_ID "\"") != NULL);
  CHECK(strstr(json, "\"session_binding\":\"") != NULL);
  bt_string_free(json);

  /* Message 3 given twice, and each finish called twice: the session is single-use. */
  bt_auth_peer *again = NULL;
  bt_bytes *m3_again = NULL;
  CHECK_RESULT(bt_auth_responder_finish(responder, bt_bytes_data(m3), bt_bytes_len(m3), NOW + 3,
                                        &again),
               BT_RESULT_AUTH_SESSION_USED);
  CHECK_RESULT(bt_auth_initiator_finish(initiator, bt_bytes_data(m2), bt_bytes_len(m2), NOW + 2,
                                        &again, &m3_again),
               BT_RESULT_AUTH_SESSION_USED);
  /* The other role's finish. */
  CHECK_RESULT(bt_auth_initiator_finish(responder, bt_bytes_data(m2), bt_bytes_len(m2), NOW,
                                        &again, &m3_again),
               BT_RESULT_AUTH_WRONG_ROLE);
  CHECK_RESULT(bt_auth_responder_finish(initiator, bt_bytes_data(m3), bt_bytes_len(m3), NOW,
                                        &again),
               BT_RESULT_AUTH_WRONG_ROLE);
  CHECK(again == NULL && m3_again == NULL);

  /* Message 3 of this session given to another responder session. */
  bt_auth_session *other_initiator = NULL, *other_responder = NULL;
  bt_bytes *other_m1 = NULL, *other_m2 = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, cn->policy, NOW, &other_initiator,
                                       &other_m1),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, hk->policy,
                                         bt_bytes_data(other_m1), bt_bytes_len(other_m1), NOW,
                                         &other_responder, &other_m2),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_finish(other_responder, bt_bytes_data(m3), bt_bytes_len(m3), NOW,
                                        &again),
               BT_RESULT_AUTH_SESSION_MISMATCH);
  CHECK_DETAIL("echoes a initiator nonce of another session");

  bt_auth_session_free(other_initiator); /* never finished: fine */
  bt_auth_session_free(other_responder);
  bt_bytes_free(other_m1);
  bt_bytes_free(other_m2);
  bt_auth_peer_free(hk_seen_by_cn);
  bt_auth_peer_free(cn_seen_by_hk);
  bt_auth_session_free(initiator);
  bt_auth_session_free(responder);
  bt_bytes_free(m1);
  bt_bytes_free(m2);
  bt_bytes_free(m3);
}

/* Message 1 replayed to the responder, and a tampered byte in message 2. */
static void test_replay_and_tampering(party *cn, party *hk) {
  bt_auth_session *initiator = NULL, *responder = NULL, *replayed = NULL;
  bt_bytes *m1 = NULL, *m2 = NULL, *m2_replayed = NULL, *m3 = NULL;
  bt_auth_peer *peer = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, NULL, NOW, &initiator, &m1),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW, &responder, &m2),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW + 10, &replayed, &m2_replayed),
               BT_RESULT_AUTH_MESSAGE_REPLAYED);
  CHECK_DETAIL("message 1 is a replay of a message already seen");
  CHECK(replayed == NULL && m2_replayed == NULL);
  printf("replayed message 1: BT_RESULT_AUTH_MESSAGE_REPLAYED\n");

  /* Flip one bit of message 2's last byte (inside the responder's signature). */
  uint8_t *tampered = malloc(bt_bytes_len(m2));
  CHECK(tampered != NULL);
  memcpy(tampered, bt_bytes_data(m2), bt_bytes_len(m2));
  tampered[bt_bytes_len(m2) - 1] ^= 0x01;
  CHECK_RESULT(bt_auth_initiator_finish(initiator, tampered, bt_bytes_len(m2), NOW, &peer, &m3),
               BT_RESULT_AUTH_SIGNATURE_INVALID);
  CHECK_DETAIL("the responder's signature over the transcript does not verify");
  CHECK(peer == NULL && m3 == NULL);
  printf("tampered message 2: BT_RESULT_AUTH_SIGNATURE_INVALID\n");
  /* The session took its message: even the genuine message 2 is refused now. */
  CHECK_RESULT(bt_auth_initiator_finish(initiator, bt_bytes_data(m2), bt_bytes_len(m2), NOW, &peer,
                                        &m3),
               BT_RESULT_AUTH_SESSION_USED);
  free(tampered);
  bt_auth_session_free(initiator);
  bt_auth_session_free(responder);
  bt_bytes_free(m1);
  bt_bytes_free(m2);
}

/* A peer whose CA the other side does not recognise, on either side. */
static void test_unrecognised_peer(party *cn, party *hk) {
  party cn_without_hk = make_party(CN_CHAIN, CN_KEY, "cn,mo");
  bt_auth_session *s = NULL, *r = NULL;
  bt_bytes *m1 = NULL, *m2 = NULL, *m3 = NULL;
  bt_auth_peer *peer = NULL;
  /* The HK initiator to a responder loading no HK list. */
  CHECK_RESULT(bt_auth_initiator_start(hk->v, hk->c, hk->cache, NULL, NOW, &s, &m1), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(cn_without_hk.v, cn_without_hk.c, cn_without_hk.cache,
                                         NULL, bt_bytes_data(m1), bt_bytes_len(m1), NOW, &r, &m2),
               BT_RESULT_AUTH_PEER_NOT_RECOGNISED);
  CHECK_DETAIL("NO_CERTIFICATE_CHAIN_FOUND");
  char detail[1024];
  bt_last_error_detail(detail, sizeof detail);
  printf("unrecognised initiator: %s\n", detail);
  bt_auth_session_free(s);
  bt_bytes_free(m1);
  /* An initiator loading no HK list refuses the HK responder's message 2. */
  s = NULL;
  m1 = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn_without_hk.v, cn_without_hk.c, cn_without_hk.cache, NULL,
                                       NOW, &s, &m1),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW, &r, &m2),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_initiator_finish(s, bt_bytes_data(m2), bt_bytes_len(m2), NOW, &peer, &m3),
               BT_RESULT_AUTH_PEER_NOT_RECOGNISED);
  CHECK_DETAIL("the peer is not recognised");
  bt_auth_session_free(s);
  bt_auth_session_free(r);
  bt_bytes_free(m1);
  bt_bytes_free(m2);
  free_party(&cn_without_hk);
  (void)cn;
}

/* A peer other than the one expected, on either side. */
static void test_unexpected_peer(party *cn, party *hk) {
  bt_auth_policy *expects_macao = NULL;
  bt_auth_session *s = NULL, *r = NULL;
  bt_bytes *m1 = NULL, *m2 = NULL;
  CHECK_RESULT(bt_auth_policy_new(&expects_macao), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_policy_set_expected_peer(expects_macao, "NTRMO-40321"), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_policy_set_expected_peer(expects_macao, "MO-40321"),
               BT_RESULT_INVALID_ORG_ID);
  CHECK_DETAIL("does not start with NTR");
  CHECK_RESULT(bt_auth_policy_set_expected_peer(expects_macao, "NTR\xff-1"), BT_RESULT_INVALID_UTF8);
  /* The initiator expects a Macao company: the HK responder refuses to answer. */
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, expects_macao, NOW, &s, &m1),
               BT_RESULT_OK);
  bt_auth_policy_free(expects_macao); /* the session keeps its own copy */
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW, &r, &m2),
               BT_RESULT_AUTH_IDENTITY_UNEXPECTED);
  CHECK_DETAIL("expected NTRMO-40321, the peer is " HK_ID);
  printf("unexpected responder: BT_RESULT_AUTH_IDENTITY_UNEXPECTED\n");
  bt_auth_session_free(s);
  bt_bytes_free(m1);
  /* The responder expects a Macao company: the CN initiator is refused. */
  CHECK_RESULT(bt_auth_policy_new(&expects_macao), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_policy_set_expected_peer(expects_macao, "NTRMO-40321"), BT_RESULT_OK);
  s = NULL;
  m1 = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, NULL, NOW, &s, &m1), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, expects_macao, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW, &r, &m2),
               BT_RESULT_AUTH_IDENTITY_UNEXPECTED);
  CHECK_DETAIL("expected NTRMO-40321, the peer is " CN_ID);
  /* NULL removes the expectation again: a fresh message 1 is answered. */
  CHECK_RESULT(bt_auth_policy_set_expected_peer(expects_macao, NULL), BT_RESULT_OK);
  bt_auth_session_free(s);
  bt_bytes_free(m1);
  s = NULL;
  m1 = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, NULL, NOW, &s, &m1), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, expects_macao, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW, &r, &m2),
               BT_RESULT_OK);
  bt_auth_policy_free(expects_macao);
  bt_auth_session_free(s);
  bt_auth_session_free(r);
  bt_bytes_free(m1);
  bt_bytes_free(m2);
}

/* Timestamps outside the clock skew at each step; a wider skew accepts them. */
static void test_skew(party *cn, party *hk) {
  bt_auth_session *s = NULL, *r = NULL;
  bt_bytes *m1 = NULL, *m2 = NULL, *m3 = NULL;
  bt_auth_peer *peer = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, NULL, NOW, &s, &m1), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW + 301, &r, &m2),
               BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW);
  CHECK_DETAIL("is more than 300 s from");
  printf("message 1 five minutes late: BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW\n");
  bt_auth_session_free(s);
  bt_bytes_free(m1);
  /* Message 3 arriving more than the skew after message 2. */
  s = NULL;
  m1 = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, NULL, NOW, &s, &m1), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW, &r, &m2),
               BT_RESULT_OK);
  CHECK_RESULT(bt_auth_initiator_finish(s, bt_bytes_data(m2), bt_bytes_len(m2), NOW, &peer, &m3),
               BT_RESULT_OK);
  bt_auth_peer_free(peer);
  peer = NULL;
  CHECK_RESULT(bt_auth_responder_finish(r, bt_bytes_data(m3), bt_bytes_len(m3), NOW + 301, &peer),
               BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW);
  CHECK_DETAIL("message 3");
  CHECK(peer == NULL);
  bt_auth_session_free(s);
  bt_auth_session_free(r);
  bt_bytes_free(m1);
  bt_bytes_free(m2);
  bt_bytes_free(m3);
  /* A responder allowing an hour answers a message 1 five minutes old. */
  bt_auth_policy *lenient = NULL;
  CHECK_RESULT(bt_auth_policy_new(&lenient), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_policy_set_max_skew(lenient, 3600), BT_RESULT_OK);
  s = NULL;
  r = NULL;
  m1 = NULL;
  m2 = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, NULL, NOW, &s, &m1), BT_RESULT_OK);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, lenient, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW + 301, &r, &m2),
               BT_RESULT_OK);
  bt_auth_policy_free(lenient);
  bt_auth_session_free(s);
  bt_auth_session_free(r);
  bt_bytes_free(m1);
  bt_bytes_free(m2);
}

/* Garbage, truncated and oversize messages; reflected and misused credentials. */
static void test_bad_input(party *cn, party *hk) {
  bt_auth_session *s = NULL, *r = NULL;
  bt_bytes *m1 = NULL, *m2 = NULL;
  bt_auth_credentials *c = NULL;
  static uint8_t big[70000];
  const uint8_t garbage[] = {0x30, 0x03, 0x02, 0x01, 0x01};
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, garbage, sizeof garbage,
                                         NOW, &r, &m2),
               BT_RESULT_AUTH_MESSAGE_MALFORMED);
  memset(big, 0x30, sizeof big);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, big, sizeof big, NOW, &r,
                                         &m2),
               BT_RESULT_AUTH_MESSAGE_TOO_LARGE);
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, NULL, NOW, &s, &m1), BT_RESULT_OK);
  for (size_t cut = 0; cut < bt_bytes_len(m1); cut += bt_bytes_len(m1) / 7 + 1)
    CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, bt_bytes_data(m1), cut,
                                           NOW, &r, &m2),
                 BT_RESULT_AUTH_MESSAGE_MALFORMED);
  /* The initiator's own message 1 handed back to itself: its own nonce, reflected. */
  CHECK_RESULT(bt_auth_responder_respond(cn->v, cn->c, cn->cache, NULL, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW, &r, &m2),
               BT_RESULT_AUTH_REFLECTED);
  CHECK(r == NULL && m2 == NULL);
  bt_auth_session_free(s);
  bt_bytes_free(m1);

  /* NULLs and impossible lengths. */
  CHECK_RESULT(bt_auth_initiator_start(NULL, cn->c, cn->cache, NULL, NOW, &s, &m1),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_auth_initiator_start(cn->v, NULL, cn->cache, NULL, NOW, &s, &m1),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, NULL, NULL, NOW, &s, &m1),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, cn->cache, NULL, NOW, NULL, &m1),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_auth_responder_respond(hk->v, hk->c, hk->cache, NULL, garbage, SIZE_MAX, NOW, &r,
                                         &m2),
               BT_RESULT_LENGTH_TOO_LARGE);
  CHECK_RESULT(bt_auth_initiator_finish(NULL, garbage, sizeof garbage, NOW, NULL, NULL),
               BT_RESULT_NULL_PARAMETER);
  CHECK_RESULT(bt_auth_responder_finish(NULL, garbage, sizeof garbage, NOW, NULL),
               BT_RESULT_NULL_PARAMETER);

  /* Credentials: the HK key with the CN certificate, a certificate as key, noise. */
  buffer cn_chain = read_file(CN_CHAIN), hk_key = read_file(HK_KEY);
  CHECK_RESULT(bt_auth_credentials_new(cn_chain.data, cn_chain.len, hk_key.data, hk_key.len, NULL,
                                       &c),
               BT_RESULT_AUTH_KEY_MISMATCH);
  CHECK_RESULT(bt_auth_credentials_new(cn_chain.data, cn_chain.len, cn_chain.data, cn_chain.len,
                                       NULL, &c),
               BT_RESULT_AUTH_KEY_REFUSED);
  CHECK_RESULT(bt_auth_credentials_new(hk_key.data, hk_key.len, hk_key.data, hk_key.len, NULL, &c),
               BT_RESULT_NOT_A_CERTIFICATE);
  CHECK_RESULT(bt_auth_credentials_new(cn_chain.data, cn_chain.len, hk_key.data, hk_key.len,
                                       "NTRCN-", &c),
               BT_RESULT_INVALID_ORG_ID);
  CHECK(c == NULL);
  free(cn_chain.data);
  free(hk_key.data);

  /* A replay cache of one entry: one session at a time. */
  bt_auth_replay_cache *tiny = NULL;
  CHECK_RESULT(bt_auth_replay_cache_new(1, &tiny), BT_RESULT_OK);
  s = NULL;
  m1 = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, tiny, NULL, NOW, &s, &m1), BT_RESULT_OK);
  CHECK(bt_auth_replay_cache_len(tiny) == 1);
  bt_auth_session *s2 = NULL;
  bt_bytes *m1b = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn->v, cn->c, tiny, NULL, NOW, &s2, &m1b),
               BT_RESULT_AUTH_REPLAY_CACHE_FULL);
  bt_auth_replay_cache_free(tiny);
  bt_auth_session_free(s);
  bt_bytes_free(m1);
}

/* The caller's handles freed first: the sessions hold their own references. */
static void test_free_in_any_order(void) {
  party cn = make_party(CN_CHAIN, CN_KEY, "cn,hk,mo");
  party hk = make_party(HK_CHAIN, HK_KEY, "cn,hk,mo");
  bt_auth_session *s = NULL, *r = NULL;
  bt_bytes *m1 = NULL, *m2 = NULL, *m3 = NULL;
  bt_auth_peer *a = NULL, *b = NULL;
  CHECK_RESULT(bt_auth_initiator_start(cn.v, cn.c, cn.cache, NULL, NOW, &s, &m1), BT_RESULT_OK);
  free_party(&cn);
  CHECK_RESULT(bt_auth_responder_respond(hk.v, hk.c, hk.cache, NULL, bt_bytes_data(m1),
                                         bt_bytes_len(m1), NOW, &r, &m2),
               BT_RESULT_OK);
  free_party(&hk);
  bt_bytes_free(m1);
  CHECK_RESULT(bt_auth_initiator_finish(s, bt_bytes_data(m2), bt_bytes_len(m2), NOW, &a, &m3),
               BT_RESULT_OK);
  bt_auth_session_free(s); /* the peer outlives its session */
  bt_bytes_free(m2);
  CHECK_RESULT(bt_auth_responder_finish(r, bt_bytes_data(m3), bt_bytes_len(m3), NOW, &b),
               BT_RESULT_OK);
  bt_bytes_free(m3);
  bt_auth_session_free(r);
  check_org_id(a, HK_ID, NULL);
  check_org_id(b, CN_ID, NULL);
  bt_auth_peer_free(b);
  bt_auth_peer_free(a);

  bt_auth_session_free(NULL);
  bt_auth_peer_free(NULL);
  bt_auth_credentials_free(NULL);
  bt_auth_replay_cache_free(NULL);
  bt_auth_policy_free(NULL);
  bt_bytes_free(NULL);
  CHECK(bt_bytes_data(NULL) == NULL && bt_bytes_len(NULL) == 0);
}

static void test_result_texts(void) {
  const bt_result codes[] = {
      BT_RESULT_INVALID_ORG_ID, BT_RESULT_BUFFER_TOO_SMALL, BT_RESULT_VALUE_ABSENT,
      BT_RESULT_AUTH_MESSAGE_TOO_LARGE, BT_RESULT_AUTH_TOO_MANY_CERTIFICATES,
      BT_RESULT_AUTH_MESSAGE_MALFORMED, BT_RESULT_AUTH_VERSION_UNSUPPORTED,
      BT_RESULT_AUTH_MESSAGE_REPLAYED, BT_RESULT_AUTH_NONCE_REUSED, BT_RESULT_AUTH_REFLECTED,
      BT_RESULT_AUTH_SESSION_MISMATCH, BT_RESULT_AUTH_TIMESTAMP_OUT_OF_SKEW,
      BT_RESULT_AUTH_SIGNATURE_INVALID, BT_RESULT_AUTH_SIGNATURE_ALGORITHM_REFUSED,
      BT_RESULT_AUTH_PEER_NOT_RECOGNISED, BT_RESULT_AUTH_IDENTITY_UNEXPECTED,
      BT_RESULT_AUTH_IDENTITY_CLAIM_MISMATCH, BT_RESULT_AUTH_CREDENTIALS_INVALID,
      BT_RESULT_AUTH_REPLAY_CACHE_FULL, BT_RESULT_AUTH_RANDOM_UNAVAILABLE,
      BT_RESULT_AUTH_KEY_REFUSED, BT_RESULT_AUTH_KEY_MISMATCH, BT_RESULT_AUTH_SESSION_USED,
      BT_RESULT_AUTH_WRONG_ROLE};
  char buf[128];
  for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
    CHECK(bt_result_message(codes[i], buf, sizeof buf) > 0);
    CHECK(strcmp(buf, "unknown bt_result code") != 0);
  }
  /* The 4xx block is part of the ABI. */
  CHECK(BT_RESULT_AUTH_MESSAGE_TOO_LARGE == 400 && BT_RESULT_AUTH_MESSAGE_REPLAYED == 404 &&
        BT_RESULT_AUTH_SIGNATURE_INVALID == 409 && BT_RESULT_AUTH_PEER_NOT_RECOGNISED == 411 &&
        BT_RESULT_AUTH_IDENTITY_UNEXPECTED == 412 && BT_RESULT_AUTH_SESSION_USED == 419);
  /* A success clears the detail; its length is asked with NULL. */
  bt_auth_policy *p = NULL;
  CHECK_RESULT(bt_auth_policy_new(&p), BT_RESULT_OK);
  CHECK(bt_last_error_detail(NULL, 0) == 0);
  CHECK_RESULT(bt_auth_policy_set_expected_peer(p, "nonsense"), BT_RESULT_INVALID_ORG_ID);
  size_t len = bt_last_error_detail(NULL, 0);
  CHECK(len > 0);
  char small[8];
  CHECK(bt_last_error_detail(small, sizeof small) == len && strlen(small) < sizeof small);
  bt_auth_policy_free(p);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
    return 2;
  }
  root = argv[1];
  party cn = make_party(CN_CHAIN, CN_KEY, "cn,hk,mo");
  party hk = make_party(HK_CHAIN, HK_KEY, "cn,hk,mo");
  test_result_texts();
  test_handshake(&cn, &hk);
  test_replay_and_tampering(&cn, &hk);
  test_unrecognised_peer(&cn, &hk);
  test_unexpected_peer(&cn, &hk);
  test_skew(&cn, &hk);
  test_bad_input(&cn, &hk);
  free_party(&cn);
  free_party(&hk);
  test_free_in_any_order();
  printf("c auth: %d checks passed\n", checks);
  return 0;
}
