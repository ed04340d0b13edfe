/** Read access to warehouse files (local folders and S3) behind catalog entries. */
package io.driftway.catalogbridge.storage;
