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
}
