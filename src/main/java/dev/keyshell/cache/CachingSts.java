package dev.keyshell.cache;

import dev.keyshell.aws.Caller;
import dev.keyshell.aws.RoleStep;
import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.aws.SessionRejectedException;
import dev.keyshell.aws.Sts;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.AwsKeys;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An {@link Sts} that answers from the encrypted session cache when it can, as aws-vault's
 * CachedSessionProvider does: each STS result is cached under a key made of everything that changes
 * it (the item, the signing key, the role, external id, session name, MFA device, duration and the
 * STS endpoint), so a chain reuses its MFA session and never re-asks for a code.
 */
public final class CachingSts implements Sts {
  private final Sts sts;
  private final SessionCache cache;
  private final Clock clock;
  private final String item;
  private final String endpoint;

  /** The cache entries this instance served, by their session's access key id. */
  private final Map<String, String> served = new HashMap<>();

  private final Set<String> used = new LinkedHashSet<>();

  /** A cached session AWS rejected: its entry is gone, and a new mint may succeed. */
  public static final class CachedSessionRejected extends KeyshellException {
    private static final long serialVersionUID = 1L;

    CachedSessionRejected(SessionRejectedException e) {
      super("AWS rejected a cached session (it was revoked, or its key rotated)", e.hint(), e);
    }
  }

  /**
   * @param item the scoped item's reference, as text
   * @param endpoint what selects the STS endpoint (variables, profile), as text
   */
  public CachingSts(Sts sts, SessionCache cache, Clock clock, String item, String endpoint) {
    this.sts = sts;
    this.cache = cache;
    this.clock = clock;
    this.item = item;
    this.endpoint = endpoint;
  }

  @Override
  public SessionCredentials getSessionToken(
      AwsKeys keys, Optional<String> mfaSerial, int durationSeconds) {
    String key =
        SessionCache.key(
            "GetSessionToken",
            item,
            keys.accessKeyId(),
            mfaSerial.orElse(""),
            Integer.toString(durationSeconds),
            endpoint);
    return cached(key, () -> sts.getSessionToken(keys, mfaSerial, durationSeconds));
  }

  @Override
  public SessionCredentials assumeRole(Caller caller, RoleStep step, Optional<String> mfaSerial) {
    String key =
        SessionCache.key(
            "AssumeRole",
            item,
            caller.accessKeyId(),
            step.roleArn(),
            step.externalId().orElse(""),
            step.roleSessionName().orElse(""),
            mfaSerial.orElse(""),
            Integer.toString(step.durationFor(caller)),
            endpoint);
    try {
      return cached(key, () -> sts.assumeRole(caller, step, mfaSerial));
    } catch (SessionRejectedException e) {
      String entry = served.remove(e.accessKeyId());
      if (entry == null) {
        throw e;
      }
      try {
        cache.remove(entry);
      } catch (IOException io) {
        throw e;
      }
      throw new CachedSessionRejected(e);
    }
  }

  private SessionCredentials served(String key, SessionCredentials creds) {
    served.put(creds.accessKeyId(), key);
    used.add(key);
    return creds;
  }

  /** The cache entries this instance read or wrote, for {@code keyshell lock --profile}. */
  public List<String> used() {
    return List.copyOf(used);
  }

  /**
   * The cached result for {@code key}, else a fresh one. The per-key lock makes two processes that
   * need the same session (say {@code aws} and {@code aws --profile role} started together, which
   * hold different warm locks) mint it once: the second finds the first's entry.
   */
  private SessionCredentials cached(String key, Supplier<SessionCredentials> mint) {
    Optional<CachedSession> hit = cache.get(key, clock.instant());
    if (hit.isPresent()) {
      return served(key, hit.get().credentials());
    }
    try (SecureFiles.Lock lock = SecureFiles.lock(cache.lockFile(key))) {
      hit = cache.get(key, clock.instant());
      if (hit.isPresent()) {
        return served(key, hit.get().credentials());
      }
      SessionCredentials fresh = mint.get();
      cache.put(key, new CachedSession(fresh, Optional.empty()));
      used.add(key);
      return fresh;
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot use the session cache: " + e.getMessage(),
          "check that the cache directory is writable, or run: keyshell lock");
    }
  }
}
