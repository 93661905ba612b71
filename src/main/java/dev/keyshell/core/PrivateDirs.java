package dev.keyshell.core;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * keyshell's own directories (runtime, cache, config), checked once per process before anything in
 * them is read, unlocked, started or sent: each must be a real directory (not a symbolic link)
 * owned by this user, with no access for group or others. One that is ours and only too loose is
 * made 0700 again, after checking that nobody else left anything in it; one that belongs to someone
 * else is refused, naming its owner.
 *
 * <p>One {@code lstat} per directory, without looking up user names: this runs on the warm path of
 * every {@code aws}.
 */
public final class PrivateDirs {
  private static final int TYPE = 0170000;
  private static final int DIRECTORY = 0040000;
  private static final int REGULAR = 0100000;
  private static final int SYMLINK = 0120000;
  private static final int FIFO = 0010000;
  private static final int GROUP_OTHERS = 077;
  private static final int STICKY = 01000;
  private static final int OTHERS_WRITE = 022;
  private static final int REPAIR_SCAN_LIMIT = 10_000;

  private static volatile Dirs verified;

  private PrivateDirs() {}

  /**
   * Checks {@code dirs} (once per process), creating the runtime directory when it is missing so
   * nobody else can create it first; returns {@code dirs}.
   */
  public static Dirs verify(Dirs dirs, Env env, PrintStream err) {
    // Field by field, not Dirs.equals: a record's equals bootstraps
    // java.lang.runtime.ObjectMethods,
    // about a hundred classes on the warm path (docs/performance.md).
    Dirs seen = verified;
    if (seen != null
        && seen.runtime().equals(dirs.runtime())
        && seen.config().equals(dirs.config())
        && seen.cache().equals(dirs.cache())
        && seen.data().equals(dirs.data())) {
      return dirs;
    }
    runtime(dirs.runtime(), env, err);
    dir(dirs.config(), err, hintElsewhere("KEYSHELL_CONFIG_DIR"));
    dir(dirs.cache(), err, hintElsewhere("XDG_CACHE_HOME"));
    verified = dirs;
    return dirs;
  }

  /**
   * As {@link #verify}, every time and with nowhere to report a repair: a directory that would need
   * one is refused instead, so the caller (the run agent, entry/RunAgent) changes nothing and
   * leaves it to keyshell's own JVM, which repairs it and says so.
   */
  public static Dirs check(Dirs dirs, Env env) {
    runtime(dirs.runtime(), env, null);
    dir(dirs.config(), null, hintElsewhere("KEYSHELL_CONFIG_DIR"));
    dir(dirs.cache(), null, hintElsewhere("XDG_CACHE_HOME"));
    return dirs;
  }

  /**
   * Creates {@code dir} 0700 where it is missing and checks it is ours either way, for directories
   * keyshell keeps its own secrets in (the agent's sockets).
   */
  public static Path ensure(Path dir) throws IOException {
    SecureFiles.ensurePrivateDir(dir);
    dir(dir, null, "remove it, and run the command again");
    return dir;
  }

  /**
   * Checks a file keyshell reads from one of its directories: a regular file (not a link) of this
   * user, 0600 at most. Returns false when it does not exist, or when it is ours but readable by
   * others: the caller then treats it as absent (a key that others could read is not used).
   */
  public static boolean ownFile(Path file) {
    return checked(attributes(file), file) == PRIVATE;
  }

  /**
   * Whether {@code file} is a FIFO of this user's (not a link): the run agent's (entry/RunAgent).
   */
  public static boolean ownFifo(Path file) {
    try {
      Map<String, Object> a = attributes(file);
      return a != null
          && ((Integer) a.get("mode") & TYPE) == FIFO
          && (Integer) a.get("uid") == Posix.uid();
    } catch (KeyshellException e) {
      return false;
    }
  }

  /**
   * A file keyshell reads from its own directories that decides what is used (a scope file): it
   * must be this user's regular file; one that is only too loose is made 0600 again (what it holds
   * are references, in a directory nobody else can enter).
   */
  public static void checkOwnFile(Path file) {
    if (checked(attributes(file), file) == LOOSE) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException e) {
        throw new KeyshellException(
            file + " is open to others and cannot be made private",
            "run: chmod 600 " + quote(file));
      }
    }
  }

  private static final int ABSENT = 0;
  private static final int PRIVATE = 1;
  private static final int LOOSE = 2;

  /** ABSENT, PRIVATE or LOOSE for a file with these attributes; refuses one not ours. */
  private static int checked(Map<String, Object> a, Path file) {
    if (a == null) {
      return ABSENT;
    }
    int mode = (Integer) a.get("mode");
    int uid = (Integer) a.get("uid");
    String remove = "remove it: rm -f " + quote(file);
    if (uid != Posix.uid()) {
      throw foreign(file, uid, remove);
    }
    if ((mode & TYPE) != REGULAR) {
      throw new KeyshellException(file + " is not a regular file", remove);
    }
    return (mode & GROUP_OTHERS) == 0 ? PRIVATE : LOOSE;
  }

  private static void runtime(Path runtime, Env env, PrintStream err) {
    boolean fallback = env.get("XDG_RUNTIME_DIR").isEmpty();
    String hint =
        fallback
            ? "set XDG_RUNTIME_DIR to a directory only you can use (export"
                + " XDG_RUNTIME_DIR=/run/user/$(id -u) where it exists), or have an administrator"
                + " remove "
                + quote(runtime)
            : "have an administrator remove "
                + quote(runtime)
                + ", or set XDG_RUNTIME_DIR to a directory only you can use";
    if (fallback) {
      shared(runtime.toAbsolutePath().getParent());
    }
    if (attributes(runtime) == null) {
      try {
        SecureFiles.ensurePrivateDir(runtime);
      } catch (IOException e) {
        throw new KeyshellException(
            "cannot create the runtime directory " + runtime + ": " + e.getMessage(), hint);
      }
    }
    dir(runtime, err, hint);
  }

  /** The fallback runtime dir's parent: one others may write to must be sticky, as /tmp is. */
  private static void shared(Path parent) {
    Map<String, Object> a = parent == null ? null : attributes(parent);
    if (a == null) {
      return;
    }
    int mode = (Integer) a.get("mode");
    if ((mode & OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
      throw new KeyshellException(
          parent
              + " is writable by others and not sticky: anyone could replace keyshell's"
              + " runtime directory in it",
          "set XDG_RUNTIME_DIR (or TMPDIR) to a directory only you can write");
    }
  }

  /** Checks an existing directory; a missing one is fine (keyshell creates it 0700). */
  private static void dir(Path dir, PrintStream err, String foreignHint) {
    Map<String, Object> a = attributes(dir);
    if (a == null) {
      return;
    }
    int mode = (Integer) a.get("mode");
    int uid = (Integer) a.get("uid");
    if (uid != Posix.uid()) {
      throw foreign(dir, uid, foreignHint);
    }
    if ((mode & TYPE) == SYMLINK) {
      throw new KeyshellException(
          dir + " is a symbolic link, not keyshell's own directory",
          "remove the link (rm " + quote(dir) + "); keyshell creates the directory itself");
    }
    if ((mode & TYPE) != DIRECTORY) {
      throw new KeyshellException(
          dir + " is not a directory", "remove it: rm " + quote(dir) + ", and run again");
    }
    if ((mode & GROUP_OTHERS) != 0) {
      repair(dir, mode, err);
    }
  }

  /**
   * A directory of ours that others could read or write: refused if anything in it is someone
   * else's (planted while it was open), else made 0700 again, saying so.
   */
  private static void repair(Path dir, int mode, PrintStream err) {
    String before = PosixFilePermissions.toString(perms(mode));
    if (err == null) {
      // a caller with nowhere to say so leaves the repair to the user (or to the full command)
      throw new KeyshellException(
          dir + " is yours but open to others (" + before + ")", "run: chmod 700 " + quote(dir));
    }
    int[] seen = {0};
    foreignEntries(dir, seen);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new KeyshellException(
          dir + " is open to others (" + before + ") and cannot be made private",
          "run: chmod 700 " + quote(dir));
    }
    err.println("keyshell: " + dir + " was open to others (" + before + "); made it 0700");
  }

  private static void foreignEntries(Path dir, int[] seen) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (++seen[0] > REPAIR_SCAN_LIMIT) {
          return;
        }
        Map<String, Object> a = attributes(entry);
        if (a == null) {
          continue;
        }
        int uid = (Integer) a.get("uid");
        if (uid != Posix.uid()) {
          throw new KeyshellException(
              entry
                  + " belongs to "
                  + ownerName(entry, uid)
                  + ", not to you; it was put there while "
                  + dir
                  + " was open to others",
              "remove it: rm -rf " + quote(entry) + ", and run again");
        }
        if (((Integer) a.get("mode") & TYPE) == DIRECTORY) {
          foreignEntries(entry, seen);
        }
      }
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot check what is in " + dir + ": " + e.getMessage(),
          "remove it: rm -rf " + quote(dir) + ", and run again");
    }
  }

  private static KeyshellException foreign(Path path, int uid, String hint) {
    return new KeyshellException(
        path + " belongs to " + ownerName(path, uid) + ", not to you: keyshell will not use it",
        hint);
  }

  /** {@code user 'name' (uid N)}: the name lookup happens only here, on the way to an error. */
  private static String ownerName(Path path, int uid) {
    try {
      String name = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
      return name.equals(Integer.toString(uid))
          ? "uid " + uid
          : "user '" + name + "' (uid " + uid + ")";
    } catch (IOException | RuntimeException e) {
      return "uid " + uid;
    }
  }

  private static String hintElsewhere(String variable) {
    return "have an administrator remove it, or set " + variable + " to a directory of yours";
  }

  /** {@code unix:mode} and {@code unix:uid} in one lstat, or null when the path does not exist. */
  private static Map<String, Object> attributes(Path path) {
    try {
      return Files.readAttributes(path, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      throw new KeyshellException(
          "cannot check " + path + ": " + e.getMessage(),
          "keyshell needs a POSIX file system for its private files");
    }
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> perms(int mode) {
    StringBuilder s = new StringBuilder(9);
    String rwx = "rwx";
    for (int bit = 8; bit >= 0; bit--) {
      s.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }

  static String quote(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }
}
