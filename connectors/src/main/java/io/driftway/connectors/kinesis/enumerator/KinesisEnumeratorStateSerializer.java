package io.driftway.connectors.kinesis.enumerator;

import io.driftway.connectors.kinesis.split.FinishReason;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import io.driftway.connectors.kinesis.split.KinesisShardSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Writes the enumerator's checkpoint state and reads it back. Version 1 layout: the split
 * serializer's version, discovered streams, unassigned splits, assigned split ids, finished split
 * ids with a reason code. Sets are written sorted so equal states give equal bytes.
 *
 * <pre>{@code
 * byte[] bytes = KinesisEnumeratorStateSerializer.INSTANCE.serialize(state);
 * KinesisEnumeratorState back = KinesisEnumeratorStateSerializer.INSTANCE.deserialize(1, bytes);
 * }</pre>
 */
public final class KinesisEnumeratorStateSerializer
    implements SimpleVersionedSerializer<KinesisEnumeratorState> {

  /** Stateless, so one instance serves every source. */
  public static final KinesisEnumeratorStateSerializer INSTANCE =
      new KinesisEnumeratorStateSerializer();

  static final int VERSION = 1;

  private KinesisEnumeratorStateSerializer() {}

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(KinesisEnumeratorState state) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    out.writeInt(KinesisShardSplitSerializer.INSTANCE.getVersion());
    Set<String> streams = new TreeSet<>(state.discoveredStreams());
    out.writeInt(streams.size());
    for (String stream : streams) {
      out.writeUTF(stream);
    }
    out.writeInt(state.unassignedSplits().size());
    for (KinesisShardSplit split : state.unassignedSplits()) {
      KinesisShardSplitSerializer.write(split, out);
    }
    Set<String> assigned = new TreeSet<>(state.assignedSplitIds());
    out.writeInt(assigned.size());
    for (String id : assigned) {
      out.writeUTF(id);
    }
    Map<String, FinishReason> finished = new TreeMap<>(state.finishedSplitIds());
    out.writeInt(finished.size());
    for (Map.Entry<String, FinishReason> entry : finished.entrySet()) {
      out.writeUTF(entry.getKey());
      out.writeByte(
          switch (entry.getValue()) {
            case SHARD_END -> 1;
            case STOP_POSITION -> 2;
          });
    }
    return out.getCopyOfBuffer();
  }

  @Override
  public KinesisEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException(
          "Cannot deserialize Kinesis enumerator state: unknown serializer version: " + version);
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    KinesisShardSplitSerializer.checkVersion(in.readInt());
    int streamCount = in.readInt();
    Set<String> streams = new HashSet<>();
    for (int i = 0; i < streamCount; i++) {
      streams.add(in.readUTF());
    }
    int unassignedCount = in.readInt();
    List<KinesisShardSplit> unassigned = new ArrayList<>(unassignedCount);
    for (int i = 0; i < unassignedCount; i++) {
      unassigned.add(KinesisShardSplitSerializer.read(in));
    }
    int assignedCount = in.readInt();
    Set<String> assigned = new HashSet<>();
    for (int i = 0; i < assignedCount; i++) {
      assigned.add(in.readUTF());
    }
    int finishedCount = in.readInt();
    Map<String, FinishReason> finished = new HashMap<>();
    for (int i = 0; i < finishedCount; i++) {
      String id = in.readUTF();
      int code = in.readByte();
      finished.put(
          id,
          switch (code) {
            case 1 -> FinishReason.SHARD_END;
            case 2 -> FinishReason.STOP_POSITION;
            default ->
                throw new IOException(
                    "Cannot deserialize Kinesis enumerator state: unknown finish reason: " + code);
          });
    }
    if (in.available() > 0) {
      throw new IOException(
          "Cannot deserialize Kinesis enumerator state: trailing bytes: " + in.available());
    }
    return KinesisEnumeratorState.of(streams, unassigned, assigned, finished);
  }
}
