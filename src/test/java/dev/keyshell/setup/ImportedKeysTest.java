package dev.keyshell.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --import-env}: the keys of the environment, long-lived ones only. */
class ImportedKeysTest {
  static final String ID = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private static Env env(Map<String, String> vars) {
    return new Env(vars, Path.of("/home/u"), Path.of("/home/u"));
  }

  @Test
  void reads_the_key_pair_and_the_region_from_the_environment() {
    ImportedKeys keys =
        ImportedKeys.fromEnv(
            env(
                Map.of(
                    "AWS_ACCESS_KEY_ID",
                    ID,
                    "AWS_SECRET_ACCESS_KEY",
                    SECRET,
                    "AWS_REGION",
                    "eu-west-1",
                    "AWS_DEFAULT_REGION",
                    "us-east-1")));
    assertEquals(new ImportedKeys(ID, SECRET, Optional.of("eu-west-1")), keys);
  }

  @Test
  void falls_back_to_aws_default_region() {
    ImportedKeys keys =
        ImportedKeys.fromEnv(
            env(
                Map.of(
                    "AWS_ACCESS_KEY_ID", ID,
                    "AWS_SECRET_ACCESS_KEY", SECRET,
                    "AWS_DEFAULT_REGION", "us-east-1")));
    assertEquals(Optional.of("us-east-1"), keys.region());
  }

  @Test
  void refuses_temporary_keys_when_a_session_token_is_set() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () ->
                ImportedKeys.fromEnv(
                    env(
                        Map.of(
                            "AWS_ACCESS_KEY_ID", ID,
                            "AWS_SECRET_ACCESS_KEY", SECRET,
                            "AWS_SESSION_TOKEN", "token"))));
    assertTrue(e.getMessage().contains("AWS_SESSION_TOKEN"), e.getMessage());
    assertTrue(e.getMessage().contains("expire"), e.getMessage());
  }

  @Test
  void names_the_missing_access_key_variable() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> ImportedKeys.fromEnv(env(Map.of("AWS_SECRET_ACCESS_KEY", SECRET))));
    assertEquals("AWS_ACCESS_KEY_ID is not set", e.getMessage());
  }

  @Test
  void names_the_missing_secret_variable_even_when_blank() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () ->
                ImportedKeys.fromEnv(
                    env(Map.of("AWS_ACCESS_KEY_ID", ID, "AWS_SECRET_ACCESS_KEY", " "))));
    assertEquals("AWS_SECRET_ACCESS_KEY is not set", e.getMessage());
  }

  @Test
  void refuses_an_sts_key_id_in_the_environment() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () ->
                ImportedKeys.fromEnv(
                    env(
                        Map.of(
                            "AWS_ACCESS_KEY_ID",
                            "ASIAIOSFODNN7EXAMPLE",
                            "AWS_SECRET_ACCESS_KEY",
                            SECRET))));
    assertTrue(e.getMessage().startsWith("AWS_ACCESS_KEY_ID holds a temporary"), e.getMessage());
  }

  @Test
  void shows_the_key_id_masked_and_never_the_secret() {
    String shown = new ImportedKeys(ID, SECRET, Optional.of("eu-west-1")).toString();
    assertEquals("ImportedKeys[AKIA…MPLE, eu-west-1]", shown);
    assertFalse(shown.contains(SECRET));
  }
}
