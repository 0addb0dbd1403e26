package dev.atrium.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the built images without a container engine: the image tarball is unpacked layer by layer
 * (whiteouts honoured) into a directory, which becomes the root of a private mount namespace
 * (bind-mounted read-only, with /proc, /dev, a tmpfs /tmp and a writable /data volume), and the
 * image's entrypoint runs there under {@code chroot} as the image's user with the image's
 * environment and working directory.
 *
 * <p>As root the namespace is a plain mount and pid namespace and the entrypoint runs as the
 * image's uid. Without root it is the same inside a user namespace ({@code unshare --user}, which
 * needs no privilege where the kernel allows unprivileged user namespaces): the invoking user is
 * root there for the mounts, and a nested user namespace maps it to the image's uid for the
 * entrypoint, which therefore runs as 65532 without capabilities. The unpacked files belong to the
 * invoking user, so inside they appear as the image user's own; the read-only root still refuses
 * every write. Needs Linux and util-linux (unshare, chroot) and tar; fails, saying which is
 * missing, otherwise ({@code -DskipImages} leaves the module out).
 */
class ImageIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NONROOT = 65532;

  @TempDir static Path work;

  /** Whether the test runs as root (plain namespaces) or not (inside a user namespace). */
  private static boolean asRoot;

  @BeforeAll
  static void requireLinuxAndNamespaces() throws Exception {
    assertTrue(
        System.getProperty("os.name").startsWith("Linux"),
        "the images run on Linux only (build with -DskipImages elsewhere)");
    assertTrue(
        onPath("unshare") && onPath("chroot") && onPath("tar"),
        "needs util-linux (unshare, chroot) and tar on the PATH");
    asRoot = "0".equals(run(List.of("id", "-u")).strip());
    System.out.println(
        "ImageIT as uid "
            + run(List.of("id", "-u")).strip()
            + (asRoot ? ": mount and pid namespaces" : ": inside user namespaces"));
    if (!asRoot) {
      Process p =
          new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "true")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(
          0,
          p.waitFor(),
          "not root, and unprivileged user namespaces are not allowed here (sysctl"
              + " user.max_user_namespaces, kernel.unprivileged_userns_clone or AppArmor's"
              + " kernel.apparmor_restrict_unprivileged_userns): run as root or build with"
              + " -DskipImages. unshare said: "
              + out);
    }
  }

  @Test
  void hubImageServesReadyzFromReadOnlyRoot() throws Exception {
    Image image = Image.unpack(tarProperty("atrium.image.hub.tar"), work.resolve("hub"));
    assertTrue(
        image.repoTags.contains(System.getProperty("atrium.image.hub")),
        "tagged " + image.repoTags);
    assertEquals(NONROOT + ":" + NONROOT, image.user);
    assertEquals(List.of("java", "-jar", "/app/quarkus-run.jar"), image.entrypoint);
    assertEquals("/data", image.workingDir);
    assertTrue(image.volumes.containsAll(List.of("/data", "/tmp")), "volumes " + image.volumes);
    assertTrue(Files.isRegularFile(image.root.resolve("app/quarkus-run.jar")));
    assertTrue(Files.isDirectory(image.root.resolve("app/lib/main")));
    // The fast-jar as layers over the base: dependencies (lib) below the application.
    int java = image.layerOf("opt/java/bin/java");
    int lib = image.layerOf("app/lib/main/");
    int app = image.layerOf("app/quarkus-run.jar");
    assertTrue(
        java >= 0 && java < lib && lib < app,
        "layers: java " + java + ", lib " + lib + ", app " + app);

    Path data = writableVolume(work.resolve("hub-data"));
    int port = freePort();
    Map<String, String> env = new LinkedHashMap<>(image.env);
    env.put("ATRIUM_PORT", Integer.toString(port));
    env.put("ATRIUM_BIND_ADDRESS", "127.0.0.1");
    env.put("ATRIUM_HOSTNAMES", "localhost,127.0.0.1");
    Path log = work.resolve("hub.log");
    Process hub = image.start(data, env, List.of(), log);
    try {
      HttpClient client = null;
      Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
      String last = "no answer";
      while (Instant.now().isBefore(deadline)) {
        if (!hub.isAlive()) {
          fail("hub exited with " + hub.exitValue() + ":\n" + tail(log));
        }
        Path ca = data.resolve("ca.crt");
        if (client == null && Files.isRegularFile(ca) && Files.size(ca) > 0) {
          client = HttpClient.newBuilder().sslContext(trusting(ca)).build();
        }
        if (client != null) {
          try {
            HttpResponse<String> r =
                client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/readyz"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
              break;
            }
          } catch (IOException e) {
            last = e.toString();
          }
        }
        Thread.sleep(1000);
      }
      assertTrue(last.startsWith("200"), "readyz: " + last + "\n" + tail(log));
      // The hub's state went to the volume: its PKI and the embedded database.
      assertTrue(Files.isRegularFile(data.resolve("ca.key")));
      try (Stream<Path> files = Files.list(data)) {
        assertTrue(files.count() > 2, "data volume written");
      }
      // A pod's stop: SIGTERM to the entrypoint, which must shut down (embedded database too).
      List<ProcessHandle> entrypoint = hub.children().toList();
      entrypoint.forEach(ProcessHandle::destroy);
      assertTrue(hub.waitFor(60, TimeUnit.SECONDS), "hub stops on SIGTERM\n" + tail(log));
      assertTrue(Files.readString(log).contains("stopped in"), tail(log));
    } finally {
      stop(hub);
    }
    assertFalse(Files.readString(log).contains("Read-only file system"), tail(log));
    // Logging was configured by Quarkus (a missing JDK module once left it on the fallback).
    assertFalse(Files.readString(log).contains("DelayedHandler was closed"), tail(log));
  }

  @Test
  void agentImageRunsAsNonRoot() throws Exception {
    Image image = Image.unpack(tarProperty("atrium.image.agent.tar"), work.resolve("agent"));
    assertTrue(
        image.repoTags.contains(System.getProperty("atrium.image.agent")),
        "tagged " + image.repoTags);
    assertEquals(NONROOT + ":" + NONROOT, image.user);
    assertEquals(List.of("java", "-jar", "/app/quarkus-run.jar"), image.entrypoint);

    Path data = writableVolume(work.resolve("agent-data"));
    Path log = work.resolve("agent.log");
    Process agent = image.start(data, image.env, List.of("--help"), log);
    try {
      assertTrue(agent.waitFor(3, TimeUnit.MINUTES), "agent --help returns");
      assertEquals(0, agent.exitValue(), tail(log));
      assertTrue(Files.readString(log).contains("Usage: sync-agent"), tail(log));
    } finally {
      stop(agent);
    }
  }

  @Test
  void onlyTheVolumesAreWritable() throws Exception {
    Image image = Image.unpack(tarProperty("atrium.image.agent.tar"), work.resolve("probe"));
    Path data = writableVolume(work.resolve("probe-data"));
    Path log = work.resolve("probe.log");
    image.entrypoint = List.of("/bin/sh", "-c");
    String probe =
        "echo x > /data/probe && echo x > /tmp/probe && echo volumes-writable; "
            + "for f in /probe /app/probe /etc/probe /opt/java/probe /home/nonroot/probe; do "
            + "if echo x > $f; then echo WROTE $f; fi; done";
    Process p = image.start(data, image.env, List.of(probe), log);
    try {
      assertTrue(p.waitFor(1, TimeUnit.MINUTES));
      String out = Files.readString(log);
      assertTrue(out.contains("volumes-writable"), out);
      assertFalse(out.contains("WROTE"), out);
      assertTrue(out.contains("Read-only file system"), out);
      assertTrue(Files.isRegularFile(data.resolve("probe")));
      assertFalse(Files.exists(image.root.resolve("probe")));
    } finally {
      stop(p);
    }
  }

  /** An image tarball unpacked into a root filesystem, and the parts of its config a run needs. */
  static final class Image {
    Path root;
    List<String> repoTags = new ArrayList<>();
    List<String> entrypoint = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> volumes = new ArrayList<>();

    /** Each layer's entries, bottom first. */
    List<List<String>> layers = new ArrayList<>();

    String user;
    String workingDir;

    static Image unpack(Path tarball, Path dir) throws Exception {
      Path blobs = Files.createDirectories(dir.resolve("blobs"));
      run(List.of("tar", "-xf", tarball.toString(), "-C", blobs.toString()));
      JsonNode manifest = JSON.readTree(blobs.resolve("manifest.json").toFile()).get(0);
      Image image = new Image();
      image.root = Files.createDirectories(dir.resolve("rootfs"));
      manifest.path("RepoTags").forEach(t -> image.repoTags.add(t.asText()));
      for (JsonNode layer : manifest.get("Layers")) {
        image.layers.add(applyLayer(blobs.resolve(layer.asText()), image.root));
      }
      JsonNode config = JSON.readTree(blobs.resolve(manifest.get("Config").asText()).toFile());
      JsonNode c = config.get("config");
      c.path("Entrypoint").forEach(e -> image.entrypoint.add(e.asText()));
      c.path("Cmd").forEach(e -> image.entrypoint.add(e.asText()));
      c.path("Env")
          .forEach(
              e -> {
                String kv = e.asText();
                int eq = kv.indexOf('=');
                image.env.put(kv.substring(0, eq), kv.substring(eq + 1));
              });
      c.path("Volumes").fieldNames().forEachRemaining(image.volumes::add);
      image.user = c.path("User").asText();
      image.workingDir = c.path("WorkingDir").asText("/");
      return image;
    }

    /**
     * One layer on top of the ones below: its whiteouts first ({@code .wh.NAME} removes NAME,
     * {@code .wh..wh..opq} empties its directory), then its files.
     */
    private static List<String> applyLayer(Path layer, Path root) throws Exception {
      List<String> entries = new ArrayList<>();
      for (String entry :
          run(List.of("tar", "--warning=no-unknown-keyword", "-tf", layer.toString()))
              .split("\n")) {
        String path = entry.startsWith("./") ? entry.substring(2) : entry;
        entries.add(path);
        Path p = Path.of(path);
        if (p.getFileName() == null || !p.getFileName().toString().startsWith(".wh.")) {
          continue;
        }
        Path parent = root.resolve(p).getParent().normalize();
        assertTrue(parent.startsWith(root), "whiteout inside the root: " + entry);
        String name = p.getFileName().toString();
        if (name.equals(".wh..wh..opq")) {
          if (Files.isDirectory(parent)) {
            try (Stream<Path> children = Files.list(parent)) {
              for (Path child : children.toList()) {
                deleteRecursively(child);
              }
            }
          }
        } else {
          deleteRecursively(parent.resolve(name.substring(".wh.".length())));
        }
      }
      run(
          List.of(
              "tar",
              "--warning=no-unknown-keyword",
              "-xf",
              layer.toString(),
              "-C",
              root.toString(),
              "--numeric-owner",
              "--same-permissions",
              "--exclude=.wh.*"));
      return entries;
    }

    /** The index of the layer that holds {@code path}, -1 if none. */
    int layerOf(String path) {
      for (int i = layers.size() - 1; i >= 0; i--) {
        if (layers.get(i).contains(path)) {
          return i;
        }
      }
      return -1;
    }

    /**
     * The entrypoint with {@code args}, as the image's user, in a mount namespace where the
     * unpacked root is read-only and only /tmp (tmpfs) and /data ({@code data}) are writable.
     */
    Process start(Path data, Map<String, String> env, List<String> args, Path log)
        throws IOException {
      String r = root.toString();
      String script =
          String.join(
              "\n",
              "set -e",
              "r='" + r + "'",
              "mount --make-rprivate /",
              "mount --bind \"$r\" \"$r\"",
              "mount -o remount,bind,ro \"$r\"",
              "mount -t proc proc \"$r/proc\"",
              "mount --rbind /dev \"$r/dev\"",
              "mount -t tmpfs -o mode=1777 tmpfs \"$r/tmp\"",
              "mount --bind '" + data + "' \"$r/data\"",
              "exec env -i \"$@\"");
      List<String> cmd = new ArrayList<>(List.of("unshare"));
      if (!asRoot) {
        cmd.addAll(List.of("--user", "--map-root-user"));
      }
      cmd.addAll(List.of("--mount", "--pid", "--fork", "--kill-child", "sh", "-c", script, "sh"));
      env.forEach((k, v) -> cmd.add(k + "=" + v));
      cmd.addAll(asRoot ? chrootAsUser() : userNamespaceAsUser());
      // The image's own shell enters the working directory, then its entrypoint runs.
      cmd.addAll(List.of("/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", workingDir));
      cmd.addAll(entrypoint);
      cmd.addAll(args);
      return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private String uid() {
      return user.split(":")[0];
    }

    private String gid() {
      String[] userGroup = user.split(":");
      return userGroup.length > 1 ? userGroup[1] : "0";
    }

    /** As root: chroot, then the image's user and group. */
    private List<String> chrootAsUser() {
      return List.of(which("chroot"), "--userspec=" + uid() + ":" + gid(), root.toString());
    }

    /**
     * Without root: a nested user namespace in which the invoking user (root of the outer one) is
     * the image's uid and gid, chrooted by unshare itself; its exec drops every capability.
     */
    private List<String> userNamespaceAsUser() {
      return List.of(
          which("unshare"),
          "--user",
          "--map-user=" + uid(),
          "--map-group=" + gid(),
          "--root=" + root);
    }
  }

  private static Path tarProperty(String name) {
    Path tar = Path.of(System.getProperty(name, "unset"));
    assertTrue(Files.isRegularFile(tar), name + " = " + tar + " (run the package phase)");
    return tar;
  }

  private static Path writableVolume(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    if (asRoot) {
      run(List.of("chown", NONROOT + ":" + NONROOT, dir.toString()));
    } // else the invoking user owns it, and is the image's user inside the namespace
    // The volume's parents must be traversable by the image's user.
    for (Path p = dir.getParent(); p != null && p.startsWith(work); p = p.getParent()) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir;
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /**
   * SIGTERM to the entrypoint (the namespace's pid 1; {@code unshare --kill-child} does not reach
   * it once {@code chroot} changed its user), SIGKILL to whatever is left after 30 s. The end of
   * pid 1 ends the namespace's other processes (the embedded PostgreSQL).
   */
  private static void stop(Process p) throws Exception {
    List<ProcessHandle> tree = p.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      tree.forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    for (ProcessHandle h : tree) {
      h.destroyForcibly();
      h.onExit().get(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static boolean onPath(String command) {
    return which(command) != null;
  }

  /** The absolute path of a host command: the image's environment replaces the host's PATH. */
  private static String which(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin").split(":")) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  private static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(cmd + " failed with " + p.exitValue() + ": " + out);
    }
    return out;
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
