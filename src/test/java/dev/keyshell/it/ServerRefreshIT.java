package dev.keyshell.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static dev.keyshell.it.AwsFunctionIT.USER_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint over time: a stand-in STS whose sessions are short, so the endpoint must mint again
 * while its child runs; and a store that cannot be read when it does.
 */
class ServerRefreshIT {
  @TempDir Path tmp;
  StsStandIn sts;

  @BeforeEach
  void setUp() {
    sts = new StsStandIn();
  }

  @AfterEach
  void tearDown() {
    sts.close();
  }

  /** GetSessionToken answers with a new key id each time, valid for {@code offset}. */
  void sessionsLasting(String offset) {
    sts.server.stubFor(
        post("/")
            .atPriority(1)
            .withRequestBody(containing("Action=GetSessionToken"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        "<GetSessionTokenResponse"
                            + " xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            + "<GetSessionTokenResult><Credentials>"
                            + "<SessionToken>StandinSession/"
                            + USER_ARN
                            + "</SessionToken>"
                            + "<SecretAccessKey>shortSessionSecret</SecretAccessKey>"
                            + "<Expiration>{{now timezone='UTC' offset='"
                            + offset
                            + "' format=\"yyyy-MM-dd'T'HH:mm:ss'Z'\"}}</Expiration>"
                            + "<AccessKeyId>ASIASHORT{{randomValue length=11 type='NUMERIC'}}"
                            + "</AccessKeyId>"
                            + "</Credentials></GetSessionTokenResult>"
                            + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>"
                            + "</GetSessionTokenResponse>")));
  }

  @Test
  void aws_boto3_and_the_java_sdk_get_valid_credentials_across_a_refresh() throws Exception {
    sessionsLasting("6 minutes");
    Sandbox box = Users.initialised(tmp, sts, Users.CONFIG);
    // Long-running boto3 and Java SDK programs, each calling once, then twice more after a
    // minute, when the session has under 5 minutes left; aws before and after them.
    String boto3 =
        "import boto3, time\n"
            + "sts = boto3.client('sts', endpoint_url='"
            + sts.url()
            + "')\n"
            + "for pause in (62, 0, 0):\n"
            + "    print('boto3', sts.get_caller_identity()['Arn'], flush=True)\n"
            + "    time.sleep(pause)\n";
    String aws =
        "/usr/bin/aws sts get-caller-identity --endpoint-url "
            + sts.url()
            + " --output text --query Arn";
    String java =
        Path.of(System.getProperty("java.home"), "bin", "java")
            + " -cp "
            + System.getProperty("java.class.path")
            + " "
            + SdkChild.class.getName()
            + " "
            + sts.url()
            + " 3 62";
    Path program = box.write("long_running.py", boto3);
    String script =
        aws + "; " + java + " > java.out & python3 " + program + "; wait; cat java.out; " + aws;
    try {
      Sandbox.Result r = box.keyshell(null, "exec", "--server", "--", "sh", "-c", script);
      r.ok();
      String arn = USER_ARN + "\n";
      String boto = "boto3 " + arn;
      assertEquals(arn + boto + boto + boto + arn + arn + arn + arn, r.out(), r.toString());
      List<StsStandIn.Call> mints = sts.calls("GetSessionToken");
      assertEquals(
          2, mints.size(), "minted at the start, and again once under 5 minutes were left");
      assertTrue(mints.get(1).atMillis() - mints.get(0).atMillis() >= 60_000);
      List<String> signers =
          sts.calls("GetCallerIdentity").stream().map(StsStandIn.Call::signingKeyId).toList();
      assertEquals(8, signers.size());
      assertTrue(signers.get(0).startsWith("ASIASHORT"), signers.toString());
      assertEquals(2, signers.stream().distinct().count(), signers.toString());
      assertFalse(signers.get(0).equals(signers.get(7)), "the last aws has the new session");
    } finally {
      box.keyshell(null, "lock");
    }
  }

  @Test
  void a_store_that_cannot_be_read_when_a_refresh_is_due_keeps_the_held_session_served()
      throws Exception {
    // Sessions of 6 minutes: a refresh is due after one (under 5 minutes left). keyshell never
    // mints sessions shorter than its 5-minute margin (DESIGN step 9), so the 500 a client gets
    // once the held session is all but over is RefreshingCredentialsTest's, on a moved clock.
    sessionsLasting("6 minutes");
    Sandbox box = new Sandbox(tmp);
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.credentials(
        "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
    box.config("[default]\nregion = eu-west-1\n");
    Users.importProfile(box, null, "local", "default", "--scope", "global", "--remove-plaintext")
        .ok();
    String aws =
        "/usr/bin/aws sts get-caller-identity --endpoint-url "
            + sts.url()
            + " --output text"
            + " --query Arn";
    String vault = "$HOME/.local/share/keyshell/vault.ksv";
    String script =
        aws
            + "; mv "
            + vault
            + " "
            + vault
            + ".away; sleep 62; "
            + aws
            + "; echo \"exit=$?\"; mv "
            + vault
            + ".away "
            + vault
            + "; "
            + aws;
    try {
      Sandbox.Result r = box.keyshell(null, "exec", "--server", "--", "sh", "-c", script);
      assertEquals(0, r.exit(), r.toString());
      assertEquals(
          USER_ARN + "\n" + USER_ARN + "\nexit=0\n" + USER_ARN + "\n", r.out(), r.toString());
      assertTrue(
          r.err().contains("keyshell: cannot refresh the credentials (there is no local vault yet"),
          r.err());
      assertFalse(r.err().contains("shortSessionSecret"), r.err());
    } finally {
      box.keyshell(null, "lock");
    }
  }
}
