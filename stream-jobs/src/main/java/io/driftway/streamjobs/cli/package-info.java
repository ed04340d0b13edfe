/**
 * The {@code driftway} command line: one picocli command class per subcommand, registered in {@link
 * io.driftway.streamjobs.cli.Driftway}.
 */
package io.driftway.streamjobs.cli;
