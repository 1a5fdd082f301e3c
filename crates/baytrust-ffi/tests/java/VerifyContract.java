// VerifyContract.java: baytrust's C ABI from Java through JNA (Debian: libjna-java).
// Builds a verifier from the three bundled signed trust lists with their operators,
// verifies the bundled co-signed contract and prints the two signers' OrgIds.
//
// javac -cp /usr/share/java/jna.jar -d OUT VerifyContract.java
// java -cp /usr/share/java/jna.jar:OUT -Djna.library.path=DIR_OF_libbaytrust_ffi.so \
//      VerifyContract REPO_ROOT
// (run by tests/java_program.rs)

import com.sun.jna.IntegerType;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Files;
import java.nio.file.Path;

public final class VerifyContract {
  /** size_t: the width of a native pointer. */
  public static final class SizeT extends IntegerType {
    public SizeT() { this(0); }
    public SizeT(long value) { super(Native.SIZE_T_SIZE, value, true); }
  }

  /** The functions of baytrust.h this program uses (bt_result, enums: int). */
  public interface BayTrust extends Library {
    BayTrust INSTANCE = Native.load("baytrust_ffi", BayTrust.class);

    int BT_RESULT_OK = 0;
    int BT_JURISDICTION_CN = 1, BT_JURISDICTION_HK = 2, BT_JURISDICTION_MO = 3;
    int BT_INDICATION_TOTAL_PASSED = 1;

    String bt_version();
    int bt_verifier_builder_new(PointerByReference out);
    int bt_verifier_builder_add_trust_list(Pointer b, int j, byte[] list, SizeT listLen,
        byte[] operatorCerts, SizeT operatorCertsLen, long nowUnixSeconds);
    int bt_verifier_builder_build(Pointer b, PointerByReference out);
    void bt_verifier_free(Pointer v);
    int bt_verify_cms(Pointer v, byte[] sig, SizeT sigLen, byte[] content, SizeT contentLen,
        long atUnixSeconds, PointerByReference out);
    int bt_report_indication(Pointer r);
    SizeT bt_report_signer_count(Pointer r);
    int bt_report_signer_org_id(Pointer r, SizeT signer, PointerByReference out);
    void bt_report_free(Pointer r);
    void bt_string_free(Pointer s);
    SizeT bt_result_message(int r, byte[] buf, SizeT bufLen);
  }

  private static final long NOW = 1780272000L; // 2026-06-01T00:00:00Z

  private static void check(int result, String what) {
    if (result != BayTrust.BT_RESULT_OK) {
      byte[] buf = new byte[256];
      BayTrust.INSTANCE.bt_result_message(result, buf, new SizeT(buf.length));
      throw new IllegalStateException(what + ": " + result + " " + Native.toString(buf));
    }
  }

  private static SizeT len(byte[] bytes) { return new SizeT(bytes.length); }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    BayTrust bt = BayTrust.INSTANCE;
    System.out.println("baytrust " + bt.bt_version());

    PointerByReference ref = new PointerByReference();
    check(bt.bt_verifier_builder_new(ref), "bt_verifier_builder_new");
    Pointer builder = ref.getValue();
    String[] codes = {"cn", "hk", "mo"};
    int[] jurisdictions = {
      BayTrust.BT_JURISDICTION_CN, BayTrust.BT_JURISDICTION_HK, BayTrust.BT_JURISDICTION_MO
    };
    for (int i = 0; i < 3; i++) {
      byte[] list = Files.readAllBytes(root.resolve("testdata/trust-lists/" + codes[i] + ".p7s"));
      byte[] operator = Files.readAllBytes(
          root.resolve("testdata/pki/" + codes[i] + "/trust-list-operator-ca.pem"));
      check(bt.bt_verifier_builder_add_trust_list(builder, jurisdictions[i], list, len(list),
          operator, len(operator), NOW), "add_trust_list " + codes[i]);
    }
    check(bt.bt_verifier_builder_build(builder, ref), "bt_verifier_builder_build");
    Pointer verifier = ref.getValue();

    byte[] sig = Files.readAllBytes(root.resolve("testdata/samples/supply-contract.txt.p7s"));
    byte[] content = Files.readAllBytes(root.resolve("testdata/samples/supply-contract.txt"));
    check(bt.bt_verify_cms(verifier, sig, len(sig), content, len(content), NOW, ref),
        "bt_verify_cms");
    Pointer report = ref.getValue();
    try {
      if (bt.bt_report_indication(report) != BayTrust.BT_INDICATION_TOTAL_PASSED) {
        throw new IllegalStateException("the contract did not pass");
      }
      long signers = bt.bt_report_signer_count(report).longValue();
      for (long i = 0; i < signers; i++) {
        check(bt.bt_report_signer_org_id(report, new SizeT(i), ref), "org_id");
        Pointer orgId = ref.getValue();
        System.out.println("signer " + i + ": " + orgId.getString(0, "UTF-8"));
        bt.bt_string_free(orgId);
      }
      System.out.println("java: TOTAL_PASSED");
    } finally {
      bt.bt_report_free(report);
      bt.bt_verifier_free(verifier);
    }
  }
}
