package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyshell.otp.TotpSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --store connect} end to end: init imports into a Connect server, then the real AWS CLI
 * runs through the {@code aws} function in bash with the keys read back from the server.
 */
class ConnectServerIT {
  static final String KEY_ID = AwsFunctionIT.KEY_ID;
  static final String SECRET = AwsFunctionIT.SECRET;
  static final String MFA = AwsFunctionIT.MFA;
  static final String TOTP_SECRET = AwsFunctionIT.TOTP_SECRET;
  static final String USER_ARN = AwsFunctionIT.USER_ARN;
  static final String VAULT = ConnectStandIn.VAULT;
  static final String CREATED_ID = "c0nn3ctcr3at3d1t3m000000aa";

  /** What the stand-in reports as the OTP field's current code: not the secret's code. */
  static final String SERVER_CODE = "000042";

  @TempDir Path tmp;
  Sandbox box;
  StsStandIn sts;
  ConnectStandIn connect;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    connect = new ConnectStandIn();
    box = new Sandbox(tmp);
    box.env.put("OP_CONNECT_HOST", connect.url());
    box.env.put("OP_CONNECT_TOKEN", ConnectStandIn.TOKEN);
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.credentials(
        "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
    box.config("[default]\nregion = eu-west-1\nmfa_serial = " + MFA + "\n");
  }

  @AfterEach
  void tearDown() {
    sts.close();
    connect.close();
  }

  private Sandbox.Result importIntoConnect() {
    return Users.importDefault(box, "connect", "--remove-plaintext");
  }

  private String twoCalls() {
    String call =
        "aws sts get-caller-identity --output text --query Arn --endpoint-url " + sts.url();
    return "source " + box.configDir().resolve("plugins.sh") + " && " + call + " && " + call;
  }

  @Test
  void aws_runs_with_keys_read_back_from_connect_once_then_from_the_warm_cache() throws Exception {
    connect.totp(SERVER_CODE);
    Sandbox.Result init = importIntoConnect().ok();
    assertTrue(
        init.err().contains("Saved 'AWS default' (AKIA…MPLE) in 1Password Connect, vault 'VaultA'"),
        init.toString());

    ObjectNode stored = connect.item(CREATED_ID);
    assertEquals("LOGIN", stored.get("category").asText());
    assertEquals("OTP", stored.get("fields").get(2).get("type").asText(), stored.toString());
    JsonNode entry = scopeEntry();
    assertEquals("connect", entry.get("store").asText());
    assertEquals(connect.url(), entry.get("account").asText(), "the host is the account");
    assertEquals(VAULT, entry.get("vault_id").asText());
    assertEquals(CREATED_ID, entry.get("item_id").asText());

    int initRequests = connect.requests().size();
    long before = System.currentTimeMillis();
    Sandbox.Result r = box.shell("bash", twoCalls()).ok();
    assertEquals(USER_ARN + "\n" + USER_ARN + "\n", r.out(), r.toString());

    List<ConnectStandIn.Request> run =
        connect.requests().subList(initRequests, connect.requests().size());
    assertEquals(
        List.of(
            new ConnectStandIn.Request(
                "GET /v1/vaults/" + VAULT + "/items/" + CREATED_ID,
                "Bearer " + ConnectStandIn.TOKEN)),
        run,
        "one read for the first aws call; the second is served from the warm cache");

    StsStandIn.Call mint = sts.calls("GetSessionToken").get(0);
    assertEquals(1, sts.calls("GetSessionToken").size());
    assertEquals(KEY_ID, mint.signingKeyId(), "the key pair read back from Connect");
    String code = mint.params().get("TokenCode");
    if (TotpSecret.timeStep(Instant.ofEpochMilli(before))
        == TotpSecret.timeStep(Instant.ofEpochMilli(mint.atMillis()))) {
      assertEquals(
          SERVER_CODE, code, "the server's current code is preferred while its step lasts");
    } else {
      assertTrue(code.equals(SERVER_CODE) || localCodes(mint).contains(code), code);
    }
  }

  @Test
  void computes_the_code_from_the_secret_when_the_server_reports_none() {
    importIntoConnect().ok();
    box.shell("bash", twoCalls()).ok();

    StsStandIn.Call mint = sts.calls("GetSessionToken").get(0);
    assertTrue(localCodes(mint).contains(mint.params().get("TokenCode")), mint.toString());
  }

  @Test
  void the_token_stays_out_of_files_and_of_the_child_environment() throws Exception {
    importIntoConnect().ok();
    Sandbox.Result env = box.keyshell(null, "exec", "--", "env").ok();

    assertFalse(env.out().contains(ConnectStandIn.TOKEN), "the child sees no Connect token");
    assertFalse(env.out().contains(SECRET));
    for (String secret : List.of(ConnectStandIn.TOKEN, KEY_ID, SECRET, TOTP_SECRET)) {
      assertEquals(List.of(), Sandbox.filesContaining(box.home, secret), secret);
      assertEquals(List.of(), Sandbox.filesContaining(box.runtime, secret), secret);
    }
  }

  @Test
  void init_selects_an_existing_item_by_title_and_reads_it_with_its_own_mfa_serial() {
    box.config("[default]\nregion = eu-west-1\n");
    long before = System.currentTimeMillis();
    Sandbox.Result init =
        box.keyshell(
                null, "plugin", "init", "aws", "--store", "connect", "--item", "AWS", "--scope",
                "global", "--yes")
            .ok();
    assertTrue(
        init.err().contains("Using item 'AWS' (AKIA…MPLE) from 1Password Connect"),
        init.toString());

    box.shell("bash", twoCalls()).ok();
    StsStandIn.Call mint = sts.calls("GetSessionToken").get(0);
    assertEquals(KEY_ID, mint.signingKeyId(), "'access key id' matched case-insensitively");
    assertEquals("arn:aws:iam::123456789012:mfa/alice", mint.params().get("SerialNumber"));
    String code = mint.params().get("TokenCode");
    if (TotpSecret.timeStep(Instant.ofEpochMilli(before))
        == TotpSecret.timeStep(Instant.ofEpochMilli(mint.atMillis()))) {
      assertEquals(ConnectStandIn.AWS_ITEM_TOTP, code);
    } else {
      assertTrue(code.equals(ConnectStandIn.AWS_ITEM_TOTP) || localCodes(mint).contains(code));
    }
  }

  @Test
  void init_with_an_ambiguous_title_lists_the_candidates_in_one_line() {
    for (String id : List.of("tw1n1t3mk3ysh3ll0000000000", "tw1n1t3mk3ysh3ll0000000001")) {
      ObjectNode twin = connect.item(ConnectStandIn.AWS_ITEM).deepCopy();
      connect.add(twin.put("id", id).put("title", "Twin"));
    }
    Sandbox.Result r =
        box.keyshell(
            null, "plugin", "init", "aws", "--store", "connect", "--item", "Twin", "--yes");

    assertEquals(1, r.exit(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith("keyshell: more than one item on the Connect server"));
    assertTrue(lines.get(0).contains("(id tw1n1t3mk3ysh3ll0000000000)"), r.toString());
    assertTrue(lines.get(0).contains("(id tw1n1t3mk3ysh3ll0000000001)"), r.toString());
    assertTrue(lines.get(1).startsWith("hint: "), r.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"401", "404", "500", "refused"})
  void server_failures_reach_the_user_as_one_line_naming_the_host(String failure) {
    importIntoConnect().ok();
    int before = connect.requests().size();
    String expected;
    switch (failure) {
      case "401" -> {
        box.env.put("OP_CONNECT_TOKEN", "revoked-token");
        expected = "refused the token (HTTP 401: Invalid token signature)";
      }
      case "404" -> {
        connect.remove(CREATED_ID);
        expected = "item " + CREATED_ID + " not found on the Connect server at " + connect.url();
      }
      case "500" -> {
        connect.failWith(500);
        expected = "the Connect server at " + connect.url() + " failed (HTTP 500";
      }
      default -> {
        connect.close();
        expected = "cannot reach the Connect server at " + connect.url() + " (connection refused)";
      }
    }

    Sandbox.Result r =
        box.keyshell(null, "plugin", "run", "--", "aws", "sts", "get-caller-identity");

    assertEquals(1, r.exit(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith("keyshell: "), r.toString());
    assertTrue(lines.get(0).contains(expected), r.toString());
    assertTrue(lines.get(1).startsWith("hint: "), r.toString());
    assertFalse(r.err().contains(ConnectStandIn.TOKEN), "the token is never printed");
    assertEquals(List.of(), sts.calls(), "nothing reached STS");
    if (failure.equals("500")) {
      assertEquals(3, connect.requests().size() - before, "a failed GET is tried three times");
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
