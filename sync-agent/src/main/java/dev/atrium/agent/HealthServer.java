package dev.atrium.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/** {@code /livez} and {@code /readyz} for the Deployment's probes, on a small JDK HTTP server. */
public final class HealthServer {

  private static final Logger LOG = Logger.getLogger(HealthServer.class);

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts on {@code port} (0 = any free port). When the port is the default and taken, falls back
   * to a free port so several agents can share a host; an explicit port that is taken fails.
   */
  public static HealthServer start(
      int port, boolean explicit, BooleanSupplier live, BooleanSupplier ready) throws IOException {
    HttpServer s;
    try {
      s = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (BindException e) {
      if (explicit) {
        throw e;
      }
      LOG.warnf("health port %d in use; using a free port instead", port);
      s = HttpServer.create(new InetSocketAddress(0), 16);
    }
    s.createContext("/livez", x -> answer(x, live.getAsBoolean()));
    s.createContext("/healthz", x -> answer(x, live.getAsBoolean()));
    s.createContext("/readyz", x -> answer(x, ready.getAsBoolean()));
    s.start();
    return new HealthServer(s);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange x, boolean ok) throws IOException {
    byte[] body = (ok ? "ok\n" : "not ready\n").getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/plain");
    x.sendResponseHeaders(ok ? 200 : 503, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }
}
