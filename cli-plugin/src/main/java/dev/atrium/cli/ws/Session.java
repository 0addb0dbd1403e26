package dev.atrium.cli.ws;

import dev.atrium.cli.common.CliException;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Streams;
import dev.atrium.cli.hub.Credentials;
import dev.atrium.cli.hub.HttpsHubClient;
import dev.atrium.cli.hub.HubClient;
import dev.atrium.cli.kubeconfig.Entry;
import dev.atrium.cli.kubeconfig.Kubeconfig;
import dev.atrium.cli.kubeconfig.NamedKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every command works with: the flags, the environment, the output streams, the kubeconfig
 * (loaded once, on first use) and a factory for hub clients (replaced in tests).
 */
public final class Session {

  public static final String CURRENT = "workspace.atrium.dev/current";
  public static final String PREVIOUS = "workspace.atrium.dev/previous";
  public static final String HOME_ENV = "ATRIUM_HOME_WORKSPACE";

  private final GlobalFlags flags;
  private final Map<String, String> env;
  private final Streams streams;
  private final Function<Credentials, HubClient> clients;
  private Kubeconfig kubeconfig;

  public Session(
      GlobalFlags flags,
      Map<String, String> env,
      Streams streams,
      Function<Credentials, HubClient> clients) {
    this.flags = flags;
    this.env = env;
    this.streams = streams;
    this.clients = clients;
  }

  public static Session system(GlobalFlags flags) {
    Streams streams = Streams.system();
    return new Session(
        flags,
        System.getenv(),
        streams,
        c -> new HttpsHubClient(c, streams.err(), flags.verbosity));
  }

  public Streams streams() {
    return streams;
  }

  public Map<String, String> env() {
    return env;
  }

  public Kubeconfig kubeconfig() {
    if (kubeconfig == null) {
      kubeconfig =
          Kubeconfig.load(flags.kubeconfig, env.get("KUBECONFIG"), env.getOrDefault("HOME", "."));
    }
    return kubeconfig;
  }

  /** The context in use: {@code --context}, else the current one; {@code --server} overrides. */
  public KubeContext current() {
    String name = flags.context != null ? flags.context : kubeconfig().currentContext();
    if (name == null && flags.server == null) {
      throw new CliException(
          "no current context is set in the kubeconfig: use --context or `kubectl config use-context`");
    }
    Optional<KubeContext> context = context(name);
    if (context.isEmpty() && flags.server == null) {
      throw new CliException("context \"" + name + "\" does not exist in the kubeconfig");
    }
    if (flags.server != null) {
      KubeContext c = context.orElse(new KubeContext(name, null, null, null));
      return new KubeContext(c.name(), c.user(), c.cluster(), WorkspaceUrl.parse(flags.server));
    }
    return context.get();
  }

  /** A named context, if the kubeconfig has it. */
  public Optional<KubeContext> context(String name) {
    Optional<Entry> context = kubeconfig().entry(NamedKind.CONTEXT, name);
    if (context.isEmpty()) {
      return Optional.empty();
    }
    String clusterName = flags.cluster != null ? flags.cluster : context.get().string("cluster");
    Entry cluster = kubeconfig().entry(NamedKind.CLUSTER, clusterName).orElse(null);
    if (cluster == null && flags.server == null) {
      throw new CliException(
          "cluster \""
              + clusterName
              + "\" of context \""
              + name
              + "\" does not exist in the kubeconfig");
    }
    WorkspaceUrl url = cluster == null ? null : WorkspaceUrl.parse(cluster.string("server"));
    String user = flags.user != null ? flags.user : context.get().string("user");
    return Optional.of(new KubeContext(name, user, cluster, url));
  }

  /** A client authenticated as {@code context}'s user (flags override the kubeconfig). */
  public HubClient client(KubeContext context) {
    return clients.apply(credentials(context));
  }

  /** The credentials {@link #client} uses for {@code context}: CA, token, client certificate. */
  public Credentials credentials(KubeContext context) {
    Entry cluster = context.cluster();
    Entry user = kubeconfig().entry(NamedKind.USER, context.user()).orElse(null);
    boolean insecure =
        flags.insecureSkipTlsVerify
            || (cluster != null && cluster.flag("insecure-skip-tls-verify"));
    return new Credentials(
        caPem(cluster),
        insecure,
        flags.token != null ? flags.token : token(user),
        user == null ? null : bytes(user, "client-certificate-data", "client-certificate"),
        user == null ? null : bytes(user, "client-key-data", "client-key"));
  }

  private byte[] caPem(Entry cluster) {
    if (flags.certificateAuthority != null) {
      try {
        return Files.readAllBytes(Path.of(flags.certificateAuthority));
      } catch (IOException e) {
        throw new CliException(
            "cannot read --certificate-authority "
                + flags.certificateAuthority
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return cluster == null
        ? null
        : bytes(cluster, "certificate-authority-data", "certificate-authority");
  }

  private static String token(Entry user) {
    if (user == null) {
      return null;
    }
    String token = user.string("token");
    if (token != null && !token.isEmpty()) {
      return token;
    }
    byte[] file = bytes(user, null, "tokenFile");
    return file == null ? null : new String(file, StandardCharsets.UTF_8).trim();
  }

  private static byte[] bytes(Entry entry, String dataKey, String fileKey) {
    String data = dataKey == null ? null : entry.string(dataKey);
    if (data != null && !data.isEmpty()) {
      try {
        return Base64.getMimeDecoder().decode(data);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            dataKey + " in kubeconfig " + entry.file().path() + " is not valid base64");
      }
    }
    Path file = entry.path(fileKey);
    if (file == null) {
      return null;
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + fileKey + " " + file + ": " + e.getMessage(), e);
    }
  }
}
