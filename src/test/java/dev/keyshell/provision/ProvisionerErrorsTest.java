package dev.keyshell.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.ScopeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the user is told when provisioning cannot proceed: one line, a hint, no STS call. */
class ProvisionerErrorsTest {
  @TempDir Path tmp;
  ProvisionWorld world;

  @BeforeEach
  void setUp() throws Exception {
    world = new ProvisionWorld(tmp);
    world.config(
        "[default]\nregion = eu-west-1\n\n"
            + "[profile tool]\ncredential_process = /usr/local/bin/other-tool --profile default --format"
            + " json\n\n"
            + "[profile sso]\nsso_start_url = https://example.awsapps.com/start\n"
            + "sso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Admin\n\n"
            + "[profile via-sso]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = sso\n\n"
            + "[profile via-tool]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = tool\n\n"
            + "[profile instance]\nrole_arn = arn:aws:iam::1:role/x\n"
            + "credential_source = Ec2InstanceMetadata\n");
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  @Test
  void profiles_outside_the_chain_are_none_of_keyshells_business() {
    Minted m = world.provision("default");
    assertEquals(ProvisionWorld.SESSION_KEY_ID, m.credentials().accessKeyId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "tool,     tool,     credential_process",
    "via-tool, tool,     credential_process",
    "instance, instance, credential_source",
  })
  void sources_aws_serves_itself_name_the_profile_and_the_key_for_exec_and_export(
      String selected, String profile, String key) {
    KeyshellException e = assertThrows(KeyshellException.class, () -> world.provision(selected));
    assertOneLine(e);
    assertTrue(e.getMessage().startsWith("AWS profile '" + selected + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + profile + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(key), e.getMessage());
    assertTrue(e.getMessage().contains("which aws serves itself"), e.getMessage());
    assertEquals(0, world.calls().size());
  }

  @Test
  void a_malformed_config_file_is_one_line_naming_the_file() throws Exception {
    world.config("[default]\nregion = eu-west-1\nthis line has no equals sign\n");
    KeyshellException e = assertThrows(KeyshellException.class, () -> world.provision("default"));
    assertOneLine(e);
    Path config = world.env.home().resolve(".aws/config");
    assertTrue(e.getMessage().contains("cannot parse " + config), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void a_profile_with_no_item_and_no_default_says_which_command_fixes_it() throws Exception {
    // The global scope maps only the profile 'work' to the item: no default.
    CredentialRef only = CredentialRef.aws(world.item, "AWS alice", "Private", "work");
    Files.write(world.dirs.globalScope("aws"), ScopeFile.render(List.of(only)));

    KeyshellException e = assertThrows(KeyshellException.class, () -> world.provision("default"));
    assertOneLine(e);
    assertTrue(
        e.getMessage().contains("no keyshell credential serves AWS profile 'default'"),
        e.getMessage());
    assertTrue(e.hint().contains("keyshell plugin init aws --import-profile 'default'"), e.hint());
    assertEquals(0, world.calls().size());
  }

  private static void assertOneLine(KeyshellException e) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.hint() != null && !e.hint().isBlank() && !e.hint().contains("\n"), e.hint());
  }
}
