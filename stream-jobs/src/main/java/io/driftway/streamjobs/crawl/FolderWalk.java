package io.driftway.streamjobs.crawl;

import io.driftway.connectors.files.HivePartitions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.glue.model.Column;

/**
 * The folder walk of one crawl: lists the location one folder level at a time and finds its Hive
 * partition folders ({@code key=value}; a folder without {@code =} is a value of key {@code
 * partition_<level>}). Names starting with {@code _} or {@code .} are skipped, as Hive and Spark
 * skip them. It counts what it lists, for the crawl's result.
 *
 * <p>Used by one crawl on one thread: make one per crawl.
 */
final class FolderWalk {

  /** A partition folder: its values (one per key) and files, listed only when it is new. */
  record Leaf(List<String> values, String location, List<CrawlFiles.Entry> files) {}

  private final CrawlFiles files;
  private final Consumer<String> note;
  private final Set<String> foldersListed = new LinkedHashSet<>();
  private long objectsListed;
  private final List<Leaf> newLeaves = new ArrayList<>();
  private final Set<List<String>> seenLeaves = new HashSet<>();
  private final List<String> keyNames = new ArrayList<>();
  private final List<Set<String>> keyValues = new ArrayList<>();
  private int leafDepth = -1;

  FolderWalk(CrawlFiles files, Consumer<String> note) {
    this.files = files;
    this.note = note;
  }

  /** The visible sub-folders of a folder, sorted. */
  List<String> folders(String folder) {
    List<String> names = files.folders(folder);
    foldersListed.add(folder);
    objectsListed += names.size();
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (!hidden(name)) {
        out.add(name);
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The visible files of a folder. */
  List<CrawlFiles.Entry> filesOf(String folder) {
    List<CrawlFiles.Entry> entries = files.files(folder);
    foldersListed.add(folder);
    objectsListed += entries.size();
    List<CrawlFiles.Entry> out = new ArrayList<>();
    for (CrawlFiles.Entry entry : entries) {
      if (!hidden(entry.name()) && !entry.name().endsWith("_$folder$")) {
        out.add(entry);
      }
    }
    return out;
  }

  /**
   * A new table: every folder level down to the partition folders, which must all be at one depth
   * and name the same key at each level.
   */
  void discover(String root, List<String> rootFolders, List<CrawlFiles.Entry> rootFiles) {
    discover(root, rootFolders, rootFiles, new ArrayList<>(), 0);
  }

  /** An existing unpartitioned table: the location's own files. */
  void unpartitioned(String root) {
    newLeaves.add(new Leaf(List.of(), root, filesOf(root)));
  }

  /**
   * An existing partitioned table: lists the levels above the partition folders; a known partition
   * folder is only seen in its parent's listing, never listed itself.
   */
  void walkKnown(
      String root, List<String> rootFolders, List<Column> keys, Set<List<String>> known) {
    for (Column key : keys) {
      keyNames.add(key.name());
    }
    walkKnown(root, rootFolders, new ArrayList<>(), 0, known);
  }

  /** The partition folders not in the catalog, in listing order. */
  List<Leaf> newLeaves() {
    return newLeaves;
  }

  /** Whether the walk saw the partition folder of these values. */
  boolean saw(List<String> values) {
    return seenLeaves.contains(values);
  }

  /** The partition keys of a new table: names lower-cased, types from the values seen. */
  List<Column> inferredKeys() {
    List<Column> keys = new ArrayList<>();
    for (int i = 0; i < keyNames.size(); i++) {
      keys.add(
          Column.builder()
              .name(keyNames.get(i).toLowerCase(Locale.ROOT))
              .type(PartitionKeyTypes.typeOf(keyValues.get(i)))
              .build());
    }
    return keys;
  }

  List<String> foldersListed() {
    return List.copyOf(foldersListed);
  }

  long objectsListed() {
    return objectsListed;
  }

  /** {@code [key, value]} of a partition folder name, Hive's %XX escapes undone. */
  static String[] keyValue(String folderName, int depth) {
    int eq = folderName.indexOf('=');
    if (eq <= 0) {
      return new String[] {"partition_" + depth, HivePartitions.unescape(folderName)};
    }
    return new String[] {
      HivePartitions.unescape(folderName.substring(0, eq)),
      HivePartitions.unescape(folderName.substring(eq + 1))
    };
  }

  private void discover(
      String folder,
      List<String> subFolders,
      List<CrawlFiles.Entry> leafFiles,
      List<String> values,
      int depth) {
    if (subFolders.isEmpty()) {
      if (leafDepth >= 0 && leafDepth != depth) {
        throw new CrawlException(
            "Cannot crawl: partition folders are not all at one depth ("
                + leafDepth
                + " and "
                + depth
                + " levels): "
                + folder);
      }
      leafDepth = depth;
      addLeaf(new Leaf(List.copyOf(values), folder, leafFiles));
      return;
    }
    for (String name : subFolders) {
      String[] keyValue = keyValue(name, depth);
      if (keyNames.size() == depth) {
        keyNames.add(keyValue[0]);
        keyValues.add(new LinkedHashSet<>());
      } else if (!keyNames.get(depth).equalsIgnoreCase(keyValue[0])) {
        throw new CrawlException(
            "Cannot crawl: partition folders at level "
                + (depth + 1)
                + " name different keys ("
                + keyNames.get(depth)
                + " and "
                + keyValue[0]
                + "): "
                + Locations.child(folder, name));
      }
      keyValues.get(depth).add(keyValue[1]);
      String child = Locations.child(folder, name);
      values.add(keyValue[1]);
      List<String> grandChildren = folders(child);
      discover(
          child,
          grandChildren,
          grandChildren.isEmpty() ? filesOf(child) : List.of(),
          values,
          depth + 1);
      values.remove(values.size() - 1);
    }
  }

  private void walkKnown(
      String folder,
      List<String> subFolders,
      List<String> values,
      int depth,
      Set<List<String>> known) {
    for (String name : subFolders) {
      String[] keyValue = keyValue(name, depth);
      String child = Locations.child(folder, name);
      if (!keyNames.get(depth).equalsIgnoreCase(keyValue[0])) {
        note.accept("not a partition of key " + keyNames.get(depth) + ", skipped: " + child);
        continue;
      }
      values.add(keyValue[1]);
      if (depth == keyNames.size() - 1) {
        List<String> leafValues = List.copyOf(values);
        if (known.contains(leafValues)) {
          seenLeaves.add(leafValues);
        } else {
          addLeaf(new Leaf(leafValues, child, filesOf(child)));
        }
      } else {
        walkKnown(child, folders(child), values, depth + 1, known);
      }
      values.remove(values.size() - 1);
    }
  }

  private void addLeaf(Leaf leaf) {
    seenLeaves.add(leaf.values());
    newLeaves.add(leaf);
  }

  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }
}
