package org.dualj.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * A private static helper of the user's class whose result needs no derivative (it returns
 * nothing, an {@code int}, a {@code boolean}, …), copied into the generated class as a private
 * static method, so that the generated code calls it exactly as the primal does: same
 * parameters, same body, same exceptions under the same conditions.
 *
 * @param name the copy's name in the generated class (the helper's, or prefixed where that would
 *     clash with a generated method)
 * @param source the helper as {@code Owner.name}, for the copy's Javadoc
 * @param params the helper's parameters (none active)
 * @param varArgs whether the last parameter is variable-arity, as the helper's is
 * @param body the helper's body, each statement after a comment with its source line
 */
public record MethodCopy(
    String name,
    String source,
    TypeName returnType,
    List<MethodModel.Param> params,
    boolean varArgs,
    List<TypeName> thrown,
    Stmt.Block body) {

  /** The key under which one generated class holds one copy: its name and parameter types. */
  public String key() {
    StringBuilder b = new StringBuilder(name).append('(');
    for (MethodModel.Param p : params) {
      b.append(p.type()).append(',');
    }
    return b.append(')').toString();
  }

  /**
   * {@code body} with each statement's source line as a comment before it ({@code // line 12:
   * check(x);}), as the generated tangent code has them.
   */
  public static Stmt.Block commented(Stmt.Block body) {
    return (Stmt.Block) Stmts.rewrite(body, MethodCopy::commentLines);
  }

  private static Stmt commentLines(Stmt s) {
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(flatten(b.body()));
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(c.labels(), flatten(c.body())));
      }
      return new Stmt.Switch(sw.selector(), cases, sw.arrows());
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(f.init(), f.cond(), f.update(), alone(f.body()));
    } else if (s instanceof Stmt.SourceLine || s instanceof Stmt.Labeled) {
      return s; // a labelled loop stays the labelled statement, for its continue
    }
    return Stmts.mapChildren(s, MethodCopy::alone);
  }

  /** A statement that stands alone (a loop's body, a branch): its comment and it in a block. */
  private static Stmt alone(Stmt s) {
    return s instanceof Stmt.SourceLine l ? new Stmt.Block(flatten(List.of(l))) : s;
  }

  private static List<Stmt> flatten(List<Stmt> list) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : list) {
      if (s instanceof Stmt.SourceLine l) {
        out.add(new Stmt.Comment("line " + l.line() + ": " + l.text()));
        out.add(l.stmt());
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
