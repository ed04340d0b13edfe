package io.driftway.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.files.split.FileSplit;
import io.driftway.connectors.files.split.SplitFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilePlanTest {

  private static InputFile file(String name, long size) {
    return InputFile.of("s3://b/" + name + ".json", size, "v1", Map.of());
  }

  static Stream<Arguments> groupings() {
    return Stream.of(
        // sizes, group size, expected files per split
        Arguments.of(List.of(10L, 10L, 10L), 100L, List.of(3)),
        Arguments.of(List.of(40L, 40L, 40L), 100L, List.of(2, 1)),
        Arguments.of(List.of(50L, 50L, 1L), 100L, List.of(2, 1)),
        Arguments.of(List.of(10L, 200L, 10L), 100L, List.of(1, 2)),
        Arguments.of(List.of(100L, 100L), 100L, List.of(1, 1)),
        Arguments.of(List.<Long>of(), 100L, List.of()));
  }

  @ParameterizedTest
  @MethodSource("groupings")
  void groupsSmallFilesUpToTheGroupSizeAndLargeFilesAlone(
      List<Long> sizes, long groupSize, List<Integer> expected) {
    List<InputFile> files = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      files.add(file("f" + i, sizes.get(i)));
    }

    FilePlan plan = FilePlan.of(files, Map.of(), null, groupSize);

    assertThat(plan.splits()).extracting(s -> s.files().size()).containsExactlyElementsOf(expected);
    assertThat(plan.splits().stream().flatMap(s -> s.files().stream()).map(SplitFile::file))
        .containsExactlyInAnyOrderElementsOf(files);
    assertThat(plan.totalBytes()).isEqualTo(sizes.stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void capsTheFilesOfOneGroup() {
    List<InputFile> files = new ArrayList<>();
    for (int i = 0; i < FilePlan.MAX_FILES_PER_GROUP + 5; i++) {
      files.add(file(String.format("f%05d", i), 1));
    }

    FilePlan plan = FilePlan.of(files, Map.of(), null, 1L << 30);

    assertThat(plan.splits())
        .extracting(s -> s.files().size())
        .containsExactly(FilePlan.MAX_FILES_PER_GROUP, 5);
  }

  @Test
  void bookmarksSkipFinishedFilesResumePartlyReadOnesAndRereadChangedOnes() {
    InputFile done = file("done", 10);
    InputFile half = file("half", 10);
    InputFile changed = file("changed", 10);
    InputFile fresh = file("fresh", 10);
    List<FileProgress> bookmarks =
        List.of(
            FileProgress.finished(done.location(), "v1", 100),
            FileProgress.at(half.location(), "v1", 40),
            FileProgress.finished(changed.location(), "v0", 100));

    FilePlan plan =
        FilePlan.of(
            List.of(done, half, changed, fresh),
            Map.of(
                done.location(), bookmarks.get(0),
                half.location(), bookmarks.get(1),
                changed.location(), bookmarks.get(2)),
            null,
            1_000);

    assertThat(plan.skippedFiles()).isEqualTo(1);
    assertThat(plan.changedFiles()).containsExactly(changed);
    assertThat(plan.files()).containsExactly(changed, fresh, half);
    assertThat(plan.fileCount()).isEqualTo(3);
    assertThat(plan.totalBytes()).isEqualTo(30);
    assertThat(plan.recordsToSkip()).isEqualTo(40);
    assertThat(plan.splits())
        .extracting(FileSplit::files)
        .containsExactly(
            List.of(new SplitFile(half, 40), new SplitFile(changed, 0), new SplitFile(fresh, 0)));
  }

  @Test
  void travelsInJavaSerializationInItsCompactForm() throws Exception {
    InputFile changed = file("changed", 10);
    List<InputFile> files = List.of(file("a", 500), changed, file("c", 10), file("d", 20));
    FilePlan plan =
        FilePlan.of(
            files,
            Map.of(
                changed.location(),
                FileProgress.finished(changed.location(), "v0", 3),
                "s3://b/c.json",
                FileProgress.at("s3://b/c.json", "v1", 4)),
            null,
            100);

    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(plan);
    }
    FilePlan back;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (FilePlan) in.readObject();
    }

    assertThat(back.splits()).isEqualTo(plan.splits());
    assertThat(back.files()).isEqualTo(plan.files());
    assertThat(back.changedFiles()).containsExactly(changed);
    assertThat(back.totalBytes()).isEqualTo(540);
    assertThat(back.recordsToSkip()).isEqualTo(4);
    assertThat(back.toString()).isEqualTo(plan.toString());
  }

  @Test
  void anUnknownExtensionFailsThePlanUnlessTheFormatIsGiven() {
    InputFile text = InputFile.of("s3://b/readme.txt", 5, "v", Map.of());

    assertThatThrownBy(() -> FilePlan.of(List.of(text), Map.of(), null, 100))
        .hasMessageStartingWith("Cannot detect file format: ");
    assertThat(FilePlan.of(List.of(text), Map.of(), FileFormat.JSON_LINES, 100).fileCount())
        .isEqualTo(1);
  }

  @Test
  void theBuilderNamesWhatIsMissingOrClashing() {
    assertThatThrownBy(() -> FileSource.builder().build())
        .hasMessage(
            "Cannot build file source: set exactly one of location and files: neither is set");
    assertThatThrownBy(() -> FileSource.builder().location("file:/x").files(List.of()).build())
        .hasMessage(
            "Cannot build file source: set exactly one of location and files: both are set (file:/x)");
    assertThatThrownBy(() -> FileSource.builder().location("s3://b/events/").build())
        .hasMessage(
            "Cannot build file source: an S3 location needs S3 access (.s3(S3Access)): s3://b/events/");
    assertThatThrownBy(
            () -> FileSource.builder().location("file:/x").groupSize(MemorySize.ZERO).build())
        .hasMessage("Cannot build file source: the group size must be positive: 0 bytes");
  }
}
