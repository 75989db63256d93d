package org.dualj.processor.analysis;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.junit.jupiter.api.Test;

/**
 * Which {@code double} variables {@link Usefulness} keeps: those a result can be computed from,
 * and conservatively everything that flows into arrays, calls and returns.
 */
class UsefulnessTest {
  private static final Expr.Var R = dbl("result");
  private static final Expr.Var S = dbl("s");
  private static final Expr.Var S_DOT = dbl("s_dot");
  private static final Expr.Var T = dbl("t");
  private static final Expr.Var U = dbl("u");
  private static final Expr.Var X = dbl("x");
  private static final Expr.Var A = new Expr.Var("a", Types.DOUBLE_ARRAY);
  private static final Expr.Var I = new Expr.Var("i", Types.INT);

  private static Expr.Var dbl(String name) {
    return new Expr.Var(name, Types.DOUBLE);
  }

  private static Expr plus(Expr a, Expr b) {
    return new Expr.Binary("+", a, b, Types.DOUBLE);
  }

  private static Expr times(Expr a, Expr b) {
    return new Expr.Binary("*", a, b, Types.DOUBLE);
  }

  private static Stmt set(Expr.Var v, Expr value) {
    return new Stmt.Assign(v, value);
  }

  @Test
  void aValueWhoseTangentAloneIsReturnedReachesNothing() {
    // tangent code of s += t * t: s_dot += 2 t t_dot, s += t * t; the result is s_dot
    List<Stmt> body = List.of(
        set(T, times(X, X)),
        set(U, times(T, T)),
        set(S_DOT, plus(S_DOT, times(T, X))),
        set(S, plus(S, U)),
        set(R, S_DOT));
    Set<String> useful = Usefulness.of(body, "result");
    assertThat(useful).containsAtLeast("result", "s_dot", "t", "x");
    assertThat(useful).containsNoneOf("s", "u");
  }

  @Test
  void aChainThroughAnOverwriteInALoopIsFollowedToItsStart() {
    // u feeds t only in a later trip: for (...) { s = t; t = u * x; u = x; } result = s
    Stmt loop = new Stmt.While(new Expr.Literal("true", Types.BOOLEAN), new Stmt.Block(List.of(
        set(S, T), set(T, times(U, X)), set(U, X))));
    Set<String> useful = Usefulness.of(List.of(loop, set(R, S)), "result");
    assertThat(useful).containsAtLeast("s", "t", "u", "x");
  }

  @Test
  void valuesStoredInArraysPassedToCallsOrIteratedAreKept() {
    ClassName owner = ClassName.get("test", "M");
    Stmt store = new Stmt.Assign(new Expr.Index(A, I, Types.DOUBLE), T);
    Stmt call = new Stmt.Eval(new Expr.PlainCall(owner, null, "g", List.of(U), com.palantir.javapoet.TypeName.VOID));
    Stmt each = new Stmt.ForEach(Types.DOUBLE, "e", A, new Stmt.Block(List.of()));
    Stmt dead = set(S, times(X, X));
    Set<String> useful = Usefulness.of(List.of(store, call, each, dead, set(R, X)), "result");
    assertThat(useful).containsAtLeast("t", "u", "e", "x");
    assertThat(useful).doesNotContain("s");
  }

  @Test
  void aCompoundAssignmentOfAUsefulVariableKeepsItsValue() {
    Stmt grow = new Stmt.CompoundAssign("*", S, plus(T, X));
    Stmt ret = new Stmt.Return(S);
    assertThat(Usefulness.of(List.of(grow, ret), "result")).containsAtLeast("s", "t", "x");
  }

  @Test
  void aConditionAloneDoesNotMakeAValueUseful() {
    Stmt branch = new Stmt.If(
        new Expr.Binary(">", U, new Expr.Literal("0.0", Types.DOUBLE), Types.BOOLEAN),
        set(R, X), set(R, times(X, X)));
    Set<String> useful = Usefulness.of(List.of(set(U, times(X, T)), branch), "result");
    assertThat(useful).contains("x");
    // u decides the branch but carries no adjoint: the derivative is taken at fixed branches
    assertThat(useful).containsNoneOf("u", "t");
  }
}
