package dev.atrium.cli.cds;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A tiny HTTPS server on 127.0.0.1 for the CDS training run only, so that the archive holds the
 * classes of a real TLS 1.3 handshake (ECDSA certificate, as the hub's) and of reading a response.
 * Every workspace exists and is Ready. Its certificate is a fixed self-signed one for 127.0.0.1.
 */
final class TrainingServer implements AutoCloseable {

  private static final char[] PASSWORD = "training".toCharArray();

  private final SSLServerSocket socket;

  TrainingServer() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = TrainingServer.class.getResourceAsStream("training.p12")) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    socket =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "cds-training-server");
    thread.setDaemon(true);
    thread.start();
  }

  static String caPem() throws IOException {
    try (InputStream in = TrainingServer.class.getResourceAsStream("training-ca.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  String url() {
    return "https://127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread thread = new Thread(() -> handle(connection), "cds-training-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        // close()
      }
    }
  }

  /** One kept-alive connection: requests until the client closes it. */
  private static void handle(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      String request;
      while ((request = readRequest(in)) != null) {
        respond(out, request);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  /** The request line; headers and body are read and dropped. Null at end of stream. */
  private static String readRequest(InputStream in) throws IOException {
    String first = readLine(in);
    if (first == null || first.isEmpty()) {
      return null;
    }
    int length = 0;
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return first;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    return c < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  private static void respond(OutputStream out, String request) throws IOException {
    String path = request.split(" ")[1];
    boolean post = request.startsWith("POST");
    String body;
    if (path.contains("/synctargets") || path.contains("/serviceaccounts")) {
      body = cluster(path, post);
    } else if (path.endsWith("/workspaces") && !post) {
      String items = path.startsWith("/clusters/root/") ? workspace("a") : "";
      body = "{\"kind\":\"WorkspaceList\",\"items\":[" + items + "]}";
    } else if (path.contains("/workspaces")) {
      body = workspace(post ? "c" : path.substring(path.lastIndexOf('/') + 1));
    } else {
      body = "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + (post ? "201 Created" : "200 OK")
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** SyncTargets (one, "c", heartbeating), the agent's ServiceAccount and its token. */
  private static String cluster(String path, boolean post) {
    if (path.endsWith("/token")) {
      return "{\"kind\":\"TokenRequest\",\"status\":{\"token\":\"t\","
          + "\"expirationTimestamp\":\"2030-01-01T00:00:00Z\"}}";
    }
    if (path.contains("/serviceaccounts")) {
      return "{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"atrium-syncer-c\"}}";
    }
    String target =
        "{\"apiVersion\":\"workload.atrium.dev/v1alpha1\",\"kind\":\"SyncTarget\","
            + "\"metadata\":{\"name\":\"c\",\"labels\":{\"workload.atrium.dev/key\":\"0123456789\","
            + "\"region\":\"eu\"}},\"status\":{\"lastHeartbeatTime\":\"2026-01-01T00:00:00Z\","
            + "\"agentVersion\":\"0\",\"syncedResources\":[{\"group\":\"\",\"resource\":\"configmaps\","
            + "\"count\":1}],\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}";
    return path.endsWith("/synctargets") && !post
        ? "{\"kind\":\"SyncTargetList\",\"items\":[" + target + "]}"
        : target;
  }

  private static String workspace(String name) {
    return "{\"apiVersion\":\"tenancy.atrium.dev/v1alpha1\",\"kind\":\"Workspace\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":{\"type\":\"universal\"},\"status\":{\"phase\":\"Ready\"}}";
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
