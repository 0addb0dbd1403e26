package dev.atrium.agent;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

/** Entry point: binds the flags, starts the {@link Agent}, runs until the process is stopped. */
@QuarkusMain
public class AgentMain implements QuarkusApplication {

  public static void main(String... args) {
    Quarkus.run(AgentMain.class, args);
  }

  @Override
  public int run(String... args) throws Exception {
    AgentOptions options;
    try {
      options = AgentOptions.parse(args);
      if (options.help()) {
        System.out.print(AgentOptions.USAGE);
        return 0;
      }
      options.validate();
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(AgentOptions.USAGE);
      return 2;
    }
    Agent agent;
    try {
      agent = Agent.create(options, version());
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    try (agent) {
      agent.start();
      Quarkus.waitForExit();
    }
    return 0;
  }

  static String version() {
    return ConfigProvider.getConfig()
        .getOptionalValue("quarkus.application.version", String.class)
        .orElse("dev");
  }
}
