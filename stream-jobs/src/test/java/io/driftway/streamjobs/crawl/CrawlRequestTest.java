package io.driftway.streamjobs.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

class CrawlRequestTest {

  @Test
  void normalizesLocationsAndDefaultsToGluesPolicy() {
    CrawlRequest request =
        CrawlRequest.builder().location("s3a://lake/events").database("raw").table("e").build();
    assertThat(request.location()).isEqualTo("s3://lake/events/");
    assertThat(request.updateBehavior()).isEqualTo(UpdateBehavior.UPDATE_IN_DATABASE);
    assertThat(request.deleteBehavior()).isEqualTo(DeleteBehavior.DEPRECATE_IN_DATABASE);
    assertThat(request.sampleFiles()).isEqualTo(CrawlRequest.DEFAULT_SAMPLE_FILES);
    assertThat(
            CrawlRequest.builder()
                .location("/tmp/x/../lake")
                .database("raw")
                .table("e")
                .build()
                .location())
        .isEqualTo("/tmp/lake/");
  }

  @Test
  void refusesMissingPartsWithTheValue() {
    assertThatThrownBy(() -> CrawlRequest.builder().location("s3://b/p").table("t").build())
        .hasMessage("Cannot crawl: a database is needed: null");
    assertThatThrownBy(
            () ->
                CrawlRequest.builder()
                    .location("s3://b/p")
                    .database("d")
                    .table("t")
                    .sampleFiles(0)
                    .build())
        .hasMessage("Cannot crawl: the number of sample files must be positive: 0");
    assertThatThrownBy(
            () -> CrawlRequest.builder().location("s3:///p").database("d").table("t").build())
        .hasMessage("Cannot crawl: the location has no bucket: s3:///p");
  }

  @Test
  void readsHiveFolderNames() {
    assertThat(FolderWalk.keyValue("year=2024", 0)).containsExactly("year", "2024");
    assertThat(FolderWalk.keyValue("city=S%C3%A3o", 1)).containsExactly("city", "São");
    assertThat(FolderWalk.keyValue("city=a%2Fb", 1)).containsExactly("city", "a/b");
    assertThat(FolderWalk.keyValue("2024", 2)).containsExactly("partition_2", "2024");
  }
}
