package dev.atrium.hub.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code <dataDir>/admin.kubeconfig}: one cluster, user and context named after the hub,
 * with the CA embedded as {@code certificate-authority-data} and the admin bearer token. Rewritten
 * atomically (mode 0600) on every start because the port may change.
 */
public final class AdminKubeconfig {

  public static final String FILE_NAME = "admin.kubeconfig";
  public static final String CLUSTER_NAME = "atrium";
  public static final String CONTEXT_NAME = "atrium";
  public static final String USER_NAME = "admin";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

  private AdminKubeconfig() {}

  /** Writes the kubeconfig and returns its path. */
  public static Path write(Path dataDir, String serverUrl, String caPem, String token) {
    SecureFiles.ensureDirectory(dataDir);
    Path file = dataDir.resolve(FILE_NAME);
    SecureFiles.writeSecret(file, render(serverUrl, caPem, token));
    return file;
  }

  static String render(String serverUrl, String caPem, String token) {
    try {
      return YAML.writeValueAsString(document(serverUrl, caPem, token));
    } catch (JsonProcessingException e) {
      throw new BootstrapException("cannot render kubeconfig", e);
    }
  }

  private static Map<String, Object> document(String serverUrl, String caPem, String token) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("kind", "Config");
    doc.put("clusters", List.of(named(CLUSTER_NAME, "cluster", cluster(serverUrl, caPem))));
    doc.put("users", List.of(named(USER_NAME, "user", Map.of("token", token))));
    doc.put("contexts", List.of(named(CONTEXT_NAME, "context", context())));
    doc.put("current-context", CONTEXT_NAME);
    doc.put("preferences", Map.of());
    return doc;
  }

  private static Map<String, Object> cluster(String serverUrl, String caPem) {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", serverUrl);
    byte[] pem = caPem.getBytes(StandardCharsets.US_ASCII);
    cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(pem));
    return cluster;
  }

  private static Map<String, Object> context() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", CLUSTER_NAME);
    context.put("user", USER_NAME);
    return context;
  }

  private static Map<String, Object> named(String name, String key, Object value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put(key, value);
    return entry;
  }
}
