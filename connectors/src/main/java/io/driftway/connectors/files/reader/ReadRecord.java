package io.driftway.connectors.files.reader;

import io.driftway.connectors.source.RawRecord;

/**
 * A record handed from the fetcher thread to the emitter, with where it stands in its split.
 *
 * @param raw the record
 * @param fileIndex the index of its file in the split
 * @param position its 1-based record number in the file
 */
record ReadRecord(RawRecord raw, int fileIndex, long position) {}
