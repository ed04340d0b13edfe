package io.driftway.platform.config;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Flattens a YAML document into dotted keys with their line, so errors point at the file line.
 * Nested maps become dotted keys until a list is met; a list (and what it holds) is one value.
 */
final class YamlEntries {

  /** One key: its value (a String, or List/Map for a list) and where it was written. */
  record Entry(String key, Object value, String where) {}

  private YamlEntries() {}

  /** The file's entries in order; {@code env} resolves {@code ${NAME}} in every value. */
  static List<Entry> read(Reader reader, String source, EnvironmentSubstitution env) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(reader);
    } catch (MarkedYAMLException e) {
      throw new IllegalArgumentException(
          "Cannot read config: not valid YAML: "
              + e.getProblem()
              + " at "
              + source
              + ":"
              + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1),
          e);
    }
    List<Entry> entries = new ArrayList<>();
    if (root == null) {
      return entries;
    }
    if (!(root instanceof MappingNode mapping)) {
      throw new IllegalArgumentException(
          "Cannot read config: the top level must be a map of keys at " + where(source, root));
    }
    flatten("", mapping, source, env, entries);
    return entries;
  }

  private static void flatten(
      String prefix,
      MappingNode mapping,
      String source,
      EnvironmentSubstitution env,
      List<Entry> out) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        throw new IllegalArgumentException(
            "Cannot read config: keys must be plain names at " + where(source, tuple.getKeyNode()));
      }
      String key = prefix.isEmpty() ? keyNode.getValue() : prefix + "." + keyNode.getValue();
      Node value = tuple.getValueNode();
      if (value instanceof MappingNode nested) {
        flatten(key, nested, source, env, out);
      } else {
        out.add(new Entry(key, toJava(value, source, env), where(source, keyNode)));
      }
    }
  }

  private static Object toJava(Node node, String source, EnvironmentSubstitution env) {
    if (node instanceof ScalarNode scalar) {
      return substitute(scalar.getValue(), source, node, env);
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        list.add(toJava(item, source, env));
      }
      return list;
    }
    MappingNode mapping = (MappingNode) node;
    Map<String, Object> map = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      map.put(key, toJava(tuple.getValueNode(), source, env));
    }
    return map;
  }

  private static String substitute(
      String value, String source, Node node, EnvironmentSubstitution env) {
    try {
      return env.resolve(value);
    } catch (EnvironmentSubstitution.UnsetVariableException e) {
      throw new IllegalArgumentException(
          "Cannot read config: "
              + e.getMessage()
              + " at "
              + source
              + ":"
              + (node.getStartMark().getLine() + e.line()),
          e);
    }
  }

  private static String where(String source, Node node) {
    return source + ":" + (node.getStartMark().getLine() + 1);
  }
}
