package dev.keyshell.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a helper command (such as {@code op}) to completion: exactly the environment given, stdin
 * fed from bytes (so secrets never go on argv), stdout and stderr captured, and the whole process
 * tree killed when it outlives its time bound.
 */
public class ProcessRunner {
  /** How long a killed or finished child's pipes may take to drain before we stop waiting. */
  private static final Duration DRAIN = Duration.ofSeconds(5);

  /**
   * Runs {@code command} (the first element an absolute path, see {@link Executables}) and waits at
   * most {@code timeout}.
   *
   * @throws IOException when the command cannot be started
   */
  public ProcessResult run(
      List<String> command, Map<String, String> environment, byte[] stdin, Duration timeout)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    CompletableFuture<byte[]> out = drain(process.getInputStream());
    CompletableFuture<byte[]> err = drain(process.getErrorStream());
    feed(process.getOutputStream(), stdin);
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        killTree(process);
        process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
      }
      byte[] stdout = collect(out);
      String stderr = new String(collect(err), StandardCharsets.UTF_8);
      return finished
          ? new ProcessResult(process.exitValue(), stdout, stderr, false)
          : new ProcessResult(-1, stdout, stderr, true);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + command.get(0));
    }
  }

  /** Kills the process and everything it started, descendants listed before the parent dies. */
  private static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  private static byte[] collect(CompletableFuture<byte[]> stream) throws InterruptedException {
    try {
      return stream.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return new byte[0];
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    daemon(
        () -> {
          try (in) {
            result.complete(in.readAllBytes());
          } catch (IOException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private static void feed(OutputStream in, byte[] stdin) {
    daemon(
        () -> {
          try (in) {
            if (stdin != null) {
              in.write(stdin);
            }
          } catch (IOException e) {
            // the child closed its stdin early; its exit code tells the rest
          }
        });
  }

  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "keyshell-process-io");
    t.setDaemon(true);
    t.start();
  }
}
