package dev.atrium.cli.common;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The standard kubectl flags every command accepts, before or after the subcommand name (inherited
 * by subcommands; picocli binds them all to this one object).
 */
public class GlobalFlags {

  @Option(
      names = "--kubeconfig",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Path to the kubeconfig file to use (default: $KUBECONFIG or ~/.kube/config).")
  public String kubeconfig;

  @Option(
      names = "--context",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "The kubeconfig context to use.")
  public String context;

  @Option(
      names = {"-s", "--server"},
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "The address of the hub (a workspace URL: <base>/clusters/<path>).")
  public String server;

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description = "Bearer token for authentication to the hub.")
  public String token;

  @Option(
      names = "--insecure-skip-tls-verify",
      scope = ScopeType.INHERIT,
      description = "Do not verify the hub's certificate (insecure).")
  public boolean insecureSkipTlsVerify;

  @Option(
      names = {"-v", "--v"},
      scope = ScopeType.INHERIT,
      arity = "0..1",
      fallbackValue = "6",
      paramLabel = "LEVEL",
      description = "Log level: 6 logs requests, 8 also response bodies (to stderr).")
  public int verbosity;
}
