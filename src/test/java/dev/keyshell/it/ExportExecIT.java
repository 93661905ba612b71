package dev.keyshell.it;

import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static dev.keyshell.it.AwsFunctionIT.USER_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyshell export} and {@code keyshell exec} as other programs and shells use them. */
class ExportExecIT {
  static final String SESSION_ID = "ASIASESSIONEXAMPLE01"; // shell/sts-standin

  @TempDir Path tmp;
  StsStandIn sts;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box =
        Users.initialised(
            tmp,
            sts,
            Users.CONFIG
                + "\n[profile tool]\nregion = eu-west-1\ncredential_process = "
                + Sandbox.KEYSHELL
                + " export --profile default --format json\n");
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  @Test
  void export_json_is_exactly_the_credential_process_contract() throws Exception {
    Sandbox.Result r = box.keyshell(null, "export", "--format", "json").ok();
    JsonNode json = new ObjectMapper().readTree(r.out());
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of("Version", "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"), names);
    assertTrue(json.get("Version").isInt());
    assertEquals(1, json.get("Version").asInt());
    assertEquals(SESSION_ID, json.get("AccessKeyId").asText());
    assertEquals("standinSessionSecretKey0000000000000000", json.get("SecretAccessKey").asText());
    String exp = json.get("Expiration").asText();
    assertTrue(exp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), exp);
    assertTrue(Instant.parse(exp).isAfter(Instant.now().plusSeconds(7 * 3600)), exp);
    assertFalse(r.out().contains(KEY_ID) || r.out().contains(SECRET));

    // The second call is served from the warm index: the same bytes, no STS call. That it loads
    // no picocli (nor databind, nor the SDK) is WarmPathIT's: the launcher keeps
    // JAVA_TOOL_OPTIONS away from keyshell's own JVM, so a class-load log needs a plain java.
    int calls = sts.calls().size();
    Sandbox.Result warm = box.keyshell(null, "export", "--format", "json").ok();
    assertEquals(r.out(), warm.out());
    assertEquals(calls, sts.calls().size());
  }

  @Test
  void export_env_is_shell_lines_that_set_the_session() {
    Sandbox.Result r = box.keyshell(null, "export", "--format", "env").ok();
    assertTrue(r.out().startsWith("export AWS_ACCESS_KEY_ID='" + SESSION_ID + "'\n"), r.out());
    Sandbox.Result s =
        box.shell(
                "bash",
                "eval \"$("
                    + Sandbox.KEYSHELL
                    + " export)\"; echo \"$AWS_SESSION_TOKEN|$AWS_REGION\"")
            .ok();
    assertEquals(
        "StandinSession/arn:aws:iam::111122223333:user/demo|eu-west-1\n", s.out(), s.err());
  }

  @Test
  void the_real_aws_cli_gets_the_identity_through_credential_process() {
    Sandbox.Result r =
        box.run(
                List.of(
                    "/usr/bin/aws",
                    "sts",
                    "get-caller-identity",
                    "--profile",
                    "tool",
                    "--endpoint-url",
                    sts.url(),
                    "--output",
                    "text",
                    "--query",
                    "Arn"),
                null)
            .ok();
    assertEquals(USER_ARN + "\n", r.out(), r.toString());
    List<StsStandIn.Call> who = sts.calls("GetCallerIdentity");
    assertEquals(1, who.size());
    assertEquals(SESSION_ID, who.get(0).signingKeyId());
  }

  @Test
  void ten_exports_at_once_mint_once_and_read_one_totp_code() throws Exception {
    Sandbox.Result r =
        box.shell(
                "bash",
                "for i in 0 1 2 3 4 5 6 7 8 9; do "
                    + Sandbox.KEYSHELL
                    + " export --format json > out$i 2> err$i & done; wait; cat err*")
            .ok();
    assertFalse(r.out().contains("waiting"), "no process had to wait for a new code: " + r.out());
    List<StsStandIn.Call> gst = sts.calls("GetSessionToken");
    assertEquals(1, gst.size(), "minted once");
    String first = Files.readString(box.home.resolve("out0"));
    assertTrue(first.contains(SESSION_ID), first);
    for (int i = 1; i < 10; i++) {
      assertEquals(first, Files.readString(box.home.resolve("out" + i)), "out" + i);
    }
  }

  @Test
  void exec_returns_the_exit_code_of_the_command() {
    assertEquals(7, box.keyshell(null, "exec", "--", "sh", "-c", "exit 7").exit());
  }

  @Test
  void exec_returns_128_plus_n_when_the_command_dies_of_signal_n() {
    Sandbox.Result r = box.keyshell(null, "exec", "--", "sh", "-c", "kill -TERM $$");
    assertEquals(143, r.exit(), r.toString());
  }

  @Test
  void exec_passes_stdin_and_stdout_through() {
    Sandbox.Result r = box.keyshell("line one\nline two\n", "exec", "--", "cat").ok();
    assertEquals("line one\nline two\n", r.out());
  }

  @Test
  void a_signal_sent_to_keyshell_reaches_the_command() {
    String script =
        Sandbox.KEYSHELL
            + " exec -- sh -c 'trap \"echo got-term; kill $s; exit 42\" TERM;"
            + " sleep 60 & s=$!; touch ready; wait' & pid=$!; "
            + "while [ ! -f ready ]; do sleep 0.1; done; kill -TERM $pid; wait $pid; "
            + "echo \"exit=$?\"";
    Sandbox.Result r = box.shell("bash", script);
    assertEquals("got-term\nexit=42\n", r.out(), r.toString());
  }
}
