package dev.keyshell.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Private files and directories: created 0600/0700 from the start (never chmod-ed after the fact),
 * written atomically (temp file, fsync, rename, fsync of the directory) and locked across
 * processes.
 */
public final class SecureFiles {
  private static final Set<PosixFilePermission> FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> DIR =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
  private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTR =
      PosixFilePermissions.asFileAttribute(FILE);
  private static final FileAttribute<Set<PosixFilePermission>> DIR_ATTR =
      PosixFilePermissions.asFileAttribute(DIR);
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecureFiles() {}

  /**
   * Creates {@code dir} and its missing parents; the ones keyshell creates are 0700. An existing
   * directory is left as it is.
   */
  public static Path ensurePrivateDir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      ensurePrivateDir(parent);
    }
    try {
      Files.createDirectory(dir, DIR_ATTR);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
    return dir;
  }

  /**
   * Refuses a file or directory that others can read or write, or that another user owns: what
   * keyshell keeps there is either secret or decides which secret is used.
   */
  public static void checkPrivate(Path path) {
    try {
      Set<PosixFilePermission> perms =
          Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      boolean open =
          perms.contains(PosixFilePermission.GROUP_READ)
              || perms.contains(PosixFilePermission.GROUP_WRITE)
              || perms.contains(PosixFilePermission.OTHERS_READ)
              || perms.contains(PosixFilePermission.OTHERS_WRITE);
      if (!owner.equals(Posix.uid())) {
        // chmod cannot fix this, and the owner may be the one who planted it.
        throw new KeyshellException(
            Display.controls(path.toString()) + " belongs to another user (uid " + owner + ")",
            "keyshell uses only files of its own: have it removed (by its owner or root), then"
                + " run again");
      }
      if (open) {
        String mode = Files.isDirectory(path) ? "700" : "600";
        throw new KeyshellException(
            Display.controls(path.toString())
                + " is readable or writable by others ("
                + PosixFilePermissions.toString(perms)
                + ")",
            "run: chmod " + mode + " " + ShellQuote.quote(path.toString()));
      }
    } catch (NoSuchFileException e) {
      // nothing to check
    } catch (IOException | UnsupportedOperationException e) {
      throw new KeyshellException(
          "cannot check the permissions of " + path + ": " + e.getMessage(),
          "keyshell needs a POSIX file system for its private files");
    }
  }

  /**
   * Replaces {@code target} with {@code content} so that a reader or a crash sees either the old
   * file or the new one, never a mix. The file is 0600.
   */
  public static void writeAtomically(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    ensurePrivateDir(dir);
    Path tmp =
        dir.resolve(
            "." + target.getFileName() + ".tmp-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              FILE_ATTR)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDir(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes {@code target} atomically keeping its current permissions (for user files such as {@code
   * ~/.aws/credentials}, which keyshell edits but does not own).
   */
  public static void rewriteKeepingMode(Path target, byte[] content) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
    writeAtomically(target, content);
    Files.setPosixFilePermissions(target, perms);
  }

  private static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not every file system lets a directory be opened for fsync; the rename still happened.
    }
  }

  /** An exclusive lock across processes, on a 0600 lock file beside what it guards. */
  public static Lock lock(Path lockFile) throws IOException {
    ensurePrivateDir(lockFile.toAbsolutePath().getParent());
    FileChannel ch =
        FileChannel.open(
            lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), FILE_ATTR);
    try {
      return new Lock(ch, ch.lock());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * The lock if no other process holds it now, else empty: for a caller that says it waits before
   * it does ({@link #lock}).
   */
  public static java.util.Optional<Lock> tryLock(Path lockFile) throws IOException {
    ensurePrivateDir(lockFile.toAbsolutePath().getParent());
    FileChannel ch =
        FileChannel.open(
            lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), FILE_ATTR);
    try {
      FileLock held = ch.tryLock();
      if (held == null) {
        ch.close();
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new Lock(ch, held));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** A held {@link #lock}; closing it releases the lock. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() throws IOException {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
