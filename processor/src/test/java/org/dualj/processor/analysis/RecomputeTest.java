package org.dualj.processor.analysis;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.junit.jupiter.api.Test;

/**
 * Which values {@link Recompute} lets the reverse sweep compute again at a statement: cheap
 * definitions whose operands, and the elements they load, are unchanged since.
 */
class RecomputeTest {
  private static final Expr.Var A = new Expr.Var("a", Types.DOUBLE_ARRAY);
  private static final Expr.Var I = new Expr.Var("i", Types.INT);
  private static final Expr.Var T = new Expr.Var("t", Types.DOUBLE);
  private static final Expr.Var S = new Expr.Var("s", Types.DOUBLE);
  private static final Expr.Var Y = new Expr.Var("y", Types.DOUBLE);

  private static Expr elem(Expr index) {
    return new Expr.Index(A, index, Types.DOUBLE);
  }

  private static Expr times(Expr a, Expr b) {
    return new Expr.Binary("*", a, b, Types.DOUBLE);
  }

  private static Stmt reads(Expr.Var v) {
    // s = s + v * v: its reverse code reads v
    return new Stmt.Assign(S, new Expr.Binary("+", S, times(v, v), Types.DOUBLE));
  }

  private static List<String> names(Recompute r, Stmt at) {
    return r.at(at).stream().map(Recompute.Def::name).toList();
  }

  @Test
  void aCheapDefinitionHoldsUntilAnOperandIsAssigned() {
    Stmt def = new Stmt.Declare(Types.DOUBLE, "t", times(elem(I), lit(2.0)));
    Stmt use = reads(T);
    Stmt bump = new Stmt.Eval(new Expr.IncDec("++", false, I, Types.INT));
    Stmt later = reads(T);
    Recompute r = Recompute.of(List.of(def, use, bump, later), Set.of());
    assertThat(names(r, use)).containsExactly("t");
    // i changed: t = a[i] * 2 would read another element
    assertThat(names(r, later)).isEmpty();
  }

  @Test
  void anElementWriteEndsDefinitionsThatLoadElements() {
    Stmt def = new Stmt.Declare(Types.DOUBLE, "t", elem(I));
    Stmt other = new Stmt.Declare(Types.DOUBLE, "y", times(S, lit(2.0)));
    Stmt write = new Stmt.Assign(elem(lit(0)), lit(1.0));
    Stmt use = new Stmt.Assign(new Expr.Var("z", Types.DOUBLE), times(T, Y));
    Recompute r = Recompute.of(List.of(def, other, write, use), Set.of());
    assertThat(names(r, use)).containsExactly("y");
  }

  @Test
  void aStatementThatAssignsAnOperandDoesNotComputeTheValueAgain() {
    // s = s + t * t after t = s * 2: the reverse code of that statement runs with s as it left it
    Stmt def = new Stmt.Declare(Types.DOUBLE, "t", times(S, lit(2.0)));
    Stmt use = reads(T);
    Recompute r = Recompute.of(List.of(def, use), Set.of());
    assertThat(names(r, use)).isEmpty();
  }

  @Test
  void aDefinitionBeforeALoopIsNotComputedAgainInItsBody() {
    Stmt def = new Stmt.Declare(Types.DOUBLE, "t", times(S, lit(2.0)));
    Stmt use = new Stmt.Assign(Y, times(T, T));
    Stmt loop = new Stmt.While(new Expr.Binary("<", I, lit(3), Types.BOOLEAN), new Stmt.Block(List.of(use)));
    Recompute r = Recompute.of(List.of(def, loop), Set.of());
    assertThat(names(r, use)).isEmpty();
  }

  @Test
  void aBranchSeesTheDefinitionsBeforeIt() {
    Stmt def = new Stmt.Declare(Types.DOUBLE, "t", times(S, lit(2.0)));
    Stmt use = new Stmt.Assign(Y, times(T, T));
    Stmt branch = new Stmt.If(new Expr.Binary("<", I, lit(3), Types.BOOLEAN), new Stmt.Block(List.of(use)), null);
    Recompute r = Recompute.of(List.of(def, branch), Set.of());
    assertThat(names(r, use)).containsExactly("t");
  }

  @Test
  void callsSelfReadsAndVariablesAssignedOnceAreNotDefinitions() {
    Stmt call = new Stmt.Declare(Types.DOUBLE, "t",
        new Expr.PlainCall(null, null, "g", List.of(S), Types.DOUBLE));
    Stmt self = new Stmt.Assign(Y, times(Y, lit(2.0)));
    Stmt once = new Stmt.Declare(Types.DOUBLE, "s", lit(1.0));
    Stmt use = new Stmt.Assign(new Expr.Var("z", Types.DOUBLE), times(T, times(Y, S)));
    Recompute r = Recompute.of(List.of(call, self, once, use), Set.of("s"));
    assertThat(names(r, use)).isEmpty();
    assertThat(Recompute.none().any()).isFalse();
  }

  private static Expr lit(double v) {
    return new Expr.Literal(Double.toString(v), Types.DOUBLE);
  }

  private static Expr lit(int v) {
    return new Expr.Literal(Integer.toString(v), Types.INT);
  }

  @Test
  void theMathClassesConstantsAreCheapAndOtherStaticFieldsAreNot() {
    Expr pi = new Expr.FieldRead(null, com.palantir.javapoet.ClassName.get("java.lang", "Math"), "PI", Types.DOUBLE);
    Expr mutable = new Expr.FieldRead(null, com.palantir.javapoet.ClassName.get("test", "Model"), "scale", Types.DOUBLE);
    assertThat(Recompute.cheap(times(pi, elem(I)))).isTrue();
    assertThat(Recompute.cheap(times(mutable, elem(I)))).isFalse();
    Stmt def = new Stmt.Declare(Types.DOUBLE, "t", times(times(lit(2.0), pi), elem(I)));
    Stmt use = reads(T);
    Recompute r = Recompute.of(List.of(def, use), Set.of());
    assertThat(names(r, use)).containsExactly("t");
  }
}
