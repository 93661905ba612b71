package dev.keyshell.vault;

import dev.keyshell.core.Env;

/**
 * How long a session unlock lasts: 10 minutes idle, 12 hours at most, as 1Password's CLI does. The
 * environment may shorten either limit (tests, cautious users) but never lengthen it.
 */
record AgentLimits(long idleSeconds, long maxSeconds) {
  static final long IDLE_SECONDS = 10 * 60;
  static final long MAX_SECONDS = 12 * 60 * 60;
  static final String IDLE_ENV = "KEYSHELL_UNLOCK_IDLE_SECONDS";
  static final String MAX_ENV = "KEYSHELL_UNLOCK_MAX_SECONDS";

  AgentLimits {
    idleSeconds = clamp(idleSeconds, IDLE_SECONDS);
    maxSeconds = clamp(maxSeconds, MAX_SECONDS);
  }

  static AgentLimits from(Env env) {
    return new AgentLimits(
        seconds(env, IDLE_ENV, IDLE_SECONDS), seconds(env, MAX_ENV, MAX_SECONDS));
  }

  private static long seconds(Env env, String name, long fallback) {
    try {
      return env.get(name).map(String::strip).map(Long::parseLong).orElse(fallback);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static long clamp(long value, long ceiling) {
    return Math.max(1, Math.min(value, ceiling));
  }
}
