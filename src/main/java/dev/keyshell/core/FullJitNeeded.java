package dev.keyshell.core;

/**
 * Thrown just before the vault's slow KDF would run in a JVM limited to the C1 compiler, where it
 * takes three times as long. bin/keyshell starts {@code plugin run} that way (it is the warm path
 * of every {@code aws}, over before C2 would pay off); on this exception the command runs again in
 * a JVM with both compilers, before anything was prompted for, spent or written.
 */
public final class FullJitNeeded extends RuntimeException {
  /** The system property bin/keyshell sets to {@code c1} when it limits the JIT. */
  public static final String PROPERTY = "keyshell.jit";

  /** The environment variable that tells bin/keyshell to keep both compilers. */
  public static final String ENV = "KEYSHELL_JIT";

  private static final long serialVersionUID = 1L;

  private FullJitNeeded() {
    super("the key derivation needs the full JIT", null, false, false);
  }

  /** Throws when this JVM runs on C1 alone; call it before deriving a key from a passphrase. */
  public static void checkBeforeKdf() {
    if ("c1".equals(System.getProperty(PROPERTY))) {
      throw new FullJitNeeded();
    }
  }
}
