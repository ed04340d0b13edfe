package io.driftway.streamjobs.crawl;

import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.schemaevolution.infer.CsvOptions;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** TEMPORARY local-only file access until the connectors' file source lands. */
final class DataFilesCrawlFiles implements CrawlFiles {

  DataFilesCrawlFiles(S3Settings s3) {}

  @Override
  public List<String> folders(String folder) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> children = Files.list(Path.of(folder))) {
      children.filter(Files::isDirectory).forEach(p -> out.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public List<Entry> files(String folder) {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> children = Files.list(Path.of(folder))) {
      for (Path p : (Iterable<Path>) children::iterator) {
        if (Files.isRegularFile(p)) {
          out.add(new Entry(p.toString(), p.getFileName().toString(), Files.size(p)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public List<DynamicRecord> read(Entry file, CrawlFormat format, int maxRecords) {
    String text;
    try {
      text = Files.readString(Path.of(file.location()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InferenceOptions options = InferenceOptions.defaults();
    if (format == CrawlFormat.CSV) {
      return Inferrers.csv(CsvOptions.defaults(), options).inferFile(text, file.location());
    }
    List<DynamicRecord> out = new ArrayList<>();
    long line = 0;
    for (String row : text.lines().toList()) {
      line++;
      if (!row.isBlank()) {
        out.add(
            Inferrers.json(options)
                .infer(
                    row.getBytes(StandardCharsets.UTF_8),
                    SourceCoordinates.file(file.location(), line)));
      }
    }
    return out;
  }

  @Override
  public void close() {}
}
