package io.driftway.connectors.kinesis;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every tunable of the Kinesis source, declared once with its type, default and meaning. The
 * builder starts from these defaults; {@link KinesisSourceBuilder#configure} reads them from a
 * Flink configuration (e.g. a pipeline file's source properties). The keys are public API.
 *
 * <pre>{@code
 * Configuration conf = new Configuration();
 * conf.set(KinesisSourceOptions.POLL_INTERVAL, Duration.ofMillis(500));
 * KinesisSource.<KinesisRecord>builder().configure(conf)...
 * }</pre>
 */
public final class KinesisSourceOptions {

  /** The largest {@code Limit} Kinesis accepts for one {@code GetRecords} call. */
  public static final int MAX_RECORDS_LIMIT = 10_000;

  public static final ConfigOption<KinesisReadMode> READ_MODE =
      ConfigOptions.key("kinesis.source.read-mode")
          .enumType(KinesisReadMode.class)
          .defaultValue(KinesisReadMode.POLLING)
          .withDescription("How shards are read: POLLING (GetRecords) or ENHANCED_FAN_OUT.");

  public static final ConfigOption<Integer> POLL_MAX_RECORDS =
      ConfigOptions.key("kinesis.source.poll.max-records")
          .intType()
          .defaultValue(MAX_RECORDS_LIMIT)
          .withDescription("Most records one GetRecords call returns (1 to 10000).");

  public static final ConfigOption<Duration> POLL_INTERVAL =
      ConfigOptions.key("kinesis.source.poll.interval")
          .durationType()
          .defaultValue(Duration.ofMillis(200))
          .withDescription(
              "Pause between two GetRecords calls on one shard; Kinesis allows 5 calls per second"
                  + " per shard, shared by all consumers.");

  public static final ConfigOption<Duration> SHARD_DISCOVERY_INTERVAL =
      ConfigOptions.key("kinesis.source.shard-discovery.interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "How often the shards of every stream are listed to find new shards after"
                  + " resharding.");

  public static final ConfigOption<Duration> THROTTLE_BACKOFF_BASE =
      ConfigOptions.key("kinesis.source.throttle.backoff.base")
          .durationType()
          .defaultValue(Duration.ofMillis(200))
          .withDescription(
              "First pause on a shard after Kinesis throttled a read; doubles per throttled call.");

  public static final ConfigOption<Duration> THROTTLE_BACKOFF_MAX =
      ConfigOptions.key("kinesis.source.throttle.backoff.max")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription("Longest pause on a shard after repeated throttling.");

  public static final ConfigOption<Duration> API_CALL_TIMEOUT =
      ConfigOptions.key("kinesis.source.api-call.timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription(
              "Limit for one Kinesis API call including the SDK's retries (clients built from"
                  + " region and endpoint only).");

  /** All options, for documentation and the test that pins them. */
  public static final List<ConfigOption<?>> ALL =
      List.of(
          READ_MODE,
          POLL_MAX_RECORDS,
          POLL_INTERVAL,
          SHARD_DISCOVERY_INTERVAL,
          THROTTLE_BACKOFF_BASE,
          THROTTLE_BACKOFF_MAX,
          API_CALL_TIMEOUT);

  private KinesisSourceOptions() {}
}
