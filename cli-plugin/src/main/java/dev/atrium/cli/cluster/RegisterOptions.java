package dev.atrium.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.cli.common.CliException;
import dev.atrium.cli.common.Version;
import dev.atrium.cli.hub.Credentials;
import dev.atrium.cli.hub.HubResponse;
import dev.atrium.cli.ws.KubeContext;
import dev.atrium.cli.ws.Session;
import dev.atrium.model.tenancy.WorkspacePath;
import dev.atrium.model.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code kubectl atrium cluster register NAME}: in the current workspace, creates (or keeps) the
 * SyncTarget, the agent's ServiceAccount {@code atrium-syncer-NAME} in {@code default}, a token for
 * it, and renders the agent manifest for the physical cluster to a file or stdout.
 */
public final class RegisterOptions {

  /** Overrides the default agent image ({@code atrium/sync-agent:<plugin version>}). */
  public static final String IMAGE_ENV = "ATRIUM_AGENT_IMAGE";

  /** The name deploy/images gives the agent image (Maven property atrium.image.agent). */
  public static final String DEFAULT_IMAGE_REPOSITORY = "atrium/sync-agent";

  private static final Pattern GROUP =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final Session session;
  private final String name;
  private final String labelsText;
  private final String output;
  private final String image;
  private final String hubUrl;
  private final String groupsText;
  private final boolean rbacEscalation;
  private KubeContext current;
  private ClusterApi api;
  private Credentials credentials;
  private Map<String, String> labels;
  private List<String> groups;
  private String hub;
  private String agentImage;

  public RegisterOptions(
      Session session,
      String name,
      String labelsText,
      String output,
      String image,
      String hubUrl,
      String groupsText,
      boolean rbacEscalation) {
    this.session = session;
    this.name = name;
    this.labelsText = labelsText;
    this.output = output;
    this.image = image;
    this.hubUrl = hubUrl;
    this.groupsText = groupsText;
    this.rbacEscalation = rbacEscalation;
  }

  /** The image used without --agent-image: $ATRIUM_AGENT_IMAGE, else the plugin's version. */
  public static String defaultImage(Map<String, String> env) {
    String fromEnv = env.get(IMAGE_ENV);
    return fromEnv != null && !fromEnv.isBlank()
        ? fromEnv.trim()
        : DEFAULT_IMAGE_REPOSITORY + ":" + Version.get();
  }

  public RegisterOptions complete() {
    current = session.current();
    api = new ClusterApi(session.client(current), current.url());
    credentials = session.credentials(current);
    agentImage = image != null ? image.trim() : defaultImage(session.env());
    return this;
  }

  public RegisterOptions validate() {
    if (!WorkspacePath.validName(name)) {
      throw new CliException(
          "invalid cluster name \""
              + name
              + "\": lowercase letters, digits and '-', starting and ending alphanumeric, at most 63");
    }
    labels = Labels.parse(labelsText);
    groups = groups(groupsText);
    if (agentImage.isEmpty() || agentImage.chars().anyMatch(Character::isWhitespace)) {
      throw new CliException("invalid --agent-image \"" + agentImage + "\"");
    }
    hub = hubUrl != null ? hubBase(hubUrl) : hubBase(current.url().base());
    if (output != null && output.isBlank()) {
      throw new CliException("-o needs a file name (or - for stdout)");
    }
    if (!toStdout()) {
      // before anything is created on the hub
      Path dir = Path.of(output).toAbsolutePath().getParent();
      if (Files.isDirectory(Path.of(output))) {
        throw new CliException("cannot write the manifest to " + output + ": it is a folder");
      }
      if (dir == null || !Files.isDirectory(dir)) {
        throw new CliException(
            "cannot write the manifest to " + output + ": folder " + dir + " does not exist");
      }
      if (!Files.isWritable(dir)) {
        throw new CliException(
            "cannot write the manifest to " + output + ": folder " + dir + " is not writable");
      }
    }
    return this;
  }

  public void run() {
    String key = ensureTarget();
    ensureServiceAccount();
    String token = requestToken();
    AgentManifest manifest =
        new AgentManifest(
            new AgentManifest.Input(
                name,
                api.workspace(),
                hub + Workload.viewPath(api.workspace(), name),
                credentials.caPem(),
                credentials.insecure(),
                token,
                agentImage,
                groups,
                rbacEscalation));
    String yaml = manifest.yaml();
    if (toStdout()) {
      session.streams().out().print(yaml);
      session.streams().out().flush();
      progress().println("Apply it on the physical cluster: kubectl apply -f <file>");
    } else {
      write(Path.of(output), yaml);
      progress()
          .println(
              "Wrote the agent manifest to "
                  + output
                  + " (it holds the agent's token: keep it private).");
      progress().println("Apply it on the physical cluster: kubectl apply -f " + output);
    }
    if (key == null) {
      progress().println("(the hub has not set the target's key label yet)");
    }
  }

  /** Creates the SyncTarget or adopts the existing one; returns its key (null if not set yet). */
  private String ensureTarget() {
    String doing = "register cluster \"" + name + "\"";
    HubResponse created = api.createTarget(name, labels);
    JsonNode target;
    String what;
    if (created.ok()) {
      target = created.body();
      what = "created";
    } else if (created.code() == 409) {
      HubResponse existing = api.getTarget(name);
      if (!existing.ok()) {
        throw api.failure(doing, existing);
      }
      target = existing.body();
      if (!target.path("metadata").path("deletionTimestamp").isMissingNode()) {
        throw new CliException(
            "synctarget \""
                + name
                + "\" in workspace "
                + api.workspace()
                + " is being deregistered: wait until it is gone (kubectl atrium cluster deregister "
                + name
                + " --wait), then register it again");
      }
      what = "exists already; rendering its manifest again";
      if (labelsText != null && !labels.equals(ClusterApi.userLabels(target))) {
        HubResponse updated = api.relabelTarget(target, labels);
        if (!updated.ok()) {
          throw api.failure("update the labels of synctarget \"" + name + "\"", updated);
        }
        target = updated.body();
        what = "exists already; labels updated, rendering its manifest again";
      }
    } else if (created.code() == 404) {
      throw api.notServed(doing, created);
    } else {
      throw api.failure(doing, created);
    }
    String key = target.path("metadata").path("labels").path(Workload.KEY_LABEL).asText(null);
    progress()
        .println(
            "SyncTarget \""
                + name
                + "\" "
                + what
                + " (workspace "
                + api.workspace()
                + (key == null ? "" : ", key " + key)
                + ").");
    return key;
  }

  private void ensureServiceAccount() {
    String sa = Workload.AGENT_NAMESPACE + "/" + Workload.agentServiceAccount(name);
    HubResponse created = api.createServiceAccount(name);
    if (created.ok()) {
      progress().println("ServiceAccount \"" + sa + "\" created.");
      return;
    }
    if (created.code() != 409) {
      if (created.code() == 404) {
        throw new CliException(
            "cannot create serviceaccount \""
                + sa
                + "\" in workspace "
                + api.workspace()
                + ": "
                + created.message()
                + " (the agent's identity lives in namespace "
                + Workload.AGENT_NAMESPACE
                + ")");
      }
      throw api.failure("create serviceaccount \"" + sa + "\"", created);
    }
    HubResponse existing = api.getServiceAccount(name);
    if (!existing.ok()) {
      throw api.failure("read serviceaccount \"" + sa + "\"", existing);
    }
    JsonNode metadata = existing.body().path("metadata");
    if (!ClusterApi.MANAGER.equals(metadata.path("labels").path(ClusterApi.MANAGED_BY).asText())) {
      throw new CliException(
          "serviceaccount \""
              + sa
              + "\" exists in workspace "
              + api.workspace()
              + " but was not created by kubectl atrium (no label "
              + ClusterApi.MANAGED_BY
              + "="
              + ClusterApi.MANAGER
              + "): its tokens would act for cluster \""
              + name
              + "\"; delete it or register the cluster under another name");
    }
    if (!metadata.path("deletionTimestamp").isMissingNode()) {
      throw new CliException(
          "serviceaccount \"" + sa + "\" is being deleted: try again in a moment");
    }
    progress().println("ServiceAccount \"" + sa + "\" exists already.");
  }

  private String requestToken() {
    String sa = Workload.AGENT_NAMESPACE + "/" + Workload.agentServiceAccount(name);
    HubResponse response = api.requestToken(name, ClusterApi.TOKEN_SECONDS);
    if (!response.ok()) {
      throw api.failure("request a token for serviceaccount \"" + sa + "\"", response);
    }
    String token = response.body().path("status").path("token").asText("");
    if (token.isEmpty()) {
      throw new CliException(
          "the hub answered the token request for \"" + sa + "\" without a token");
    }
    String expires = response.body().path("status").path("expirationTimestamp").asText("");
    progress()
        .println(
            "Token issued for the agent"
                + (expires.isEmpty() ? "" : " (expires " + expires + ")")
                + ".");
    return token;
  }

  /** {@code --custom-resource-groups g1,g2}: API group names; null or blank is all groups. */
  static List<String> groups(String text) {
    List<String> groups = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return groups;
    }
    for (String part : text.split(",", -1)) {
      String group = part.trim();
      if (group.isEmpty() || group.length() > 253 || !GROUP.matcher(group).matches()) {
        throw new CliException(
            "invalid API group \""
                + group
                + "\" in --custom-resource-groups: a DNS subdomain such as example.com");
      }
      if (!groups.contains(group)) {
        groups.add(group);
      }
    }
    return groups;
  }

  /** {@code scheme://host:port} of a hub URL (a path, such as /clusters/..., is dropped). */
  static String hubBase(String url) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid hub URL \"" + url + "\": " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equals("https") || scheme.equals("http"))
        || uri.getRawAuthority() == null
        || uri.getHost() == null) {
      throw new CliException(
          "invalid hub URL \"" + url + "\": expected https://HOST[:PORT] (the hub's address)");
    }
    return scheme + "://" + uri.getRawAuthority();
  }

  private boolean toStdout() {
    return output == null || output.equals("-");
  }

  /** Human messages: stderr when the manifest goes to stdout. */
  private PrintStream progress() {
    return toStdout() ? session.streams().err() : session.streams().out();
  }

  /** Atomically, with mode 0600 (the manifest holds a token). */
  private static void write(Path file, String text) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".agent-manifest", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliException("cannot write the manifest to " + file + ": " + e, e);
    }
  }
}
