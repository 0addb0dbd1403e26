package dev.atrium.cli.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.common.OutputFormat;
import dev.atrium.cli.common.Printer;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.model.tenancy.Tenancy;
import dev.atrium.model.tenancy.WorkspacePath;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code kubectl ws create NAME}: creates the Workspace in the current workspace, waits until it is
 * Ready (polling, printing each phase it passes), and with {@code --enter} switches to it.
 */
public final class CreateOptions {

  private static final long POLL_MILLIS = 200;

  private final Session session;
  private final String name;
  private final String type;
  private final boolean enter;
  private final boolean ignoreExisting;
  private final Duration timeout;
  private final String output;
  private OutputFormat format;
  private KubeContext current;
  private WorkspaceApi api;

  public CreateOptions(
      Session session,
      String name,
      String type,
      boolean enter,
      boolean ignoreExisting,
      Duration timeout,
      String output) {
    this.session = session;
    this.name = name;
    this.type = type;
    this.enter = enter;
    this.ignoreExisting = ignoreExisting;
    this.timeout = timeout;
    this.output = output;
  }

  public CreateOptions complete() {
    format = OutputFormat.parse(output);
    current = session.current();
    api = new WorkspaceApi(session.client(current));
    return this;
  }

  public CreateOptions validate() {
    if (!WorkspacePath.validName(name)) {
      throw new CliException(
          "invalid workspace name \""
              + name
              + "\": lowercase letters, digits and '-', starting and ending alphanumeric, at most 63");
    }
    if (type != null && type.isBlank()) {
      throw new CliException("--type must not be empty");
    }
    return this;
  }

  public void run() {
    JsonNode workspace = createOrAdopt();
    workspace = waitForReady(workspace);
    progress()
        .println(
            "Workspace \""
                + name
                + "\" (type "
                + WorkspaceApi.type(workspace)
                + ") is ready to use.");
    if (enter) {
      new UseOptions(session, name, format == OutputFormat.TEXT ? null : output)
          .complete()
          .validate()
          .run();
    } else if (format == OutputFormat.NAME) {
      session.streams().out().println("workspace." + Tenancy.GROUP + "/" + name);
    } else if (format != OutputFormat.TEXT) {
      Printer.print(session.streams().out(), format, Printer.toMap(workspace));
    }
  }

  private JsonNode createOrAdopt() {
    HubResponse created = api.create(current.url(), name, type);
    if (created.ok()) {
      announce(created.body(), "created");
      return created.body();
    }
    if (created.code() != 409 || !ignoreExisting) {
      throw WorkspaceApi.failure(created);
    }
    HubResponse existing = api.get(current.url(), name);
    if (!existing.ok()) {
      throw WorkspaceApi.failure(existing);
    }
    String existingType = WorkspaceApi.type(existing.body());
    if (type != null && !type.equals(existingType)) {
      throw new CliException(
          "workspace \"" + name + "\" already exists with type " + existingType + ", not " + type);
    }
    announce(existing.body(), "already exists");
    return existing.body();
  }

  private void announce(JsonNode workspace, String what) {
    progress()
        .println(
            "Workspace \""
                + name
                + "\" (type "
                + WorkspaceApi.type(workspace)
                + ") "
                + what
                + ". Waiting for it to be ready...");
  }

  private JsonNode waitForReady(JsonNode workspace) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastPhase = WorkspaceApi.phase(workspace);
    while (!lastPhase.equals(Tenancy.PHASE_READY)) {
      if (lastPhase.equals(Tenancy.PHASE_TERMINATING)) {
        throw new CliException("workspace \"" + name + "\" is being deleted");
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(
            "workspace \""
                + name
                + "\" is not ready after "
                + timeout.toSeconds()
                + "s (phase "
                + lastPhase
                + ")");
      }
      sleep();
      HubResponse response = api.get(current.url(), name);
      if (!response.ok()) {
        throw WorkspaceApi.failure(response);
      }
      workspace = response.body();
      String phase = WorkspaceApi.phase(workspace);
      if (!phase.equals(lastPhase) && !phase.equals(Tenancy.PHASE_READY)) {
        progress().println("Workspace \"" + name + "\" is " + phase + "...");
      }
      lastPhase = phase;
    }
    return workspace;
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  /** Human messages: stdout normally, stderr when stdout carries -o output. */
  private PrintStream progress() {
    return format == OutputFormat.TEXT ? session.streams().out() : session.streams().err();
  }
}
