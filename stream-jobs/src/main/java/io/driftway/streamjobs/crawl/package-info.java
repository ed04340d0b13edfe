/**
 * The crawler: infers a Glue table (columns in Hive types, Hive-style partition keys, the SerDe and
 * input/output formats Athena expects) from files under an S3 prefix or a local folder, and creates
 * or updates it through the Glue API, as AWS Glue's crawler does. Entry point: {@link
 * io.driftway.streamjobs.crawl.Crawler}.
 */
package io.driftway.streamjobs.crawl;
