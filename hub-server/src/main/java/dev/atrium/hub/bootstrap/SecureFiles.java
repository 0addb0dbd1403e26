package dev.atrium.hub.bootstrap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic file writes with restrictive permissions. Content goes to a temp file in the target
 * directory (created with the final permissions, so secrets are never world-readable), is flushed
 * to disk and then moved over the target. On file systems without POSIX permissions the permission
 * part is skipped.
 */
final class SecureFiles {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC_READ = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  /** Writes a secret (private key, token) readable only by the owner (0600). */
  static void writeSecret(Path target, String content) {
    write(target, content, OWNER_ONLY);
  }

  /** Writes non-secret content (certificates) with mode 0644. */
  static void writePublic(Path target, String content) {
    write(target, content, PUBLIC_READ);
  }

  static void write(Path target, String content, Set<PosixFilePermission> perms) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Path tmp = createTemp(dir, target.getFileName().toString(), perms);
      try {
        writeAndSync(tmp, content.getBytes(StandardCharsets.UTF_8));
        move(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new BootstrapException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Creates the directory (mode 0700 when newly created) including missing parents. */
  static void ensureDirectory(Path dir) {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      setPermissions(dir, OWNER_DIR);
    } catch (FileAlreadyExistsException e) {
      throw new BootstrapException(dir + " exists and is not a directory", e);
    } catch (IOException e) {
      throw new BootstrapException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Narrows an existing secret file to 0600 in case it was created or copied with a wider mode. */
  static void restrictToOwner(Path file) {
    try {
      setPermissions(file, OWNER_ONLY);
    } catch (IOException e) {
      throw new BootstrapException("cannot chmod 600 " + file + ": " + e.getMessage(), e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BootstrapException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path createTemp(Path dir, String name, Set<PosixFilePermission> perms)
      throws IOException {
    String prefix = "." + name + ".";
    if (supportsPosix(dir)) {
      FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(perms);
      Path tmp = Files.createTempFile(dir, prefix, ".tmp", attr);
      // createTempFile applies the umask; set explicitly so 0644 is exact too.
      Files.setPosixFilePermissions(tmp, perms);
      return tmp;
    }
    return Files.createTempFile(dir, prefix, ".tmp");
  }

  private static void writeAndSync(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void setPermissions(Path path, Set<PosixFilePermission> perms) throws IOException {
    if (supportsPosix(path)) {
      Files.setPosixFilePermissions(path, perms);
    }
  }

  private static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
