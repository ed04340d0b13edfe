package io.driftway.connectors.format;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.CsvOptions;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.infer.RecordInferrer;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;

/** The decoders for each format; inferrers are built once per set of inference options. */
final class Decoders {

  private Decoders() {}

  static RecordDecoder create(FormatSettings settings) {
    return switch (settings.kind()) {
      case JSON -> new Cached<>(Inferrers::json, RawRecord::value);
      case CSV -> {
        CsvOptions csv = csvOptions(settings);
        yield new Cached<>(
            options -> Inferrers.csv(csv, options).withHeader(settings.csvHeader()),
            raw -> text("CSV", raw));
      }
      case AVRO -> {
        Schema writer = new Schema.Parser().parse(settings.avroSchema());
        yield new Cached<>(options -> Inferrers.avroBinary(writer, options), RawRecord::value);
      }
      case AVRO_CONFLUENT -> ConfluentAvroRecordDecoder.of(settings);
      case FILES -> new FileRecordDecoder(csvOptions(settings));
    };
  }

  /**
   * The record's bytes as UTF-8 text. Invalid bytes are refused rather than replaced by U+FFFD,
   * which would write a value the producer never sent.
   */
  static String text(String format, RawRecord raw) {
    ByteBuffer bytes = ByteBuffer.wrap(raw.value());
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      // The decoder stops at the first byte it cannot read.
      throw RecordRejectedException.malformed(
          format, "invalid UTF-8 at byte " + bytes.position(), raw.coordinates(), e);
    }
  }

  private static CsvOptions csvOptions(FormatSettings settings) {
    return CsvOptions.defaults()
        .withDelimiter(settings.csvDelimiter())
        .withQuote(settings.csvQuote())
        .withNullTokens(settings.csvNullTokens());
  }

  /**
   * A decoder over one inferrer per distinct {@link InferenceOptions}: a pipeline has a handful of
   * tables, so a handful of inferrers, each built once.
   */
  static final class Cached<I> implements RecordDecoder {
    private final Function<InferenceOptions, RecordInferrer<I>> factory;
    private final Function<RawRecord, I> input;
    private final Map<InferenceOptions, RecordInferrer<I>> inferrers = new HashMap<>();

    Cached(Function<InferenceOptions, RecordInferrer<I>> factory, Function<RawRecord, I> input) {
      this.factory = factory;
      this.input = input;
    }

    @Override
    public DynamicRecord decode(RawRecord raw, InferenceOptions options) {
      if (raw.value() == null) {
        throw RecordRejectedException.malformed(
            "any", "it has no value (a tombstone)", raw.coordinates(), null);
      }
      return inferrers.computeIfAbsent(options, factory).infer(input.apply(raw), raw.coordinates());
    }
  }
}
