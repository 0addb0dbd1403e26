package dev.atrium.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real Kubernetes control plane on 127.0.0.1 (etcd, kube-apiserver, controller-manager,
 * scheduler, kwok's fake nodes) from the repository's {@code
 * tools/physical-cluster/physical-cluster.sh}. The first {@link #start} on a machine compiles the
 * binaries into {@code ~/.cache/atrium-physical-cluster} (about 15 minutes); later ones take
 * seconds. Each cluster lives in its own temporary directory (logs under {@code logs/}); {@link
 * #close} stops exactly its processes. Several clusters run side by side.
 */
public final class PhysicalCluster implements AutoCloseable {

  /** Admin (system:masters) kubeconfig with embedded certificates. */
  public final Path kubeconfig;

  /** https://127.0.0.1:PORT */
  public final String server;

  /** The cluster's directory; null for {@link #existing}. */
  public final Path dir;

  private final ClusterScript script;

  private PhysicalCluster(Path kubeconfig, String server, Path dir, ClusterScript script) {
    this.kubeconfig = kubeconfig;
    this.server = server;
    this.dir = dir;
    this.script = script;
  }

  /** A cluster on free ports (retried on new ones when another process takes them first). */
  public static PhysicalCluster start() throws IOException, InterruptedException {
    ClusterScript script = ClusterScript.locate();
    script.build();
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int etcdPort = freePortPair();
      int port = freePort();
      if (port == etcdPort || port == etcdPort + 1) {
        continue;
      }
      try {
        return up(script, port, etcdPort);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last != null ? last : new IllegalStateException("no free ports");
  }

  /** A cluster with its apiserver on {@code port} and etcd on {@code etcdPort} and +1. */
  public static PhysicalCluster start(int port, int etcdPort)
      throws IOException, InterruptedException {
    ClusterScript script = ClusterScript.locate();
    script.build();
    return up(script, port, etcdPort);
  }

  private static PhysicalCluster up(ClusterScript script, int port, int etcdPort)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("atrium-physical-cluster-");
    Path log = dir.resolve("up.log");
    int code = script.up(dir, port, etcdPort, log);
    if (code != 0) {
      throw new IllegalStateException(
          "physical-cluster.sh up " + dir + " " + port + " failed:\n" + Files.readString(log));
    }
    return new PhysicalCluster(dir.resolve("kubeconfig"), "https://127.0.0.1:" + port, dir, script);
  }

  /** A cluster someone else runs and stops; {@link #close} leaves it alone. */
  public static PhysicalCluster existing(Path kubeconfig) {
    return new PhysicalCluster(kubeconfig, null, null, null);
  }

  private static Path binaries;

  /** The cached kubectl that matches the cluster's version (built with it). */
  public static synchronized Path kubectl() throws IOException, InterruptedException {
    if (binaries == null) {
      binaries = ClusterScript.locate().build();
    }
    return binaries.resolve("kubectl");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (dir == null) {
      return;
    }
    int code = script.down(dir, dir.resolve("down.log"));
    if (code != 0) {
      throw new IllegalStateException(
          "physical-cluster.sh down " + dir + ":\n" + Files.readString(dir.resolve("down.log")));
    }
  }

  /** Ports below Linux's ephemeral range, so no client connection holds them meanwhile. */
  private static int freePort() throws IOException {
    for (int i = 0; i < 200; i++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 30000);
      if (free(port)) {
        return port;
      }
    }
    throw new IOException("no free port in 20000-29999");
  }

  /** etcd's client port, whose successor (its peer port) is free too. */
  private static int freePortPair() throws IOException {
    for (int i = 0; i < 200; i++) {
      int port = freePort();
      if (free(port + 1)) {
        return port;
      }
    }
    throw new IOException("no two free adjacent ports in 20000-29999");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
