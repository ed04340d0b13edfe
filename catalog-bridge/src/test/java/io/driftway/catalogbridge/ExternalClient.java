package io.driftway.catalogbridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a client we did not write (the Debian {@code aws} CLI, {@code python3} with boto3) in a
 * clean environment: no profile, no instance metadata, credentials from the environment only.
 */
final class ExternalClient {

  static final Path AWS = Path.of("/usr/bin/aws");
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Duration LIMIT = Duration.ofMinutes(2);

  /** What the process printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {}

  private ExternalClient() {}

  static Result run(Path home, List<String> command, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", "/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_PAGER", "");
    env.put("AWS_DEFAULT_REGION", TestBridges.REGION);
    env.putAll(extraEnv);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "Cannot run client: no exit within " + LIMIT + ": " + command);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static Map<String, String> credentials(String accessKey, String secret) {
    return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secret);
  }
}
