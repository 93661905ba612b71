package dev.keyshell.sso;

import dev.keyshell.core.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock across processes and across the threads of this one (a file lock alone does not exclude
 * threads: the JDK refuses a second lock on the same file in one JVM), that can say when it has to
 * wait.
 */
final class SharedLock {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  /** What runs under the lock. */
  interface Work<T> {
    T run() throws IOException;
  }

  private SharedLock() {}

  /**
   * Runs {@code work} holding {@code file}'s lock; {@code onWait} runs once if another holds it.
   */
  static <T> T with(Path file, Runnable onWait, Work<T> work) throws IOException {
    ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
    boolean waited = false;
    if (!local.tryLock()) {
      onWait.run();
      waited = true;
      local.lock();
    }
    try {
      Optional<SecureFiles.Lock> lock = SecureFiles.tryLock(file);
      if (lock.isEmpty()) {
        if (!waited) {
          onWait.run();
        }
        lock = Optional.of(SecureFiles.lock(file));
      }
      try (SecureFiles.Lock held = lock.get()) {
        return work.run();
      }
    } finally {
      local.unlock();
    }
  }
}
