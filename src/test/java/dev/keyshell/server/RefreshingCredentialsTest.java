package dev.keyshell.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.provision.Minted;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RefreshingCredentialsTest {
  static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

  final MovingClock clock = new MovingClock();
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  final AtomicInteger mints = new AtomicInteger();
  boolean storeLocked;

  /** Six-minute sessions, numbered, as the refresh stand-in issues them. */
  final Supplier<Minted> mint =
      () -> {
        if (storeLocked) {
          throw new KeyshellException("the local vault is locked", "unlock it");
        }
        int n = mints.incrementAndGet();
        return new Minted(
            new SessionCredentials(
                "ASIA" + n, "secret" + n, "token" + n, clock.instant().plus(Duration.ofMinutes(6))),
            Optional.of("eu-west-1"));
      };

  @Test
  void serves_the_held_session_until_five_minutes_before_expiry_then_mints_again() {
    RefreshingCredentials creds = new RefreshingCredentials(mint, clock, err);
    Minted first = creds.start();
    clock.advance(Duration.ofSeconds(59));
    assertSame(first, creds.current());
    assertEquals(1, mints.get());
    clock.advance(Duration.ofSeconds(2)); // 4 min 59 s left
    Minted second = creds.current();
    assertEquals("ASIA2", second.credentials().accessKeyId());
    assertSame(second, creds.current());
    assertEquals(2, mints.get());
  }

  @Test
  void a_store_that_cannot_be_read_keeps_the_still_valid_session_served_then_fails() {
    RefreshingCredentials creds = new RefreshingCredentials(mint, clock, err);
    Minted first = creds.start();
    storeLocked = true;
    clock.advance(Duration.ofMinutes(2)); // refresh due, 4 min left
    assertSame(first, creds.current());
    assertSame(first, creds.current());
    String warning = errBytes.toString(StandardCharsets.UTF_8);
    assertTrue(warning.contains("the local vault is locked"), warning);
    assertEquals(1, warning.lines().count(), "warned once: " + warning);
    clock.advance(Duration.ofMinutes(3)); // 1 min left: no longer served
    KeyshellException e = assertThrows(KeyshellException.class, creds::current);
    assertEquals("the local vault is locked", e.getMessage());
    storeLocked = false;
    assertEquals("ASIA2", creds.current().credentials().accessKeyId());
  }

  @Test
  void the_first_mint_failing_is_the_commands_failure() {
    storeLocked = true;
    RefreshingCredentials creds = new RefreshingCredentials(mint, clock, err);
    assertThrows(KeyshellException.class, creds::start);
  }

  static final class MovingClock extends Clock {
    private Instant now = T0;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
