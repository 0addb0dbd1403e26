package dev.atrium.cli.common;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The standard kubectl flags every command accepts, before or after the subcommand name (inherited
 * by subcommands).
 */
public class GlobalFlags {

  public String kubeconfig;
  public String context;
  public String server;
  public String token;
  public boolean insecureSkipTlsVerify;
  public int verbosity;
  public String cluster;
  public String user;
  public String certificateAuthority;

  /** kubectl flags accepted for compatibility (kubectl users and scripts pass them) but unused. */
  private static final String[][] IGNORED = {
    {"--cache-dir", "DIR"},
    {"--request-timeout", "DURATION"},
    {"--tls-server-name", "NAME"},
    {"--as", "USER"},
    {"--as-group", "GROUP"},
    {"--log-flush-frequency", "DURATION"},
    {"--match-server-version", null},
    {"--warnings-as-errors", null},
    {"--disable-compression", null},
  };

  /** Declares the flags on a root command; subcommands added later inherit them. */
  public static void declare(CommandSpec spec) {
    spec.addOption(
        inherited(
            "--kubeconfig",
            "FILE",
            "Path to the kubeconfig file to use (default: $KUBECONFIG or ~/.kube/config)."));
    spec.addOption(inherited("--context", "NAME", "The kubeconfig context to use."));
    spec.addOption(
        OptionSpec.builder("-s", "--server")
            .paramLabel("URL")
            .type(String.class)
            .scopeType(ScopeType.INHERIT)
            .description("The address of the hub (a workspace URL: <base>/clusters/<path>).")
            .build());
    spec.addOption(inherited("--token", "TOKEN", "Bearer token for authentication to the hub."));
    spec.addOption(
        OptionSpec.builder("--insecure-skip-tls-verify")
            .type(boolean.class)
            .scopeType(ScopeType.INHERIT)
            .description("Do not verify the hub's certificate (insecure).")
            .build());
    spec.addOption(
        OptionSpec.builder("-v", "--v")
            .paramLabel("LEVEL")
            .type(int.class)
            .arity("0..1")
            .fallbackValue("6")
            .scopeType(ScopeType.INHERIT)
            .description("Log level: 6 logs requests, 8 also response bodies (to stderr).")
            .build());
    spec.addOption(
        inherited("--cluster", "NAME", "The kubeconfig cluster to use (default: the context's)."));
    spec.addOption(
        inherited("--user", "NAME", "The kubeconfig user to use (default: the context's)."));
    spec.addOption(inherited("--certificate-authority", "FILE", "A CA file to trust for the hub."));
    spec.addOption(
        OptionSpec.builder("-n", "--namespace")
            .paramLabel("NAMESPACE")
            .type(String.class)
            .scopeType(ScopeType.INHERIT)
            .hidden(true)
            .build());
    for (String[] flag : IGNORED) {
      OptionSpec.Builder b = OptionSpec.builder(flag[0]).scopeType(ScopeType.INHERIT).hidden(true);
      spec.addOption(
          flag[1] == null
              ? b.type(boolean.class).build()
              : b.type(String.class).paramLabel(flag[1]).build());
    }
  }

  private static OptionSpec inherited(String name, String label, String description) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .type(String.class)
        .scopeType(ScopeType.INHERIT)
        .description(description)
        .build();
  }

  /** The values given at any level of the command line (a later level wins). */
  public static GlobalFlags from(ParseResult root) {
    GlobalFlags flags = new GlobalFlags();
    for (ParseResult level = root; level != null; level = level.subcommand()) {
      flags.kubeconfig = level.matchedOptionValue("--kubeconfig", flags.kubeconfig);
      flags.context = level.matchedOptionValue("--context", flags.context);
      flags.server = level.matchedOptionValue("--server", flags.server);
      flags.token = level.matchedOptionValue("--token", flags.token);
      flags.insecureSkipTlsVerify =
          level.matchedOptionValue("--insecure-skip-tls-verify", flags.insecureSkipTlsVerify);
      flags.verbosity = level.matchedOptionValue("--v", flags.verbosity);
      flags.cluster = level.matchedOptionValue("--cluster", flags.cluster);
      flags.user = level.matchedOptionValue("--user", flags.user);
      flags.certificateAuthority =
          level.matchedOptionValue("--certificate-authority", flags.certificateAuthority);
    }
    return flags;
  }
}
