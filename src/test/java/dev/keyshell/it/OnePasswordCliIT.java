package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyshell.otp.TotpSecret;
import dev.keyshell.store.op.FakeOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --store op} end to end: init imports into (a fake) {@code op}, then the real AWS CLI runs
 * through the {@code aws} function in bash with the keys read back from {@code op}.
 */
class OnePasswordCliIT {
  static final String KEY_ID = AwsFunctionIT.KEY_ID;
  static final String SECRET = AwsFunctionIT.SECRET;
  static final String MFA = AwsFunctionIT.MFA;
  static final String TOTP_SECRET = AwsFunctionIT.TOTP_SECRET;
  static final String USER_ARN = AwsFunctionIT.USER_ARN;
  static final String ACCOUNT_ID = "GRXJAN4BY5DPROISKYL55IRCPY";
  static final String CREATED_ID = "k3ysh3llcr3at3d1t3m00000aa";
  static final String PRIVATE_VAULT = "prv4t3vau1tk3ysh3ll0000000";

  /** What the fake op reports as the OTP field's current code: not the secret's code. */
  static final String OP_CODE = "000042";

  @TempDir Path tmp;
  Sandbox box;
  StsStandIn sts;
  FakeOp op;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = new Sandbox(tmp.resolve("sandbox"));
    op = new FakeOp(tmp.resolve("fake-op"));
    box.env.putAll(op.settings());
    box.env.put("PATH", op.bin + ":" + Sandbox.PATH);
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.credentials(
        "[default]\naws_access_key_id = "
            + KEY_ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\nregion = eu-west-1\n");
    box.config("[default]\nregion = eu-west-1\nmfa_serial = " + MFA + "\n");
  }

  @AfterEach
  void tearDown() {
    sts.close();
  }

  private Sandbox.Result importIntoOp() {
    return Users.importDefault(box, "op", "--remove-plaintext");
  }

  private String twoCalls() {
    String call =
        "aws sts get-caller-identity --output text --query Arn --endpoint-url " + sts.url();
    return "source " + box.configDir().resolve("plugins.sh") + " && " + call + " && " + call;
  }

  @Test
  void aws_runs_with_keys_read_back_from_op_once_then_from_the_warm_cache() throws Exception {
    box.env.put("OP_FAKE_TOTP", OP_CODE);
    Sandbox.Result init = importIntoOp().ok();
    assertTrue(
        init.err().contains("Saved 'AWS default' (AKIA…MPLE) in 1Password"), init.toString());

    JsonNode entry = scopeEntry();
    assertEquals("op", entry.get("store").asText());
    assertEquals(ACCOUNT_ID, entry.get("account").asText(), "the account op whoami named");
    assertEquals(PRIVATE_VAULT, entry.get("vault_id").asText());
    assertEquals(CREATED_ID, entry.get("item_id").asText());

    int initCalls = op.calls().size();
    long before = System.currentTimeMillis();
    Sandbox.Result r = box.shell("bash", twoCalls()).ok();
    assertEquals(USER_ARN + "\n" + USER_ARN + "\n", r.out(), r.toString());

    List<List<String>> runCalls = op.calls().subList(initCalls, op.calls().size());
    assertEquals(
        List.of(
            List.of(
                "item",
                "get",
                CREATED_ID,
                "--vault",
                PRIVATE_VAULT,
                "--account",
                ACCOUNT_ID,
                "--format",
                "json")),
        runCalls,
        "one read for the first aws call; the second is served from the warm cache");

    List<StsStandIn.Call> gst = sts.calls("GetSessionToken");
    assertEquals(1, gst.size());
    assertEquals(KEY_ID, gst.get(0).signingKeyId(), "the key pair read back from op");
    assertEquals(MFA, gst.get(0).params().get("SerialNumber"));
    String code = gst.get(0).params().get("TokenCode");
    if (TotpSecret.timeStep(Instant.ofEpochMilli(before))
        == TotpSecret.timeStep(Instant.ofEpochMilli(gst.get(0).atMillis()))) {
      assertEquals(OP_CODE, code, "op's current code is preferred while its step lasts");
    } else {
      // a step boundary passed during the run: either answer is right, depending on where
      assertTrue(
          code.equals(OP_CODE) || localCodes(gst.get(0)).contains(code),
          "op's code or the computed one: " + code);
    }
  }

  @Test
  void secrets_reach_op_on_stdin_only_and_nothing_in_clear_stays_on_disk() throws Exception {
    importIntoOp().ok();
    box.shell("bash", twoCalls()).ok();

    String argv = op.read("argv");
    for (String secret : List.of(KEY_ID, SECRET, TOTP_SECRET)) {
      assertFalse(argv.contains(secret), "in op's argv: " + secret);
      assertEquals(List.of(), Sandbox.filesContaining(box.home, secret), secret);
      assertEquals(List.of(), Sandbox.filesContaining(box.runtime, secret), secret);
    }
    assertTrue(op.read("stdin").contains(SECRET), "the item template went on stdin");
    assertFalse(op.read("env").contains(SECRET), "nor in op's environment");
  }

  @Test
  void computes_the_code_from_the_secret_when_op_reports_none() {
    importIntoOp().ok();
    box.shell("bash", twoCalls()).ok();

    StsStandIn.Call mint = sts.calls("GetSessionToken").get(0);
    assertTrue(localCodes(mint).contains(mint.params().get("TokenCode")), mint.toString());
  }

  @Test
  void init_selects_an_existing_api_credential_item_by_title() {
    box.config("[default]\nregion = eu-west-1\n");
    // [default] keeps no keys of its own: with them, only an item holding the same key serves it.
    box.credentials("");
    Sandbox.Result init =
        box.keyshell(
                null,
                "plugin",
                "init",
                "aws",
                "--store",
                "op",
                "--item",
                "Example API Credential",
                "--scope",
                "global",
                "--yes")
            .ok();
    assertTrue(init.err().contains("Using item 'Example API Credential'"), init.toString());

    box.shell("bash", twoCalls()).ok();
    StsStandIn.Call mint = sts.calls("GetSessionToken").get(0);
    assertEquals("__token__", mint.signingKeyId(), "username is the access key id");
    assertEquals(null, mint.params().get("TokenCode"), "no MFA without a serial");
  }

  @Test
  void init_with_an_ambiguous_title_lists_the_candidates_in_one_line() {
    Sandbox.Result r =
        box.keyshell(
            null, "plugin", "init", "aws", "--store", "op", "--item", "Delete Me", "--yes");

    assertEquals(1, r.exit(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith("keyshell: more than one 1Password item matches"));
    assertTrue(lines.get(0).contains("(id vwyt5in4gempt67i7d2mpao6c4)"), r.toString());
    assertTrue(lines.get(0).contains("(id dmm2ybtxxjlxtv23puevxw5ydy)"), r.toString());
    assertTrue(lines.get(1).startsWith("hint: "), r.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "signed-out, keyshell: the 1Password CLI is not signed in, op signin",
    "locked, keyshell: the 1Password app did not authorize op, unlock 1Password",
    "missing, keyshell: the 1Password CLI (op) is not installed or not on PATH, get-started",
    "hang, keyshell: op did not answer within 2 s and was stopped, approve the 1Password prompt",
    "deleted, keyshell: 1Password item '" + CREATED_ID + "' not found, op item list",
  })
  void op_failures_reach_the_user_as_one_line_and_a_hint(String mode, String message, String hint)
      throws Exception {
    importIntoOp().ok();
    switch (mode) {
      case "missing" -> box.env.put("PATH", Sandbox.PATH);
      case "deleted" -> Files.delete(op.items.resolve(CREATED_ID + ".json"));
      case "hang" -> {
        box.env.put("OP_FAKE_MODE", mode);
        box.env.put("KEYSHELL_OP_TIMEOUT", "2");
      }
      default -> box.env.put("OP_FAKE_MODE", mode);
    }

    Sandbox.Result r =
        box.keyshell(null, "plugin", "run", "--", "aws", "sts", "get-caller-identity");

    assertEquals(1, r.exit(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith(message), r.toString());
    assertTrue(lines.get(1).startsWith("hint: ") && lines.get(1).contains(hint), r.toString());
    assertEquals(List.of(), sts.calls(), "nothing reached STS");
    if (mode.equals("hang")) {
      long child = Long.parseLong(op.read("child.pid").trim());
      ProcessHandle.of(child).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }
  }

  private JsonNode scopeEntry() throws Exception {
    Path scope = box.configDir().resolve("plugins/aws.json");
    return new ObjectMapper().readTree(Files.readString(scope)).get("credentials").get(0);
  }

  private static List<String> localCodes(StsStandIn.Call mint) {
    TotpSecret s = TotpSecret.parse(TOTP_SECRET);
    return List.of(
        s.codeAt(Instant.ofEpochMilli(mint.atMillis())),
        s.codeAt(Instant.ofEpochMilli(mint.atMillis() - 30_000)));
  }
}
