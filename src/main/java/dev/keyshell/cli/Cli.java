package dev.keyshell.cli;

import dev.keyshell.core.Env;
import dev.keyshell.core.ErrorReport;
import dev.keyshell.core.ExitCode;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.PrivateDirs;
import dev.keyshell.core.Suggestions;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Builds the picocli command tree and runs it with one exception mapper. */
public final class Cli {
  private Cli() {}

  public static int execute(
      String[] args, Env env, InputStream in, PrintStream out, PrintStream err) {
    Context ctx = new Context(env, in, out, err);
    CommandLine cl = commandLine(ctx);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cl.execute(args);
  }

  /** The command tree, for execution and for generated completion scripts. */
  public static CommandLine commandLine(Context ctx) {
    CommandLine cl = new CommandLine(new KeyshellCommand(), new Factory(ctx));
    cl.setExecutionStrategy(pr -> executeVerified(ctx, pr));
    cl.setExecutionExceptionHandler((e, c, pr) -> mapException(ctx, e, c, pr));
    cl.setParameterExceptionHandler(Cli::mapUsageError);
    cl.setUsageHelpWidth(80);
    cl.setUsageHelpLongOptionsMaxWidth(28);
    return cl;
  }

  /**
   * Runs the command picocli chose after checking keyshell's directories (core/PrivateDirs), so
   * nothing is unlocked, started or sent from a directory someone else controls. Help, version,
   * completion and list read none of them.
   */
  private static int executeVerified(Context ctx, CommandLine.ParseResult pr) {
    Integer help = CommandLine.executeHelpRequest(pr);
    if (help != null) {
      return help;
    }
    CommandLine.ParseResult last = pr;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    Object command = last.commandSpec().userObject();
    if (!(command instanceof KeyshellCommand
        || command instanceof PluginCommand
        || command instanceof CompletionCommand
        || command instanceof PluginListCommand)) {
      try {
        PrivateDirs.verify(ctx.dirs, ctx.env, ctx.err);
      } catch (KeyshellException e) {
        throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), "", e);
      }
    }
    return new CommandLine.RunLast().execute(pr);
  }

  private static int mapException(
      Context ctx, Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    boolean debug = ErrorReport.debug(ctx.env, parseResult != null && debugRequested(cl));
    return ErrorReport.of(e, debug).print(cl.getErr());
  }

  static boolean debugRequested(CommandLine cl) {
    CommandLine root = cl;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root.getCommand() instanceof KeyshellCommand k && k.debug;
  }

  private static int mapUsageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    String help = "hint: see '" + cl.getCommandSpec().qualifiedName() + " --help'";
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()) {
      String word = unmatched.getUnmatched().get(0);
      boolean option = word.startsWith("-");
      java.util.Collection<String> known =
          option
              ? java.util.Arrays.asList(
                  cl.getCommandSpec().optionsMap().keySet().toArray(String[]::new))
              : cl.getSubcommands().keySet();
      err.println(
          "keyshell: unknown "
              + (option ? "option" : known.isEmpty() ? "argument" : "command")
              + " '"
              + word
              + "'");
      Suggestions.closest(word, known).ifPresent(s -> err.println("hint: did you mean " + s + "?"));
    } else {
      err.println("keyshell: " + ex.getMessage());
    }
    err.println(help);
    err.flush();
    return ExitCode.USAGE;
  }

  /** Gives every command the shared {@link Context} through its constructor. */
  private static final class Factory implements CommandLine.IFactory {
    private final Context ctx;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(Context ctx) {
      this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.getDeclaredConstructor(Context.class).newInstance(ctx);
      } catch (NoSuchMethodException e) {
        return fallback.create(cls);
      }
    }
  }
}
