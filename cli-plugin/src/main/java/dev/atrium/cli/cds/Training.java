package dev.atrium.cli.cds;

import dev.atrium.cli.atrium.AtriumCommand;
import dev.atrium.cli.common.Cli;
import dev.atrium.cli.ws.cmd.WsCommand;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;

/**
 * The AppCDS training run: every command once, through the real entry points, against a local HTTPS
 * server and a temporary kubeconfig (no network). The launcher records the classes this loads
 * (-XX:DumpLoadedClassList) and dumps them into the archive.
 */
public final class Training {

  private Training() {}

  public static void run() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    Path dir = Files.createTempDirectory("atrium-cds");
    System.setOut(nowhere);
    System.setErr(nowhere);
    try (TrainingServer server = new TrainingServer()) {
      helps();
      Path kubeconfig = dir.resolve("config");
      Files.writeString(kubeconfig, kubeconfig(server.url(), TrainingServer.caPem()));
      commands(kubeconfig.toString());
      clusters(kubeconfig.toString(), dir.resolve("agent.yaml").toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
      delete(dir);
    }
  }

  private static void helps() {
    for (String sub : new String[] {"", "current", "use", "tree", "create", "create-context"}) {
      ws(sub.isEmpty() ? new String[] {"--help"} : new String[] {sub, "--help"});
    }
    ws("--no-such-flag");
    ws("--kubeconfig", "/nonexistent", ".");
    PrintWriter sink = new PrintWriter(new StringWriter());
    Cli.run(AtriumCommand.commandLine(), sink, sink, "--help");
    Cli.run(AtriumCommand.commandLine(), sink, sink, "version", "--client");
    for (String sub : new String[] {"register", "list", "deregister"}) {
      Cli.run(AtriumCommand.commandLine(), sink, sink, "cluster", sub, "--help");
    }
  }

  /** The cluster commands: register (to a file and to stdout), list (table, yaml), deregister. */
  private static void clusters(String kubeconfig, String file) {
    String[][] runs = {
      {"cluster", "register", "c", "--labels", "region=eu", "-o", file},
      {"cluster", "register", "c"},
      {"cluster", "list"},
      {"cluster", "list", "-o", "yaml"},
      {"cluster", "deregister", "c"},
      {"cluster", "register", "Not_Valid"}
    };
    for (String[] run : runs) {
      String[] args = new String[run.length + 2];
      args[0] = "--kubeconfig";
      args[1] = kubeconfig;
      System.arraycopy(run, 0, args, 2, run.length);
      PrintWriter sink = new PrintWriter(new StringWriter());
      Cli.run(AtriumCommand.commandLine(), sink, sink, args);
    }
  }

  private static void commands(String kubeconfig) {
    String[][] runs = {
      {"."},
      {"current", "--short"},
      {".", "-o", "json"},
      {"a"},
      {"use", "..:a", "-o", "yaml"},
      {"-", "-o", "name"},
      {":"},
      {"tree", "--full", "--wide"},
      {"tree", "-o", "json"},
      {"create", "c", "--enter"},
      {"create-context", "--overwrite"},
      {"use", "Not_Valid"}
    };
    for (String[] run : runs) {
      String[] args = new String[run.length + 2];
      args[0] = "--kubeconfig";
      args[1] = kubeconfig;
      System.arraycopy(run, 0, args, 2, run.length);
      ws(args);
    }
    PrintWriter sink = new PrintWriter(new StringWriter());
    Cli.run(AtriumCommand.commandLine(), sink, sink, "version", "--kubeconfig", kubeconfig);
  }

  private static void ws(String... args) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    Cli.run(WsCommand.commandLine(), sink, sink, args);
  }

  private static String kubeconfig(String server, String caPem) {
    String caData = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    return "apiVersion: v1\nkind: Config\n# training kubeconfig\nclusters:\n- name: hub\n  cluster:\n"
        + "    server: "
        + server
        + "/clusters/root\n    certificate-authority-data: "
        + caData
        + "\ncontexts:\n- name: hub\n  context:\n    cluster: hub\n    user: admin\n"
        + "current-context: hub\nusers:\n- name: admin\n  user:\n    token: abc\npreferences: {}\n";
  }

  private static void delete(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
