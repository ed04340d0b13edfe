package io.driftway.loadtests.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends events to a Kinesis stream with PutRecords, 500 records a call, partition key {@code seq};
 * records the service throttles are sent again.
 *
 * <pre>{@code
 * try (EventSink sink = KinesisEventSink.of(URI.create("http://127.0.0.1:4567"), "us-east-1",
 *     credentials, "orders")) {
 *   sink.send(0, generator.record(0, System.currentTimeMillis()));
 *   sink.flush();
 * }
 * }</pre>
 */
public final class KinesisEventSink implements EventSink {

  private static final int BATCH = 500;
  private static final int RETRIES = 10;

  private final KinesisClient client;
  private final String stream;
  private final List<PutRecordsRequestEntry> pending = new ArrayList<>(BATCH);

  private KinesisEventSink(KinesisClient client, String stream) {
    this.client = client;
    this.stream = stream;
  }

  /**
   * A sink to {@code stream}; {@code endpoint} may be null for AWS itself, {@code credentials} null
   * for the default chain.
   */
  public static KinesisEventSink of(
      URI endpoint, String region, AwsCredentialsProvider credentials, String stream) {
    KinesisClientBuilder builder =
        KinesisClient.builder()
            .region(Region.of(region))
            .credentialsProvider(
                credentials == null ? DefaultCredentialsProvider.builder().build() : credentials)
            .httpClient(UrlConnectionHttpClient.create());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return new KinesisEventSink(builder.build(), stream);
  }

  @Override
  public void send(long seq, byte[] value) {
    pending.add(
        PutRecordsRequestEntry.builder()
            .partitionKey(Long.toString(seq))
            .data(SdkBytes.fromByteArray(value))
            .build());
    if (pending.size() >= BATCH) {
      put();
    }
  }

  @Override
  public void flush() {
    if (!pending.isEmpty()) {
      put();
    }
  }

  private void put() {
    List<PutRecordsRequestEntry> batch = new ArrayList<>(pending);
    pending.clear();
    for (int attempt = 0; !batch.isEmpty(); attempt++) {
      if (attempt > RETRIES) {
        throw new IllegalStateException(
            "Cannot put records: "
                + batch.size()
                + " still failing after "
                + RETRIES
                + " retries: "
                + stream);
      }
      List<PutRecordsRequestEntry> sent = batch;
      PutRecordsResponse response = client.putRecords(b -> b.streamName(stream).records(sent));
      List<PutRecordsRequestEntry> failed = new ArrayList<>();
      List<PutRecordsResultEntry> results = response.records();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).errorCode() != null) {
          failed.add(sent.get(i));
        }
      }
      batch = failed;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
