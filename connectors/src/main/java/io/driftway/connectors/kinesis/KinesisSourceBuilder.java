package io.driftway.connectors.kinesis;

import io.driftway.platform.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Collects the settings of a {@link KinesisSource}; {@link #build()} validates them together and
 * says exactly what to change. Setters only store; a builder is for one thread and one source.
 *
 * <p>Required: {@link #streams}, {@link #deserializer}, and either {@link #region} (optionally with
 * {@link #endpoint} and {@link #staticCredentials}) or a {@link #clientFactory}.
 *
 * <pre>{@code
 * KinesisSource<KinesisRecord> backfill =
 *     KinesisSource.<KinesisRecord>builder()
 *         .streams("orders")
 *         .region("us-east-1")
 *         .endpoint(URI.create("http://127.0.0.1:4567"))
 *         .staticCredentials("test", "test")
 *         .startingPosition(KinesisStartingPosition.atTimestamp(from))
 *         .bounded(KinesisStopPosition.atTimestamp(to))
 *         .deserializer(KinesisRecordDeserializer.raw())
 *         .build();
 * }</pre>
 *
 * @param <T> what the source emits
 */
public final class KinesisSourceBuilder<T> {

  private static final String CANNOT = "Cannot build Kinesis source: ";

  private final List<String> streams = new ArrayList<>();
  private String region;
  private URI endpoint;
  private String accessKeyId;
  private String secretAccessKey;
  private KinesisClientFactory clientFactory;
  private KinesisStartingPosition startingPosition = KinesisStartingPosition.latest();
  private KinesisStopPosition stopPosition;
  private KinesisReadMode readMode = KinesisSourceOptions.READ_MODE.defaultValue();
  private String efoConsumerName;
  private int maxRecordsPerPoll = KinesisSourceOptions.POLL_MAX_RECORDS.defaultValue();
  private Duration pollInterval = KinesisSourceOptions.POLL_INTERVAL.defaultValue();
  private Duration shardDiscoveryInterval =
      KinesisSourceOptions.SHARD_DISCOVERY_INTERVAL.defaultValue();
  private Duration throttleBackoffBase = KinesisSourceOptions.THROTTLE_BACKOFF_BASE.defaultValue();
  private Duration throttleBackoffMax = KinesisSourceOptions.THROTTLE_BACKOFF_MAX.defaultValue();
  private Duration apiCallTimeout = KinesisSourceOptions.API_CALL_TIMEOUT.defaultValue();
  private KinesisRecordDeserializer<T> deserializer;

  KinesisSourceBuilder() {}

  /** Adds streams to read, by name or ARN ({@code arn:aws:kinesis:<region>:<account>:stream/x}). */
  public KinesisSourceBuilder<T> streams(String... namesOrArns) {
    return streams(List.of(namesOrArns));
  }

  /** Adds streams to read, by name or ARN. */
  public KinesisSourceBuilder<T> streams(Collection<String> namesOrArns) {
    streams.addAll(namesOrArns);
    return this;
  }

  /** The AWS region of the streams, e.g. {@code eu-west-1}. */
  public KinesisSourceBuilder<T> region(String region) {
    this.region = Objects.requireNonNull(region, "region");
    return this;
  }

  /** A Kinesis endpoint other than AWS's, e.g. a local test server. */
  public KinesisSourceBuilder<T> endpoint(URI endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return this;
  }

  /**
   * Fixed credentials instead of the AWS default chain (environment, profile, instance role). They
   * travel inside the job graph: prefer the default chain outside tests.
   */
  public KinesisSourceBuilder<T> staticCredentials(String accessKeyId, String secretAccessKey) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    return this;
  }

  /** Limit for one API call including the SDK's retries; see {@link KinesisSourceOptions}. */
  public KinesisSourceBuilder<T> apiCallTimeout(Duration timeout) {
    this.apiCallTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Creates the clients; replaces region, endpoint, credentials and API call timeout. */
  public KinesisSourceBuilder<T> clientFactory(KinesisClientFactory factory) {
    this.clientFactory = Objects.requireNonNull(factory, "factory");
    return this;
  }

  /** Where a fresh job starts; default {@link KinesisStartingPosition#latest()}. */
  public KinesisSourceBuilder<T> startingPosition(KinesisStartingPosition position) {
    this.startingPosition = Objects.requireNonNull(position, "position");
    return this;
  }

  /** Makes the source bounded: every shard stops at {@code stopPosition}. Default: unbounded. */
  public KinesisSourceBuilder<T> bounded(KinesisStopPosition stopPosition) {
    this.stopPosition = Objects.requireNonNull(stopPosition, "stopPosition");
    return this;
  }

  /**
   * How shards are read; default {@link KinesisReadMode#POLLING}, the only one this build reads.
   */
  public KinesisSourceBuilder<T> readMode(KinesisReadMode mode) {
    this.readMode = Objects.requireNonNull(mode, "mode");
    return this;
  }

  /** The stream consumer name of enhanced fan-out; only with that read mode. */
  public KinesisSourceBuilder<T> efoConsumerName(String name) {
    this.efoConsumerName = Objects.requireNonNull(name, "name");
    return this;
  }

  /** Most records per {@code GetRecords} call, 1 to 10000; default 10000. */
  public KinesisSourceBuilder<T> maxRecordsPerPoll(int maxRecords) {
    this.maxRecordsPerPoll = maxRecords;
    return this;
  }

  /** Pause between two polls of one shard; default 200 ms (Kinesis allows 5 per second). */
  public KinesisSourceBuilder<T> pollInterval(Duration interval) {
    this.pollInterval = Objects.requireNonNull(interval, "interval");
    return this;
  }

  /** How often shards are listed to follow resharding; default 10 s. */
  public KinesisSourceBuilder<T> shardDiscoveryInterval(Duration interval) {
    this.shardDiscoveryInterval = Objects.requireNonNull(interval, "interval");
    return this;
  }

  /** First and longest pause of a throttled shard; default 200 ms and 5 s. */
  public KinesisSourceBuilder<T> throttleBackoff(Duration base, Duration max) {
    this.throttleBackoffBase = Objects.requireNonNull(base, "base");
    this.throttleBackoffMax = Objects.requireNonNull(max, "max");
    return this;
  }

  /** Turns records into the source's output; required. */
  public KinesisSourceBuilder<T> deserializer(KinesisRecordDeserializer<T> deserializer) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    return this;
  }

  /** Applies every {@link KinesisSourceOptions} key set in {@code config}. */
  public KinesisSourceBuilder<T> configure(ReadableConfig config) {
    config.getOptional(KinesisSourceOptions.READ_MODE).ifPresent(this::readMode);
    config.getOptional(KinesisSourceOptions.POLL_MAX_RECORDS).ifPresent(this::maxRecordsPerPoll);
    config.getOptional(KinesisSourceOptions.POLL_INTERVAL).ifPresent(this::pollInterval);
    config
        .getOptional(KinesisSourceOptions.SHARD_DISCOVERY_INTERVAL)
        .ifPresent(this::shardDiscoveryInterval);
    config
        .getOptional(KinesisSourceOptions.THROTTLE_BACKOFF_BASE)
        .ifPresent(base -> throttleBackoffBase = base);
    config
        .getOptional(KinesisSourceOptions.THROTTLE_BACKOFF_MAX)
        .ifPresent(max -> throttleBackoffMax = max);
    config.getOptional(KinesisSourceOptions.API_CALL_TIMEOUT).ifPresent(this::apiCallTimeout);
    return this;
  }

  /** Validates every setting together and builds the source. */
  public KinesisSource<T> build() {
    if (deserializer == null) {
      throw fail("missing required setting", "deserializer");
    }
    List<StreamReference> references = resolveStreams();
    checkReadMode();
    KinesisClientFactory factory = clientFactory(references);
    checkPolling();
    checkTimestamps();
    List<String> names = references.stream().map(StreamReference::name).toList();
    return new KinesisSource<>(
        names,
        factory,
        startingPosition,
        stopPosition,
        maxRecordsPerPoll,
        pollInterval,
        shardDiscoveryInterval,
        throttleBackoffBase,
        throttleBackoffMax,
        deserializer);
  }

  private List<StreamReference> resolveStreams() {
    if (streams.isEmpty()) {
      throw fail("missing required setting", "streams");
    }
    List<StreamReference> references = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (String stream : streams) {
      StreamReference reference =
          StreamReference.parse(Objects.requireNonNull(stream, "stream"))
              .orElseThrow(() -> fail("not a stream name or ARN", stream));
      if (!names.add(reference.name())) {
        throw fail("stream listed twice", reference.name());
      }
      references.add(reference);
    }
    return references;
  }

  private void checkReadMode() {
    if (readMode == KinesisReadMode.ENHANCED_FAN_OUT) {
      throw fail(
          "enhanced fan-out is not supported by this build, use read mode POLLING", readMode);
    }
    if (efoConsumerName != null) {
      throw fail("an EFO consumer name needs read mode ENHANCED_FAN_OUT", efoConsumerName);
    }
  }

  private KinesisClientFactory clientFactory(List<StreamReference> references) {
    if (clientFactory != null) {
      Optional<String> clash =
          region != null
              ? Optional.of("region")
              : endpoint != null
                  ? Optional.of("endpoint")
                  : accessKeyId != null ? Optional.of("staticCredentials") : Optional.empty();
      if (clash.isPresent()) {
        throw fail("a client factory excludes region, endpoint and credentials", clash.get());
      }
      return clientFactory;
    }
    if (region == null) {
      throw fail("missing required setting", "region");
    }
    for (int i = 0; i < references.size(); i++) {
      Optional<String> arnRegion = references.get(i).arnRegion();
      if (arnRegion.isPresent() && !arnRegion.get().equals(region)) {
        throw fail("stream ARN is outside region " + region, streams.get(i));
      }
    }
    if (apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
      throw fail("API call timeout must be positive", apiCallTimeout);
    }
    AwsSettings.Builder settings =
        AwsSettings.builder()
            .region(region)
            .endpoint(endpoint)
            .connectTimeout(apiCallTimeout)
            .readTimeout(apiCallTimeout)
            .apiCallTimeout(apiCallTimeout);
    if (accessKeyId != null) {
      settings.staticCredentials(accessKeyId, secretAccessKey);
    }
    return new DefaultKinesisClientFactory(settings.build());
  }

  private void checkPolling() {
    if (maxRecordsPerPoll < 1 || maxRecordsPerPoll > KinesisSourceOptions.MAX_RECORDS_LIMIT) {
      throw fail("max records per poll must be within 1..10000", maxRecordsPerPoll);
    }
    if (pollInterval.isNegative()) {
      throw fail("poll interval must not be negative", pollInterval);
    }
    if (shardDiscoveryInterval.isNegative() || shardDiscoveryInterval.isZero()) {
      throw fail("shard discovery interval must be positive", shardDiscoveryInterval);
    }
    if (throttleBackoffBase.isNegative() || throttleBackoffBase.isZero()) {
      throw fail("throttle backoff base must be positive", throttleBackoffBase);
    }
    if (throttleBackoffMax.compareTo(throttleBackoffBase) < 0) {
      throw fail(
          "throttle backoff max is below its base " + throttleBackoffBase, throttleBackoffMax);
    }
  }

  private void checkTimestamps() {
    Optional<Instant> start = startingPosition.timestamp();
    Optional<Instant> stop = stopPosition == null ? Optional.empty() : stopPosition.timestamp();
    if (start.isPresent() && stop.isPresent() && stop.get().isBefore(start.get())) {
      throw fail("stop timestamp is before start timestamp " + start.get(), stop.get());
    }
  }

  private static IllegalArgumentException fail(String reason, Object value) {
    return new IllegalArgumentException(CANNOT + reason + ": " + value);
  }
}
