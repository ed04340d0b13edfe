package io.driftway.catalogbridge.iceberg;

import io.driftway.catalogbridge.api.TableInputHook;
import io.driftway.catalogbridge.model.StorageDescriptor;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableInput;
import io.driftway.catalogbridge.storage.WarehouseFiles;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.TableMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a Glue table's columns equal to its Iceberg schema: on every CreateTable and UpdateTable of
 * an Iceberg table ({@code table_type=ICEBERG}), the bridge reads the metadata file named by {@code
 * metadata_location} and stores the current schema's columns in Hive types, whatever columns the
 * client sent. Writers that commit Iceberg metadata without updating Glue columns (a common source
 * of drift) therefore cannot leave stale columns behind.
 *
 * <p>When the metadata file cannot be read (no access to the warehouse), the client's columns are
 * kept and a warning is logged; {@code driftway catalog check} reports such tables.
 */
public final class IcebergColumnSync implements TableInputHook {

  private static final Logger LOG = LoggerFactory.getLogger(IcebergColumnSync.class);

  private final WarehouseFiles files;

  public IcebergColumnSync(WarehouseFiles files) {
    this.files = files;
  }

  @Override
  public TableInput apply(String databaseName, TableInput input) {
    Map<String, String> parameters = input.parameters();
    if (parameters == null
        || !"ICEBERG".equalsIgnoreCase(parameters.get(Table.TABLE_TYPE_PARAMETER))
        || parameters.get(Table.METADATA_LOCATION) == null) {
      return input;
    }
    String location = parameters.get(Table.METADATA_LOCATION);
    Optional<TableMetadata> metadata;
    try {
      metadata = IcebergMetadata.read(files, location);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      LOG.warn(
          "Cannot sync Glue columns of {}.{} from Iceberg metadata, keeping the client's columns:"
              + " {}",
          databaseName,
          input.name(),
          e.getMessage());
      return input;
    }
    if (metadata.isEmpty()) {
      LOG.warn(
          "Cannot sync Glue columns of {}.{}: metadata file not found, keeping the client's"
              + " columns: {}",
          databaseName,
          input.name(),
          location);
      return input;
    }
    StorageDescriptor descriptor =
        input.storageDescriptor() != null
            ? input.storageDescriptor()
            : StorageDescriptor.ofLocation(metadata.get().location());
    return input.withStorageDescriptor(
        descriptor.withColumns(IcebergColumns.of(metadata.get().schema())));
  }
}
