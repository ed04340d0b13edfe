package io.driftway.connectors.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settle rounds answer every waiting subtask with the same union, once every subtask spoke. */
class SettleRoundsTest {

  private static final StructType X_LONG = StructType.of(Field.optional("x", PrimitiveType.LONG));
  private static final StructType X_STRING =
      StructType.of(Field.optional("x", PrimitiveType.STRING));

  @Test
  void aRoundIsDecidedOnceEverySubtaskProposedAndEveryWaitingSubtaskGetsTheUnion() {
    SettleRounds rounds = new SettleRounds(3);

    assertThat(rounds.propose(0, 7, Map.of("events", List.of(X_LONG)))).isEmpty();
    assertThat(rounds.propose(2, 7, Map.of())).isEmpty();
    List<SettleRounds.Answer> answers = rounds.propose(1, 7, Map.of("events", List.of(X_STRING)));

    Map<String, List<StructType>> union = Map.of("events", List.of(X_LONG, X_STRING));
    assertThat(answers)
        .containsExactlyInAnyOrder(
            new SettleRounds.Answer(0, 7, union), new SettleRounds.Answer(1, 7, union));
  }

  @Test
  void aSubtaskThatProposedForALaterCheckpointTookNoPartInAnEarlierOne() {
    SettleRounds rounds = new SettleRounds(2);

    assertThat(rounds.propose(0, 3, Map.of("events", List.of(X_LONG)))).isEmpty();

    assertThat(rounds.propose(1, 4, Map.of()))
        .containsExactly(new SettleRounds.Answer(0, 3, Map.of("events", List.of(X_LONG))));
  }

  @Test
  void anEndOfInputProposalMeetsTheNextRoundOfTheSubtasksStillReading() {
    SettleRounds rounds = new SettleRounds(2);

    assertThat(rounds.propose(0, SettleRounds.END, Map.of("events", List.of(X_LONG)))).isEmpty();
    List<SettleRounds.Answer> answers = rounds.propose(1, 5, Map.of("events", List.of(X_STRING)));

    Map<String, List<StructType>> union = Map.of("events", List.of(X_STRING, X_LONG));
    assertThat(answers)
        .containsExactlyInAnyOrder(
            new SettleRounds.Answer(1, 5, union),
            new SettleRounds.Answer(0, SettleRounds.END, union));
  }

  @Test
  void endOfInputProposalsAreDecidedTogetherOnceEverySubtaskEnded() {
    SettleRounds rounds = new SettleRounds(3);

    assertThat(rounds.propose(0, SettleRounds.END, Map.of("events", List.of(X_LONG)))).isEmpty();
    assertThat(rounds.propose(2, SettleRounds.END, Map.of())).isEmpty();
    List<SettleRounds.Answer> answers =
        rounds.propose(1, SettleRounds.END, Map.of("events", List.of(X_STRING)));

    Map<String, List<StructType>> union = Map.of("events", List.of(X_LONG, X_STRING));
    assertThat(answers)
        .containsExactlyInAnyOrder(
            new SettleRounds.Answer(0, SettleRounds.END, union),
            new SettleRounds.Answer(1, SettleRounds.END, union));
  }

  @Test
  void aRoundOfAnAbortedCheckpointIsDecidedWithTheProposalsItHas() {
    SettleRounds rounds = new SettleRounds(2);
    rounds.propose(0, 9, Map.of("events", List.of(X_LONG)));

    assertThat(rounds.decideUpTo(9))
        .containsExactly(new SettleRounds.Answer(0, 9, Map.of("events", List.of(X_LONG))));
    assertThat(rounds.propose(1, 9, Map.of())).isEmpty();
  }

  @Test
  void aSubtaskThatRestartsIsWaitedForAgainAndItsOldProposalIsForgotten() {
    SettleRounds rounds = new SettleRounds(2);
    rounds.propose(0, 2, Map.of("events", List.of(X_LONG)));
    rounds.propose(1, SettleRounds.END, Map.of("events", List.of(X_STRING)));
    rounds.resetAll();

    assertThat(rounds.propose(0, 2, Map.of("events", List.of(X_STRING)))).isEmpty();
    assertThat(rounds.propose(1, 2, Map.of()))
        .containsExactly(new SettleRounds.Answer(0, 2, Map.of("events", List.of(X_STRING))));
  }
}
