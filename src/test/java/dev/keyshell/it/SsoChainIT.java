package dev.keyshell.it;

import static dev.keyshell.it.AwsFunctionIT.ROLE_ARN;
import static dev.keyshell.sso.IdentityCenterStandIn.ACCESS_TOKEN;
import static dev.keyshell.sso.IdentityCenterStandIn.REFRESH_TOKEN;
import static dev.keyshell.sso.IdentityCenterStandIn.ROLE_KEY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyshell.sso.IdentityCenterStandIn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IAM Identity Center profile, and a role chained on it, through the {@code aws} function with
 * the real AWS CLI, {@code export} and {@code exec}: the portal's role credentials sign the
 * AssumeRole, and parallel callers share one browser sign-in.
 */
class SsoChainIT {
  static final String SSO_ARN = "arn:aws:sts::111122223333:assumed-role/Developer/sso-user";
  static final String SSO_CONFIG =
      """

      [profile sso-dev]
      sso_session = corp
      sso_account_id = 111122223333
      sso_role_name = Developer
      region = eu-west-1

      [profile sso-admin]
      role_arn = %s
      source_profile = sso-dev

      [sso-session corp]
      sso_start_url = https://standin.awsapps.com/start
      sso_region = eu-west-1
      """
          .formatted(ROLE_ARN);

  @TempDir Path tmp;
  StsStandIn sts;
  IdentityCenterStandIn standIn;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    standIn = new IdentityCenterStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG + SSO_CONFIG);
    box.env.put("AWS_ENDPOINT_URL_SSO_OIDC", standIn.url());
    box.env.put("AWS_ENDPOINT_URL_SSO", standIn.url());
    box.env.put("BROWSER", IdentityCenterStandIn.browserScript(tmp).toString());
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    standIn.close();
    sts.close();
  }

  @Test
  void the_aws_function_runs_the_real_cli_as_the_sso_role_and_the_role_chained_on_it() {
    String plugins = "source " + box.configDir().resolve("plugins.sh");
    String who =
        " && aws sts get-caller-identity --output text --query Arn --endpoint-url " + sts.url();
    Sandbox.Result r =
        box.shell("bash", plugins + who + " --profile sso-dev" + who + " --profile sso-admin").ok();
    String[] arns = r.out().split("\n");
    assertEquals(SSO_ARN, arns[0], r.toString());
    assertEquals(ROLE_ARN, arns[1], r.toString());
    List<StsStandIn.Call> assume = sts.calls("AssumeRole");
    assertEquals(1, assume.size());
    assertEquals(ROLE_KEY_ID, assume.get(0).signingKeyId(), "the SSO role signs the AssumeRole");
    assertEquals(1, standIn.count("POST", "/device_authorization", 0));
    assertEquals(1, standIn.count("GET", "/federation/credentials", 200));
    assertTrue(
        sts.calls("GetSessionToken").isEmpty(), "the item's long-lived key is not used at all");
  }

  @Test
  void eight_parallel_cold_exports_make_one_device_authorization() throws Exception {
    Sandbox.Result r =
        SsoIT.parallel(
            box,
            8,
            "p=sso-dev; [ $((i % 2)) = 1 ] && p=sso-admin; "
                + Sandbox.KEYSHELL
                + " export --profile $p --format json");
    assertEquals(1, standIn.count("POST", "/device_authorization", 0), r.err());
    assertEquals(1, standIn.tokensIssued("device_code"), r.err());
    assertEquals(1, standIn.count("GET", "/federation/credentials", 200), r.err());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> outs =
        List.of(
            json.readTree(tmp.resolve("home/out0").toFile()),
            json.readTree(tmp.resolve("home/out1").toFile()));
    assertEquals(ROLE_KEY_ID, outs.get(0).get("AccessKeyId").asText());
    assertEquals("ASIAROLEEXAMPLE00001", outs.get(1).get("AccessKeyId").asText());
    for (String secret : List.of(ACCESS_TOKEN, REFRESH_TOKEN)) {
      assertEquals(List.of(), Sandbox.filesContaining(box.root, secret), secret);
    }
  }

  @Test
  void exec_gives_the_command_the_sso_role() {
    Sandbox.Result r =
        box.keyshell(
                null,
                "exec",
                "--profile",
                "sso-dev",
                "--",
                "/usr/bin/aws",
                "sts",
                "get-caller-identity",
                "--output",
                "text",
                "--query",
                "Arn",
                "--endpoint-url",
                sts.url())
            .ok();
    assertEquals(SSO_ARN + "\n", r.out(), r.toString());
  }

  @Test
  void exec_server_serves_the_sso_role_and_the_role_chained_on_it_to_the_real_cli() {
    String aws =
        "/usr/bin/aws sts get-caller-identity --output text --query Arn --endpoint-url "
            + sts.url();
    for (String[] c : new String[][] {{"sso-dev", SSO_ARN}, {"sso-admin", ROLE_ARN}}) {
      Sandbox.Result r =
          box.keyshell(
                  null,
                  "exec",
                  "--server",
                  "--profile",
                  c[0],
                  "--",
                  "sh",
                  "-c",
                  "env | grep -c '^AWS_ACCESS_KEY_ID=' ; " + aws)
              .ok();
      assertEquals("0\n" + c[1] + "\n", r.out(), r.toString());
    }
    assertEquals(1, standIn.count("POST", "/device_authorization", 0));
  }
}
