package dev.keyshell.it;

import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static dev.keyshell.it.AwsFunctionIT.USER_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.setup.AwsVaultFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An aws-vault user with no plaintext file imports the key from aws-vault's file backend. */
class AwsVaultImportIT {
  private static final String PASSPHRASE = "aws-vault file passphrase";

  @TempDir Path tmp;
  StsStandIn sts;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = new Sandbox(tmp);
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.config("[profile work]\nregion = eu-west-1\n");
    AwsVaultFixture.write(box.home.resolve(".awsvault/keys/work"), PASSPHRASE, KEY_ID, SECRET, "");
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  private Sandbox.Result importWork() {
    return box.keyshell(
        null,
        "plugin",
        "init",
        "aws",
        "--store",
        "local",
        "--import-aws-vault",
        "work",
        "--scope",
        "global",
        "--yes");
  }

  @Test
  void imports_the_key_and_aws_is_served_with_it() throws Exception {
    box.env.put("AWS_VAULT_FILE_PASSPHRASE", PASSPHRASE);
    Sandbox.Result r = importWork().ok();
    assertTrue(r.err().contains("Saved 'AWS work' (AKIA"), r.toString());
    assertFalse(Files.exists(box.home.resolve(".aws/credentials")), "no plaintext file written");
    box.env.remove("AWS_VAULT_FILE_PASSPHRASE");

    Sandbox.Result who =
        box.run(
                List.of(
                    "/usr/bin/bash",
                    "-c",
                    "source "
                        + box.configDir().resolve("plugins.sh")
                        + " && aws sts get-caller-identity --profile work --output text"
                        + " --query Arn --endpoint-url "
                        + sts.url()),
                null)
            .ok();
    assertEquals(USER_ARN + "\n", who.out(), who.toString());
    assertEquals(KEY_ID, sts.calls("GetSessionToken").get(0).signingKeyId());
  }

  @Test
  void a_wrong_passphrase_stores_nothing() {
    box.env.put("AWS_VAULT_FILE_PASSPHRASE", "not the passphrase");
    Sandbox.Result r = importWork();
    assertEquals(1, r.exit(), r.toString());
    assertTrue(
        r.err().startsWith("keyshell: wrong passphrase for aws-vault's file backend"), r.err());
    assertFalse(Files.exists(box.home.resolve(".local/share/keyshell/vault.ksv")));
  }
}
