package dev.keyshell.it;

import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.ROLE_ARN;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static dev.keyshell.it.AwsFunctionIT.USER_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keyshell exec --server}: the real aws CLI, boto3 and the Java SDK get their credentials
 * from the endpoint, never from their environment; and the endpoint refuses every attack.
 */
class ServerIT {
  static final String SESSION_ID = ExportExecIT.SESSION_ID;

  @TempDir Path tmp;
  StsStandIn sts;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  Sandbox.Result execServer(String... command) {
    List<String> args = new java.util.ArrayList<>(List.of("exec", "--server", "--"));
    args.addAll(List.of(command));
    return box.keyshell(null, args.toArray(String[]::new));
  }

  @Test
  void the_aws_cli_gets_the_identity_with_no_key_in_its_environment() {
    Sandbox.Result r =
        execServer(
                "sh",
                "-c",
                "env; /usr/bin/aws sts get-caller-identity --endpoint-url "
                    + sts.url()
                    + " --output text --query Arn")
            .ok();
    Map<String, String> env = env(r.out());
    for (String name :
        List.of(
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "KEYSHELL_VAULT_PASSPHRASE")) {
      assertFalse(env.containsKey(name), name + " in the child's environment:\n" + r.out());
    }
    assertFalse(r.out().contains(SECRET) || r.out().contains(KEY_ID), r.out());
    assertFalse(r.out().contains("standinSessionSecretKey"), r.out());
    String uri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    assertTrue(uri.matches("http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{22}"), uri);
    assertTrue(env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN").matches("[A-Za-z0-9_-]{43}"));
    assertEquals("eu-west-1", env.get("AWS_REGION"));
    assertTrue(r.out().endsWith(USER_ARN + "\n"), r.toString());
    List<StsStandIn.Call> who = sts.calls("GetCallerIdentity");
    assertEquals(1, who.size());
    assertEquals(SESSION_ID, who.get(0).signingKeyId());
  }

  @Test
  void a_second_run_gets_another_port_token_and_path() {
    String script = "echo $AWS_CONTAINER_CREDENTIALS_FULL_URI $AWS_CONTAINER_AUTHORIZATION_TOKEN";
    String[] one = execServer("sh", "-c", script).ok().out().strip().split(" ");
    String[] two = execServer("sh", "-c", script).ok().out().strip().split(" ");
    assertFalse(one[0].equals(two[0]), one[0]);
    assertFalse(one[1].equals(two[1]));
  }

  @Test
  void boto3_assumes_nothing_and_gets_the_role_session_of_the_chosen_profile() {
    Sandbox.Result r =
        box.keyshell(
                null,
                "exec",
                "--server",
                "--profile",
                "dev-admin",
                "--",
                "python3",
                "-c",
                "import boto3; print(boto3.client('sts', endpoint_url='"
                    + sts.url()
                    + "').get_caller_identity()['Arn'])")
            .ok();
    assertEquals(ROLE_ARN + "\n", r.out(), r.toString());
    assertEquals("ASIAROLEEXAMPLE00001", sts.calls("GetCallerIdentity").get(0).signingKeyId());
  }

  @Test
  void the_java_sdk_default_chain_reads_the_endpoint() {
    Sandbox.Result r =
        execServer(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SdkChild.class.getName(),
                sts.url(),
                "2")
            .ok();
    assertEquals(USER_ARN + "\n" + USER_ARN + "\n", r.out(), r.toString());
    assertEquals(2, sts.calls("GetCallerIdentity").size());
    assertEquals(1, sts.calls("GetSessionToken").size(), "minted once, served twice");
  }

  @Test
  void the_exit_code_of_the_command_is_returned() {
    assertEquals(7, execServer("sh", "-c", "exit 7").exit());
    assertEquals(143, execServer("sh", "-c", "kill -TERM $$").exit());
  }

  @Test
  void every_attack_is_refused_and_the_endpoint_keeps_serving() throws Exception {
    Path script = Sandbox.PROJECT.resolve("src/test/resources/server/attacks.py");
    Sandbox.Result r = execServer("python3", script.toString()).ok();
    Map<String, String> out = new HashMap<>();
    for (String line : r.out().split("\n")) {
      int colon = line.indexOf(": ");
      out.put(line.substring(0, colon), line.substring(colon + 2));
    }
    assertTrue(out.get("valid").startsWith("200 {\"AccessKeyId\":\"" + SESSION_ID), r.out());
    assertTrue(out.get("localhost-host").startsWith("200 "), r.out());
    assertEquals(
        "401 {\"code\":\"Unauthorized\",\"message\":\"request refused\"}", out.get("no-token"));
    assertEquals(
        "403 {\"code\":\"AccessDenied\",\"message\":\"request refused\"}", out.get("wrong-token"));
    assertTrue(out.get("bearer-token").startsWith("403 "), r.out());
    assertEquals(
        "403 {\"code\":\"InvalidHost\",\"message\":\"request refused\"}", out.get("foreign-host"));
    assertTrue(out.get("host-without-port").startsWith("403 "), r.out());
    assertTrue(out.get("two-hosts").startsWith("400 "), r.out());
    assertTrue(out.get("wrong-path").startsWith("404 "), r.out());
    assertTrue(out.get("post").startsWith("405 "), r.out());
    assertTrue(out.get("oversized-head").startsWith("431 "), r.out());
    assertTrue(out.get("garbage").startsWith("400 "), r.out());
    assertTrue(out.get("while-slow").matches("200 in [0-2]\\.\\d s"), r.out());
    assertTrue(out.get("slowloris").matches("cut after [4-9] s"), r.out());
    assertEquals("refused", out.get("connect-127.0.0.2"), r.out());
    for (Map.Entry<String, String> e : out.entrySet()) {
      if (e.getKey().startsWith("connect-")) {
        assertEquals("refused", e.getValue(), e.getKey());
      }
      if (e.getKey().startsWith("from-")) {
        assertEquals("closed", e.getValue(), e.getKey());
      }
      if (!e.getKey().contains("valid")
          && !e.getKey().equals("localhost-host")
          && !e.getKey().equals("after-all")) {
        assertFalse(e.getValue().contains("AccessKeyId"), e.getKey() + ": " + e.getValue());
      }
    }
    assertTrue(out.keySet().stream().anyMatch(k -> k.startsWith("from-")), "no other address");
    assertTrue(out.get("after-all").startsWith("200 {\"AccessKeyId\""), r.out());
    // Nothing secret on keyshell's stderr, nothing at all in fact.
    assertEquals("", r.err());
    assertTrue(Files.exists(script));
  }

  @Test
  void a_default_profile_with_its_own_keys_is_refused_rather_than_shadowing_the_endpoint() {
    box.credentials("[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = x\n");
    Sandbox.Result r = execServer("sh", "-c", "echo ran");
    assertEquals(1, r.exit(), r.toString());
    assertEquals("", r.out());
    assertTrue(
        r.err().startsWith("keyshell: the default AWS profile has aws_access_key_id"), r.err());
    assertEquals(0, sts.calls().size(), "nothing minted");
  }

  @Test
  void serve_prints_fish_lines_that_fish_and_aws_use_and_stops_on_ctrl_c() throws Exception {
    box.env.put("SHELL", "/usr/bin/fish");
    ProcessBuilder pb =
        new ProcessBuilder(Sandbox.KEYSHELL.toString(), "serve", "--profile", "dev-admin")
            .directory(box.home.toFile())
            .redirectError(tmp.resolve("serve.err").toFile());
    pb.environment().clear();
    pb.environment().putAll(box.env);
    Process serve = pb.start();
    try {
      var lines =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  serve.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      String set = lines.readLine() + "\n" + lines.readLine() + "\n";
      assertTrue(
          set.matches(
              "set -x AWS_CONTAINER_CREDENTIALS_FULL_URI 'http://127\\.0\\.0\\.1:\\d+/[\\w-]+'\n"
                  + "set -x AWS_CONTAINER_AUTHORIZATION_TOKEN '[\\w-]{43}'\n"),
          set);
      String port = set.replaceAll("(?s).*127\\.0\\.0\\.1:(\\d+)/.*", "$1");
      Sandbox.Result r =
          box.shell(
                  "fish",
                  set
                      + "/usr/bin/aws sts get-caller-identity --endpoint-url "
                      + sts.url()
                      + " --output text --query Arn")
              .ok();
      assertEquals(ROLE_ARN + "\n", r.out(), r.toString());
      new ProcessBuilder("kill", "-INT", Long.toString(serve.pid())).start().waitFor();
      assertTrue(serve.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "stopped");
      assertEquals(130, serve.exitValue());
      String err = Files.readString(tmp.resolve("serve.err"));
      assertTrue(err.contains("serving credentials on 127.0.0.1:" + port), err);
      assertTrue(err.endsWith("keyshell: stopped\n"), err);
      assertFalse(err.contains(set.split("'")[3]), "the token is not on stderr");
      assertEquals(
          "refused",
          box.run(
                  List.of(
                      "python3",
                      "-c",
                      "import socket\ntry:\n socket.create_connection(('127.0.0.1', "
                          + port
                          + "), 5); print('open')\nexcept ConnectionRefusedError:\n print('refused')"),
                  null)
              .out()
              .strip());
    } finally {
      serve.destroyForcibly();
    }
  }

  private static Map<String, String> env(String out) {
    Map<String, String> env = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.substring(0, eq).matches("[A-Z_][A-Z0-9_]*")) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }
}
