// AuthHandshake.java: baytrust's mutual authentication from Java through JNA. The SM2
// mainland company and the Hong Kong company of the test PKI, each with its own
// verifier, credentials and replay cache, run the three messages in one process, print
// each other's OrgId and check that the session bindings are equal; message 1 replayed
// to the responder is refused with BT_RESULT_AUTH_MESSAGE_REPLAYED.
//
// javac -cp /usr/share/java/jna.jar -d OUT AuthHandshake.java
// java -cp /usr/share/java/jna.jar:OUT -Djna.library.path=DIR_OF_libbaytrust_ffi.so \
//      AuthHandshake REPO_ROOT
// (run by tests/java_program.rs)

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public final class AuthHandshake {
  /** size_t: the width of a native pointer. */
  public static final class SizeT extends IntegerType {
    public SizeT() { this(0); }
    public SizeT(long value) { super(Native.SIZE_T_SIZE, value, true); }
  }

  /** The functions of baytrust.h this program uses (bt_result, enums: int). */
  public interface BayTrust extends Library {
    BayTrust INSTANCE = Native.load("baytrust_ffi", BayTrust.class);

    int BT_RESULT_OK = 0;
    int BT_RESULT_AUTH_MESSAGE_REPLAYED = 404;
    int BT_RESULT_AUTH_SESSION_USED = 419;
    int BT_JURISDICTION_CN = 1, BT_JURISDICTION_HK = 2, BT_JURISDICTION_MO = 3;
    int BT_AUTH_SESSION_BINDING_LEN = 32;

    int bt_verifier_builder_new(PointerByReference out);
    int bt_verifier_builder_add_trust_list(Pointer b, int j, byte[] list, SizeT listLen,
        byte[] operatorCerts, SizeT operatorCertsLen, long nowUnixSeconds);
    int bt_verifier_builder_build(Pointer b, PointerByReference out);
    void bt_verifier_free(Pointer v);
    int bt_auth_credentials_new(byte[] chain, SizeT chainLen, byte[] key, SizeT keyLen,
        String claimedOrgId, PointerByReference out);
    void bt_auth_credentials_free(Pointer c);
    int bt_auth_replay_cache_new(SizeT capacity, PointerByReference out);
    void bt_auth_replay_cache_free(Pointer c);
    int bt_auth_initiator_start(Pointer v, Pointer c, Pointer cache, Pointer policy,
        long now, PointerByReference outSession, PointerByReference outMessage1);
    int bt_auth_responder_respond(Pointer v, Pointer c, Pointer cache, Pointer policy,
        byte[] message1, SizeT message1Len, long now, PointerByReference outSession,
        PointerByReference outMessage2);
    int bt_auth_initiator_finish(Pointer s, byte[] message2, SizeT message2Len, long now,
        PointerByReference outPeer, PointerByReference outMessage3);
    int bt_auth_responder_finish(Pointer s, byte[] message3, SizeT message3Len, long now,
        PointerByReference outPeer);
    void bt_auth_session_free(Pointer s);
    int bt_auth_peer_org_id(Pointer p, PointerByReference out);
    int bt_auth_peer_session_binding(Pointer p, byte[] out, SizeT outLen);
    void bt_auth_peer_free(Pointer p);
    Pointer bt_bytes_data(Pointer b);
    SizeT bt_bytes_len(Pointer b);
    void bt_bytes_free(Pointer b);
    void bt_string_free(Pointer s);
    SizeT bt_result_message(int r, byte[] buf, SizeT bufLen);
    SizeT bt_last_error_detail(byte[] buf, SizeT bufLen);
  }

  private static final long NOW = 1780272000L; // 2026-06-01T00:00:00Z
  private static final BayTrust BT = BayTrust.INSTANCE;

  private static void check(int result, String what) {
    if (result != BayTrust.BT_RESULT_OK) {
      byte[] text = new byte[256], detail = new byte[1024];
      BT.bt_result_message(result, text, new SizeT(text.length));
      BT.bt_last_error_detail(detail, new SizeT(detail.length));
      throw new IllegalStateException(what + ": " + result + " " + Native.toString(text)
          + ": " + Native.toString(detail, "UTF-8"));
    }
  }

  private static SizeT len(byte[] bytes) { return new SizeT(bytes.length); }

  /** Copies and frees bytes handed out. */
  private static byte[] take(Pointer bytes) {
    int length = (int) BT.bt_bytes_len(bytes).longValue();
    byte[] copy = BT.bt_bytes_data(bytes).getByteArray(0, length);
    BT.bt_bytes_free(bytes);
    return copy;
  }

  /** One party's verifier, credentials and replay cache. */
  private static final class Party {
    final Pointer verifier, credentials, cache;

    Party(Path root, String chain, String key) throws Exception {
      PointerByReference ref = new PointerByReference();
      check(BT.bt_verifier_builder_new(ref), "bt_verifier_builder_new");
      Pointer builder = ref.getValue();
      String[] codes = {"cn", "hk", "mo"};
      int[] jurisdictions = {
        BayTrust.BT_JURISDICTION_CN, BayTrust.BT_JURISDICTION_HK, BayTrust.BT_JURISDICTION_MO
      };
      for (int i = 0; i < 3; i++) {
        byte[] list = Files.readAllBytes(root.resolve("testdata/trust-lists/" + codes[i] + ".p7s"));
        byte[] operator = Files.readAllBytes(
            root.resolve("testdata/pki/" + codes[i] + "/trust-list-operator-ca.pem"));
        check(BT.bt_verifier_builder_add_trust_list(builder, jurisdictions[i], list, len(list),
            operator, len(operator), NOW), "add_trust_list " + codes[i]);
      }
      check(BT.bt_verifier_builder_build(builder, ref), "bt_verifier_builder_build");
      verifier = ref.getValue();
      byte[] chainPem = Files.readAllBytes(root.resolve(chain));
      byte[] keyPem = Files.readAllBytes(root.resolve(key));
      check(BT.bt_auth_credentials_new(chainPem, len(chainPem), keyPem, len(keyPem), null, ref),
          "bt_auth_credentials_new " + chain);
      credentials = ref.getValue();
      check(BT.bt_auth_replay_cache_new(new SizeT(0), ref), "bt_auth_replay_cache_new");
      cache = ref.getValue();
    }

    void free() {
      BT.bt_verifier_free(verifier);
      BT.bt_auth_credentials_free(credentials);
      BT.bt_auth_replay_cache_free(cache);
    }
  }

  private static String orgId(Pointer peer) {
    PointerByReference ref = new PointerByReference();
    check(BT.bt_auth_peer_org_id(peer, ref), "bt_auth_peer_org_id");
    String text = ref.getValue().getString(0, "UTF-8");
    BT.bt_string_free(ref.getValue());
    return text;
  }

  private static byte[] binding(Pointer peer) {
    byte[] out = new byte[BayTrust.BT_AUTH_SESSION_BINDING_LEN];
    check(BT.bt_auth_peer_session_binding(peer, out, len(out)), "session binding");
    return out;
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String keys = "testdata/pki/test-keys-NOT-SECRET-DO-NOT-USE/";
    Party cn = new Party(root, "testdata/pki/cn-sm2/org-qianhai-tech-chain.pem",
        keys + "cn-sm2-org-qianhai-tech.key.pem");
    Party hk = new Party(root, "testdata/pki/hk/org-harbour-logistics-chain.pem",
        keys + "hk-org-harbour-logistics.key.pem");
    PointerByReference session = new PointerByReference(), bytes = new PointerByReference();
    PointerByReference peer = new PointerByReference();

    check(BT.bt_auth_initiator_start(cn.verifier, cn.credentials, cn.cache, null, NOW, session,
        bytes), "bt_auth_initiator_start");
    Pointer initiator = session.getValue();
    byte[] m1 = take(bytes.getValue());
    check(BT.bt_auth_responder_respond(hk.verifier, hk.credentials, hk.cache, null, m1, len(m1),
        NOW, session, bytes), "bt_auth_responder_respond");
    Pointer responder = session.getValue();
    byte[] m2 = take(bytes.getValue());
    check(BT.bt_auth_initiator_finish(initiator, m2, len(m2), NOW, peer, bytes),
        "bt_auth_initiator_finish");
    Pointer hkSeenByCn = peer.getValue();
    byte[] m3 = take(bytes.getValue());
    check(BT.bt_auth_responder_finish(responder, m3, len(m3), NOW, peer),
        "bt_auth_responder_finish");
    Pointer cnSeenByHk = peer.getValue();

    System.out.println("initiator authenticated: " + orgId(hkSeenByCn));
    System.out.println("responder authenticated: " + orgId(cnSeenByHk));
    if (!Arrays.equals(binding(hkSeenByCn), binding(cnSeenByHk))) {
      throw new IllegalStateException("the session bindings differ");
    }
    System.out.println("java: session bindings equal");

    int again = BT.bt_auth_responder_finish(responder, m3, len(m3), NOW, peer);
    System.out.println("message 3 again: " + again);
    PointerByReference replayed = new PointerByReference();
    int replay = BT.bt_auth_responder_respond(hk.verifier, hk.credentials, hk.cache, null, m1,
        len(m1), NOW, replayed, bytes);
    System.out.println("message 1 replayed: " + replay);
    if (again != BayTrust.BT_RESULT_AUTH_SESSION_USED
        || replay != BayTrust.BT_RESULT_AUTH_MESSAGE_REPLAYED) {
      throw new IllegalStateException("an attack was not refused with its code");
    }

    BT.bt_auth_peer_free(hkSeenByCn);
    BT.bt_auth_peer_free(cnSeenByHk);
    BT.bt_auth_session_free(initiator);
    BT.bt_auth_session_free(responder);
    cn.free();
    hk.free();
  }
}
