package dev.atrium.cli.ws;

import dev.atrium.cli.common.CliException;

/** {@code kubectl ws create-context [NAME]}: a named context for the current workspace. */
public final class CreateContextOptions {

  private final Session session;
  private final boolean overwrite;
  private String name;
  private KubeContext current;

  public CreateContextOptions(Session session, String name, boolean overwrite) {
    this.session = session;
    this.name = name;
    this.overwrite = overwrite;
  }

  public CreateContextOptions complete() {
    current = session.current();
    if (name == null) {
      name = current.url().path().value();
    }
    return this;
  }

  public CreateContextOptions validate() {
    if (name.isBlank()) {
      throw new CliException("the context name must not be empty");
    }
    return this;
  }

  public void run() {
    new ContextEditor(session.kubeconfig()).createContext(current, name, overwrite);
    session.kubeconfig().save();
    session
        .streams()
        .out()
        .println(
            "Context \""
                + name
                + "\" created for workspace '"
                + current.url().path()
                + "' and set as current.");
  }
}
