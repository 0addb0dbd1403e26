package dev.atrium.cli.common;

import picocli.CommandLine.IVersionProvider;

/** The plugins' version, from the jar manifest (written by the Maven build). */
public final class Version {

  private Version() {}

  public static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** For {@code --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"atrium kubectl plugins " + get()};
    }
  }
}
