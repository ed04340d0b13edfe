package io.driftway.catalogbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void textEscapesEveryCharacterThatOpensMarkupOrLeavesAnAttribute() {
    assertThat(Html.text("<a href='x' title=\"y\">&</a>").toString())
        .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
    assertThat(Html.text(null).toString()).isEmpty();
  }

  @Test
  void formatEscapesArgumentsButKeepsHtmlArguments() {
    Html cell = Html.format("<td>{}</td>", "<b>");
    assertThat(Html.format("<tr>{}{}</tr>", cell, 42).toString())
        .isEqualTo("<tr><td>&lt;b&gt;</td>42</tr>");
  }

  @Test
  void formatRefusesPlaceholdersAndArgumentsThatDoNotPair() {
    assertThatThrownBy(() -> Html.format("<td>{}</td>"))
        .hasMessage("Cannot format HTML: more {} than arguments (0): <td>{}</td>");
    assertThatThrownBy(() -> Html.format("<td></td>", "x"))
        .hasMessage("Cannot format HTML: 1 arguments for 0 {}: <td></td>");
  }

  @Test
  void urlPercentEncodesQueryValuesAndEscapesTheResult() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("db", "a&b");
    query.put("table", "\"><script>");
    assertThat(Html.url("/console/timeline", query).toString())
        .isEqualTo("/console/timeline?db=a%26b&amp;table=%22%3E%3Cscript%3E");
  }
}
