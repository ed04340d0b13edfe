package io.driftway.connectors.kinesis.split;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes shard splits into checkpoints and reads them back. Version 1 layout: stream, shard id,
 * parent shard ids, position (kind, then its timestamp or sequence number), finish reason. A new
 * layout gets a new version and this class keeps reading every older one.
 *
 * <pre>{@code
 * byte[] bytes = KinesisShardSplitSerializer.INSTANCE.serialize(split);
 * KinesisShardSplit back = KinesisShardSplitSerializer.INSTANCE.deserialize(1, bytes);
 * }</pre>
 */
public final class KinesisShardSplitSerializer
    implements SimpleVersionedSerializer<KinesisShardSplit> {

  /** Stateless, so one instance serves every source. */
  public static final KinesisShardSplitSerializer INSTANCE = new KinesisShardSplitSerializer();

  static final int VERSION = 1;

  private static final byte NOT_FINISHED = 0;

  private KinesisShardSplitSerializer() {}

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(KinesisShardSplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(96);
    write(split, out);
    return out.getCopyOfBuffer();
  }

  @Override
  public KinesisShardSplit deserialize(int version, byte[] serialized) throws IOException {
    checkVersion(version);
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    KinesisShardSplit split = read(in);
    if (in.available() > 0) {
      throw new IOException(
          "Cannot deserialize Kinesis shard split: trailing bytes after split: " + split);
    }
    return split;
  }

  /** Writes {@code split} in the current layout; for serializers that nest splits. */
  public static void write(KinesisShardSplit split, DataOutputView out) throws IOException {
    out.writeUTF(split.stream());
    out.writeUTF(split.shardId());
    out.writeInt(split.parentShardIds().size());
    for (String parent : split.parentShardIds()) {
      out.writeUTF(parent);
    }
    ShardPosition position = split.position();
    // Codes are spelled out, not enum ordinals, so reordering an enum cannot corrupt old state.
    switch (position.kind()) {
      case TRIM_HORIZON -> out.writeByte(0);
      case AT_TIMESTAMP -> {
        Instant timestamp = position.timestamp();
        out.writeByte(1);
        out.writeLong(timestamp.getEpochSecond());
        out.writeInt(timestamp.getNano());
      }
      case AFTER_SEQUENCE_NUMBER -> {
        out.writeByte(2);
        out.writeUTF(position.sequenceNumber());
      }
    }
    out.writeByte(
        split
            .finishReason()
            .map(
                reason ->
                    switch (reason) {
                      case SHARD_END -> 1;
                      case STOP_POSITION -> 2;
                    })
            .orElse((int) NOT_FINISHED));
  }

  /** Reads a split written by {@link #write} in the current layout. */
  public static KinesisShardSplit read(DataInputView in) throws IOException {
    String stream = in.readUTF();
    String shardId = in.readUTF();
    int parentCount = in.readInt();
    if (parentCount < 0 || parentCount > 2) {
      throw new IOException(
          "Cannot deserialize Kinesis shard split: a shard has at most 2 parents: " + parentCount);
    }
    List<String> parents = new ArrayList<>(parentCount);
    for (int i = 0; i < parentCount; i++) {
      parents.add(in.readUTF());
    }
    int kind = in.readByte();
    ShardPosition position =
        switch (kind) {
          case 0 -> ShardPosition.trimHorizon();
          case 1 -> ShardPosition.atTimestamp(Instant.ofEpochSecond(in.readLong(), in.readInt()));
          case 2 -> ShardPosition.afterSequenceNumber(in.readUTF());
          default ->
              throw new IOException(
                  "Cannot deserialize Kinesis shard split: unknown position kind: " + kind);
        };
    KinesisShardSplit split = KinesisShardSplit.of(stream, shardId, parents, position);
    int finish = in.readByte();
    if (finish == NOT_FINISHED) {
      return split;
    }
    return switch (finish) {
      case 1 -> split.finished(FinishReason.SHARD_END);
      case 2 -> split.finished(FinishReason.STOP_POSITION);
      default ->
          throw new IOException(
              "Cannot deserialize Kinesis shard split: unknown finish reason: " + finish);
    };
  }

  /** Fails on a version this build cannot read, e.g. a checkpoint written by a newer build. */
  public static void checkVersion(int version) throws IOException {
    if (version != VERSION) {
      throw new IOException(
          "Cannot deserialize Kinesis shard split: unknown serializer version: " + version);
    }
  }
}
