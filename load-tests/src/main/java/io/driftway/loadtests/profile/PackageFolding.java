package io.driftway.loadtests.profile;

import java.util.List;

/**
 * Folds a class's package to the depth at which a profile reads well: {@code
 * org.apache.parquet.column.values.dictionary} to {@code org.apache.parquet.column}, {@code
 * com.fasterxml.jackson.core.json} to {@code com.fasterxml.jackson}, {@code java.util.concurrent}
 * to {@code java.util}.
 *
 * <p>The default depth is 2 segments for the JDK ({@code java}, {@code javax}, {@code jdk}, {@code
 * sun}, {@code com.sun}), 4 under {@code org.apache} (project and module: {@code
 * org.apache.iceberg.parquet}, {@code org.apache.flink.runtime}, {@code org.apache.kafka.clients})
 * and 3 elsewhere ({@code io.driftway.connectors}, {@code com.fasterxml.jackson}); a package shaded
 * within that depth keeps one segment more ({@code org.apache.flink.shaded.jackson2}). A fixed
 * depth overrides all.
 *
 * <pre>{@code
 * PackageFolding.defaults().fold("org.apache.iceberg.parquet.ParquetValueWriters$StringWriter")
 * // "org.apache.iceberg.parquet"
 * }</pre>
 */
public final class PackageFolding {

  private final int fixedDepth;

  private PackageFolding(int fixedDepth) {
    this.fixedDepth = fixedDepth;
  }

  /** The depths described above. */
  public static PackageFolding defaults() {
    return new PackageFolding(0);
  }

  /** Every package cut to {@code depth} segments. */
  public static PackageFolding fixed(int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("Cannot fold packages: depth must be positive: " + depth);
    }
    return new PackageFolding(depth);
  }

  /** The folded package of a class name ({@code a.b.C$Inner}); "(default package)" for none. */
  public String fold(String className) {
    int lastDot = className.lastIndexOf('.');
    if (lastDot < 0) {
      return "(default package)";
    }
    String pkg = className.substring(0, lastDot);
    int depth = fixedDepth > 0 ? fixedDepth : depthOf(pkg);
    int end = -1;
    for (int i = 0; i < depth; i++) {
      end = pkg.indexOf('.', end + 1);
      if (end < 0) {
        return pkg;
      }
    }
    return pkg.substring(0, end);
  }

  private static int depthOf(String pkg) {
    int depth;
    if (startsWith(pkg, "java")
        || startsWith(pkg, "javax")
        || startsWith(pkg, "jdk")
        || startsWith(pkg, "sun")) {
      depth = 2;
    } else if (startsWith(pkg, "com.sun")) {
      depth = 3;
    } else if (startsWith(pkg, "org.apache")) {
      depth = 4;
    } else {
      depth = 3;
    }
    // A library shaded inside another keeps the segment after "shaded" when that falls within the
    // depth (org.apache.flink.shaded.jackson2), not when it lies deeper (a library's own
    // internals).
    List<String> segments = List.of(pkg.split("\\."));
    int shaded = segments.indexOf("shaded");
    return shaded >= 0 && shaded < depth ? depth + 1 : depth;
  }

  private static boolean startsWith(String pkg, String prefix) {
    return pkg.equals(prefix) || pkg.startsWith(prefix + ".");
  }
}
