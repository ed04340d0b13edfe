package io.driftway.connectors.kinesis;

import java.io.IOException;
import java.time.Instant;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer for {@link KinesisRecord}, used between operators and in state. Layout:
 * stream, shard id, sequence number, partition key (modified UTF-8), arrival time (epoch seconds,
 * nanos), data (length, bytes). Obtained through {@link KinesisRecord#TYPE_INFO}; public only
 * because Flink restores serializer snapshots by class name.
 *
 * <pre>{@code
 * TypeSerializer<KinesisRecord> serializer =
 *     KinesisRecord.TYPE_INFO.createSerializer(env.getConfig().getSerializerConfig());
 * }</pre>
 */
@Internal
public final class KinesisRecordSerializer extends TypeSerializerSingleton<KinesisRecord> {

  private static final long serialVersionUID = 1L;

  static final KinesisRecordSerializer INSTANCE = new KinesisRecordSerializer();

  private static final KinesisRecord EMPTY =
      KinesisRecord.wrap("", "", "", "", Instant.EPOCH, new byte[0]);

  private KinesisRecordSerializer() {}

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public KinesisRecord createInstance() {
    return EMPTY;
  }

  @Override
  public KinesisRecord copy(KinesisRecord from) {
    return from;
  }

  @Override
  public KinesisRecord copy(KinesisRecord from, KinesisRecord reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(KinesisRecord record, DataOutputView target) throws IOException {
    target.writeUTF(record.stream());
    target.writeUTF(record.shardId());
    target.writeUTF(record.sequenceNumber());
    target.writeUTF(record.partitionKey());
    Instant arrival = record.approximateArrivalTimestamp();
    target.writeLong(arrival.getEpochSecond());
    target.writeInt(arrival.getNano());
    target.writeInt(record.dataLength());
    target.write(record.dataArray());
  }

  @Override
  public KinesisRecord deserialize(DataInputView source) throws IOException {
    String stream = source.readUTF();
    String shardId = source.readUTF();
    String sequenceNumber = source.readUTF();
    String partitionKey = source.readUTF();
    Instant arrival = Instant.ofEpochSecond(source.readLong(), source.readInt());
    byte[] data = new byte[source.readInt()];
    source.readFully(data);
    return KinesisRecord.wrap(stream, shardId, sequenceNumber, partitionKey, arrival, data);
  }

  @Override
  public KinesisRecord deserialize(KinesisRecord reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    for (int i = 0; i < 4; i++) {
      target.writeUTF(source.readUTF());
    }
    target.writeLong(source.readLong());
    target.writeInt(source.readInt());
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public TypeSerializerSnapshot<KinesisRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores the serializer from savepoints; instantiated by Flink by class name. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<KinesisRecord> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
