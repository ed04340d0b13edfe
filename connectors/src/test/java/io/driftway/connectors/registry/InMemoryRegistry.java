package io.driftway.connectors.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** A registry held in a map, for unit tests of the decoder; counts lookups. */
class InMemoryRegistry implements SchemaRegistryClient {

  private final Map<Integer, Schema> schemas = new HashMap<>();
  int lookups;

  InMemoryRegistry with(int id, Schema schema) {
    schemas.put(id, schema);
    return this;
  }

  @Override
  public Schema schemaById(int id) {
    lookups++;
    Schema schema = schemas.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(
          "Cannot fetch schema id " + id + ": registry answered 404 (40403 Schema not found)",
          404,
          40403,
          null);
    }
    return schema;
  }

  @Override
  public RegisteredSchema schemaByVersion(String subject, int version) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<String> subjectsOf(int id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public RegisteredSchema latestSchema(String subject) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int register(String subject, Schema schema) {
    throw new UnsupportedOperationException();
  }
}
