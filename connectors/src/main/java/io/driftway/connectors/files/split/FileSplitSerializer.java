package io.driftway.connectors.files.split;

import io.driftway.connectors.files.InputFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes file splits into checkpoints and reads them back. Version 1 layout: split id, file count,
 * then per file: location, size, version, partition count and (name, has-value, value) pairs,
 * records to skip. A new layout gets a new version and this class keeps reading every older one.
 *
 * <pre>{@code
 * byte[] bytes = FileSplitSerializer.INSTANCE.serialize(split);
 * FileSplit back = FileSplitSerializer.INSTANCE.deserialize(1, bytes);
 * }</pre>
 */
public final class FileSplitSerializer implements SimpleVersionedSerializer<FileSplit> {

  /** Stateless, so one instance serves every source. */
  public static final FileSplitSerializer INSTANCE = new FileSplitSerializer();

  static final int VERSION = 1;

  private FileSplitSerializer() {}

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(FileSplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(128 * (1 + split.files().size()));
    write(split, out);
    return out.getCopyOfBuffer();
  }

  @Override
  public FileSplit deserialize(int version, byte[] serialized) throws IOException {
    checkVersion(version);
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    FileSplit split = read(in);
    if (in.available() > 0) {
      throw new IOException("Cannot deserialize file split: trailing bytes after split: " + split);
    }
    return split;
  }

  /** Checks that {@code version} is one this class reads. */
  public static void checkVersion(int version) throws IOException {
    if (version != VERSION) {
      throw new IOException(
          "Cannot deserialize file split: unknown version (this build reads "
              + VERSION
              + "): "
              + version);
    }
  }

  /** Writes {@code split} in the current layout; for serializers that nest splits. */
  public static void write(FileSplit split, DataOutputView out) throws IOException {
    out.writeUTF(split.splitId());
    out.writeInt(split.files().size());
    for (SplitFile file : split.files()) {
      InputFile input = file.file();
      out.writeUTF(input.location());
      out.writeLong(input.sizeBytes());
      out.writeUTF(input.version());
      out.writeInt(input.partitions().size());
      for (Map.Entry<String, String> partition : input.partitions().entrySet()) {
        out.writeUTF(partition.getKey());
        out.writeBoolean(partition.getValue() != null);
        if (partition.getValue() != null) {
          out.writeUTF(partition.getValue());
        }
      }
      out.writeLong(file.skip());
    }
  }

  /** Reads a split written by {@link #write} in the current layout. */
  public static FileSplit read(DataInputView in) throws IOException {
    String id = in.readUTF();
    int count = in.readInt();
    List<SplitFile> files = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String location = in.readUTF();
      long size = in.readLong();
      String version = in.readUTF();
      int partitionCount = in.readInt();
      Map<String, String> partitions = new LinkedHashMap<>();
      for (int p = 0; p < partitionCount; p++) {
        String name = in.readUTF();
        partitions.put(name, in.readBoolean() ? in.readUTF() : null);
      }
      long skip = in.readLong();
      files.add(new SplitFile(InputFile.of(location, size, version, partitions), skip));
    }
    return FileSplit.of(id, files);
  }
}
