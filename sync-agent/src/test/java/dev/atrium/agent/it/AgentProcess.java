package dev.atrium.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sync agent as a process of this module's built jar ({@code atrium.agent.jar}, {@code
 * target/quarkus-app/quarkus-run.jar}): one physical cluster, one hub kubeconfig (the syncer view
 * URL and the target's ServiceAccount token), heartbeat every second. {@link #kill()} is a crash
 * (SIGKILL: no clean-up, no last words); {@link #start()} runs it again with the same arguments.
 */
final class AgentProcess implements AutoCloseable {

  private final List<String> command;
  private final Path log;
  private Process process;

  AgentProcess(Path cluster, Path hubKubeconfig, String target, Path dir) {
    Path jar =
        Path.of(System.getProperty("atrium.agent.jar", "target/quarkus-app/quarkus-run.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "agent jar " + jar.toAbsolutePath() + " missing: package sync-agent first");
    }
    command = new ArrayList<>(List.of(HubProcess.java(), "-Xmx256m", "-XX:+UseSerialGC"));
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    command.addAll(
        List.of(
            "--kubeconfig=" + cluster,
            "--hub-kubeconfig=" + hubKubeconfig,
            "--sync-target=" + target,
            "--heartbeat-period=1s",
            "--resync-period=5s",
            "--health-port=0"));
    log = dir.resolve("agent-" + target + ".log");
  }

  synchronized AgentProcess start() throws IOException {
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return this;
  }

  /** SIGKILL, and waits until the process is gone. */
  synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  Path log() {
    return log;
  }

  @Override
  public synchronized void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
