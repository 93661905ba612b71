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

  /** The most stdout kept: {@code op item get} prints a few KiB. More ends the run. */
  public static final int MAX_STDOUT = 16 << 20;

  /** The most stderr kept; the rest is read and dropped. */
  static final int MAX_STDERR = 64 << 10;

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
    CompletableFuture<byte[]> out = drain(process.getInputStream(), MAX_STDOUT, process);
    CompletableFuture<byte[]> err = drain(process.getErrorStream(), MAX_STDERR, null);
    feed(process.getOutputStream(), stdin);
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        killTree(process);
        process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
      }
      // One end for both pipes: the whole run never takes more than timeout + DRAIN.
      long end = System.nanoTime() + DRAIN.toNanos();
      byte[] stdout = collect(out, end);
      String stderr = new String(collect(err, end), StandardCharsets.UTF_8);
      if (stdout == null) {
        return new ProcessResult(-1, new byte[0], stderr, false, true);
      }
      return finished
          ? new ProcessResult(process.exitValue(), stdout, stderr, false, false)
          : new ProcessResult(-1, stdout, stderr, true, false);
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

  /** The bytes read, empty when the pipe did not drain by {@code end}, null when too many. */
  private static byte[] collect(CompletableFuture<byte[]> stream, long end)
      throws InterruptedException {
    try {
      return stream.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      return e.getCause() instanceof TooMuchOutput ? null : new byte[0];
    } catch (TimeoutException e) {
      return new byte[0];
    }
  }

  /**
   * Reads {@code in} to its end, keeping at most {@code max} bytes. Past that, with {@code owner}
   * the output is refused and the process tree killed; without, the rest is read and dropped, so a
   * chatty stderr neither blocks the child nor fills the heap.
   */
  private static CompletableFuture<byte[]> drain(InputStream in, int max, Process owner) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    daemon(
        () -> {
          try (in) {
            byte[] kept = in.readNBytes(max);
            if (in.read() != -1) {
              if (owner != null) {
                killTree(owner);
                result.completeExceptionally(new TooMuchOutput());
                return;
              }
              in.transferTo(OutputStream.nullOutputStream());
            }
            result.complete(kept);
          } catch (IOException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private static final class TooMuchOutput extends IOException {}

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
