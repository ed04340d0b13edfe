package io.driftway.connectors.files.enumerator;

import io.driftway.connectors.files.split.FileSplit;
import io.driftway.connectors.files.split.FileSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Writes the enumerator's state into checkpoints. Version 1 layout: the split count, then each
 * split in {@link FileSplitSerializer}'s version 1 layout.
 *
 * <pre>{@code
 * byte[] bytes = FileEnumeratorStateSerializer.INSTANCE.serialize(state);
 * }</pre>
 */
public final class FileEnumeratorStateSerializer
    implements SimpleVersionedSerializer<FileEnumeratorState> {

  /** Stateless, so one instance serves every source. */
  public static final FileEnumeratorStateSerializer INSTANCE = new FileEnumeratorStateSerializer();

  static final int VERSION = 1;

  private FileEnumeratorStateSerializer() {}

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(FileEnumeratorState state) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    out.writeInt(state.unassigned().size());
    for (FileSplit split : state.unassigned()) {
      FileSplitSerializer.write(split, out);
    }
    return out.getCopyOfBuffer();
  }

  @Override
  public FileEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException(
          "Cannot deserialize file enumerator state: unknown version (this build reads "
              + VERSION
              + "): "
              + version);
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    int count = in.readInt();
    List<FileSplit> splits = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      splits.add(FileSplitSerializer.read(in));
    }
    if (in.available() > 0) {
      throw new IOException(
          "Cannot deserialize file enumerator state: trailing bytes after " + count + " splits");
    }
    return new FileEnumeratorState(splits);
  }
}
