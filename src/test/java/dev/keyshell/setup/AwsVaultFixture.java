package dev.keyshell.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Writes a file of aws-vault's file backend with a real JOSE implementation (Debian's
 * python3-jwcrypto), as 99designs/keyring writes it: a compact JWE, PBES2-HS256+A128KW and A256GCM,
 * over a keyring item whose Data is aws-vault's credentials JSON.
 */
public final class AwsVaultFixture {
  private static final String WRITER =
      "import base64, json, sys\n"
          + "from jwcrypto import jwe, jwk\n"
          + "creds = {'AccessKeyID': sys.argv[2], 'SecretAccessKey': sys.argv[3],"
          + " 'SessionToken': sys.argv[4], 'Source': '', 'CanExpire': False,"
          + " 'Expires': '0001-01-01T00:00:00Z'}\n"
          + "item = {'Key': 'work', 'Data': base64.b64encode(json.dumps(creds).encode()).decode(),"
          + " 'Label': 'aws-vault (work)', 'Description': '', 'KeychainNotTrustApplication': False,"
          + " 'KeychainNotSynchronizable': False}\n"
          + "e = jwe.JWE(json.dumps(item).encode(), json.dumps({'alg': 'PBES2-HS256+A128KW',"
          + " 'enc': 'A256GCM', 'created': '2026-01-01 00:00:00 +0000 UTC'}))\n"
          + "e.add_recipient(jwk.JWK.from_password(sys.argv[1]))\n"
          + "open(sys.argv[5], 'w').write(e.serialize(compact=True))\n";

  private AwsVaultFixture() {}

  public static void write(
      Path file, String passphrase, String accessKeyId, String secret, String sessionToken)
      throws Exception {
    java.nio.file.Files.createDirectories(file.getParent());
    Process p =
        new ProcessBuilder(
                "/usr/bin/python3", // Debian's, where python3-jwcrypto is installed
                "-c",
                WRITER,
                passphrase,
                accessKeyId,
                secret,
                sessionToken,
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 finished");
    assertEquals(0, p.exitValue(), "python3-jwcrypto wrote the fixture: " + out);
  }
}
