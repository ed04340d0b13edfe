package io.driftway.streamjobs.spec;

import io.driftway.platform.config.ConfigOption;
import java.util.List;
import java.util.Optional;

/**
 * One key of a pipeline file: where it sits ({@code sources[].kafka.topics}; {@code []} marks an
 * item of a list), its typed declaration (type, default, one-line description), whether a section
 * that holds it must set it, and the values it allows. Declared once, in {@link PipelineKeys}.
 *
 * <pre>{@code
 * Duration interval = PipelineKeys.CHECKPOINT_INTERVAL.defaultValue().orElseThrow();
 * }</pre>
 *
 * @param allowed the values a key with a fixed set accepts, as written in the file; else empty
 */
public record PipelineKey<T>(
    String path, ConfigOption<T> option, boolean required, List<String> allowed) {

  public PipelineKey {
    allowed = List.copyOf(allowed);
    if (!path.replace("[]", "").equals(option.key())) {
      throw new IllegalArgumentException(
          "Cannot declare pipeline key: the path and the option differ: "
              + path
              + " "
              + option.key());
    }
  }

  /** The key as written in its section: the last part of the path. */
  public String name() {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** The path of the section that holds this key; empty for a top-level key. */
  public String section() {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** The value when the file does not set the key, if the key has one. */
  public Optional<T> defaultValue() {
    return option.defaultValue();
  }

  /** The default as written in a file; empty when the key has none. */
  public String defaultText() {
    return option.defaultValue().map(option::format).orElse("");
  }

  public String description() {
    return option.description();
  }
}
