package dev.atrium.hub.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The client tools the suite drives beyond kubectl, provisioned by the build itself so that {@code
 * ./mvnw -B verify} passes on a fresh machine: helm (built with {@code go install} from the Go
 * module proxy) and the Python {@code kubernetes} package ({@code pip install --target}). Each is
 * installed once into {@code ~/.cache/atrium-test-tools} (or {@code ATRIUM_TEST_TOOLS}) under a
 * versioned folder, written to a temporary folder first and renamed, so an interrupted install is
 * never taken for a finished one.
 *
 * <p>Tools already installed on the machine are used as they are (helm on the PATH or in {@code
 * ~/go/bin}, a {@code kubernetes} package importable by {@code python3}). When a tool is missing
 * and cannot be installed (no Go or Python toolchain, no registry), the test fails with a message
 * naming what is missing and how to install it.
 *
 * <p>The physical-cluster binaries are provisioned the same way, by the repository's {@code
 * tools/physical-cluster/physical-cluster.sh} through {@code
 * dev.atrium.testsupport.PhysicalCluster} (module {@code test-support}).
 */
public final class TestTools {

  /** The helm release the suite builds when none is installed. */
  public static final String HELM_VERSION = "v3.16.4";

  /** The Python client release the suite installs when none is importable. */
  public static final String PYTHON_CLIENT_VERSION = "37.0.2";

  private static final long INSTALL_TIMEOUT_MINUTES = 20;

  private TestTools() {}

  /** Root of the tool cache. */
  public static Path cacheRoot() {
    String configured = System.getenv("ATRIUM_TEST_TOOLS");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "atrium-test-tools");
  }

  /** A helm binary: the cached build, one on the PATH or in ~/go/bin, else built now. */
  public static synchronized Path helm() {
    Path cached = cacheRoot().resolve("helm-" + HELM_VERSION).resolve("helm");
    if (Files.isExecutable(cached)) {
      return cached;
    }
    for (Path candidate : helmCandidates()) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String go = goBinary();
    if (go == null) {
      fail(
          "helm is not installed and cannot be built: no Go toolchain (`go` on the PATH or"
              + " /usr/local/go/bin/go). Install Go >= 1.22, or install helm "
              + HELM_VERSION
              + " on the PATH (for example `go install helm.sh/helm/v3/cmd/helm@"
              + HELM_VERSION
              + "`).");
    }
    Path target = cached.getParent();
    Path staging = staging(target);
    Result r =
        run(
            List.of(go, "install", "helm.sh/helm/v3/cmd/helm@" + HELM_VERSION),
            Map.of(
                "GOBIN", staging.toString(),
                "GOTOOLCHAIN", "local",
                "CGO_ENABLED", "0",
                "GOFLAGS", "-buildvcs=false"));
    if (r.code != 0 || !Files.isExecutable(staging.resolve("helm"))) {
      fail(
          "helm is not installed and `go install helm.sh/helm/v3/cmd/helm@"
              + HELM_VERSION
              + "` failed (exit "
              + r.code
              + "); is the Go module proxy reachable?\n"
              + r.output);
    }
    publish(staging, target);
    return cached;
  }

  /**
   * The PYTHONPATH under which {@code python3} imports the {@code kubernetes} package: empty when
   * it is importable already, else the cached {@code pip install --target} folder (installed now
   * when missing).
   */
  public static synchronized String pythonPathForClient() {
    if (python3() == null) {
      fail(
          "python3 not found on the PATH: the Python compatibility test needs Python 3 with pip"
              + " (the Kubernetes client "
              + PYTHON_CLIENT_VERSION
              + " is then installed into "
              + cacheRoot()
              + ").");
    }
    if (run(List.of("python3", "-c", "import kubernetes"), Map.of()).code == 0) {
      return "";
    }
    Path target = cacheRoot().resolve("python-kubernetes-" + PYTHON_CLIENT_VERSION);
    if (Files.isDirectory(target.resolve("kubernetes"))) {
      return target.toString();
    }
    Result pip = run(List.of("python3", "-m", "pip", "--version"), Map.of());
    if (pip.code != 0) {
      fail(
          "the Python kubernetes client is not installed and cannot be installed: `python3 -m"
              + " pip` is not available. Install pip (Debian: apt-get install python3-pip), or"
              + " install the client: python3 -m pip install kubernetes=="
              + PYTHON_CLIENT_VERSION
              + "\n"
              + pip.output);
    }
    Path staging = staging(target);
    Result r =
        run(
            List.of(
                "python3",
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-warn-script-location",
                "--target",
                staging.toString(),
                "kubernetes==" + PYTHON_CLIENT_VERSION),
            Map.of());
    if (!Files.isDirectory(staging.resolve("kubernetes"))) {
      fail(
          "the Python kubernetes client is not installed and `pip install --target "
              + staging
              + " kubernetes=="
              + PYTHON_CLIENT_VERSION
              + "` failed (exit "
              + r.code
              + "); is PyPI reachable?\n"
              + r.output);
    }
    publish(staging, target);
    return target.toString();
  }

  private static List<Path> helmCandidates() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "helm"));
      }
    }
    candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", "helm"));
    return candidates;
  }

  private static String goBinary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "go"))) {
        return Path.of(dir, "go").toString();
      }
    }
    Path usual = Path.of("/usr/local/go/bin/go");
    return Files.isExecutable(usual) ? usual.toString() : null;
  }

  private static String python3() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
        return Path.of(dir, "python3").toString();
      }
    }
    return null;
  }

  /** A fresh temporary folder beside {@code target}, on the same file system for the rename. */
  private static Path staging(Path target) {
    try {
      Files.createDirectories(target.getParent());
      return Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp-");
    } catch (IOException e) {
      fail("cannot create the tool cache " + target.getParent() + ": " + e);
      return null;
    }
  }

  /** Moves a finished install into place; another build that won the race keeps its copy. */
  private static void publish(Path staging, Path target) {
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isDirectory(target)) {
        fail("cannot move " + staging + " to " + target + ": " + e);
      }
      deleteTree(staging);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // a leftover temporary folder is harmless
    }
  }

  private record Result(int code, String output) {}

  private static Result run(List<String> command, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      Path log = Files.createTempFile("atrium-test-tools", ".log");
      try {
        // Drain to a file so a chatty install cannot block on a full pipe.
        Thread drain =
            new Thread(
                () -> {
                  try {
                    Files.copy(p.getInputStream(), log, StandardCopyOption.REPLACE_EXISTING);
                  } catch (IOException ignored) {
                    // the exit code still tells
                  }
                });
        drain.start();
        if (!p.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          drain.join(5000);
          return new Result(-1, "timed out: " + String.join(" ", command));
        }
        drain.join(10000);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        return new Result(p.exitValue(), tail(out));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static String tail(String out) {
    return out.length() <= 4000 ? out : "..." + out.substring(out.length() - 4000);
  }
}
