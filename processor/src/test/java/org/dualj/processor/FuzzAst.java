package org.dualj.processor;

import java.util.List;

/**
 * The programs of the differential fuzzer ({@link FuzzTest}) as a small tree: {@link
 * FuzzGenerator} builds them from a seed and {@link FuzzWriter} prints each twice, as the plain
 * {@code @Differentiable} Java that dualj differentiates and as the same computation over
 * Hipparchus {@code DerivativeStructure} (the oracle).
 */
final class FuzzAst {
  private FuzzAst() {}

  /** A {@code double}-valued expression. */
  sealed interface Expr
      permits Num, Ref, Field, Elem, MElem, FromInt, Neg, Bin, Fn, Tern, Call, Guard {}

  /** A literal. */
  record Num(double value) implements Expr {}

  /** A {@code double} local or parameter. */
  record Ref(String name) implements Expr {}

  /**
   * A field of the class: a {@code static final double}, or an instance field (only in instance
   * methods); {@code qualified} prints {@code this.w} or {@code Class.K}.
   */
  record Field(String name, boolean isStatic, boolean qualified) implements Expr {}

  /** {@code array[index]}. */
  record Elem(String array, Idx index) implements Expr {}

  /** {@code matrix[row][column]} of a {@code double[][]} local. */
  record MElem(String matrix, Idx row, Idx column) implements Expr {}

  /** {@code (double) i}. */
  record FromInt(Idx value) implements Expr {}

  /** {@code -e}. */
  record Neg(Expr operand) implements Expr {}

  /** {@code a op b} for {@code op} one of {@code + - * / %}. */
  record Bin(char op, Expr left, Expr right) implements Expr {}

  /**
   * {@code Math.name(args)} (or {@code StrictMath}); {@code scalb} takes the int {@code 2} as its
   * second argument, {@code nextUp} is the identity for the oracle.
   */
  record Fn(String name, List<Expr> args, boolean strict) implements Expr {}

  /** {@code c ? a : b}. */
  record Tern(Cond condition, Expr then, Expr otherwise) implements Expr {}

  /**
   * A call of a generated method of the class (another one, or itself with {@code n - 1})
   * returning {@code double}; {@code qualified} prints {@code this.m(…)} or {@code Class.m(…)}.
   * A call of a {@code void} method (shape {@code voidCallee}) is a Call too, only ever the call
   * of a {@link CallStmt}.
   */
  record Call(String method, List<Arg> args, boolean qualified) implements Expr {}

  /**
   * An operand near whose zero the function is singular ({@code cbrt}, a raw divisor): the plain
   * program prints just the operand, the oracle records its distance from zero so that sample
   * points too close to the singularity are drawn again.
   */
  record Guard(Expr operand) implements Expr {}

  /** An argument of a call: a {@link Expr}, an {@link Arr} or an {@link Idx}. */
  sealed interface Arg permits ExprArg, ArrArg, IntArg {}

  record ExprArg(Expr value) implements Arg {}

  record ArrArg(Arr value) implements Arg {}

  record IntArg(Idx value) implements Arg {}

  /** An {@code int}-valued expression (loop counters, bounds and indices; never active). */
  sealed interface Idx permits IConst, IVar, ILen, IMod, IAdd, ICast {}

  record IConst(int value) implements Idx {}

  record IVar(String name) implements Idx {}

  /** {@code array.length}. */
  record ILen(String array) implements Idx {}

  /** {@code (a % array.length)}. */
  record IMod(Idx value, String array) implements Idx {}

  /** {@code (a + k)}. */
  record IAdd(Idx value, int k) implements Idx {}

  /** {@code (int) Math.abs(e)}: an active value made inactive (piecewise constant). */
  record ICast(Expr value) implements Idx {}

  /** A condition. */
  sealed interface Cond permits Cmp, Parity, ICmp, And, Or, Not {}

  /** {@code a op b} on doubles, {@code op} one of {@code < <= > >=}. */
  record Cmp(String op, Expr left, Expr right) implements Cond {}

  /** {@code (i % 2 == 0)}. */
  record Parity(Idx value) implements Cond {}

  /** {@code i <= k} on ints (the base case of a recursion). */
  record ICmp(Idx value, int k) implements Cond {}

  record And(Cond left, Cond right) implements Cond {}

  record Or(Cond left, Cond right) implements Cond {}

  record Not(Cond operand) implements Cond {}

  /** A {@code double[]}-valued expression. */
  sealed interface Arr permits ARef, ANew, AInit, AClone, ACopyOf, ARow, ACall {}

  record ARef(String name) implements Arr {}

  /** {@code new double[length]}. */
  record ANew(Idx length) implements Arr {}

  /** {@code new double[] {e1, e2, ...}}, or just {@code {e1, e2, ...}} in a declaration if bare. */
  record AInit(List<Expr> elements, boolean bare) implements Arr {}

  /** {@code name.clone()}. */
  record AClone(String name) implements Arr {}

  /** {@code Arrays.copyOf(name, name.length)}, or {@code Arrays.copyOfRange(name, 0, name.length)}. */
  record ACopyOf(String name, boolean range) implements Arr {}

  /** Row {@code row} of a {@code double[][]} local: an alias of the matrix's storage. */
  record ARow(String matrix, Idx row) implements Arr {}

  /** A call of another generated method of the class returning {@code double[]}. */
  record ACall(String method, List<Arg> args, boolean qualified) implements Arr {}

  /** A statement. */
  sealed interface Stmt
      permits DeclD,
          SetD,
          OpSetD,
          IncD,
          IncElem,
          CallStmt,
          DeclA,
          SetElem,
          DeclM,
          SetMElem,
          ArrayCopy,
          Fill,
          OpSetElem,
          If,
          For,
          ForEach,
          While,
          DoWhile,
          Switch,
          DeclSwitch,
          ThrowIfNaN,
          Jump,
          Return {}

  /** {@code double name = e;} */
  record DeclD(String name, Expr value) implements Stmt {}

  /**
   * {@code double name = switch (selector % arms.size()) { case 0 -> e0; … default -> en; };}, an
   * arm written {@code case k -> { yield ek; }} where {@code yields} says so (alternating).
   */
  record DeclSwitch(String name, Idx selector, List<Expr> arms, boolean yields) implements Stmt {}

  /**
   * {@code if (Double.isNaN(e)) throw new IllegalStateException("NaN: " + e);}: never thrown at the
   * sample points (expressions are kept in their domains), but a throw in every generated mode.
   */
  record ThrowIfNaN(Expr value) implements Stmt {}

  /** {@code name = e;} */
  record SetD(String name, Expr value) implements Stmt {}

  /** {@code name op= e;} with {@code op} one of {@code + - * / %}. */
  record OpSetD(String name, char op, Expr value) implements Stmt {}

  /** {@code name++;} or {@code name--;} */
  record IncD(String name, boolean increment) implements Stmt {}

  /** {@code array[i]++;} or {@code array[i]--;} */
  record IncElem(String array, Idx index, boolean increment) implements Stmt {}

  /** A call as a statement, its result dropped: {@code m(…);}; {@code call} is a Call or ACall. */
  record CallStmt(Object call) implements Stmt {}

  /** {@code double[] name = a;} */
  record DeclA(String name, Arr value) implements Stmt {}

  /** {@code array[i] = e;} */
  record SetElem(String array, Idx index, Expr value) implements Stmt {}

  /** {@code double[][] name = new double[size][size]}: a square local matrix of zeros. */
  record DeclM(String name, int size) implements Stmt {}

  /** {@code matrix[row][column] = value}. */
  record SetMElem(String matrix, Idx row, Idx column, Expr value) implements Stmt {}

  /** {@code System.arraycopy(src, srcPos, dst, dstPos, length)}, always in range. */
  record ArrayCopy(String src, Idx srcPos, String dst, Idx dstPos, Idx length) implements Stmt {}

  /** {@code Arrays.fill(array, value)}. */
  record Fill(String array, Expr value) implements Stmt {}

  /** {@code array[i] op= e;} */
  record OpSetElem(String array, Idx index, char op, Expr value) implements Stmt {}

  /** {@code if (c) {...} else {...}}; {@code otherwise} may be empty (no else). */
  record If(Cond condition, List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  /**
   * {@code label: for (int v = 0; v < bound; v++) {...}}; label may be null; with {@code
   * callUpdate} the update is {@code v = $next(v)}, a call of a plain helper.
   */
  record For(String label, String counter, Idx bound, List<Stmt> body, boolean callUpdate)
      implements Stmt {
    For(String label, String counter, Idx bound, List<Stmt> body) {
      this(label, counter, bound, body, false);
    }
  }

  /** {@code label: for (double v : array) {...}} */
  record ForEach(String label, String variable, String array, List<Stmt> body) implements Stmt {}

  /**
   * {@code int v = 0; label: while (v < bound && extra) { v++; ... }} (the increment first, so
   * continue is safe); {@code extra} may be null. With {@code incrementInCondition}: {@code while
   * (v++ < bound && extra) { ... }}, the same trips with the same v in the body.
   */
  record While(String label, String counter, int bound, Cond extra, List<Stmt> body,
      boolean incrementInCondition) implements Stmt {}

  /** {@code int v = 0; label: do { v++; ... } while (v < bound && extra);} */
  record DoWhile(String label, String counter, int bound, Cond extra, List<Stmt> body)
      implements Stmt {}

  /**
   * {@code switch (selector % cases.size()) { case 0: … default: … }}: the last case is the
   * default; {@code arrow} for the {@code ->} form, else classic with a {@code break} at the end of
   * each case unless {@code fallsThrough} says otherwise.
   */
  record Switch(Idx selector, List<List<Stmt>> cases, boolean arrow, List<Boolean> fallsThrough)
      implements Stmt {}

  /** {@code if (c) { break label; }} or {@code if (c) { continue label; }}; label may be null. */
  record Jump(Cond condition, boolean isBreak, String label) implements Stmt {}

  /**
   * {@code return value;}, or {@code if (c) { return value; }} when {@code condition} is not null.
   * {@code value} is an {@link Expr} or an {@link Arr}, or null for {@code return;} in a {@code
   * void} method.
   */
  record Return(Cond condition, Object value) implements Stmt {}

  enum Kind {
    DOUBLE,
    ARRAY,
    INT
  }

  record Param(Kind kind, String name) {}

  /**
   * A generated method. {@code wrt} is null for the default (every double and double[]
   * parameter); {@code chunk} 0 is the default; {@code order} 2 prints {@code order = 2} (second
   * derivatives too). {@code isVoid}: a {@code void} method writing its output into its {@code
   * double[]} parameters (shape {@code voidCallee}; {@code returnsArray} is then false); the
   * harness checks only its callers, since it has no entry points of its own.
   */
  record Method(
      String name,
      List<Param> params,
      boolean returnsArray,
      List<Stmt> body,
      List<String> wrt,
      int chunk,
      boolean isPublic,
      boolean isStatic,
      int order,
      boolean isVoid) {

    Method(String name, List<Param> params, boolean returnsArray, List<Stmt> body, List<String> wrt, int chunk,
        boolean isPublic, boolean isStatic, int order) {
      this(name, params, returnsArray, body, wrt, chunk, isPublic, isStatic, order, false);
    }

    Method withOrder(int newOrder) {
      return new Method(name, params, returnsArray, body, wrt, chunk, isPublic, isStatic, newOrder, isVoid);
    }

    boolean differentiates(Param p) {
      return p.kind() != Kind.INT && (wrt == null || wrt.contains(p.name()));
    }
  }

  /** A field of the class, read as a constant. */
  record FieldDecl(String name, double value, boolean isStatic, boolean isFinal) {}

  /**
   * A {@code double[]} field of the class ({@code arrayLength} elements, {@code values}), static or
   * instance: methods read it and, in the shape {@code fieldAlias}, write it directly, through local
   * aliases and through callees ({@link FuzzGenerator#AVOIDED}). The harness restores its contents
   * before every call.
   */
  record ArrayField(String name, List<Double> values, boolean isStatic) {}

  /**
   * A class of generated methods; every array in it has {@code arrayLength} elements. {@code
   * minimalParentheses} prints the plain version with only the parentheses that Java needs. {@code
   * arrayFields}: its {@code double[]} fields; {@code finalMethods}: methods declared {@code final};
   * {@code overrides}: methods of a nested subclass {@code Sub} overriding instance methods of the
   * class (shape {@code overriding}; the class is then not final and instance methods are checked
   * with a {@code Sub} receiver too); {@code acceptableErrors}: dualj tags a compilation may fail
   * with instead of compiling (the rejections that the shapes of the program may rightly get).
   */
  record Program(
      long seed,
      String className,
      int arrayLength,
      List<FieldDecl> fields,
      List<Method> methods,
      boolean minimalParentheses,
      List<ArrayField> arrayFields,
      java.util.Set<String> finalMethods,
      List<Method> overrides,
      java.util.Set<String> acceptableErrors) {

    Program(
        long seed,
        String className,
        int arrayLength,
        List<FieldDecl> fields,
        List<Method> methods,
        boolean minimalParentheses) {
      this(seed, className, arrayLength, fields, methods, minimalParentheses, List.of(), java.util.Set.of(), List.of(),
          java.util.Set.of());
    }
  }
}
