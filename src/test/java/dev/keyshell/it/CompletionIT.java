package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tab completion in the real bash and fish: option values, and profiles from the AWS files. */
class CompletionIT {
  @TempDir Path tmp;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    box = new Sandbox(tmp);
    box.config(
        "[default]\nregion = eu-west-1\n[profile dev-admin]\nrole_arn = x\n"
            + "[sso-session corp]\nsso_region = eu-west-1\n");
    box.credentials("[work]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
    box.write("c.bash", box.keyshell(null, "completion", "bash").ok().out());
    box.write("c.fish", box.keyshell(null, "completion", "fish").ok().out());
  }

  /** What bash's completion function offers for the words typed (the last one being completed). */
  private String bash(String function, String... words) {
    String array = Sandbox.KEYSHELL + " " + String.join(" ", words);
    return box.shell(
            "bash",
            "source ../c.bash 2>/dev/null; COMP_WORDS=("
                + array
                + " ''); COMP_CWORD="
                + (words.length + 1)
                + "; "
                + function
                + " 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"")
        .ok()
        .out();
  }

  private String fish(String line) {
    return box.shell(
            "fish",
            "source ../c.fish; complete -C '" + Sandbox.KEYSHELL + " " + line + "' | cut -f1")
        .ok()
        .out();
  }

  @Test
  void bash_offers_the_values_of_format_scope_store_and_the_profiles_of_the_aws_files() {
    assertEquals("env\njson\n", bash("_picocli_keyshell_export", "export", "--format"));
    assertEquals("default\ndev-admin\nwork\n", bash("_picocli_keyshell_exec", "exec", "--profile"));
    assertEquals(
        "session\ndirectory\nglobal\n",
        bash("_picocli_keyshell_plugin_init", "plugin", "init", "--scope"));
    assertEquals(
        "op\nconnect\nlocal\n", bash("_picocli_keyshell_plugin_init", "plugin", "init", "--store"));
  }

  @Test
  void fish_offers_the_same_values_and_no_files() {
    assertEquals("env\njson\n", fish("export --format "));
    assertEquals("default\ndev-admin\nwork\n", fish("export --profile "));
    assertEquals("directory\nglobal\nsession\n", fish("plugin init aws --scope "));
    assertEquals("default\ndev-admin\nwork\n", fish("plugin init aws --import-profile "));
  }
}
