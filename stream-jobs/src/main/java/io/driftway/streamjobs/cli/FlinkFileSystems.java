package io.driftway.streamjobs.cli;

import io.driftway.platform.aws.AwsSettings;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.UnsupportedFileSystemSchemeException;
import org.apache.flink.core.plugin.PluginUtils;

/**
 * Flink's file systems for the embedded MiniCluster of {@code driftway run}, so Flink itself writes
 * checkpoints and savepoints to the pipeline's checkpoint storage, also on S3.
 *
 * <p>Flink reaches S3 through its {@code flink-s3-fs-hadoop} file system, loaded as a Flink plugin
 * from {@code $FLINK_PLUGINS_DIR/<folder>/} (the launchers point it at their {@code plugins}
 * folder): the plugin bundles Hadoop 3.3.4 and the AWS SDK v1, which must stay in a class loader of
 * their own beside Iceberg's Hadoop client. Its settings are Flink's {@code s3.*} keys, taken from
 * the pipeline's warehouse S3 settings (endpoint, region, path-style addressing, credentials).
 *
 * <pre>{@code
 * FlinkFileSystems.configureS3(config, RunCommand.s3Settings(pipeline.warehouse()));
 * FlinkFileSystems.initialize(config, "s3://lake/checkpoints/orders");
 * }</pre>
 */
final class FlinkFileSystems {

  /** The plugin jar a storage on S3 needs, at Flink's version. */
  static final String S3_PLUGIN = "flink-s3-fs-hadoop-2.1.1.jar";

  private static final Set<String> S3_SCHEMES = Set.of("s3", "s3a");

  // Flink's S3 file systems read these keys and hand them to Hadoop's S3A as fs.s3a.*; flink-core
  // declares none of them, so they are declared here, once.
  private static final ConfigOption<String> ENDPOINT =
      ConfigOptions.key("s3.endpoint").stringType().noDefaultValue();
  private static final ConfigOption<String> REGION =
      ConfigOptions.key("s3.endpoint.region").stringType().noDefaultValue();
  private static final ConfigOption<Boolean> PATH_STYLE =
      ConfigOptions.key("s3.path.style.access").booleanType().defaultValue(false);
  private static final ConfigOption<String> ACCESS_KEY =
      ConfigOptions.key("s3.access-key").stringType().noDefaultValue();
  private static final ConfigOption<String> SECRET_KEY =
      ConfigOptions.key("s3.secret-key").stringType().noDefaultValue();

  private FlinkFileSystems() {}

  /** Whether {@code storage} is an {@code s3://} (or {@code s3a://}) location. */
  static boolean onS3(String storage) {
    String scheme = URI.create(storage).getScheme();
    return scheme != null && S3_SCHEMES.contains(scheme);
  }

  /**
   * Sets Flink's {@code s3.*} keys from {@code s3}; without static credentials S3A's default chain
   * (environment, profile, instance role) signs.
   */
  static void configureS3(Configuration config, AwsSettings s3) {
    s3.endpoint().ifPresent(endpoint -> config.set(ENDPOINT, endpoint.toString()));
    config.set(REGION, s3.region());
    config.set(PATH_STYLE, s3.pathStyleAccess());
    if (s3.accessKeyId().isPresent() && s3.secretAccessKey().isPresent()) {
      config.set(ACCESS_KEY, s3.accessKeyId().get());
      config.set(SECRET_KEY, s3.secretAccessKey().get());
    }
  }

  /**
   * Initializes Flink's file systems with {@code config} and the plugins in Flink's plugin folder,
   * then checks that one serves {@code storage}, so a missing plugin fails before the job starts
   * instead of failing every checkpoint.
   *
   * @throws IOException {@code Cannot run pipeline: no Flink file system for the checkpoint storage
   *     ...} when no file system serves the storage's scheme
   */
  static void initialize(Configuration config, String storage) throws IOException {
    FileSystem.initialize(config, PluginUtils.createPluginManagerFromRootFolder(config));
    try {
      new Path(storage).getFileSystem();
    } catch (UnsupportedFileSystemSchemeException e) {
      throw new IOException(
          "Cannot run pipeline: no Flink file system for the checkpoint storage (for S3, put "
              + S3_PLUGIN
              + " into a folder of its own under $FLINK_PLUGINS_DIR): "
              + storage,
          e);
    }
  }
}
