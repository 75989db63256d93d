package org.dualj.processor.analysis;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;
import org.junit.jupiter.api.Test;

/** {@link ArrayEffects} on models built by hand, without javac. */
class ArrayEffectsTest {
  private static final ClassName OWNER = ClassName.get("p", "M");
  private static final Expr.Var X = new Expr.Var("x", Types.DOUBLE_ARRAY);
  private static final Expr.Var A = new Expr.Var("a", Types.DOUBLE_ARRAY);
  private static final Expr.FieldRead W = new Expr.FieldRead(null, OWNER, "W", Types.DOUBLE_ARRAY);
  private static final Expr ZERO = new Expr.Literal("0", Types.INT);
  private static final Expr ONE = new Expr.Literal("1.0", Types.DOUBLE);

  private static final ArrayEffects.Callees NONE_WRITE =
      new ArrayEffects.Callees() {
        @Override
        public ArrayEffects.Summary of(Expr.DiffCall call) {
          return ArrayEffects.Summary.NONE;
        }

        @Override
        public boolean writes(Expr.PlainCall call, int i) {
          return false;
        }
      };

  private static MethodModel method(Stmt... body) {
    return new MethodModel(
        OWNER,
        ClassName.get("p", "MDerivatives"),
        "f",
        true,
        List.of(new MethodModel.Param("x", Types.DOUBLE_ARRAY, true)),
        Types.DOUBLE,
        new Stmt.Block(List.of(body)),
        "M.java",
        1,
        0,
        List.of(),
        List.of(),
        OWNER);
  }

  private static Stmt write(Expr array) {
    return new Stmt.Assign(new Expr.Index(array, ZERO, Types.DOUBLE), ONE);
  }

  @Test
  void writingTheOwnParameterIsInTheSummaryAndAllowed() {
    ArrayEffects.Result r = ArrayEffects.analyse(method(write(X)), NONE_WRITE);
    assertThat(r.findings()).isEmpty();
    assertThat(r.summary().writtenParameters()).containsExactly(0);
  }

  @Test
  void aParameterReassignedToAFieldIsSharedWhenWritten() {
    ArrayEffects.Result r =
        ArrayEffects.analyse(
            method(
                new Stmt.If(new Expr.Literal("true", Types.BOOLEAN), new Stmt.Assign(X, W), null),
                write(X)),
            NONE_WRITE);
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).message()).isEqualTo(Message.SHARED_ARRAY_WRITE);
    assertThat(r.summary().writtenParameters()).containsExactly(0);
  }

  @Test
  void aliasesAreFollowedWhateverTheOrderOfTheStatementsInALoop() {
    // while (…) { a[0] = 1; a = W; }: the write sees W on the next iteration
    Stmt loop =
        new Stmt.While(
            new Expr.Literal("true", Types.BOOLEAN),
            new Stmt.Block(List.of(write(A), new Stmt.Assign(A, W))));
    ArrayEffects.Result r =
        ArrayEffects.analyse(
            method(new Stmt.Declare(Types.DOUBLE_ARRAY, "a", new Expr.NewArray(TypeName.DOUBLE, ZERO, Types.DOUBLE_ARRAY)), loop),
            NONE_WRITE);
    assertThat(r.findings()).hasSize(1);
  }

  @Test
  void freshArraysAndClonesOfFieldsMayBeWritten() {
    ArrayEffects.Result r =
        ArrayEffects.analyse(
            method(
                new Stmt.Declare(Types.DOUBLE_ARRAY, "a", new Expr.ArrayClone(W, Types.DOUBLE_ARRAY)),
                write(A)),
            NONE_WRITE);
    assertThat(r.findings()).isEmpty();
    assertThat(r.summary().writtenParameters()).isEmpty();
  }

  @Test
  void aCalleeOfUnknownEffectsIsTakenToWriteSharedArguments() {
    Expr.DiffCall call =
        new Expr.DiffCall(
            OWNER,
            ClassName.get("p", "MDerivatives"),
            "g",
            null,
            List.of(W, X),
            List.of(Types.DOUBLE_ARRAY, Types.DOUBLE_ARRAY),
            List.of(true, true),
            false,
            Types.DOUBLE);
    ArrayEffects.Callees unknown =
        new ArrayEffects.Callees() {
          @Override
          public ArrayEffects.Summary of(Expr.DiffCall c) {
            return null;
          }

          @Override
          public boolean writes(Expr.PlainCall c, int i) {
            return false;
          }
        };
    ArrayEffects.Result r = ArrayEffects.analyse(method(new Stmt.Return(call)), unknown);
    assertThat(r.findings()).hasSize(1);
    assertThat(r.findings().get(0).node()).isSameInstanceAs(W);
    assertThat(r.summary().writtenParameters()).containsExactly(0);
    // a callee known to read only
    assertThat(ArrayEffects.analyse(method(new Stmt.Return(call)), NONE_WRITE).findings()).isEmpty();
  }

  @Test
  void anIntArrayParameterIsNotCopiedSoItsWritesAreErrors() {
    ArrayTypeName ints = ArrayTypeName.of(TypeName.INT);
    MethodModel m =
        new MethodModel(
            OWNER,
            ClassName.get("p", "MDerivatives"),
            "f",
            true,
            List.of(new MethodModel.Param("c", ints, false)),
            Types.DOUBLE,
            new Stmt.Block(
                List.of(
                    new Stmt.Eval(
                        new Expr.IncDec(
                            "++", false, new Expr.Index(new Expr.Var("c", ints), ZERO, TypeName.INT), TypeName.INT)))),
            "M.java",
            1,
            0,
            List.of(),
            List.of(),
            OWNER);
    assertThat(ArrayEffects.analyse(m, NONE_WRITE).findings()).hasSize(1);
  }
}
