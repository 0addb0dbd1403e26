package dev.atrium.cli.apis;

import dev.atrium.cli.common.CliException;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.KubeContext;
import dev.atrium.cli.ws.Session;
import dev.atrium.model.apis.ApiBinding;
import dev.atrium.model.apis.ApiBindingSpec;
import dev.atrium.model.apis.ApiBindingStatus;
import dev.atrium.model.apis.Apis;
import dev.atrium.model.meta.Condition;
import dev.atrium.model.meta.ModelJson;
import dev.atrium.model.tenancy.WorkspacePath;
import java.time.Duration;
import java.util.List;

/**
 * {@code kubectl atrium bind apiexport PATH:NAME [--name N]}: creates an APIBinding in the current
 * workspace and waits until it is Bound; a missing export, a refused bind or a name clash is a
 * clear error (the binding's condition), not a hang.
 */
public final class BindOptions {

  private static final String BINDINGS =
      "/apis/" + Apis.GROUP + "/" + Apis.VERSION + "/" + Apis.BINDINGS;
  private static final long POLL_MILLIS = 300;

  private final Session session;
  private final String reference;
  private final String bindingName;
  private final Duration timeout;
  private String path;
  private String export;
  private String name;
  private KubeContext current;
  private HubClient hub;

  public BindOptions(Session session, String reference, String bindingName, Duration timeout) {
    this.session = session;
    this.reference = reference;
    this.bindingName = bindingName;
    this.timeout = timeout;
  }

  public BindOptions complete() {
    int colon = reference == null ? -1 : reference.lastIndexOf(':');
    if (colon <= 0 || colon == reference.length() - 1) {
      throw new CliException(
          "expected PATH:NAME of an APIExport (e.g. root:providers:widgets), got \""
              + reference
              + "\"");
    }
    path = reference.substring(0, colon);
    export = reference.substring(colon + 1);
    name = bindingName == null ? export : bindingName;
    current = session.current();
    hub = session.client(current);
    return this;
  }

  public BindOptions validate() {
    if (!WorkspacePath.valid(path)) {
      throw new CliException("invalid workspace path \"" + path + "\"");
    }
    if (!WorkspacePath.validName(export) || !WorkspacePath.validName(name)) {
      throw new CliException(
          "invalid name \"" + (WorkspacePath.validName(export) ? name : export) + "\"");
    }
    return this;
  }

  public void run() {
    ApiBinding body = ApiBinding.named(name, ApiBindingSpec.of(path, export));
    HubResponse created = hub.post(current.url().url(BINDINGS), ModelJson.tree(body));
    String where = " in workspace " + current.url().path().value();
    if (created.code() == 403) {
      throw new CliException("cannot bind " + reference + where + ": " + created.message());
    }
    if (created.code() != 201 && created.code() != 409) {
      throw new CliException("cannot bind " + reference + where + ": " + created.message());
    }
    ApiBinding bound = waitForBound();
    session
        .streams()
        .out()
        .println("apibinding \"" + name + "\" Bound to " + reference + resources(bound));
  }

  private ApiBinding waitForBound() {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (true) {
      HubResponse r = hub.get(current.url().url(BINDINGS + "/" + name));
      if (!r.ok()) {
        throw new CliException("cannot read apibinding \"" + name + "\": " + r.message());
      }
      ApiBinding binding = ModelJson.tryRead(r.body(), ApiBinding.class).orElse(null);
      ApiBindingStatus status = binding == null ? null : binding.status();
      if (status != null && status.bound()) {
        return binding;
      }
      Condition ready =
          Condition.find(status == null ? null : status.conditions(), "Ready").orElse(null);
      if (ready != null) {
        last = ready.reason() + ": " + ready.message();
        if ("NameConflict".equals(ready.reason())) {
          throw new CliException("apibinding \"" + name + "\" cannot bind: " + last);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(
            "apibinding \""
                + name
                + "\" is not Bound after "
                + timeout.toSeconds()
                + "s"
                + (last.isEmpty() ? "" : " (" + last + ")"));
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted");
      }
    }
  }

  private static String resources(ApiBinding binding) {
    StringBuilder b = new StringBuilder();
    List<ApiBindingStatus.BoundResource> bound = binding.status().boundResources();
    for (ApiBindingStatus.BoundResource r :
        bound == null ? List.<ApiBindingStatus.BoundResource>of() : bound) {
      b.append(b.length() == 0 ? " (" : ", ").append(r.resource()).append('.').append(r.group());
    }
    return b.length() == 0 ? "" : b.append(')').toString();
  }
}
