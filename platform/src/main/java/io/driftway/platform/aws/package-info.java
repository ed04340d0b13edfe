/**
 * The one factory for AWS SDK clients: region, endpoint override, credentials, Apache HTTP client
 * with timeouts and retries, path-style access.
 */
package io.driftway.platform.aws;
