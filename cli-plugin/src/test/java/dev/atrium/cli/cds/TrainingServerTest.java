package dev.atrium.cli.cds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.atrium.cli.common.CliException;
import dev.atrium.cli.hub.Credentials;
import dev.atrium.cli.hub.HttpsHubClient;
import dev.atrium.cli.hub.HubResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real HTTPS client against a local TLS server: CA trust, insecure mode, the CDS run. */
class TrainingServerTest {

  @Test
  void trustsTheKubeconfigCa() throws Exception {
    try (TrainingServer server = new TrainingServer()) {
      byte[] ca = TrainingServer.caPem().getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      HttpsHubClient client =
          new HttpsHubClient(new Credentials(ca, false, "t", null, null), new PrintStream(log), 6);
      HubResponse response =
          client.get(server.url() + "/clusters/root/apis/tenancy.atrium.dev/v1alpha1/workspaces/a");
      assertEquals(200, response.code());
      assertEquals("Ready", response.body().path("status").path("phase").asText());
      assertTrue(log.toString().startsWith("GET https://127.0.0.1:"), log.toString());
    }
  }

  @Test
  void rejectsAServerNotSignedByTheCa() throws Exception {
    try (TrainingServer server = new TrainingServer()) {
      HttpsHubClient client =
          new HttpsHubClient(new Credentials(otherCa(), false, null, null, null), System.err, 0);
      CliException e =
          assertThrows(CliException.class, () -> client.get(server.url() + "/clusters/root/api"));
      assertTrue(
          e.getMessage().contains("TLS") || e.getMessage().contains("cannot reach"),
          e.getMessage());
      HttpsHubClient insecure =
          new HttpsHubClient(new Credentials(null, true, null, null, null), System.err, 0);
      assertEquals(200, insecure.get(server.url() + "/clusters/root/api").code());
    }
  }

  @Test
  void trainingRunCompletes() throws Exception {
    Training.run();
  }

  /** Some certificate that did not sign the server's: the JDK's first trusted root. */
  private static byte[] otherCa() throws Exception {
    java.io.File cacerts =
        new java.io.File(System.getProperty("java.home"), "lib/security/cacerts");
    java.security.KeyStore store = java.security.KeyStore.getInstance(cacerts, (char[]) null);
    byte[] der = store.getCertificate(store.aliases().nextElement()).getEncoded();
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + java.util.Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END CERTIFICATE-----\n";
    return pem.getBytes(StandardCharsets.US_ASCII);
  }
}
