package io.driftway.catalogbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JobsPageTest {

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void aRunningRunWithAKnownShareGetsABarAndItsStateDetail() throws Exception {
    JsonNode run =
        json(
            "{\"JobRunState\": \"RUNNING\", \"StateDetail\": \"12 of 40 files, 35,000 records"
                + " read (30%)\", \"Progress\": {\"Files\": 12, \"TotalFiles\": 40,"
                + " \"Records\": 35000, \"Percent\": 30.4}}");

    assertThat(JobsPage.progress(run).toString())
        .isEqualTo(
            "<svg class=\"progress\" viewBox=\"0 0 100 8\" width=\"120\" height=\"10\""
                + " preserveAspectRatio=\"none\" role=\"img\" aria-label=\"30% done\">"
                + "<rect class=\"track\" width=\"100\" height=\"8\"></rect>"
                + "<rect class=\"done\" width=\"30.4\" height=\"8\"></rect></svg>"
                + " <span class=\"progress-text\">12 of 40 files, 35,000 records read"
                + " (30%)</span>");
  }

  @Test
  void withoutAKnownShareOnlyTheWordsShowAndAnEndedRunShowsNothing() throws Exception {
    assertThat(
            JobsPage.progress(
                    json(
                        "{\"StateDetail\": \"1,200 records read\","
                            + " \"Progress\": {\"Records\": 1200}}"))
                .toString())
        .isEqualTo("<span class=\"progress-text\">1,200 records read</span>");
    assertThat(
            JobsPage.progress(
                    json(
                        "{\"JobRunState\": \"SUCCEEDED\", \"Progress\": {\"Records\": 40,"
                            + " \"TotalRecords\": 40, \"Percent\": 100.0}}"))
                .toString())
        .isEmpty();
  }
}
