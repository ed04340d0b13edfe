package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only faults for Iceberg commits through the bridge: {@code UpdateTable} fails before the
 * store applies it, or is applied and then answered by a dropped connection (the caller cannot tell
 * whether its commit happened). Fault-injection tests use it to prove that a pipeline stays exactly
 * once when a commit fails or its outcome is unknown.
 *
 * <p>No configuration key turns it on: a bridge injects faults only when Java code hands an
 * instance to {@code CatalogBridge.builder(config).commitFaults(faults)}, which the {@code
 * driftway} commands never do. Thread-safe; a test arms and clears it while the bridge serves.
 *
 * <pre>{@code
 * CommitFaults faults = CommitFaults.create();
 * try (CatalogBridge bridge = CatalogBridge.builder(config).commitFaults(faults).start()) {
 *   faults.failNext(3);        // the next 3 UpdateTable calls answer InternalServiceException
 *   faults.dropAnswerNext(1);  // the one after is applied, then the connection drops unanswered
 *   ...
 *   faults.clear();
 * }
 * }</pre>
 */
public final class CommitFaults {

  /** The operation faults strike; every other operation passes through untouched. */
  static final String OPERATION = "UpdateTable";

  private final String onlyTable;
  private final AtomicInteger failing = new AtomicInteger();
  private final AtomicInteger dropping = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger applied = new AtomicInteger();

  private CommitFaults(String onlyTable) {
    this.onlyTable = onlyTable;
  }

  /** Faults for the UpdateTable calls of every table; none armed yet. */
  public static CommitFaults create() {
    return new CommitFaults(null);
  }

  /**
   * Faults only for the UpdateTable calls of {@code database.table} (lower case, as the bridge
   * stores names); other tables commit normally. None armed yet.
   */
  public static CommitFaults forTable(String qualifiedName) {
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    return new CommitFaults(qualifiedName.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The next {@code calls} UpdateTable calls fail with {@code InternalServiceException} (HTTP 500)
   * before the store sees them. Clients that retry (the AWS SDK does, a few times) spend calls.
   */
  public CommitFaults failNext(int calls) {
    failing.set(requireNonNegative(calls));
    return this;
  }

  /**
   * The next {@code calls} UpdateTable calls are applied by the store, and then the connection is
   * closed without an answer: the commit happened, but the caller sees an I/O error.
   */
  public CommitFaults dropAnswerNext(int calls) {
    dropping.set(requireNonNegative(calls));
    return this;
  }

  /** Disarms both faults; the counters keep their values. */
  public CommitFaults clear() {
    failing.set(0);
    dropping.set(0);
    return this;
  }

  /** UpdateTable calls failed before the store so far. */
  public int failed() {
    return failed.get();
  }

  /** UpdateTable calls applied and left unanswered so far. */
  public int dropped() {
    return dropped.get();
  }

  /** UpdateTable calls the store applied so far (answered or not), for the watched tables. */
  public int applied() {
    return applied.get();
  }

  /** {@code api} with these faults in front of its UpdateTable; called by the bridge at start. */
  public GlueApi wrap(GlueApi api) {
    return new Faulty(api);
  }

  private boolean watches(byte[] body) {
    if (onlyTable == null) {
      return true;
    }
    GlueRequests.UpdateTable request;
    try {
      request = GlueJson.read(body, GlueRequests.UpdateTable.class);
    } catch (GlueException e) {
      // A malformed body is the real operation's to refuse.
      return false;
    }
    String name =
        request.tableInput() != null && request.tableInput().name() != null
            ? request.tableInput().name()
            : request.name();
    return onlyTable.equals(
        (request.databaseName() + "." + name).toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean take(AtomicInteger armed) {
    return armed.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static int requireNonNegative(int calls) {
    if (calls < 0) {
      throw new IllegalArgumentException("Cannot arm commit fault: calls must be >= 0: " + calls);
    }
    return calls;
  }

  /**
   * Thrown after the store applied an UpdateTable whose answer must be dropped; the HTTP layer
   * closes the connection without a response when it sees it.
   */
  public static final class AnswerDropped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnswerDropped(String operation) {
      super("Commit fault: applied " + operation + " and dropped its answer", null, false, false);
    }
  }

  private final class Faulty implements GlueApi {
    private final GlueApi delegate;

    Faulty(GlueApi delegate) {
      this.delegate = delegate;
    }

    @Override
    public byte[] call(String operation, byte[] body, Principal caller) {
      if (!OPERATION.equals(operation) || !watches(body)) {
        return delegate.call(operation, body, caller);
      }
      if (take(failing)) {
        failed.incrementAndGet();
        throw GlueException.of(
            GlueErrorType.INTERNAL_SERVICE,
            "Cannot update table: injected commit fault (test configuration): " + OPERATION);
      }
      byte[] answer = delegate.call(operation, body, caller);
      applied.incrementAndGet();
      if (take(dropping)) {
        dropped.incrementAndGet();
        throw new AnswerDropped(operation);
      }
      return answer;
    }

    @Override
    public Set<String> operations() {
      return delegate.operations();
    }
  }
}
