package dev.atrium.cli.cluster;

import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Streams;
import dev.atrium.cli.ws.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A kubeconfig pointing at workspace root:acme, a {@link ClusterHub}, captured output. */
final class Setup {

  static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

  final Path dir;
  final Path kubeconfig;
  final ClusterHub hub = new ClusterHub();
  final Map<String, String> env = new HashMap<>();
  final GlobalFlags flags = new GlobalFlags();
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  Setup(Path dir) {
    this(dir, "https://hub.example:6443/clusters/root:acme");
  }

  Setup(Path dir, String server) {
    this(dir, server, true);
  }

  Setup(Path dir, String server, boolean withCa) {
    this.dir = dir;
    this.kubeconfig = dir.resolve("config");
    String ca = Base64.getEncoder().encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII));
    write(
        kubeconfig,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: hub\n  cluster:\n    server: "
            + server
            + (withCa ? "\n    certificate-authority-data: " + ca : "")
            + "\ncontexts:\n- name: hub\n  context: {cluster: hub, user: admin}\n"
            + "current-context: hub\nusers:\n- name: admin\n  user: {token: user-token}\n");
    env.put("HOME", dir.toString());
    env.put("KUBECONFIG", kubeconfig.toString());
  }

  Session session() {
    return new Session(
        flags,
        env,
        new Streams(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)),
        credentials -> hub);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  void clearOutput() {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
