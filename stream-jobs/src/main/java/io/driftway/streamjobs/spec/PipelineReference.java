package io.driftway.streamjobs.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the reference page of every pipeline key, {@code docs/pipeline-reference.md}, from {@link
 * PipelineKeys}, so the page cannot drift from the code. A unit test fails when the committed page
 * is stale and prints {@link #COMMAND}.
 *
 * <pre>{@code
 * String markdown = PipelineReference.render();
 * }</pre>
 */
public final class PipelineReference {

  /** Regenerates the page from a checkout's root. */
  public static final String COMMAND =
      "./mvnw -q -B -DskipTests -pl stream-jobs -am package && java -cp \"$(ls"
          + " stream-jobs/target/stream-jobs-*.jar | grep -v -e sources -e tests | head -n"
          + " 1):$(cat stream-jobs/target/classpath.txt)\""
          + " io.driftway.streamjobs.spec.PipelineReference docs/pipeline-reference.md";

  // Everything from the first '.' or '[' on: what is left is the top-level section's name.
  private static final Pattern SECTION_END = Pattern.compile("[.\\[].*");

  private PipelineReference() {}

  /** Writes the page to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException(
          "Cannot write pipeline reference: expected one argument, the output file: "
              + List.of(args));
    }
    Files.writeString(Path.of(args[0]), render(), StandardCharsets.UTF_8);
  }

  /** The page, as Markdown. */
  public static String render() {
    StringBuilder out = new StringBuilder();
    out.append("# Pipeline file reference\n\n")
        .append("<!-- Generated from PipelineKeys; do not edit. Regenerate with:\n")
        .append(COMMAND)
        .append("\n-->\n\n")
        .append(
            "Every key of a pipeline YAML file (see `stream-jobs/examples/` for whole files)."
                + " `[]` marks an item of a list; `required` keys must be set when their section is"
                + " there. Values may use `${NAME}` for an environment variable. Check a file with"
                + " `./driftway validate <pipeline.yaml>`.\n");
    for (Map.Entry<String, List<PipelineKey<?>>> section : bySection().entrySet()) {
      out.append("\n## ").append(section.getKey()).append("\n\n");
      out.append("| key | type | default | allowed | description |\n");
      out.append("| --- | --- | --- | --- | --- |\n");
      for (PipelineKey<?> key : section.getValue()) {
        out.append("| `")
            .append(key.path())
            .append("` | ")
            .append(key.allowed().isEmpty() ? key.option().typeName() : "enum")
            .append(" | ")
            .append(defaultCell(key))
            .append(" | ")
            .append(
                key.allowed().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", ")))
            .append(" | ")
            .append(escape(key.description()))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  private static Map<String, List<PipelineKey<?>>> bySection() {
    Map<String, List<PipelineKey<?>>> sections = new LinkedHashMap<>();
    for (PipelineKey<?> key : PipelineKeys.ALL) {
      String top = SECTION_END.matcher(key.path()).replaceFirst("");
      String title = key.path().equals(top) ? "top level" : top;
      sections.computeIfAbsent(title, t -> new java.util.ArrayList<>()).add(key);
    }
    return sections;
  }

  private static String defaultCell(PipelineKey<?> key) {
    if (key.required()) {
      return "required";
    }
    if (key.defaultValue().isEmpty()) {
      return "";
    }
    String text = key.defaultText();
    return text.isEmpty() ? "`\"\"`" : "`" + escape(text) + "`";
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
