/** The file source's enumerator: hands planned splits to readers on request, and its state. */
package io.driftway.connectors.files.enumerator;
