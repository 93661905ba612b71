package dev.keyshell.provision;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.Field;
import dev.keyshell.mfa.MfaSources;
import dev.keyshell.otp.TotpSecret;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One-time codes for an MFA device, never the same code twice: STS refuses a reused code, so when
 * the current 30-second step was already spent (by this or another process) keyshell waits for the
 * next one and says so. Spent steps are kept per device in {@code <cache>/mfa-used}, by hash.
 */
public final class MfaCodes {
  private final Path ledger;
  private final Clock clock;
  private final PrintStream err;
  private final Sleeper sleeper;
  private final MfaSources sources;

  /** Waits; tests replace it to move their clock instead. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  public MfaCodes(
      Path cacheDir, Clock clock, PrintStream err, Sleeper sleeper, MfaSources sources) {
    this.ledger = cacheDir.resolve("mfa-used");
    this.clock = clock;
    this.err = err;
    this.sleeper = sleeper;
    this.sources = sources;
  }

  /**
   * A code for {@code serial} from the source {@link MfaSources} picks for the item and profile,
   * for the next unspent step: when the current one was spent, this waits for the next and says so.
   */
  public String code(
      String serial, List<Field> itemFields, Instant itemReadAt, Map<String, String> profile) {
    String device = hash(serial);
    try (SecureFiles.Lock lock =
        SecureFiles.lock(ledger.resolveSibling("locks").resolve("mfa-" + device + ".lock"))) {
      long spent = spentStep(device);
      Instant now = clock.instant();
      long step = TotpSecret.timeStep(now);
      if (step <= spent) {
        Instant next = TotpSecret.stepStart(spent + 1);
        Duration wait = Duration.between(now, next);
        err.println(
            "keyshell: the current MFA code was already used; waiting "
                + Math.max(1, (wait.toMillis() + 999) / 1000)
                + "s for the next one");
        err.flush();
        sleep(wait);
        step = spent + 1;
      }
      String code = sources.codeFor(serial, itemFields, itemReadAt, profile, step);
      // A code typed slowly (or from a slow helper) belongs to the step it was read in.
      record(device, Math.max(step, TotpSecret.timeStep(clock.instant())));
      return code;
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot record the MFA code's use in " + ledger + ": " + e.getMessage(),
          "check that the cache directory is writable");
    }
  }

  private void sleep(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyshellException("interrupted while waiting for the next MFA code", null);
    }
  }

  private long spentStep(String device) throws IOException {
    for (String line : lines()) {
      String[] p = line.split(" ");
      if (p.length == 2 && p[0].equals(device)) {
        try {
          return Long.parseLong(p[1]);
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private void record(String device, long step) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : lines()) {
      if (!line.startsWith(device + " ") && !line.isBlank()) {
        out.add(line);
      }
    }
    out.add(device + " " + step);
    SecureFiles.writeAtomically(
        ledger, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private List<String> lines() throws IOException {
    try {
      return Files.readAllLines(ledger, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private static String hash(String serial) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(serial.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
