package dev.keyshell.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.keyshell.aws.SessionCredentials;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildEnvTest {
  private static final SessionCredentials SESSION =
      new SessionCredentials(
          "ASIATEMPEXAMPLE00001",
          "tempSecret",
          "tempToken",
          Instant.parse("2030-01-02T03:04:05.678Z"));

  private static final Map<String, String> USER =
      Map.of(
          "PATH", "/usr/bin",
          "AWS_ACCESS_KEY_ID", "AKIALONGLIVEDEXAMPLE",
          "AWS_SECRET_ACCESS_KEY", "longLivedSecret",
          "AWS_SECURITY_TOKEN", "legacy",
          "KEYSHELL_VAULT_PASSPHRASE", "hunter22",
          "OP_CONNECT_TOKEN", "connect-token",
          "OP_SESSION_my", "op-session",
          "AWS_PROFILE", "from-env");

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path home;

  /** USER's variables, with ~/.aws/config defining the profiles these tests pass on. */
  private dev.keyshell.core.Env env() throws java.io.IOException {
    java.nio.file.Files.createDirectories(home.resolve(".aws"));
    java.nio.file.Files.writeString(
        home.resolve(".aws/config"), "[profile from-env]\n[ profile dev ]\nregion = x\n");
    return new dev.keyshell.core.Env(USER, home, home);
  }

  @Test
  void a_profile_the_aws_files_do_not_define_is_not_passed_on() throws Exception {
    java.nio.file.Files.createDirectories(home.resolve(".aws"));
    java.nio.file.Files.writeString(home.resolve(".aws/credentials"), "[other]\n");
    dev.keyshell.core.Env env = new dev.keyshell.core.Env(USER, home, home);
    Map<String, String> out = ChildEnv.with(env, SESSION, Optional.empty(), Optional.of("work"));
    assertNull(
        out.get("AWS_PROFILE"), "aws would say: the config profile (work) could not be found");
    java.nio.file.Files.writeString(home.resolve(".aws/credentials"), "[other]\n[work]\n");
    assertEquals(
        "work",
        ChildEnv.with(env, SESSION, Optional.empty(), Optional.of("work")).get("AWS_PROFILE"));
  }

  @Test
  void child_gets_only_the_temporary_credentials_and_none_of_keyshells_secrets() throws Exception {
    Map<String, String> env =
        ChildEnv.with(env(), SESSION, Optional.of("eu-west-1"), Optional.empty());
    assertEquals("ASIATEMPEXAMPLE00001", env.get("AWS_ACCESS_KEY_ID"));
    assertEquals("tempSecret", env.get("AWS_SECRET_ACCESS_KEY"));
    assertEquals("tempToken", env.get("AWS_SESSION_TOKEN"));
    assertEquals("2030-01-02T03:04:05Z", env.get("AWS_CREDENTIAL_EXPIRATION"));
    assertEquals("eu-west-1", env.get("AWS_REGION"));
    assertEquals("eu-west-1", env.get("AWS_DEFAULT_REGION"));
    assertNull(env.get("AWS_SECURITY_TOKEN"));
    assertNull(env.get("KEYSHELL_VAULT_PASSPHRASE"));
    assertNull(env.get("OP_CONNECT_TOKEN"));
    assertNull(env.get("OP_SESSION_my"));
    assertFalse(env.containsValue("longLivedSecret"));
    assertEquals("from-env", env.get("AWS_PROFILE"));
    assertEquals("/usr/bin", env.get("PATH"));
  }

  @Test
  void a_profile_flag_is_passed_on_as_aws_profile() throws Exception {
    Map<String, String> env = ChildEnv.with(env(), SESSION, Optional.empty(), Optional.of("dev"));
    assertEquals("dev", env.get("AWS_PROFILE"));
    assertNull(env.get("AWS_REGION"));
  }

  @Test
  void commands_that_need_no_credentials_keep_the_users_environment_but_not_keyshells_secrets() {
    Map<String, String> env = ChildEnv.untouched(USER);
    assertEquals("AKIALONGLIVEDEXAMPLE", env.get("AWS_ACCESS_KEY_ID"));
    assertNull(env.get("KEYSHELL_VAULT_PASSPHRASE"));
    assertNull(env.get("OP_CONNECT_TOKEN"));
  }
}
