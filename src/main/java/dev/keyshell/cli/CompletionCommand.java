package dev.keyshell.cli;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.core.KeyshellException;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyshell completion bash|zsh|fish}: a completion script generated from the model. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print a shell completion script generated from keyshell's commands.",
      "bash:  source <(keyshell completion bash)        (add it to ~/.bashrc)",
      "zsh:   source <(keyshell completion zsh)         (add it to ~/.zshrc)",
      "fish:  keyshell completion fish > ~/.config/fish/completions/keyshell.fish"
    })
public final class CompletionCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "bash (the default), zsh or fish")
  String shell;

  @Option(
      names = "--list-profiles",
      hidden = true,
      description = "Print the AWS profiles of the config and credentials files (for the scripts)")
  boolean listProfiles;

  public CompletionCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (listProfiles) {
      for (String p : profiles()) {
        ctx.out.println(p);
      }
      ctx.out.flush();
      return 0;
    }
    CommandLine model = Cli.commandLine(ctx);
    String script =
        switch (shell) {
          // picocli's script serves zsh too, through zsh's bashcompinit (it loads it itself).
          case "bash", "zsh" -> withProfiles(AutoComplete.bash("keyshell", model));
          case "fish" -> FishCompletion.script(model);
          default ->
              throw KeyshellException.usage(
                  "no completion for shell '" + shell + "'", "use bash, zsh or fish");
        };
    ctx.out.print(script);
    ctx.out.flush();
    return 0;
  }

  /** Options whose value is an AWS profile: completed from the files when Tab is pressed. */
  static final List<String> PROFILE_OPTIONS = List.of("--profile", "--import-profile");

  private static final Pattern PROFILE_CASE =
      Pattern.compile("(?m)^( *)'(--profile|--import-profile)'\\)\n *return\n *;;");

  /** picocli's bash script, with profile options asking keyshell for the profiles of today. */
  static String withProfiles(String script) {
    Matcher m = PROFILE_CASE.matcher(script);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String i = m.group(1);
      String block =
          i
              + "'"
              + m.group(2)
              + "')\n"
              + i
              + "  local IFS=$'\\n'\n"
              + i
              + "  COMPREPLY=( $(compgen -W \"$(\"${COMP_WORDS[0]}\" completion --list-profiles"
              + " 2>/dev/null)\" -- \"${curr_word}\") )\n"
              + i
              + "  return\n"
              + i
              + "  ;;";
      m.appendReplacement(out, Matcher.quoteReplacement(block));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The profile names of both AWS files, sorted; nothing when they cannot be read. */
  private SortedSet<String> profiles() {
    try {
      return new TreeSet<>(AwsConfigFiles.of(ctx.env).load().profiles().keySet());
    } catch (RuntimeException e) {
      return new TreeSet<>();
    }
  }
}
