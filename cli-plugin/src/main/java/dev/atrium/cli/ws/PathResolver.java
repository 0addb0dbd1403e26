package dev.atrium.cli.ws;

import dev.atrium.cli.common.CliException;
import dev.atrium.model.tenancy.WorkspacePath;

/**
 * Turns what the user typed into a workspace path, relative to the current one: {@code name},
 * {@code a:b}, {@code ..}, {@code ..:..}, {@code ..:sibling}, {@code .}; absolute {@code :root:a};
 * {@code :} (the root). {@code -} and {@code ~} need the kubeconfig and are handled by the caller.
 */
public final class PathResolver {

  private PathResolver() {}

  public static WorkspacePath resolve(WorkspacePath current, String input) {
    if (input == null || input.isEmpty()) {
      throw invalid(input, "empty path");
    }
    if (input.equals(":")) {
      return WorkspacePath.ROOT;
    }
    if (input.startsWith(":")) {
      String rest = input.substring(1);
      if (!rest.equals("root") && !rest.startsWith("root:")) {
        throw invalid(input, "an absolute path starts with :root");
      }
      return walk(WorkspacePath.ROOT, input, rest.substring(4));
    }
    return walk(current, input, ":" + input);
  }

  /** Applies {@code :seg:seg...} (each segment a name, {@code .} or {@code ..}) to {@code from}. */
  private static WorkspacePath walk(WorkspacePath from, String input, String segments) {
    if (segments.isEmpty()) {
      return from;
    }
    WorkspacePath path = from;
    for (String segment : segments.substring(1).split(":", -1)) {
      path = step(path, input, segment);
    }
    return path;
  }

  private static WorkspacePath step(WorkspacePath path, String input, String segment) {
    switch (segment) {
      case "." -> {
        return path;
      }
      case ".." -> {
        return path.parent().orElseThrow(() -> invalid(input, "the root workspace has no parent"));
      }
      default -> {
        if (!WorkspacePath.validName(segment)) {
          throw invalid(
              input,
              segment.isEmpty()
                  ? "empty name"
                  : "\""
                      + segment
                      + "\" is not a valid workspace name (lowercase letters, digits and '-', at most 63)");
        }
        return path.child(segment);
      }
    }
  }

  private static CliException invalid(String input, String why) {
    return new CliException("invalid workspace path \"" + input + "\": " + why);
  }
}
