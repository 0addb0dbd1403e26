package dev.atrium.cli.ws.cmd;

import dev.atrium.cli.cds.Training;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Hidden: the launcher's AppCDS training run (see bin/kubectl-ws). */
@Command(name = "__train-cds", hidden = true)
class TrainCdsCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    Training.run();
    return 0;
  }
}
