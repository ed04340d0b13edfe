package io.driftway.platform.config;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces {@code ${NAME}} in a file's text by the environment variable {@code NAME}, so secrets
 * stay out of files. The one substitution every Driftway YAML reader uses (the bridge config, the
 * pipeline loader). {@code ${env:NAME}}, the bridge's first spelling, is still read but deprecated:
 * the first use in a file logs one warning naming the file and the replacement.
 *
 * <p>Make one per file read, and call {@link #resolve} for the whole text or for each value; one
 * instance is used by one thread.
 *
 * <pre>{@code
 * EnvironmentSubstitution env = EnvironmentSubstitution.of("orders.yaml", System::getenv);
 * String text = env.resolve("password: ${DB_PASSWORD}");
 * }</pre>
 */
public final class EnvironmentSubstitution {

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentSubstitution.class);

  // Group 1 is the deprecated "env:" prefix, group 2 the variable name.
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(env:)?([A-Za-z_][A-Za-z0-9_]*)}");

  private final String source;
  private final UnaryOperator<String> environment;
  private final Consumer<String> warnings;
  private boolean warned;

  private EnvironmentSubstitution(
      String source, UnaryOperator<String> environment, Consumer<String> warnings) {
    this.source = Objects.requireNonNull(source, "source");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.warnings = warnings;
  }

  /** Substitution for the file named {@code source}, reading variables from {@code environment}. */
  public static EnvironmentSubstitution of(String source, UnaryOperator<String> environment) {
    return new EnvironmentSubstitution(source, environment, LOG::warn);
  }

  /** As {@link #of}, with deprecation warnings sent to {@code warnings} (tests). */
  static EnvironmentSubstitution of(
      String source, UnaryOperator<String> environment, Consumer<String> warnings) {
    return new EnvironmentSubstitution(source, environment, warnings);
  }

  /**
   * {@code text} with every {@code ${NAME}} replaced by the variable's value.
   *
   * @throws UnsetVariableException when a named variable is not set
   */
  public String resolve(String text) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(2);
      if (matcher.group(1) != null) {
        warnOnce(name);
      }
      String value = environment.apply(name);
      if (value == null) {
        int line =
            1 + (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
        throw new UnsetVariableException(name, line);
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private void warnOnce(String name) {
    if (!warned) {
      warned = true;
      warnings.accept(
          source
              + " uses the deprecated ${env:NAME} form; write ${NAME} instead (${env:"
              + name
              + "} becomes ${"
              + name
              + "})");
    }
  }

  /**
   * A {@code ${NAME}} whose variable is not set. The message is the reason only ({@code environment
   * variable NAME is not set}); the reader adds its own prefix and the place in the file.
   */
  public static final class UnsetVariableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String variable;
    private final int line;

    UnsetVariableException(String variable, int line) {
      super("environment variable " + variable + " is not set");
      this.variable = variable;
      this.line = line;
    }

    /** The variable's name. */
    public String variable() {
      return variable;
    }

    /** The line (from 1) of the text passed to {@link #resolve} where the variable is named. */
    public int line() {
      return line;
    }
  }
}
