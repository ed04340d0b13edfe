package io.driftway.streamjobs.cli.catalog;

import picocli.CommandLine.Command;

/**
 * {@code driftway catalog}: the Glue-compatible catalog bridge — serve it, mirror it to another
 * Glue endpoint, check it against the files behind it.
 *
 * <pre>{@code
 * ./driftway catalog serve --auth none --port 9047
 * ./driftway catalog mirror --to https://glue.eu-west-1.amazonaws.com --to-region eu-west-1
 * ./driftway catalog check --database sales
 * }</pre>
 */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "The Glue Data Catalog bridge: serve, mirror, check.",
    subcommands = {ServeCommand.class, MirrorCommand.class, CheckCommand.class})
public final class CatalogCommand {}
