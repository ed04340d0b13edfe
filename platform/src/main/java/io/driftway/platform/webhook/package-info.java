/** The one webhook sender: a bounded queue, exponential backoff, never blocks the caller. */
package io.driftway.platform.webhook;
