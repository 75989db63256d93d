package org.dualj.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * An expression of the method model: typed, side-effect structure explicit, no javac trees.
 *
 * <p>The same node kinds describe the user's method (read from source) and the generated
 * tangent code, so the tangent transformation is a function from this model to itself and can be
 * applied again or printed by any emitter.
 */
public sealed interface Expr {

  /** The Java type of this expression's value. */
  TypeName type();

  /** A literal, already spelled as Java source ({@code 1.5}, {@code 2}, {@code true}, {@code "s"}). */
  record Literal(String code, TypeName type) implements Expr {}

  /** A local variable or parameter of the method being built. */
  record Var(String name, TypeName type) implements Expr {}

  /** A field read: {@code receiver.name} for instance fields, {@code Owner.name} for static ones. */
  record FieldRead(Expr receiver, ClassName owner, String name, TypeName type) implements Expr {}

  /** A prefix operator: {@code - + ! ~}. */
  record Unary(String op, Expr operand, TypeName type) implements Expr {}

  /** {@code ++x}, {@code x--} and friends; inactive integer targets only. */
  record IncDec(String op, boolean prefix, Expr target, TypeName type) implements Expr {}

  /** An infix operator, including comparisons and {@code && ||}. */
  record Binary(String op, Expr left, Expr right, TypeName type) implements Expr {}

  /** {@code cond ? whenTrue : whenFalse}. */
  record Conditional(Expr cond, Expr whenTrue, Expr whenFalse, TypeName type) implements Expr {}

  /** {@code (type) operand}. */
  record Cast(TypeName type, Expr operand) implements Expr {}

  /** {@code array[index]}. */
  record Index(Expr array, Expr index, TypeName type) implements Expr {}

  /** {@code array.length}. */
  record Length(Expr array, TypeName type) implements Expr {}

  /** {@code new elem[length]} (one dimension). */
  record NewArray(TypeName elementType, Expr length, TypeName type) implements Expr {}

  /**
   * {@code new double[d0][d1]…[]}: a multi-dimensional array creation with the given dimension
   * expressions; {@code type} may have more dimensions than {@code dims} ({@code new double[m][]}).
   */
  record NewMatrix(TypeName elementType, List<Expr> dims, TypeName type) implements Expr {}

  /** {@code new elem[] {a, b, ...}} or an array initializer {@code {a, b}}. */
  record ArrayInit(TypeName elementType, List<Expr> elements, TypeName type) implements Expr {}

  /** {@code array.clone()} of a {@code double[]}, or (shallow) of a {@code double[][]}. */
  record ArrayClone(Expr array, TypeName type) implements Expr {}

  /** A call of {@code Math.f}/{@code StrictMath.f} with a rule in the tangent table. */
  record MathCall(ClassName owner, Elementary fn, List<Expr> args, TypeName type) implements Expr {}

  /**
   * A call of another {@code @Differentiable} method. {@code receiver} is null for static
   * methods; {@code derivatives} is the class holding its generated derivative;
   * {@code activeParameters} says which parameters the callee differentiates with respect to.
   */
  record DiffCall(
      ClassName owner,
      ClassName derivatives,
      String name,
      Expr receiver,
      List<Expr> args,
      List<TypeName> parameterTypes,
      List<Boolean> activeParameters,
      boolean privateCallee,
      TypeName type)
      implements Expr {}

  /**
   * A call of a static {@code double} method that has user tangent rules ({@code @TangentRule}):
   * {@code owner.name(args)}. {@code partials} holds, per argument, the rule giving the partial
   * derivative with respect to it, or null where there is none (that argument must then be
   * inactive).
   */
  record RuleCall(
      ClassName owner,
      String name,
      List<Expr> args,
      List<TypeName> parameterTypes,
      List<Rule> partials,
      TypeName type)
      implements Expr {}

  /**
   * Any other call; only ever inactive (no active argument), so it is emitted unchanged.
   * {@code receiver} is null for static calls, which are qualified by {@code owner}.
   */
  record PlainCall(ClassName owner, Expr receiver, String name, List<Expr> args, TypeName type)
      implements Expr {}

  /**
   * {@code new type(args)}: an object creation, read only where its value is never differentiated
   * (the operand of {@code throw}, the message of {@code assert}); never active.
   */
  record NewObject(TypeName type, List<Expr> args) implements Expr {}

  /**
   * A lambda or a method reference into which no value that depends on the inputs flows, printed
   * as written: {@code format} is its source text as a JavaPoet format whose indexed arguments are
   * {@code captured} (the method's variables and receiver it reads, {@code $1L}, {@code $2L}, …)
   * followed by {@code names} (the types and owners it names, qualified in the generated file,
   * {@code $3T}, …). Never active.
   */
  record Lambda(String format, List<Expr> captured, List<TypeName> names, TypeName type)
      implements Expr {}

  // ---- nodes that appear only in generated code ----

  /** {@code Dual.of(value, tangent)}. */
  record MakeDual(Expr value, Expr tangent, TypeName type) implements Expr {}

  /** {@code dual.value()} or {@code dual.tangent()}. */
  record DualPart(Expr dual, boolean tangent, TypeName type) implements Expr {}

  /** A call of a static helper of the runtime or of a generated class: {@code Owner.name(args)}. */
  record StaticCall(ClassName owner, String name, List<Expr> args, TypeName type) implements Expr {}
}
