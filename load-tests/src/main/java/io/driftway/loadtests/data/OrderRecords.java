package io.driftway.loadtests.data;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates order events as JSON: about 1 KB, about 20 top-level fields, with nested objects
 * (customer, address, device) and arrays (items, tags). Deterministic for a seed, so two runs
 * measure the same bytes.
 *
 * <pre>{@code
 * List<byte[]> records = OrderRecords.generate(42L, 256);
 * }</pre>
 */
public final class OrderRecords {

  private static final String[] CITIES = {"Lyon", "Porto", "Graz", "Turku", "Cork", "Ghent"};
  private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "RETURNED"};
  private static final String[] CHANNELS = {"web", "ios", "android", "store", "partner"};
  private static final String[] TAGS = {"gift", "express", "fragile", "promo", "bulk", "eco"};

  private OrderRecords() {}

  /** {@code count} records from {@code seed}. */
  public static List<byte[]> generate(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(order(random, i).getBytes(StandardCharsets.UTF_8));
    }
    return records;
  }

  private static String order(SplittableRandom random, int n) {
    StringBuilder out = new StringBuilder(1100);
    long id = 1_000_000L + n;
    out.append("{\"order_id\":").append(id);
    out.append(",\"order_uuid\":\"")
        .append(new UUID(random.nextLong(), random.nextLong()))
        .append('"');
    out.append(",\"created_at\":\"")
        .append(Instant.ofEpochSecond(1_767_225_600L + random.nextInt(31_536_000)))
        .append('"');
    out.append(",\"status\":\"").append(pick(random, STATUSES)).append('"');
    out.append(",\"channel\":\"").append(pick(random, CHANNELS)).append('"');
    out.append(",\"currency\":\"EUR\"");
    out.append(",\"customer\":{\"id\":").append(random.nextInt(1_000_000));
    out.append(",\"name\":\"Customer ").append(random.nextInt(100_000)).append('"');
    out.append(",\"email\":\"c").append(random.nextInt(100_000)).append("@example.org\"");
    out.append(",\"vip\":").append(random.nextInt(10) == 0);
    out.append(",\"address\":{\"street\":\"").append(random.nextInt(300)).append(" Long Street\"");
    out.append(",\"city\":\"").append(pick(random, CITIES)).append('"');
    out.append(",\"zip\":\"").append(10_000 + random.nextInt(89_999)).append('"');
    out.append(",\"country\":\"FR\"}}");
    out.append(",\"items\":[");
    int items = 3;
    double total = 0;
    for (int i = 0; i < items; i++) {
      double price = Math.round(random.nextDouble(1, 200) * 100) / 100.0;
      int qty = 1 + random.nextInt(4);
      total += price * qty;
      out.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"SKU-")
          .append(String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000)))
          .append("\",\"qty\":")
          .append(qty)
          .append(",\"price\":")
          .append(price)
          .append(",\"discounted\":")
          .append(random.nextBoolean())
          .append('}');
    }
    out.append(']');
    out.append(",\"total\":").append(Math.round(total * 100) / 100.0);
    out.append(",\"tax_rate\":0.2");
    out.append(",\"tags\":[\"")
        .append(pick(random, TAGS))
        .append("\",\"")
        .append(pick(random, TAGS))
        .append("\"]");
    out.append(",\"is_gift\":").append(random.nextBoolean());
    out.append(",\"coupon\":null");
    out.append(",\"device\":{\"os\":\"linux\",\"version\":\"")
        .append(1 + random.nextInt(9))
        .append('.')
        .append(random.nextInt(20))
        .append("\",\"screen_width\":")
        .append(1024 + random.nextInt(1024))
        .append('}');
    out.append(",\"session_id\":\"").append(Long.toHexString(random.nextLong())).append('"');
    out.append(",\"referrer\":\"https://search.example.com/?q=order+").append(n).append('"');
    out.append(",\"score\":").append(Math.round(random.nextDouble() * 1000) / 1000.0);
    out.append(",\"attempt\":").append(1 + random.nextInt(3));
    out.append(",\"notes\":\"");
    while (out.length() < 990) {
      out.append("please leave at the door ");
    }
    out.append("\"}");
    return out.toString();
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
