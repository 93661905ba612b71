package dev.keyshell.sso;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * The OAuth device authorization (RFC 8628) against IAM Identity Center: StartDeviceAuthorization,
 * the URL and code shown and the browser opened, then CreateToken polls at the service's {@code
 * interval}, five seconds slower after each {@code slow_down}, until the person approves, denies,
 * or the code expires.
 */
final class DeviceSignIn {
  static final Duration SLOW_DOWN = Duration.ofSeconds(5);

  /** Waits between polls; tests make it instant. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Env env;
  private final PrintStream err;
  private final Browser browser;
  private final Clock clock;
  private final Sleeper sleeper;

  DeviceSignIn(Env env, PrintStream err, Browser browser, Clock clock, Sleeper sleeper) {
    this.env = env;
    this.err = err;
    this.browser = browser;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  SsoToken signIn(IdentityCenter center, OidcClient client) {
    SsoSession session = center.session();
    IdentityCenter.Device device = center.startDeviceAuthorization(client);
    String url = device.verificationUriComplete().orElse(device.verificationUri());
    boolean opened = browser.open(url);
    SignInScreen.show(
        env,
        err,
        "keyshell: sign in to IAM Identity Center (" + session.label() + ")",
        "  " + (opened ? "opened in your browser: " : "open this page: ") + url,
        "  and check that it shows the code: " + device.userCode());
    Duration interval = device.interval();
    while (true) {
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeyshellException(
            "the IAM Identity Center sign-in was interrupted", "run it again");
      }
      if (!clock.instant().isBefore(device.expiresAt())) {
        throw SsoErrors.codeExpired(session);
      }
      IdentityCenter.Poll poll = center.createToken(client, device);
      if (poll instanceof IdentityCenter.Poll.Token t) {
        return t.token();
      }
      if (((IdentityCenter.Poll.Pending) poll).slowDown()) {
        interval = interval.plus(SLOW_DOWN);
      }
    }
  }
}
