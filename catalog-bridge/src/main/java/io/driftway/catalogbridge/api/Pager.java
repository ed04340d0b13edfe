package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.model.GlueException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * How every Glue listing pages: it reads the store in key order from where the NextToken points,
 * keeps the items the caller may see, and stops at MaxResults, at the end of the listing, or after
 * a bounded scan; the NextToken it hands out resumes after the last key it read.
 *
 * <p>A NextToken is opaque to clients: {@code <kind>:<key>} in base64url. A token from another
 * listing is refused rather than misread. Immutable; build one per call.
 *
 * <pre>{@code
 * Pager.Page<Database> page =
 *     Pager.byName("databases", store::listDatabases, Database::name)
 *         .keep(database -> caller.canRead(database.name()))
 *         .readingChunksOf(100)
 *         .page(request.nextToken(), limit);
 * }</pre>
 */
final class Pager<K, T> {

  /** Reads up to {@code count} items whose key comes after {@code after}, in listing order. */
  @FunctionalInterface
  interface Reader<K, T> {
    List<T> read(K after, int count);
  }

  /** One page, and the token of the next one (null at the end of the listing). */
  record Page<T>(List<T> items, String nextToken) {}

  /** Read {@code limit + 1} items, enough to know whether a next page exists. */
  private static final int ONE_MORE_THAN_LIMIT = 0;

  private final String kind;
  private final K start;
  private final Function<String, K> parseKey;
  private final Reader<K, T> reader;
  private final Function<T, K> key;
  private final Predicate<T> keep;
  private final int chunk;
  private final int maxScanned;

  private Pager(
      String kind,
      K start,
      Function<String, K> parseKey,
      Reader<K, T> reader,
      Function<T, K> key,
      Predicate<T> keep,
      int chunk,
      int maxScanned) {
    this.kind = kind;
    this.start = start;
    this.parseKey = parseKey;
    this.reader = reader;
    this.key = key;
    this.keep = keep;
    this.chunk = chunk;
    this.maxScanned = maxScanned;
  }

  /** A listing keyed by name; the reader gets null for the start. */
  static <T> Pager<String, T> byName(
      String kind, Reader<String, T> reader, Function<T, String> name) {
    return new Pager<>(
        kind, null, Function.identity(), reader, name, item -> true, ONE_MORE_THAN_LIMIT, 0);
  }

  /**
   * A listing keyed by a number (a store sequence or a version), starting at {@code start} when
   * there is no token.
   */
  static <T> Pager<Long, T> byNumber(
      String kind, long start, Reader<Long, T> reader, ToLongFunction<T> number) {
    return new Pager<>(
        kind,
        start,
        Long::valueOf,
        reader,
        number::applyAsLong,
        item -> true,
        ONE_MORE_THAN_LIMIT,
        0);
  }

  /**
   * Keeps only the items {@code filter} accepts; the others are read and skipped, so a page can
   * take several reads.
   */
  Pager<K, T> keep(Predicate<T> filter) {
    return new Pager<>(kind, start, parseKey, reader, key, filter, chunk, maxScanned);
  }

  /** Reads the store {@code size} items at a time (without it: MaxResults + 1). */
  Pager<K, T> readingChunksOf(int size) {
    return new Pager<>(kind, start, parseKey, reader, key, keep, size, maxScanned);
  }

  /**
   * Stops reading after about {@code count} items (checked between reads), so a selective filter
   * bounds the work of one call and hands out a token to go on.
   */
  Pager<K, T> scanningAtMost(int count) {
    return new Pager<>(kind, start, parseKey, reader, key, keep, chunk, count);
  }

  /** The page of at most {@code limit} (at least 1) items after {@code token}. */
  Page<T> page(String token, int limit) {
    String resume = decode(kind, token);
    K lastSeen;
    try {
      lastSeen = resume == null ? start : parseKey.apply(resume);
    } catch (NumberFormatException e) {
      throw invalid(kind, token);
    }
    int size = chunk == ONE_MORE_THAN_LIMIT ? limit + 1 : chunk;
    int budget = maxScanned == 0 ? Integer.MAX_VALUE : maxScanned;
    List<T> page = new ArrayList<>();
    int scanned = 0;
    boolean exhausted = false;
    while (page.size() < limit && !exhausted && scanned < budget) {
      List<T> read = reader.read(lastSeen, size);
      exhausted = read.size() < size;
      for (int i = 0; i < read.size(); i++) {
        T item = read.get(i);
        lastSeen = key.apply(item);
        scanned++;
        if (keep.test(item)) {
          page.add(item);
          if (page.size() == limit) {
            exhausted = exhausted && i == read.size() - 1;
            break;
          }
        }
      }
    }
    return new Page<>(page, exhausted ? null : encode(kind, String.valueOf(lastSeen)));
  }

  private static String encode(String kind, String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** The resume key inside {@code token}, or null for no token. */
  private static String decode(String kind, String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(kind, token);
    }
    if (!text.startsWith(kind + ":")) {
      throw invalid(kind, token);
    }
    return text.substring(kind.length() + 1);
  }

  private static GlueException invalid(String kind, String token) {
    return GlueException.invalidInput(
        "Cannot list " + kind + ": NextToken is not one this listing issued: " + token);
  }
}
