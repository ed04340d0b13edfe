package io.driftway.streamjobs.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of the running build, from the jar manifest when there is one. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Driftway.class.getPackage().getImplementationVersion();
    return new String[] {"driftway " + (version == null ? "(development build)" : version)};
  }
}
