package io.driftway.catalogbridge.store;

import io.driftway.catalogbridge.model.Partition;

/** A partition and its position in its table's creation order (the paging key). */
public record StoredPartition(long seq, Partition partition) {}
