package dev.keyshell.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.keyshell.core.Env;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerEnvTest {
  @Test
  void
      no_credential_no_profile_no_other_container_setting_and_no_keyshell_secret_reaches_the_child() {
    Map<String, String> vars = new HashMap<>();
    for (String name : ServerEnv.REMOVED) {
      vars.put(name, "x");
    }
    vars.put("KEYSHELL_VAULT_PASSPHRASE", "p");
    vars.put("OP_SESSION_my", "s");
    vars.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1");
    vars.put("PATH", "/usr/bin");
    Map<String, String> child =
        ServerEnv.of(
            new Env(vars, Path.of("/h"), Path.of("/h")),
            "http://127.0.0.1:9/p",
            "tok",
            Optional.of("eu-west-1"));
    assertEquals(
        Map.of(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/p",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok",
            "AWS_REGION", "eu-west-1",
            "AWS_DEFAULT_REGION", "eu-west-1",
            "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1",
            "PATH", "/usr/bin"),
        child);
    assertFalse(
        ServerEnv.of(new Env(vars, Path.of("/h"), Path.of("/h")), "u", "t", Optional.empty())
            .containsKey("AWS_REGION"));
  }
}
