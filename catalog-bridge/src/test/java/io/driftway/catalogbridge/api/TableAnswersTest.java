package io.driftway.catalogbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableAnswersTest {

  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void writesATableValueOnceAndAnotherValueOfTheSameTableAgain() {
    TableAnswers answers = new TableAnswers();
    Table first = table("orders", "first", "0");
    PreparedAnswer answer = answers.getTable(first);
    assertThat(answers.getTable(first)).isSameAs(answer);

    Table second = table("orders", "second", "1");
    assertThat(text(answers.getTable(second))).contains("\"Description\":\"second\"");
    assertThat(text(answers.getTable(first))).contains("\"Description\":\"first\"");
  }

  @Test
  void answersRightPastItsBudget() {
    TableAnswers answers = new TableAnswers();
    String wide = "x".repeat(1 << 20);
    int tables = (int) (TableAnswers.MAX_BYTES / wide.length()) * 2;
    Table[] values = new Table[tables];
    for (int i = 0; i < tables; i++) {
      values[i] = table("t" + i, i + wide, "0");
      assertThat(text(answers.getTable(values[i]))).contains("\"Name\":\"t" + i + "\"");
    }
    for (int i = 0; i < tables; i++) {
      assertThat(text(answers.getTable(values[i]))).contains("\"Description\":\"" + i + "xxx");
    }
  }

  private static String text(PreparedAnswer answer) {
    return new String(answer.copy(), StandardCharsets.UTF_8);
  }

  private static Table table(String name, String description, String version) {
    TableInput input =
        GlueJson.read(
            ("{\"Name\":\"" + name + "\",\"Description\":\"" + description + "\"}")
                .getBytes(StandardCharsets.UTF_8),
            TableInput.class);
    return Table.from(input, name, "sales", NOW, NOW, "tester", "000000000000", version);
  }
}
