package dev.atrium.cli.ws;

import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Streams;
import dev.atrium.cli.hub.InMemoryHub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A kubeconfig in a temporary folder, an in-memory hub, and captured output. */
final class Fixture {

  static final String KUBECONFIG =
      """
      # my clusters
      apiVersion: v1
      kind: Config
      clusters:
      - name: hub   # the hub
        cluster:
          server: https://hub.example:6443/clusters/root
          certificate-authority-data: Y2E=
          extensions:
          - name: x
            extension: {keep: me}
      - name: other
        cluster:
          server: https://other.example
      contexts:
      - name: hub
        context:
          cluster: hub
          user: admin
          namespace: default
      - name: other
        context: {cluster: other, user: someone}
      current-context: hub
      users:
      - name: admin
        user:
          token: secret
      - name: someone
        user:
          exec: {command: get-token, apiVersion: client.authentication.k8s.io/v1}
      preferences: {}
      x-unknown-field: kept
      """;

  final Path dir;
  final Path kubeconfig;
  final InMemoryHub hub = new InMemoryHub();
  final Map<String, String> env = new HashMap<>();
  final GlobalFlags flags = new GlobalFlags();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Fixture(Path dir) {
    this(dir, KUBECONFIG);
  }

  Fixture(Path dir, String kubeconfigText) {
    this.dir = dir;
    this.kubeconfig = dir.resolve("config");
    write(kubeconfig, kubeconfigText);
    env.put("HOME", dir.toString());
    env.put("KUBECONFIG", kubeconfig.toString());
  }

  /** A fresh session, as each command invocation gets. */
  Session session() {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new Session(flags, env, new Streams(o, e), credentials -> hub);
  }

  void use(String path) {
    new UseOptions(session(), path, null).complete().validate().run();
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String text() {
    return read(kubeconfig);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
