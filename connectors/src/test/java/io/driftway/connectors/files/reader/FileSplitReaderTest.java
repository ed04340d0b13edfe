package io.driftway.connectors.files.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.files.DataFiles;
import io.driftway.connectors.files.FileProgress;
import io.driftway.connectors.files.InputFile;
import io.driftway.connectors.files.TestFiles;
import io.driftway.connectors.files.split.FileSplit;
import io.driftway.connectors.files.split.FileSplitSerializer;
import io.driftway.connectors.files.split.FileSplitState;
import io.driftway.connectors.files.split.SplitFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSplitReaderTest {

  @TempDir Path dir;

  @Test
  void aSplitRestoredMidFileEmitsExactlyTheRecordsNotEmittedBefore() throws Exception {
    TestFiles.write(dir.resolve("a.json"), 1, 1_500);
    TestFiles.write(dir.resolve("b.avro"), 1_501, 700);
    TestFiles.write(dir.resolve("c.parquet"), 2_201, 300);
    List<InputFile> files = DataFiles.local().list("file:" + dir);
    FileSplit split = FileSplit.of("g-0", files.stream().map(f -> new SplitFile(f, 0)).toList());

    // Emit the first 1,800 records (into the second file), then checkpoint.
    FileSplitState state = new FileSplitState(split);
    List<String> emitted = new ArrayList<>();
    List<FileProgress> finished = new ArrayList<>();
    try (FileSplitReader reader = reader(split)) {
      while (emitted.size() < 1_800) {
        RecordsWithSplitIds<ReadRecord> batch = reader.fetch();
        for (String id = batch.nextSplit(); id != null; id = batch.nextSplit()) {
          for (ReadRecord r = batch.nextRecordFromSplit();
              r != null && emitted.size() < 1_800;
              r = batch.nextRecordFromSplit()) {
            emitted.add(id(r));
            finished.addAll(state.advance(r.fileIndex(), r.position()));
          }
        }
      }
    }
    byte[] checkpoint = FileSplitSerializer.INSTANCE.serialize(state.toSplit());
    FileSplit restored = FileSplitSerializer.INSTANCE.deserialize(1, checkpoint);

    assertThat(finished)
        .containsExactly(
            FileProgress.finished(files.get(0).location(), files.get(0).version(), 1_500));
    assertThat(state.current())
        .isEqualTo(FileProgress.at(files.get(1).location(), files.get(1).version(), 300));
    assertThat(restored.files()).hasSize(2);
    assertThat(restored.files().get(0)).isEqualTo(new SplitFile(files.get(1), 300));

    List<String> rest = new ArrayList<>();
    boolean done = false;
    try (FileSplitReader reader = reader(restored)) {
      while (!done) {
        RecordsWithSplitIds<ReadRecord> batch = reader.fetch();
        for (String id = batch.nextSplit(); id != null; id = batch.nextSplit()) {
          for (ReadRecord r = batch.nextRecordFromSplit();
              r != null;
              r = batch.nextRecordFromSplit()) {
            rest.add(id(r));
          }
        }
        done = batch.finishedSplits().contains("g-0");
      }
    }
    List<String> all = new ArrayList<>(emitted);
    all.addAll(rest);
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 2_500; i++) {
      expected.add(String.valueOf(i));
    }
    assertThat(all).containsExactlyElementsOf(expected);
  }

  private static FileSplitReader reader(FileSplit split) {
    FileSplitReader reader = new FileSplitReader(DataFiles.local(), null);
    reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
    return reader;
  }

  /** The id of a test record: JSON text, or the Avro datum's first field (a zig-zag long). */
  private static String id(ReadRecord record) {
    byte[] value = record.raw().value();
    if (value[0] == '{') {
      String text = new String(value, StandardCharsets.UTF_8);
      return text.substring(text.indexOf(':') + 1, text.indexOf(','));
    }
    long raw = 0;
    int shift = 0;
    for (int i = 0; ; i++) {
      raw |= (long) (value[i] & 0x7f) << shift;
      if ((value[i] & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    return String.valueOf((raw >>> 1) ^ -(raw & 1));
  }
}
