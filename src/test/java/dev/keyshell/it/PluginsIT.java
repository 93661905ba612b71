package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plugins as data: the AWS credential also serves cdk, sam, terraform and tofu, each by its own
 * rules, through functions that plugins.sh and plugins.fish define for what is installed.
 */
class PluginsIT {
  /** Fake tools: they say whether they were given a session token. */
  static final List<String> TOOLS = List.of("cdk", "sam", "terraform", "tofu");

  @TempDir Path tmp;
  Sandbox box;
  StsStandIn sts;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
    for (String tool : TOOLS) {
      Path fake =
          box.write(
              "tools/" + tool,
              "#!/bin/sh\necho \"" + tool + " $*: token=${AWS_SESSION_TOKEN:-none}\"\n");
      assertTrue(fake.toFile().setExecutable(true));
    }
    box.env.put("PATH", box.root.resolve("tools") + ":" + Sandbox.PATH);
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  private String source(String shell) {
    return "source "
        + box.configDir().resolve(shell.equals("fish") ? "plugins.fish" : "plugins.sh")
        + "; ";
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh", "fish"})
  void deploys_and_plans_get_minted_credentials_and_version_gets_none(String shell) {
    Sandbox.Result r =
        box.shell(
                shell,
                source(shell)
                    + "cdk deploy; sam deploy; terraform plan; tofu plan;"
                    + " terraform version; cdk --version; sam --info; terraform fmt")
            .ok();
    for (String line :
        List.of(
            "cdk deploy: token=",
            "sam deploy: token=",
            "terraform plan: token=",
            "tofu plan: token=")) {
      assertTrue(r.out().contains(line + "StandinSession/"), line + "\n" + r);
    }
    for (String line :
        List.of(
            "terraform version: token=none",
            "cdk --version: token=none",
            "sam --info: token=none",
            "terraform fmt: token=none")) {
      assertTrue(r.out().contains(line), line + "\n" + r);
    }
    assertEquals(1, sts.calls("GetSessionToken").size(), "one mint serves every tool");
  }

  @Test
  void version_and_help_unlock_nothing() {
    box.keyshell(null, "lock").ok();
    box.env.remove("KEYSHELL_VAULT_PASSPHRASE"); // an unlock would fail: no terminal
    Sandbox.Result r =
        box.shell("bash", source("bash") + "terraform version; cdk --version; tofu -help").ok();
    assertTrue(r.out().contains("terraform version: token=none"), r.toString());
    assertTrue(r.out().contains("tofu -help: token=none"), r.toString());
    assertEquals("", r.err());
    assertEquals(List.of(), sts.calls());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh", "fish"})
  void an_executable_that_is_not_installed_gets_no_function(String shell) {
    String check =
        shell.equals("fish")
            ? "functions -q cdk; and echo cdk-wrapped; functions -q eksctl; or echo eksctl-not"
            : "type cdk | head -1; type eksctl >/dev/null 2>&1 || echo eksctl-not";
    Sandbox.Result r = box.shell(shell, source(shell) + check).ok();
    assertTrue(r.out().contains("eksctl-not"), r.toString());
    assertTrue(r.out().contains("cdk") && !r.out().contains("cdk is /"), r.toString());
  }

  @Test
  void plugin_list_shows_every_executable() {
    Sandbox.Result r = box.keyshell(null, "plugin", "list").ok();
    for (String exe : List.of("aws", "cdk", "sam", "eksctl", "awslogs", "terraform", "tofu")) {
      assertTrue(r.out().contains("\n    " + exe), exe + "\n" + r);
    }
    Sandbox.Result unknown = box.keyshell(null, "plugin", "run", "--", "kubectl", "get", "pods");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("no plugin wraps 'kubectl'"), unknown.toString());
    assertFalse(unknown.err().contains("Exception"), unknown.toString());
  }
}
