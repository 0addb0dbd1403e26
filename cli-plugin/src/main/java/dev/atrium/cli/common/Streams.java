package dev.atrium.cli.common;

import java.io.PrintStream;

/** Where a command writes: results to {@code out}, progress and errors to {@code err}. */
public record Streams(PrintStream out, PrintStream err) {

  public static Streams system() {
    return new Streams(System.out, System.err);
  }
}
