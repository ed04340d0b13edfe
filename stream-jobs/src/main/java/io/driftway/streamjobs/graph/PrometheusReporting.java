package io.driftway.streamjobs.graph;

import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Turns on Flink's Prometheus reporter for an embedded run ({@code driftway run}, {@code driftway
 * demo}): every Flink metric and Driftway's own (see {@code PipelineMetrics}) at {@code
 * http://<host>:<port>/metrics}. On a cluster the same two lines go into the Flink configuration
 * instead (see the README).
 *
 * <pre>{@code
 * PrometheusReporting.Port port = PrometheusReporting.Port.parse("9249"); // or "off", "0"
 * port.applyTo(flinkConfig);
 * }</pre>
 */
public final class PrometheusReporting {

  /** The port of an embedded run unless told otherwise: Flink's own default for the reporter. */
  public static final int DEFAULT_PORT = 9249;

  /** The reporter's name in Flink keys: {@code metrics.reporter.prom.*}. */
  static final String REPORTER = "prom";

  static final String FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

  private PrometheusReporting() {}

  private static ConfigOption<String> key(String name) {
    return ConfigOptions.key("metrics.reporter." + REPORTER + "." + name)
        .stringType()
        .noDefaultValue();
  }

  /**
   * Where the reporter listens: a port, or off.
   *
   * @param port 1-65535, or 0 for off
   */
  public record Port(int port) {

    public Port {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(
            "Cannot serve metrics: the port must be 1-65535, or 0 or off for none: " + port);
      }
    }

    /**
     * Reads {@code 9249}, {@code 0} or {@code off}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Port parse(String text) {
      String value = text.trim().toLowerCase(Locale.ROOT);
      if (value.equals("off")) {
        return new Port(0);
      }
      try {
        return new Port(Integer.parseInt(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Cannot serve metrics: expected a port (1-65535), or 0 or off for none: " + text, e);
      }
    }

    public boolean enabled() {
      return port > 0;
    }

    /** Adds the reporter to {@code config} when enabled; leaves it as it is otherwise. */
    public void applyTo(Configuration config) {
      if (enabled()) {
        config.set(key("factory.class"), FACTORY);
        config.set(key("port"), Integer.toString(port));
      }
    }

    /** Where Prometheus scrapes, for the start-up line. */
    public String url() {
      return "http://127.0.0.1:" + port + "/metrics";
    }
  }
}
