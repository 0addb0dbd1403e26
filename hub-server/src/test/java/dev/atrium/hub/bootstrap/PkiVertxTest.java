package dev.atrium.hub.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PEM files load in Vert.x exactly as Quarkus' key-files/certificate-files settings do. */
class PkiVertxTest {

  @TempDir Path tmp;

  @Test
  void vertxServesWithPemFiles() throws Exception {
    Pki pki = Pki.ensure(tmp.resolve(".atrium"), List.of());
    Vertx vertx = Vertx.vertx();
    try {
      PemKeyCertOptions pem =
          new PemKeyCertOptions()
              .setCertPath(pki.servingCert().toString())
              .setKeyPath(pki.servingKey().toString());
      HttpServerOptions options = new HttpServerOptions().setSsl(true).setKeyCertOptions(pem);
      HttpServer server =
          vertx
              .createHttpServer(options)
              .requestHandler(req -> req.response().end("ok"))
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      String status =
          TlsFixtures.get(TlsFixtures.trustingOnly(pki.caCert()), server.actualPort(), "localhost");
      assertEquals("HTTP/1.1 200 OK", status);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
