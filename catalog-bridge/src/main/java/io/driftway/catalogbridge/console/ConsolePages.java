package io.driftway.catalogbridge.console;

import java.util.List;

/** The pages of the console, in navigation order: the one list a new page is added to. */
final class ConsolePages {

  private ConsolePages() {}

  static List<ConsolePage> all(ConsoleContext context) {
    return List.of(new TablesPage(context), new AlertsPage(), new JobsPage(context));
  }
}
