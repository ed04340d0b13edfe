package io.driftway.connectors.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KinesisSourceBuilderTest {

  private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void buildsAnUnboundedSourceFromNamesAndArns() {
    KinesisSource<KinesisRecord> source =
        valid()
            .streams("arn:aws:kinesis:us-east-1:123456789012:stream/payments")
            .endpoint(URI.create("http://127.0.0.1:4567"))
            .staticCredentials("test", "secret")
            .build();

    assertThat(source.streams()).containsExactly("orders", "payments");
    assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    assertThat(source.getProducedType()).isEqualTo(KinesisRecord.TYPE_INFO);
    assertThat(source.toString()).doesNotContain("secret");
  }

  @Test
  void isBoundedWithAStopPosition() {
    assertThat(valid().bounded(KinesisStopPosition.currentEnd()).build().getBoundedness())
        .isEqualTo(Boundedness.BOUNDED);
  }

  @Test
  void acceptsAClientFactoryInsteadOfARegion() {
    KinesisSource<KinesisRecord> source =
        KinesisSource.<KinesisRecord>builder()
            .streams("orders")
            .clientFactory(() -> null)
            .deserializer(KinesisRecordDeserializer.raw())
            .build();

    assertThat(source.streams()).containsExactly("orders");
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        refused(
            b -> KinesisSource.<KinesisRecord>builder().streams("orders").region("us-east-1"),
            "missing required setting: deserializer"),
        refused(
            b ->
                KinesisSource.<KinesisRecord>builder()
                    .region("us-east-1")
                    .deserializer(KinesisRecordDeserializer.raw()),
            "missing required setting: streams"),
        refused(b -> b.streams("orders/eu"), "not a stream name or ARN: orders/eu"),
        refused(
            b -> b.streams("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
            "stream listed twice: orders"),
        refused(
            b -> b.streams("arn:aws:kinesis:eu-west-1:123456789012:stream/eu-orders"),
            "stream ARN is outside region us-east-1:"
                + " arn:aws:kinesis:eu-west-1:123456789012:stream/eu-orders"),
        refused(
            b -> b.readMode(KinesisReadMode.ENHANCED_FAN_OUT).efoConsumerName("driftway"),
            "enhanced fan-out is not supported by this build, use read mode POLLING:"
                + " ENHANCED_FAN_OUT"),
        refused(
            b -> b.efoConsumerName("driftway"),
            "an EFO consumer name needs read mode ENHANCED_FAN_OUT: driftway"),
        refused(
            b -> b.clientFactory(() -> null),
            "a client factory excludes region, endpoint and credentials: region"),
        refused(
            b ->
                KinesisSource.<KinesisRecord>builder()
                    .streams("orders")
                    .deserializer(KinesisRecordDeserializer.raw()),
            "missing required setting: region"),
        refused(
            b -> b.maxRecordsPerPoll(10_001),
            "max records per poll must be within 1..10000: 10001"),
        refused(b -> b.maxRecordsPerPoll(0), "max records per poll must be within 1..10000: 0"),
        refused(
            b -> b.pollInterval(Duration.ofMillis(-1)),
            "poll interval must not be negative: PT-0.001S"),
        refused(
            b -> b.shardDiscoveryInterval(Duration.ZERO),
            "shard discovery interval must be positive: PT0S"),
        refused(
            b -> b.throttleBackoff(Duration.ofSeconds(1), Duration.ofMillis(100)),
            "throttle backoff max is below its base PT1S: PT0.1S"),
        refused(b -> b.apiCallTimeout(Duration.ZERO), "API call timeout must be positive: PT0S"),
        refused(
            b ->
                b.startingPosition(KinesisStartingPosition.atTimestamp(T))
                    .bounded(KinesisStopPosition.atTimestamp(T.minusSeconds(1))),
            "stop timestamp is before start timestamp 2026-11-01T00:00:00Z:"
                + " 2026-10-31T23:59:59Z"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void refusesWithAMessageThatSaysWhatToChange(
      UnaryOperator<KinesisSourceBuilder<KinesisRecord>> configure, String reason) {
    assertThatThrownBy(() -> configure.apply(valid()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build Kinesis source: " + reason);
  }

  @Test
  void readsItsTunablesFromAFlinkConfiguration() {
    Configuration config = new Configuration();
    config.set(KinesisSourceOptions.POLL_MAX_RECORDS, 0);

    assertThatThrownBy(() -> valid().configure(config).build())
        .hasMessage("Cannot build Kinesis source: max records per poll must be within 1..10000: 0");

    config.set(KinesisSourceOptions.POLL_MAX_RECORDS, 500);
    config.set(KinesisSourceOptions.READ_MODE, KinesisReadMode.ENHANCED_FAN_OUT);
    assertThatThrownBy(() -> valid().configure(config).build())
        .hasMessageContaining("enhanced fan-out is not supported");
  }

  @Test
  void pinsEveryOptionKeyAndDefault() {
    assertThat(KinesisSourceOptions.ALL)
        .extracting(option -> option.key() + "=" + option.defaultValue())
        .containsExactly(
            "kinesis.source.read-mode=POLLING",
            "kinesis.source.poll.max-records=10000",
            "kinesis.source.poll.interval=PT0.2S",
            "kinesis.source.shard-discovery.interval=PT10S",
            "kinesis.source.throttle.backoff.base=PT0.2S",
            "kinesis.source.throttle.backoff.max=PT5S",
            "kinesis.source.api-call.timeout=PT30S");
    assertThat(KinesisSourceOptions.ALL)
        .allSatisfy(option -> assertThat(option.description().toString()).isNotBlank());
  }

  private static KinesisSourceBuilder<KinesisRecord> valid() {
    return KinesisSource.<KinesisRecord>builder()
        .streams("orders")
        .region("us-east-1")
        .deserializer(KinesisRecordDeserializer.raw());
  }

  private static Arguments refused(
      UnaryOperator<KinesisSourceBuilder<KinesisRecord>> configure, String reason) {
    return Arguments.of(configure, reason);
  }
}
