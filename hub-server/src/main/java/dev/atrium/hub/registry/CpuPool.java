package dev.atrium.hub.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.hub.request.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bounded pool for a request's CPU-heavy steps (body decoding, patching, managed fields, schema
 * validation and CEL), so none of them runs on a Vert.x event loop. Fixed threads (by default one
 * fewer than the cores, at least one: heavy bodies never take every core from the event loops,
 * which answer everybody else's requests) and a bounded queue: when the queue is full the step
 * fails with 429 and Retry-After instead of queueing without bound. Work already on a pool thread
 * runs inline.
 */
@ApplicationScoped
public class CpuPool {

  private static final String THREAD_PREFIX = "atrium-cpu-";
  private static final long STACK_BYTES = 8L << 20;

  @ConfigProperty(name = "atrium.cpu.threads", defaultValue = "0")
  int threads;

  @ConfigProperty(name = "atrium.cpu.queue", defaultValue = "512")
  int queue;

  @Inject MeterRegistry meters;

  private ThreadPoolExecutor executor;
  private Counter rejected;

  @PostConstruct
  void start() {
    int size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    AtomicInteger count = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            size,
            size,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(Math.max(1, queue)),
            r -> {
              // a deep stack: the steps recurse over bodies nested up to the decoder's limit
              Thread t = new Thread(null, r, THREAD_PREFIX + count.incrementAndGet(), STACK_BYTES);
              t.setDaemon(true);
              return t;
            });
    rejected = Counter.builder("atrium_cpu_pool_rejected_total").register(meters);
    Gauge.builder("atrium_cpu_pool_queued", executor, e -> e.getQueue().size()).register(meters);
    Gauge.builder("atrium_cpu_pool_active", executor, ThreadPoolExecutor::getActiveCount)
        .register(meters);
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }

  /** True on one of this pool's threads. */
  public static boolean onPool() {
    return Thread.currentThread().getName().startsWith(THREAD_PREFIX);
  }

  /** Runs {@code step} on a pool thread (inline when already on one); 429 when the pool is full. */
  public void execute(Runnable step) {
    if (onPool()) {
      step.run();
      return;
    }
    try {
      executor.execute(step);
    } catch (RejectedExecutionException e) {
      rejected.increment();
      throw busy();
    }
  }

  /**
   * The Uni that {@code work} builds, built and subscribed on a pool thread; its item or failure is
   * delivered wherever the chain completes.
   */
  public <T> Uni<T> run(Supplier<Uni<T>> work) {
    if (onPool()) {
      return Uni.createFrom().deferred(() -> work.get());
    }
    return Uni.createFrom()
        .emitter(
            emitter -> {
              try {
                execute(
                    () -> {
                      try {
                        work.get().subscribe().with(emitter::complete, emitter::fail);
                      } catch (RuntimeException | StackOverflowError e) {
                        emitter.fail(e);
                      }
                    });
              } catch (ApiException e) {
                emitter.fail(e);
              }
            });
  }

  static ApiException busy() {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("retryAfterSeconds", 1);
    return new ApiException(
        429, "TooManyRequests", "The hub is busy, please try again later.", details);
  }
}
