package io.driftway.streamjobs.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Stops a {@code driftway run} job with a savepoint on SIGINT (Ctrl-C) and SIGTERM (what Kubernetes
 * and service managers send), before the JVM's shutdown begins.
 *
 * <p>Why not a shutdown hook: Java runs every shutdown hook at once, and Iceberg's shared worker
 * pool has its own hook that shuts the pool down; the savepoint's final commit then finds the pool
 * gone and the stop fails. A signal handler replaces the JVM's default action for the signal, so
 * the JVM keeps running (and every pool with it) until the stop is done and {@link RunCommand}
 * returns. A second signal forces the exit at once: the data since the last checkpoint is then
 * written again by the next run, which resumes from the newest retained checkpoint.
 *
 * <pre>{@code
 * SignalStop stop = SignalStop.install(job, savepointFolder, out);
 * ... wait for the job to end ...
 * Optional<CompletableFuture<String>> savepoint = stop.savepoint();
 * }</pre>
 */
final class SignalStop {

  private static final String[] SIGNALS = {"INT", "TERM"};

  private final JobClient job;
  private final String savepointFolder;
  private final PrintWriter out;
  private final AtomicInteger signals = new AtomicInteger();
  private final CompletableFuture<String> savepoint = new CompletableFuture<>();

  private SignalStop(JobClient job, String savepointFolder, PrintWriter out) {
    this.job = job;
    this.savepointFolder = savepointFolder;
    this.out = out;
  }

  /** Handles SIGINT and SIGTERM from now on by stopping {@code job} with a savepoint. */
  static SignalStop install(JobClient job, String savepointFolder, PrintWriter out) {
    SignalStop stop = new SignalStop(job, savepointFolder, out);
    for (String name : SIGNALS) {
      handle(name, stop::onSignal);
    }
    return stop;
  }

  /** A signal as the handler sees it: its name (INT, TERM) and number. */
  private record Received(String name, int number) {}

  /**
   * {@code sun.misc.Signal.handle(new Signal(name), handler)}, called reflectively: the class is
   * the JDK's supported way to handle a signal (module jdk.unsupported), but javac flags every
   * direct use as a proprietary API with no way to suppress it under {@code -Werror}.
   */
  private static void handle(String name, java.util.function.Consumer<Received> handler) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Method signalName = signalClass.getMethod("getName");
      Method signalNumber = signalClass.getMethod("getNumber");
      Object proxy =
          Proxy.newProxyInstance(
              SignalStop.class.getClassLoader(),
              new Class<?>[] {handlerClass},
              (self, method, args) -> {
                switch (method.getName()) {
                  case "handle" -> {
                    handler.accept(
                        new Received(
                            (String) signalName.invoke(args[0]),
                            (Integer) signalNumber.invoke(args[0])));
                    return null;
                  }
                  case "equals" -> {
                    return self == args[0];
                  }
                  case "hashCode" -> {
                    return System.identityHashCode(self);
                  }
                  default -> {
                    return "driftway stop on SIG" + name;
                  }
                }
              });
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, proxy);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalStateException(
          "Cannot handle signal: sun.misc.Signal refused it: SIG" + name, cause);
    }
  }

  /**
   * The savepoint's path once a signal asked for a stop; the future fails when the stop failed (the
   * job is then cancelled, so it ends either way).
   */
  Optional<CompletableFuture<String>> savepoint() {
    return signals.get() == 0 ? Optional.empty() : Optional.of(savepoint);
  }

  /**
   * Waits for the savepoint a signal asked for, prints where it is or why there is none, and
   * returns the exit code: 0 when the savepoint completed.
   */
  int awaitStop() throws InterruptedException {
    try {
      String path = savepoint.get(2, TimeUnit.MINUTES);
      out.printf("Stopped with savepoint %s%n", path);
      out.flush();
      return 0;
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      out.printf(
          "Cannot stop with a savepoint: %s: the next run resumes from the newest retained"
              + " checkpoint%n",
          cause);
      out.flush();
      return 1;
    }
  }

  // Runs on a thread the JVM starts for each signal, so the waiting happens elsewhere: the stop
  // itself is asynchronous and the main thread waits for the job to end.
  private void onSignal(Received signal) {
    if (signals.incrementAndGet() > 1) {
      out.printf(
          "Forced exit (SIG%s again) before the savepoint completed: the next run resumes from"
              + " the newest retained checkpoint%n",
          signal.name());
      out.flush();
      // halt, not exit: exit would run the shutdown hooks, which may wait on the very stop the
      // user no longer wants to wait for.
      Runtime.getRuntime().halt(128 + signal.number());
      return;
    }
    out.printf(
        "SIG%s: stopping with a savepoint; press Ctrl-C again to exit at once%n", signal.name());
    out.flush();
    // The futures below complete on Flink's threads; what they yield is read through savepoint.
    CompletableFuture<?> unused =
        job.stopWithSavepoint(false, savepointFolder, SavepointFormatType.CANONICAL)
            .whenComplete(
                (path, failure) -> {
                  if (failure == null) {
                    savepoint.complete(path);
                    return;
                  }
                  savepoint.completeExceptionally(failure);
                  // The job may keep running after a failed stop; cancel it so the run ends (its
                  // retained checkpoints stay for the next run).
                  CompletableFuture<?> cancelled = job.cancel();
                  cancelled.exceptionally(e -> null);
                });
  }
}
