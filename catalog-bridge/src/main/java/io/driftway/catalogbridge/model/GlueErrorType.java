package io.driftway.catalogbridge.model;

/**
 * The error types the bridge answers with: Glue's own exception names (the {@code __type} a client
 * maps to an exception class) and the AWS protocol errors for signatures and unknown operations.
 */
public enum GlueErrorType {
  ENTITY_NOT_FOUND("EntityNotFoundException", 400),
  ALREADY_EXISTS("AlreadyExistsException", 400),
  CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
  INVALID_INPUT("InvalidInputException", 400),
  ACCESS_DENIED("AccessDeniedException", 400),
  RESOURCE_NUMBER_LIMIT_EXCEEDED("ResourceNumberLimitExceededException", 400),
  OPERATION_TIMEOUT("OperationTimeoutException", 400),
  /** StartJobRun while the job has {@code ExecutionProperty.MaxConcurrentRuns} runs active. */
  CONCURRENT_RUNS_EXCEEDED("ConcurrentRunsExceededException", 400),
  /** StartCrawler or DeleteCrawler while the crawler runs. */
  CRAWLER_RUNNING("CrawlerRunningException", 400),
  /** StopCrawler while the crawler does not run. */
  CRAWLER_NOT_RUNNING("CrawlerNotRunningException", 400),
  /** StopCrawler while the crawler is stopping already. */
  CRAWLER_STOPPING("CrawlerStoppingException", 400),
  INTERNAL_SERVICE("InternalServiceException", 500),
  /** The body is not JSON, or a member has the wrong JSON type. */
  SERIALIZATION("SerializationException", 400),
  /** {@code X-Amz-Target} names no operation the bridge serves. */
  UNKNOWN_OPERATION("UnknownOperationException", 400),
  /** The server is saturated; clients retry this with backoff. */
  THROTTLING("ThrottlingException", 400),
  /** The bridge is shutting down; clients retry this elsewhere or later. */
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 403),
  INVALID_SIGNATURE("InvalidSignatureException", 403),
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403);

  private final String typeName;
  private final int httpStatus;

  GlueErrorType(String typeName, int httpStatus) {
    this.typeName = typeName;
    this.httpStatus = httpStatus;
  }

  /** The {@code __type} value on the wire, e.g. {@code EntityNotFoundException}. */
  public String typeName() {
    return typeName;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
