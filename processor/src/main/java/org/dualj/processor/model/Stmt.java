package org.dualj.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/** A statement of the method model. */
public sealed interface Stmt {

  /** {@code type name = init;} ({@code init} may be null). */
  record Declare(TypeName type, String name, Expr init) implements Stmt {}

  /** {@code target = value;} where target is a {@link Expr.Var} or {@link Expr.Index}. */
  record Assign(Expr target, Expr value) implements Stmt {}

  /** {@code target op= value;} on an inactive target (kept as written, implicit cast included). */
  record CompoundAssign(String op, Expr target, Expr value) implements Stmt {}

  /** An expression evaluated for its effect (increments, inactive calls). */
  record Eval(Expr expr) implements Stmt {}

  record Block(List<Stmt> body) implements Stmt {}

  record If(Expr cond, Stmt then, Stmt otherwise) implements Stmt {}

  record While(Expr cond, Stmt body) implements Stmt {}

  record DoWhile(Stmt body, Expr cond) implements Stmt {}

  /** {@code for (init; cond; update) body}; {@code cond} may be null. */
  record For(List<Stmt> init, Expr cond, List<Stmt> update, Stmt body) implements Stmt {}

  /** {@code for (type var : iterable) body}. */
  record ForEach(TypeName type, String var, Expr iterable, Stmt body) implements Stmt {}

  record Labeled(String label, Stmt body) implements Stmt {}

  record Break(String label) implements Stmt {}

  record Continue(String label) implements Stmt {}

  /** {@code return value;} ({@code value} null for a bare return). */
  record Return(Expr value) implements Stmt {}

  /**
   * {@code throw value;}: the thrown expression is evaluated on values only, so the generated code
   * throws what the method throws, under the same condition.
   */
  record Throw(Expr value) implements Stmt {}

  /**
   * {@code try body catch (T1 | T2 name) handler … finally fin} ({@code fin} may be null): body,
   * handlers and finally block are differentiated; no tangent flows through the exception, and
   * the caught exception is a value without derivative.
   */
  record Try(Block body, List<Catch> catches, Block fin) implements Stmt {}

  /** One handler of a {@link Try}: the caught types (several for a multi-catch), its variable. */
  record Catch(List<TypeName> types, String name, Block body) {}

  /** {@code assert cond : message;} ({@code message} may be null), on values only. */
  record Assert(Expr cond, Expr message) implements Stmt {}

  /** A classic or arrow {@code switch} statement on an inactive selector. */
  record Switch(Expr selector, List<Case> cases, boolean arrows) implements Stmt {}

  /** One case: constant labels (empty for {@code default}) and its statements. */
  record Case(List<Expr> labels, List<Stmt> body) {}

  /** A comment line in generated code. */
  record Comment(String text) implements Stmt {}

  /** Marks where a source statement begins: line number and its text, for comments. */
  record SourceLine(int line, String text, Stmt stmt) implements Stmt {}
}
