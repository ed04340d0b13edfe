package io.driftway.testsupport;

/** JVM shutdown hooks that stop servers when a test JVM exits without closing them. */
final class ShutdownHooks {

  private ShutdownHooks() {}

  static Thread closeOnExit(AutoCloseable server) {
    Thread hook =
        new Thread(
            () -> {
              try {
                server.close();
              } catch (Exception e) {
                // The JVM is exiting: report, there is nobody left to rethrow to.
                System.err.println("Cannot stop test server at exit: " + e + ": " + server);
              }
            },
            "stop-" + server.getClass().getSimpleName());
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  static void remove(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting and the hook is running or has run: nothing to remove.
    }
  }
}
