package dev.atrium.cli.ws;

import dev.atrium.cli.common.CliException;
import dev.atrium.cli.common.OutputFormat;
import dev.atrium.model.tenancy.WorkspacePath;

/**
 * {@code kubectl ws use PATH}: resolves the target (relative, absolute, {@code -}, {@code ~}),
 * checks it exists and may be entered, then rewrites the kubeconfig. Without a target, or {@code ~}
 * with no home workspace configured, prints the current workspace.
 */
public final class UseOptions {

  private final Session session;
  private final String input;
  private final String output;
  private OutputFormat format;
  private KubeContext leaving;
  private KubeContext source;
  private WorkspaceUrl target;

  public UseOptions(Session session, String input, String output) {
    this.session = session;
    this.input = input;
    this.output = output;
  }

  public UseOptions complete() {
    format = OutputFormat.parse(output);
    leaving = session.current();
    source = leaving;
    if (input == null || input.equals("~") || input.equals(session.env().get("HOME"))) {
      target = home();
    } else if (input.equals("-")) {
      source =
          session
              .context(Session.PREVIOUS)
              .orElseThrow(() -> new CliException("no previous workspace to go back to"));
      target = source.url();
    } else {
      target = leaving.url().at(PathResolver.resolve(leaving.url().path(), input));
    }
    return this;
  }

  /** The configured home workspace ({@code ATRIUM_HOME_WORKSPACE}), or null. */
  private WorkspaceUrl home() {
    String home = session.env().get(Session.HOME_ENV);
    if (home == null || home.isBlank()) {
      return null;
    }
    WorkspacePath path =
        PathResolver.resolve(WorkspacePath.ROOT, home.startsWith(":") ? home : ":" + home);
    return leaving.url().at(path);
  }

  public UseOptions validate() {
    if (target != null) {
      new WorkspaceAccess(new WorkspaceApi(session.client(source))).check(target);
    }
    return this;
  }

  public void run() {
    if (target == null) {
      CurrentOptions.print(session.streams(), format, false, leaving);
      return;
    }
    new ContextEditor(session.kubeconfig()).switchTo(leaving, source, target);
    session.kubeconfig().save();
    KubeContext now = new KubeContext(Session.CURRENT, source.user(), source.cluster(), target);
    CurrentOptions.print(session.streams(), format, false, now);
  }

  /** For tests: where {@link #complete} decided to go (null: print the current one). */
  WorkspaceUrl target() {
    return target;
  }
}
