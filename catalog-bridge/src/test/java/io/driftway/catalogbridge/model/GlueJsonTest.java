package io.driftway.catalogbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GlueJsonTest {

  @Test
  void writesTimestampsAsEpochSecondsAndLeavesOutAbsentMembers() {
    Partition partition =
        new Partition(
            java.util.List.of("2024"),
            "sales",
            "orders",
            Instant.parse("2024-03-09T10:15:30.250Z"),
            Instant.parse("2024-03-09T10:15:30Z"),
            null,
            null,
            null,
            "000000000000");
    assertThat(GlueJson.writeString(partition))
        .isEqualTo(
            "{\"Values\":[\"2024\"],\"DatabaseName\":\"sales\",\"TableName\":\"orders\","
                + "\"CreationTime\":1709979330.25,\"LastAccessTime\":1709979330,"
                + "\"CatalogId\":\"000000000000\"}");
  }

  @Test
  void readsEpochSecondsIntegerFractionOrIso() {
    for (String time :
        new String[] {"1709979330.25", "\"1709979330.25\"", "\"2024-03-09T10:15:30.250Z\""}) {
      PartitionInput input =
          GlueJson.read(
              ("{\"Values\":[],\"LastAccessTime\":" + time + "}").getBytes(StandardCharsets.UTF_8),
              PartitionInput.class);
      assertThat(input.lastAccessTime()).isEqualTo(Instant.parse("2024-03-09T10:15:30.250Z"));
    }
  }

  @Test
  void ignoresMembersItDoesNotModelAndRefusesWrongTypes() {
    TableInput input =
        GlueJson.read(
            "{\"Name\":\"t\",\"SomeFutureMember\":{\"X\":1}}".getBytes(StandardCharsets.UTF_8),
            TableInput.class);
    assertThat(input.name()).isEqualTo("t");
    assertThatThrownBy(
            () ->
                GlueJson.read(
                    "{\"Name\":[\"t\"]}".getBytes(StandardCharsets.UTF_8), TableInput.class))
        .isInstanceOfSatisfying(
            GlueException.class, e -> assertThat(e.type()).isEqualTo(GlueErrorType.SERIALIZATION))
        .hasMessageStartingWith("Cannot read request: not a valid TableInput: ");
  }

  @Test
  void readsAFlatRequestOfStringsAsDataBindingWould() {
    java.util.List<String> names = java.util.List.of("CatalogId", "DatabaseName", "Name");
    for (String body :
        new String[] {
          "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}",
          "{\"Name\":\"orders\",\"CatalogId\":null,\"DatabaseName\":\"s\\u00e9\\\"q\"}",
          " { } ",
          "{\"DatabaseName\":\"\"} trailing"
        }) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String[] values = GlueJson.readFlatStrings(bytes, names);
      FlatRequest bound = GlueJson.read(bytes, FlatRequest.class);
      assertThat(values)
          .as(body)
          .containsExactly(bound.catalogId(), bound.databaseName(), bound.name());
    }
  }

  @Test
  void leavesAnythingButAFlatRequestOfStringsToDataBinding() {
    java.util.List<String> names = java.util.List.of("DatabaseName", "Name");
    for (String body :
        new String[] {
          "{\"DatabaseName\":\"sales\",\"Other\":\"x\"}",
          "{\"DatabaseName\":5}",
          "{\"DatabaseName\":{\"a\":\"b\"}}",
          "{\"Name\":\"a\",\"Name\":\"b\"}",
          "[\"DatabaseName\"]",
          "{\"DatabaseName\":\"sales\"",
          "not json",
          ""
        }) {
      assertThat(GlueJson.readFlatStrings(body.getBytes(StandardCharsets.UTF_8), names))
          .as(body)
          .isNull();
    }
  }

  /** A request shape of three strings, bound by Jackson for comparison. */
  record FlatRequest(String catalogId, String databaseName, String name) {}
}
