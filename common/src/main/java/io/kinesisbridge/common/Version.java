package io.kinesisbridge.common;

/** The kinesis-bridge version, as stamped into the jar manifest by the build. */
public final class Version {

  private static final String CURRENT = read();

  private Version() {}

  /** The version, e.g. {@code 0.1.0}; {@code dev} when running from classes outside a jar. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "dev" : version;
  }
}
