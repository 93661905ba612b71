package dev.keyshell.mfa;

import dev.keyshell.aws.MfaCodeSource;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.Field;
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
   * Codes from the source {@link MfaSources} picks for the item and profile, for the next unspent
   * step: when the current one was spent, this waits for the next and says so. The device's ledger
   * stays locked from {@link MfaCodeSource#code} to {@link MfaCodeSource#sent}, so two processes
   * never pick the same step, and the step is recorded as spent only when STS received the code.
   */
  public MfaCodeSource forItem(
      List<Field> itemFields, Instant itemReadAt, Map<String, String> profile) {
    return new ItemCodes(itemFields, itemReadAt, profile);
  }

  private final class ItemCodes implements MfaCodeSource {
    private final List<Field> itemFields;
    private final Instant itemReadAt;
    private final Map<String, String> profile;
    private SecureFiles.Lock lock;
    private String device;
    private long step;

    ItemCodes(List<Field> itemFields, Instant itemReadAt, Map<String, String> profile) {
      this.itemFields = itemFields;
      this.itemReadAt = itemReadAt;
      this.profile = profile;
    }

    @Override
    public String code(String serial) {
      release();
      device = hash(serial);
      try {
        lock = SecureFiles.lock(ledger.resolveSibling("locks").resolve("mfa-" + device + ".lock"));
        long spent = spentStep(device);
        Instant now = clock.instant();
        step = TotpSecret.timeStep(now);
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
        return sources.codeFor(serial, itemFields, itemReadAt, profile, step);
      } catch (IOException e) {
        release();
        throw new KeyshellException(
            "cannot record the MFA code's use in " + ledger + ": " + e.getMessage(),
            "check that the cache directory is writable");
      } catch (RuntimeException e) {
        release();
        throw e;
      }
    }

    @Override
    public void sent(String serial, boolean reached) {
      try {
        if (reached && lock != null) {
          // A code typed slowly (or from a slow helper) belongs to the step it was read in.
          record(device, Math.max(step, TotpSecret.timeStep(clock.instant())));
        }
      } catch (IOException e) {
        throw new KeyshellException(
            "cannot record the MFA code's use in " + ledger + ": " + e.getMessage(),
            "check that the cache directory is writable");
      } finally {
        release();
      }
    }

    private void release() {
      if (lock != null) {
        try {
          lock.close();
        } catch (IOException e) {
          // the lock goes with the file descriptor at the latest
        }
        lock = null;
      }
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
