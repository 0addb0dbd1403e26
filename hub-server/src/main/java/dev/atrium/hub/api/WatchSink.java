package dev.atrium.hub.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/** Where watch events go: a chunked HTTP response or a WebSocket (one text frame per event). */
interface WatchSink {

  void send(String json);

  void end();

  void onClose(Runnable action);

  static WatchSink http(HttpServerResponse response, String contentType) {
    // setChunked adds Transfer-Encoding on HTTP/1.1; on HTTP/2 the header is forbidden (clients
    // reset the stream, so a watch could not end cleanly there)
    response.setChunked(true).setStatusCode(200).putHeader("Content-Type", contentType);
    response.write("");
    return new WatchSink() {
      @Override
      public void send(String json) {
        if (!response.ended() && !response.closed()) {
          response.write(json + "\n");
        }
      }

      @Override
      public void end() {
        if (!response.ended() && !response.closed()) {
          response.end();
        }
      }

      @Override
      public void onClose(Runnable action) {
        response.closeHandler(v -> action.run());
        response.endHandler(v -> action.run());
      }
    };
  }

  static WatchSink webSocket(ServerWebSocket socket) {
    return new WatchSink() {
      @Override
      public void send(String json) {
        if (!socket.isClosed()) {
          socket.writeTextMessage(json);
        }
      }

      @Override
      public void end() {
        if (!socket.isClosed()) {
          socket.close();
        }
      }

      @Override
      public void onClose(Runnable action) {
        socket.closeHandler(v -> action.run());
      }
    };
  }
}
