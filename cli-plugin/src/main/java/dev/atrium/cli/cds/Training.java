package dev.atrium.cli.cds;

import dev.atrium.cli.atrium.AtriumCommand;
import dev.atrium.cli.common.Cli;
import dev.atrium.cli.common.GlobalFlags;
import dev.atrium.cli.common.Streams;
import dev.atrium.cli.hub.Credentials;
import dev.atrium.cli.hub.HttpsHubClient;
import dev.atrium.cli.hub.InMemoryHub;
import dev.atrium.cli.ws.CreateContextOptions;
import dev.atrium.cli.ws.CreateOptions;
import dev.atrium.cli.ws.CurrentOptions;
import dev.atrium.cli.ws.Session;
import dev.atrium.cli.ws.TreeOptions;
import dev.atrium.cli.ws.UseOptions;
import dev.atrium.cli.ws.cmd.WsCommand;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The AppCDS training run: every command once, offline (an in-memory hub, a temporary kubeconfig),
 * plus the TLS and HTTP client set-up a real request needs. The launcher runs this with
 * -XX:ArchiveClassesAtExit so the archive holds the classes of all commands.
 */
public final class Training {

  private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

  private Training() {}

  public static void run() throws Exception {
    helps();
    Path dir = Files.createTempDirectory("atrium-cds");
    try {
      commands(dir);
      tls(dir);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static void helps() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    for (String sub : new String[] {"", "current", "use", "tree", "create", "create-context"}) {
      Cli.run(
          WsCommand.commandLine(),
          sink,
          sink,
          sub.isEmpty() ? new String[] {"--help"} : new String[] {sub, "--help"});
    }
    Cli.run(WsCommand.commandLine(), sink, sink, "--no-such-flag");
    Cli.run(
        WsCommand.commandLine(),
        sink,
        sink,
        "--kubeconfig",
        "/nonexistent",
        ".",
        "--short",
        "-v=6");
    Cli.run(AtriumCommand.commandLine(), sink, sink, "--help");
    Cli.run(AtriumCommand.commandLine(), sink, sink, "version", "--client");
  }

  private static void commands(Path dir) throws Exception {
    Path kubeconfig = dir.resolve("config");
    Files.writeString(kubeconfig, sampleKubeconfig(caPem()));
    GlobalFlags flags = new GlobalFlags();
    flags.kubeconfig = kubeconfig.toString();
    InMemoryHub hub =
        new InMemoryHub().withWorkspace("root:a", "Ready").withWorkspace("root:a:b", "Ready");
    Session session =
        new Session(flags, Map.of("HOME", dir.toString()), new Streams(NOWHERE, NOWHERE), c -> hub);
    new CurrentOptions(session, false, null).complete().validate().run();
    new CurrentOptions(session, true, "json").complete().validate().run();
    new UseOptions(session, "a", null).complete().validate().run();
    new UseOptions(session, "..:a:b", "yaml").complete().validate().run();
    new UseOptions(session, "-", "name").complete().validate().run();
    new TreeOptions(session, true, true, null).complete().validate().run();
    new TreeOptions(session, false, false, "json").complete().validate().run();
    new CreateOptions(session, "c", null, true, false, Duration.ofSeconds(5), null)
        .complete()
        .validate()
        .run();
    new CreateContextOptions(session, null, true).complete().validate().run();
    try {
      new UseOptions(session, "nosuch", null).complete().validate().run();
    } catch (RuntimeException expected) {
      // the error path is trained too
    }
  }

  /** SSL context from a PEM CA, a client hello, and an HTTP connection attempt to a closed port. */
  private static void tls(Path dir) {
    Credentials credentials =
        new Credentials(caPem().getBytes(StandardCharsets.US_ASCII), false, "t", null, null);
    HttpsHubClient client = new HttpsHubClient(credentials, NOWHERE, 0);
    try {
      client.get("https://127.0.0.1:9/clusters/root/api");
    } catch (RuntimeException expected) {
      // nothing listens there
    }
    try {
      var context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, null, null);
      var engine = context.createSSLEngine("127.0.0.1", 6443);
      engine.setUseClientMode(true);
      engine.beginHandshake();
      var out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      engine.wrap(java.nio.ByteBuffer.allocate(0), out);
    } catch (Exception ignored) {
      // best effort
    }
  }

  private static String caPem() {
    try {
      File cacerts = new File(System.getProperty("java.home"), "lib/security/cacerts");
      KeyStore store = KeyStore.getInstance(cacerts, (char[]) null);
      String alias = store.aliases().nextElement();
      byte[] der = store.getCertificate(alias).getEncoded();
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
          + "\n-----END CERTIFICATE-----\n";
    } catch (Exception e) {
      return "";
    }
  }

  private static String sampleKubeconfig(String ca) {
    String caData = Base64.getEncoder().encodeToString(ca.getBytes(StandardCharsets.US_ASCII));
    return "apiVersion: v1\nkind: Config\n# training kubeconfig\nclusters:\n- name: hub\n  cluster:\n"
        + "    server: https://127.0.0.1:6443/clusters/root\n    certificate-authority-data: "
        + caData
        + "\ncontexts:\n- name: hub\n  context:\n    cluster: hub\n    user: admin\n"
        + "current-context: hub\nusers:\n- name: admin\n  user:\n    token: abc\npreferences: {}\n";
  }
}
