package io.driftway.streamjobs.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's sample events, in phases that drift the way producers do: a new field, a nested object
 * that grows, a field that turns from number to text, and a few broken records.
 */
final class DemoEvents {

  /** One phase: what changes in it, and its records. */
  record Phase(String description, List<byte[]> records, int malformed) {}

  private DemoEvents() {}

  static List<Phase> phases(int perPhase, long seed) {
    Random random = new Random(seed);
    Instant start = Instant.parse("2026-11-20T08:00:00Z");
    List<Phase> phases = new ArrayList<>();
    int id = 0;
    phases.add(
        new Phase(
            "the first events: id, user, type, time, amount, device{os}",
            batch(perPhase, id, random, start, 0),
            0));
    id += perPhase;
    phases.add(
        new Phase("a new field appears: campaign", batch(perPhase, id, random, start, 1), 0));
    id += perPhase;
    phases.add(
        new Phase(
            "device grows a nested field: device.version",
            batch(perPhase, id, random, start, 2),
            0));
    id += perPhase;
    List<byte[]> conflict = batch(perPhase, id, random, start, 3);
    conflict.add(
        bytes("{\"event_id\": 99999, \"user_id\": 1, \"event_type\": \"click\", \"ts\": "));
    conflict.add(bytes("this is not JSON"));
    conflict.add(bytes("{\"event_id\": [1, 2}"));
    phases.add(
        new Phase("amount turns into text (\"12.50 EUR\"), and 3 broken records", conflict, 3));
    return phases;
  }

  private static List<byte[]> batch(
      int count, int firstId, Random random, Instant start, int phase) {
    String[] types = {"click", "view", "purchase"};
    String[] systems = {"ios", "android", "web"};
    List<byte[]> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int id = firstId + i;
      StringBuilder json = new StringBuilder(200);
      json.append("{\"event_id\": ").append(id);
      json.append(", \"user_id\": ").append(1_000 + random.nextInt(500));
      json.append(", \"event_type\": \"").append(types[random.nextInt(types.length)]).append('"');
      json.append(", \"ts\": \"").append(start.plusSeconds(id * 37L)).append('"');
      double amount = Math.round(random.nextDouble() * 10_000) / 100.0;
      if (phase >= 3) {
        json.append(", \"amount\": \"").append(amount).append(" EUR\"");
      } else {
        json.append(", \"amount\": ").append(amount);
      }
      json.append(", \"device\": {\"os\": \"")
          .append(systems[random.nextInt(systems.length)])
          .append('"');
      if (phase >= 2) {
        json.append(", \"version\": \"")
            .append(15 + random.nextInt(3))
            .append('.')
            .append(random.nextInt(5))
            .append('"');
      }
      json.append('}');
      if (phase >= 1) {
        json.append(", \"campaign\": \"black-friday\"");
      }
      json.append('}');
      records.add(bytes(json.toString()));
    }
    return records;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
