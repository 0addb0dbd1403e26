package dev.atrium.cli.kubeconfig;

import dev.atrium.cli.common.CliException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;

/** Writes a kubeconfig the safe way: a temporary file in the same folder, then a rename. */
final class KubeconfigWriter {

  private static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");

  private KubeconfigWriter() {}

  /** Node tree to text, comments included (the Serializer alone: nothing to construct). */
  static String serialize(Node root) {
    DumperOptions options = new DumperOptions();
    options.setProcessComments(true);
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    StringWriter text = new StringWriter();
    Serializer serializer =
        new Serializer(new Emitter(text, options), new Resolver(), options, null);
    try {
      serializer.open();
      serializer.serialize(root);
      serializer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * True when the file may be replaced. Besides the OS check, a file without the owner's write bit
   * counts as read-only even for root (who could write it): the user marked it so.
   */
  static boolean writable(Path file) {
    if (!Files.isWritable(file)) {
      return false;
    }
    try {
      return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_WRITE);
    } catch (UnsupportedOperationException | IOException e) {
      return true;
    }
  }

  static void writeAtomically(Path target, String text) {
    Path dir = target.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, permissionsOf(target));
      move(temp, target);
      temp = null;
    } catch (IOException | UnsupportedOperationException e) {
      throw new CliException("cannot write kubeconfig " + target + ": " + e, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  private static Set<PosixFilePermission> permissionsOf(Path target) throws IOException {
    return Files.exists(target) ? Files.getPosixFilePermissions(target) : PRIVATE;
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }
}
