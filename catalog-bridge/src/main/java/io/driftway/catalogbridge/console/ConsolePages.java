package io.driftway.catalogbridge.console;

import io.driftway.catalogbridge.console.quarantine.QuarantinePage;
import io.driftway.catalogbridge.console.timeline.SchemaTimelinePage;
import java.util.List;

/** The pages of the console, in navigation order: the one list a new page is added to. */
final class ConsolePages {

  private ConsolePages() {}

  static List<ConsolePage> all(ConsoleContext context) {
    return List.of(
        new TablesPage(context),
        new SchemaTimelinePage(context),
        new AlertsPage(),
        new QuarantinePage(context),
        new JobsPage(context));
  }
}
