package org.dualj.processor.analysis;

import static com.google.common.truth.Truth.assertThat;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.junit.jupiter.api.Test;

/**
 * {@link Recording} on statements built by hand, without javac: the reads of each statement's
 * reverse code are given, and the analysis decides where the forward sweep must save a value.
 */
class RecordingTest {
  private static final Expr.Var U = new Expr.Var("u", Types.DOUBLE);
  private static final Expr.Var Y = new Expr.Var("y", Types.DOUBLE);
  private static final Expr COND = new Expr.Var("c", Types.BOOLEAN);

  private static Stmt assign(Expr.Var target, double value) {
    return new Stmt.Assign(target, new Expr.Literal(value + "", Types.DOUBLE));
  }

  /** The reads of each statement's reverse code, by identity. */
  private static Map<Stmt, Set<String>> reads(Object... stmtThenNames) {
    Map<Stmt, Set<String>> out = new IdentityHashMap<>();
    for (int i = 0; i < stmtThenNames.length; i += 2) {
      out.put((Stmt) stmtThenNames[i], Set.of(((String) stmtThenNames[i + 1]).split(",")));
    }
    return out;
  }

  @Test
  void aValueAssignedBeforeItIsReadIsNotSavedOneAssignedAfterIs() {
    Stmt first = assign(U, 1);
    Stmt read = assign(Y, 2); // its reverse code reads u (y = sin(u))
    Stmt again = assign(U, 3);
    Map<Stmt, Set<String>> saves =
        Recording.saves(List.of(first, read, again), reads(read, "u"));
    assertThat(saves).doesNotContainKey(first);
    assertThat(saves).doesNotContainKey(read);
    assertThat(saves.get(again)).containsExactly("u");
  }

  @Test
  void decisionsAreTakenPerStatementNotPerEqualStatement() {
    Stmt first = assign(U, 1);
    Stmt read = assign(Y, 2);
    Stmt same = assign(U, 1); // equal to `first`, but after the read
    assertThat(first).isEqualTo(same);
    Map<Stmt, Set<String>> saves =
        Recording.saves(List.of(first, read, same), reads(read, "u"));
    assertThat(saves).doesNotContainKey(first);
    assertThat(saves.get(same)).containsExactly("u");
  }

  @Test
  void aLoopThatOverwritesALocalReadByTheReverseSweepSavesIt() {
    // while (c) { u = 1; y = y + sin(u); }: the second trip overwrites the u the first one read
    Stmt set = assign(U, 1);
    Stmt use = new Stmt.Assign(Y, new Expr.Binary("+", Y, U, Types.DOUBLE));
    Stmt loop = new Stmt.While(COND, new Stmt.Block(List.of(set, use)));
    assertThat(Recording.saves(List.of(loop), reads(use, "u")).get(set)).containsExactly("u");
    // the same two statements outside a loop: u is set before it is read, nothing to save
    assertThat(Recording.saves(List.of(set, use), reads(use, "u"))).isEmpty();
  }

  @Test
  void anAccumulatorWhoseReverseDoesNotReadItIsNotSaved() {
    // while (c) { y = y + x; }: the adjoint of y passes to x, no value of y is read
    Stmt acc =
        new Stmt.Assign(Y, new Expr.Binary("+", Y, new Expr.Var("x", Types.DOUBLE), Types.DOUBLE));
    Stmt loop = new Stmt.While(COND, new Stmt.Block(List.of(acc)));
    assertThat(Recording.saves(List.of(loop), reads(acc, "x"))).isEmpty();
    // a product is different: y = y * x reads the old y, saved on every trip
    assertThat(Recording.saves(List.of(loop), reads(acc, "x,y")).get(acc)).containsExactly("y");
  }

  @Test
  void aBreakOutOfALabelCarriesWhatWasReadBeforeIt() {
    // L: { y = sin(u); if (c) break L; u = 2; } u = 3;
    Stmt read = assign(Y, 1);
    Stmt inner = assign(U, 2);
    Stmt after = assign(U, 3);
    Stmt labeled =
        new Stmt.Labeled(
            "L",
            new Stmt.Block(
                List.of(read, new Stmt.If(COND, new Stmt.Break("L"), null), inner)));
    Map<Stmt, Set<String>> saves = Recording.saves(List.of(labeled, after), reads(read, "u"));
    assertThat(saves.get(inner)).containsExactly("u");
    // by the end of the block u was overwritten: a labelled block may be left by a break from
    // anywhere inside, so what was read there reaches `after`; a plain block is left by its end
    assertThat(saves.get(after)).containsExactly("u");
    Map<Stmt, Set<String>> withoutBreak =
        Recording.saves(
            List.of(new Stmt.Block(List.of(read, inner)), after), reads(read, "u"));
    assertThat(withoutBreak).doesNotContainKey(after);
  }

  @Test
  void aSwitchCaseFallsThroughWithWhatTheCaseBeforeRead() {
    // switch (k) { case 1: y = sin(u); case 2: u = 2; }
    Stmt read = assign(Y, 1);
    Stmt write = assign(U, 2);
    Expr k = new Expr.Var("k", Types.INT);
    Stmt sw =
        new Stmt.Switch(
            k,
            List.of(
                new Stmt.Case(List.of(new Expr.Literal("1", Types.INT)), List.of(read)),
                new Stmt.Case(List.of(new Expr.Literal("2", Types.INT)), List.of(write))),
            false);
    assertThat(Recording.saves(List.of(sw), reads(read, "u")).get(write)).containsExactly("u");
  }

  @Test
  void anIncrementAndACompoundAssignmentAssignTheirVariable() {
    Expr.Var i = new Expr.Var("i", Types.INT);
    assertThat(Recording.assigned(new Stmt.Eval(new Expr.IncDec("++", false, i, Types.INT))))
        .containsExactly("i");
    assertThat(Recording.assigned(new Stmt.CompoundAssign("+", i, new Expr.Literal("2", Types.INT))))
        .containsExactly("i");
    assertThat(Recording.assigned(new Stmt.Declare(Types.DOUBLE, "d", null))).isEmpty();
    assertThat(Recording.assigned(new Stmt.Assign(new Expr.Index(U, i, Types.DOUBLE), U))).isEmpty();
  }

  @Test
  void settleRepeatsUntilTheSweepReadsWhatTheDecisionsAssumed() {
    // the reverse code reads the index k only once elements are saved (a restored element is
    // read through its index); k is then overwritten later and must be saved too
    Expr.Var kVar = new Expr.Var("k", Types.INT);
    Stmt store = assign(Y, 1);
    Stmt moveK = new Stmt.Assign(kVar, new Expr.Literal("2", Types.INT));
    List<Stmt> body = List.of(store, moveK);
    int[] rounds = {0};
    Recording.Decisions settled =
        Recording.settle(
            body,
            d -> {
              rounds[0]++;
              Set<String> atStore = new HashSet<>(Set.of("u"));
              if (d.savesElements(Types.DOUBLE)) {
                atStore.add("k");
              }
              Map<Stmt, Set<String>> byStmt = new IdentityHashMap<>();
              byStmt.put(store, atStore);
              return new Recording.Reads(byStmt, atStore, Set.of(Types.DOUBLE));
            },
            20);
    assertThat(settled).isNotNull();
    assertThat(settled.savesElements(Types.DOUBLE)).isTrue();
    assertThat(settled.saves(moveK, "k")).isTrue();
    assertThat(settled.saves(store, "k")).isFalse();
    assertThat(rounds[0]).isEqualTo(3);
  }

  @Test
  void settleGivesUpWhenTheDecisionsNeverSettle() {
    Stmt s = assign(U, 1);
    int[] round = {0};
    Recording.Decisions settled =
        Recording.settle(
            List.of(s),
            d -> {
              // reads a new variable every round
              Set<String> r = Set.of("v" + round[0]++);
              return new Recording.Reads(new IdentityHashMap<>(), r, Set.of());
            },
            5);
    assertThat(settled).isNull();
    assertThat(round[0]).isEqualTo(7);
  }
}
