package dev.atrium.hub.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/**
 * TLS material and token file supplied from outside the data directory, typically files mounted
 * from Kubernetes Secrets: {@code ATRIUM_TLS_CERT_FILE} and {@code ATRIUM_TLS_KEY_FILE} (serving
 * certificate chain and its key, PEM; both or neither), {@code ATRIUM_CA_FILE} (the CA clients
 * trust, embedded in the admin kubeconfig; default: the serving certificate file) and {@code
 * ATRIUM_TOKEN_FILE} (a static token file, read only). Unset values mean the hub generates that
 * part in its data directory as before.
 */
public record ProvidedMaterial(
    Optional<Path> certFile,
    Optional<Path> keyFile,
    Optional<Path> caFile,
    Optional<Path> tokenFile) {

  public static final ProvidedMaterial NONE =
      new ProvidedMaterial(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public static ProvidedMaterial fromEnvironment(Map<String, String> env) {
    return new ProvidedMaterial(
        path(env, "ATRIUM_TLS_CERT_FILE"),
        path(env, "ATRIUM_TLS_KEY_FILE"),
        path(env, "ATRIUM_CA_FILE"),
        path(env, "ATRIUM_TOKEN_FILE"));
  }

  public boolean servingProvided() {
    return certFile.isPresent();
  }

  /**
   * Checks what was given before the server starts, so a wrong mount fails with a clear message:
   * certificate and key both present, readable, parseable and matching; the CA and token files
   * readable.
   */
  void validate() {
    if (certFile.isPresent() != keyFile.isPresent()) {
      throw new BootstrapException(
          "ATRIUM_TLS_CERT_FILE and ATRIUM_TLS_KEY_FILE must be set together");
    }
    if (certFile.isPresent()) {
      X509Certificate cert = Pem.parseCertificate(read(certFile.get(), "ATRIUM_TLS_CERT_FILE"));
      PrivateKey key = Pem.parsePrivateKey(read(keyFile.get(), "ATRIUM_TLS_KEY_FILE"));
      if (!KeyMatch.matches(key, cert.getPublicKey())) {
        throw new BootstrapException(
            "ATRIUM_TLS_KEY_FILE "
                + keyFile.get()
                + " does not match the certificate in "
                + certFile.get());
      }
    }
    caFile.ifPresent(f -> Pem.parseCertificate(read(f, "ATRIUM_CA_FILE")));
    tokenFile.ifPresent(f -> TokenFile.load(requireFile(f, "ATRIUM_TOKEN_FILE")));
  }

  /** The PEM clients should trust: the CA file, else the serving certificate (chain). */
  String trustPem() {
    Path f = caFile.orElseGet(certFile::get);
    return read(f, caFile.isPresent() ? "ATRIUM_CA_FILE" : "ATRIUM_TLS_CERT_FILE");
  }

  private static String read(Path file, String variable) {
    return SecureFiles.read(requireFile(file, variable));
  }

  private static Path requireFile(Path file, String variable) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new BootstrapException(variable + ": " + file + " is not a readable file");
    }
    return file;
  }

  private static Optional<Path> path(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.strip()));
  }
}
