package org.dualj.processor.analysis;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.dualj.processor.diag.Message;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Rule;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;
import org.dualj.processor.rules.TangentTable;

/**
 * Activity analysis: which variables carry a tangent.
 *
 * <p>A variable is active when it has type {@code double} or {@code double[]} and some assignment
 * to it has a value that depends on an active input. The analysis is flow-insensitive (a variable
 * is active everywhere if it is active anywhere), which is simple and safe: an assignment of an
 * inactive value to an active variable just sets its tangent to zero. Arrays that alias each
 * other share activity, and arrays passed to a differentiated callee become active because the
 * callee may write into them.
 *
 * <p>The same pass finds the places where an active value would flow somewhere that cannot carry
 * a derivative (a call without a derivative, a {@code float}, a boxed {@code Double}).
 *
 * <p>This class walks the statements and answers the queries; {@link ActivityChecks} walks the
 * expressions, and {@link ValueFlow} follows the values that reach the derivative other than as
 * tangents, for the calls without derivatives.
 */
public final class Activity {
  private final Set<String> active = new HashSet<>();
  /** The differentiated parameters, whose tangents (rows of a matrix's included) the caller gives. */
  private final Set<String> seeded = new HashSet<>();
  private final List<Object> offending = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();
  private final List<Object[]> arguments = new ArrayList<>();
  /** Array variables that may share storage the analysis cannot see (a field, a row of a matrix). */
  private final Map<String, Stmt> untracked = new LinkedHashMap<>();
  /** Tangent rules the generated class cannot call. */
  private Set<Rule> inaccessibleRules = Set.of();
  private MethodModel method;
  private boolean changed;
  private boolean reporting;
  private boolean returnsActive;
  private boolean returns;
  /** Where values flow other than as derivatives, for the calls without derivatives. */
  private ValueFlow values;
  /** The expressions' part of the analysis. */
  private ActivityChecks checks;

  /** A problem found by the analysis, at a model node (mapped back to its tree by the caller). */
  public record Finding(Object node, Message message, Object[] args) {}

  /** Whether a call surely only reads its array argument i. */
  java.util.function.BiPredicate<Expr.PlainCall, Integer> readsOnly;

  /** Whether a call of a differentiated method surely only reads its array argument i. */
  java.util.function.BiPredicate<Expr.DiffCall, Integer> diffReadsOnly = (call, i) -> false;

  private Activity() {}

  /** Analyses {@code method} with the given parameters seeded as active. */
  public static Activity of(MethodModel method, Set<String> activeParams) {
    return of(method, activeParams, Set.of());
  }

  /**
   * Analyses {@code method}; a call that needs one of {@code inaccessibleRules} for an active
   * argument is an error.
   */
  public static Activity of(MethodModel method, Set<String> activeParams, Set<Rule> inaccessibleRules) {
    return of(method, activeParams, inaccessibleRules, (call, i) -> false);
  }

  /**
   * Analyses {@code method}, knowing from {@code readsOnly} which calls surely only read an array
   * argument (a method of this compilation whose source writes no element and hands no array on):
   * such a call may take an active array, and its result needs no derivative where it only feeds
   * conditions and indices. Any other call is taken to write into every array it is given.
   */
  public static Activity of(
      MethodModel method,
      Set<String> activeParams,
      Set<Rule> inaccessibleRules,
      java.util.function.BiPredicate<Expr.PlainCall, Integer> readsOnly) {
    return new Activity().run(method, activeParams, inaccessibleRules, readsOnly);
  }

  private Activity run(
      MethodModel method,
      Set<String> activeParams,
      Set<Rule> inaccessibleRules,
      java.util.function.BiPredicate<Expr.PlainCall, Integer> readsOnly) {
    Activity a = this;
    a.readsOnly = readsOnly;
    a.method = method;
    a.inaccessibleRules = inaccessibleRules;
    a.active.addAll(activeParams);
    a.seeded.addAll(activeParams);
    a.values = new ValueFlow(a, method);
    a.checks = new ActivityChecks(a, a.values);
    do {
      a.changed = false;
      a.stmts(method.body().body());
    } while (a.changed);
    a.values.compute();
    a.reporting = true;
    a.stmts(method.body().body());
    for (Map.Entry<String, Stmt> e : a.untracked.entrySet()) {
      if (a.active.contains(e.getKey())) {
        a.report(e.getValue(), Message.ARRAY_ALIAS, e.getKey());
      }
    }
    return a;
  }

  /**
   * As {@link #of(MethodModel, Set, Set, java.util.function.BiPredicate)}, knowing also from
   * {@code diffReadsOnly} which array arguments a call of a differentiated method surely only
   * reads: such an argument is not made to carry tangents by the call (a data array passed on
   * with the differentiated inputs stays data).
   */
  public static Activity of(
      MethodModel method,
      Set<String> activeParams,
      Set<Rule> inaccessibleRules,
      java.util.function.BiPredicate<Expr.PlainCall, Integer> readsOnly,
      java.util.function.BiPredicate<Expr.DiffCall, Integer> diffReadsOnly) {
    Activity a = new Activity();
    a.diffReadsOnly = diffReadsOnly;
    return a.run(method, activeParams, inaccessibleRules, readsOnly);
  }

  /** True if some return statement returns a value that depends on the active inputs. */
  public boolean returnsActive() {
    return returnsActive;
  }

  /** True if the method has a return statement with a value (without one, javac reports it). */
  public boolean returns() {
    return returns;
  }

  public boolean isActiveVar(String name) {
    return active.contains(name);
  }

  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < offending.size(); i++) {
      out.add(new Finding(offending.get(i), messages.get(i), arguments.get(i)));
    }
    return out;
  }

  /** True when {@code e} has a nonzero derivative with respect to the active inputs. */
  public boolean isActive(Expr e) {
    if (e instanceof Expr.Var v) {
      return active.contains(v.name()) && carriesTangent(v.type());
    } else if (e instanceof Expr.Literal l) {
      return false;
    } else if (e instanceof Expr.FieldRead f) {
      return false;
    } else if (e instanceof Expr.Length l) {
      return false;
    } else if (e instanceof Expr.NewArray n) {
      return false;
    } else if (e instanceof Expr.NewMatrix n) {
      return false;
    } else if (e instanceof Expr.IncDec i) {
      return false;
    } else if (e instanceof Expr.PlainCall p) {
      // Arrays.copyOf(a, n) and copyOfRange copy a's tangents
      return ArrayCalls.copies(p) && isActive(ArrayCalls.source(p));
    } else if (e instanceof Expr.Unary u) {
      return u.op().equals("-") && isDouble(u.type()) && isActive(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return isDouble(b.type())
              && "+-*/%".contains(b.op())
              && (isActive(b.left()) || isActive(b.right()));
    } else if (e instanceof Expr.Conditional c) {
      return carriesTangent(c.type()) && (isActive(c.whenTrue()) || isActive(c.whenFalse()));
    } else if (e instanceof Expr.Cast c) {
      return isDouble(c.type()) && isActive(c.operand());
    } else if (e instanceof Expr.Index i) {
      // an element of a double[], or a row of a double[][]
      return (isDouble(i.type()) || Types.DOUBLE_ARRAY.equals(i.type())) && isActive(i.array());
    } else if (e instanceof Expr.ArrayInit a) {
      return a.elements().stream().anyMatch(this::isActive);
    } else if (e instanceof Expr.ArrayClone c) {
      return isActive(c.array());
    } else if (e instanceof Expr.MathCall m) {
      if (TangentTable.isConstant(m.fn())) {
        return false;
      }
      for (int i = 0; i < m.args().size(); i++) {
        if (TangentTable.dependsOn(m.fn(), i)) {
          if (isActive(m.args().get(i))) {
            return true;
          }
        }
      }
      return false;
    } else if (e instanceof Expr.DiffCall d) {
      return Types.isResult(d.type()) && d.args().stream().anyMatch(this::isActive);
    } else if (e instanceof Expr.RuleCall r) {
      for (int i = 0; i < r.args().size(); i++) {
        if (r.partials().get(i) != null && isActive(r.args().get(i))) {
          return true;
        }
      }
      return false;
    } else if (e instanceof Expr.MakeDual m) {
      return true;
    } else if (e instanceof Expr.DualPart d) {
      return true;
    } else if (e instanceof Expr.StaticCall s) {
      return false;
    } else if (e instanceof Expr.NewObject n) {
      return false;
    } else if (e instanceof Expr.Lambda l) {
      return false; // an active capture is an error (ActivityChecks)
    }
    throw new AssertionError(e);
  }

  private static boolean isDouble(TypeName t) {
    return Types.DOUBLE.equals(t);
  }

  /** {@code double}, {@code double[]} and {@code double[][]} variables can carry tangents. */
  static boolean carriesTangent(TypeName t) {
    return Types.isDifferentiable(t) || Types.isMatrix(t);
  }

  void mark(Expr.Var v) {
    if (v != null && carriesTangent(v.type()) && active.add(v.name())) {
      changed = true;
    }
  }

  /** The method analysed. */
  MethodModel method() {
    return method;
  }

  /** The tangent rules the generated class cannot call. */
  Set<Rule> inaccessibleRules() {
    return inaccessibleRules;
  }

  /** True for an array variable that may share storage the analysis cannot see. */
  boolean isUntracked(String name) {
    return untracked.containsKey(name);
  }

  private void untrack(String name, Stmt s) {
    if (untracked.putIfAbsent(name, s) == null) {
      changed = true;
    }
  }

  void report(Object node, Message message, Object... args) {
    if (reporting) {
      offending.add(node);
      messages.add(message);
      arguments.add(args);
    }
  }

  // ---------------------------------------------------------------- statements

  private void stmts(List<Stmt> list) {
    for (Stmt s : list) {
      stmt(s);
    }
  }

  /**
   * Walks a statement: assignments move activity, and every expression is checked; the parts of
   * a branch, loop, block, switch or try are walked in source order after its own expressions
   * ({@link Stmts}), except where a loop evaluates them in another order.
   */
  private void stmt(Stmt s) {
    if (s == null) {
      return;
    }
    if (s instanceof Stmt.SourceLine l) {
      stmt(l.stmt());
    } else if (s instanceof Stmt.Declare d) {
      if (d.init() != null) {
        checks.expr(d.init());
        flow(s, new Expr.Var(d.name(), d.type()), d.init());
      }
    } else if (s instanceof Stmt.Assign a) {
      assign(a);
    } else if (s instanceof Stmt.CompoundAssign c) {
      checks.expr(c.target());
      checks.expr(c.value());
      if (isActive(c.value())) {
        report(s, Message.UNSUPPORTED_TYPE, typeLabel(c.target().type()));
      }
    } else if (s instanceof Stmt.Eval e) {
      checks.expr(e.expr() instanceof Expr.IncDec i ? i.target() : e.expr());
    } else if (s instanceof Stmt.DoWhile d) {
      stmt(d.body());
      checks.expr(d.cond());
    } else if (s instanceof Stmt.For f) {
      stmts(f.init());
      if (f.cond() != null) {
        checks.expr(f.cond());
      }
      stmts(f.update());
      stmt(f.body());
    } else if (s instanceof Stmt.ForEach f) {
      forEach(f);
    } else if (s instanceof Stmt.Return r) {
      if (r.value() != null) {
        checks.expr(r.value());
        returnsActive |= isActive(r.value());
        returns = true;
      }
    } else {
      // blocks, if, while, labels, switch, try, throw and assert (on values only, like a
      // condition); a caught exception is an object without tangent
      Stmts.exprs(s).forEach(checks::expr);
      Stmts.children(s).forEach(this::stmt);
    }
  }

  /** {@code target = value} for a variable, an element or a row. */
  private void assign(Stmt.Assign a) {
    checks.expr(a.target());
    checks.expr(a.value());
    if (a.target() instanceof Expr.Var v) {
      flow(a, v, a.value());
    } else if (a.target() instanceof Expr.Index ix && isActive(a.value())) {
      Expr.Var root = Exprs.rootVar(ix.array());
      if (root == null) {
        report(a, Message.FIELD_WRITE, "an element of a field's array");
      } else if (!Types.DOUBLE_ARRAY.equals(root.type()) && !Types.isMatrix(root.type())) {
        report(a, Message.UNSUPPORTED_TYPE, typeLabel(root.type()));
      } else {
        mark(root);
      }
    }
    if (a.target() instanceof Expr.Index ix && Types.DOUBLE_ARRAY.equals(ix.type())) {
      // m[i] = row: the row is now storage of m, and shares its activity
      Expr.Var root = Exprs.rootVar(ix.array());
      if (root != null && active.contains(root.name())) {
        for (Expr.Var alias : arrayVars(a.value())) {
          mark(alias);
        }
      }
      if (root != null && sharesUntrackedStorage(a.value())) {
        untrack(root.name(), a);
      }
    }
  }

  /** {@code for (T v : iterable)}: v is active with the array, a row shares its matrix's. */
  private void forEach(Stmt.ForEach f) {
    if (Types.DOUBLE_ARRAY.equals(f.type())) {
      // for (double[] row : m): each row is storage of m
      Expr.Var matrix = f.iterable() instanceof Expr.Var v ? v : null;
      if (matrix == null || isParameter(matrix.name()) || untracked.containsKey(matrix.name())) {
        untrack(f.var(), f);
      } else if (active.contains(f.var())) {
        mark(matrix);
      }
    }
    checks.expr(f.iterable());
    if (isActive(f.iterable())) {
      if (!isDouble(f.type()) && !Types.DOUBLE_ARRAY.equals(f.type())) {
        report(f, Message.UNSUPPORTED_TYPE, typeLabel(f.type()));
      } else {
        mark(new Expr.Var(f.var(), f.type()));
      }
    }
    stmt(f.body());
  }

  /** {@code target = value}: activity flows into the target, and array aliases share it. */
  private void flow(Stmt s, Expr.Var target, Expr value) {
    if (isActive(value)) {
      if (!carriesTangent(target.type())) {
        if (!(value instanceof Expr.ArrayInit)) { // an initializer reports at its own tree
          report(s, Message.UNSUPPORTED_TYPE, typeLabel(target.type()));
        }
        return;
      }
      mark(target);
    }
    if (Types.DOUBLE_ARRAY.equals(target.type()) || Types.isMatrix(target.type())) {
      if (sharesUntrackedStorage(value)) {
        untrack(target.name(), s);
      }
      for (Expr.Var alias : arrayVars(value)) {
        if (active.contains(target.name())) {
          mark(alias);
        }
      }
    }
  }

  /**
   * True if an array value may be storage the method cannot give a tangent: a field, a call's, a
   * row of a matrix other than a local one whose storage is tracked.
   */
  private boolean sharesUntrackedStorage(Expr value) {
    if (value instanceof Expr.Conditional c) {
      return sharesUntrackedStorage(c.whenTrue()) || sharesUntrackedStorage(c.whenFalse());
    }
    if (value instanceof Expr.Index ix) {
      Expr.Var matrix = ix.array() instanceof Expr.Var v ? v : null;
      return matrix == null || isParameter(matrix.name()) || untracked.containsKey(matrix.name());
    }
    if (value instanceof Expr.Var v && Types.isMatrix(v.type())) {
      return untracked.containsKey(v.name());
    }
    if (value instanceof Expr.ArrayClone c && Types.isMatrix(c.type())) {
      return sharesUntrackedStorage(c.array()); // shallow: the rows are the original's
    }
    if (value instanceof Expr.ArrayInit a && Types.isMatrix(a.type())) {
      return a.elements().stream().anyMatch(this::sharesUntrackedStorage);
    }
    return value instanceof Expr.FieldRead
        || (value instanceof Expr.PlainCall && !ArrayCalls.copies(value))
        || value instanceof Expr.Cast;
  }

  /**
   * True for a parameter other than a differentiated one: its rows are the caller's storage
   * without tangents.
   */
  boolean isParameter(String name) {
    return !seeded.contains(name) && method.params().stream().anyMatch(p -> p.name().equals(name));
  }

  /**
   * The array variables an array-valued expression may evaluate to or share storage with
   * (aliases): a row {@code m[i]} shares m's, a matrix {@code {r, s}} or {@code m.clone()} its rows'.
   */
  private static List<Expr.Var> arrayVars(Expr value) {
    List<Expr.Var> out = new ArrayList<>();
    if (value instanceof Expr.Var v) {
      out.add(v);
    } else if (value instanceof Expr.Conditional c) {
      out.addAll(arrayVars(c.whenTrue()));
      out.addAll(arrayVars(c.whenFalse()));
    } else if (value instanceof Expr.Index ix && Types.DOUBLE_ARRAY.equals(ix.type())) {
      out.addAll(arrayVars(ix.array()));
    } else if (value instanceof Expr.ArrayClone c && Types.isMatrix(c.type())) {
      out.addAll(arrayVars(c.array()));
    } else if (value instanceof Expr.ArrayInit a && Types.isMatrix(a.type())) {
      for (Expr row : a.elements()) {
        out.addAll(arrayVars(row));
      }
    }
    return out;
  }

  static String typeLabel(TypeName t) {
    return t == null ? "value" : t.toString();
  }


  /** True for an element or variable of an active {@code double} that an increment would change. */
  boolean isActiveTarget(Expr target) {
    Expr.Var root = Exprs.rootVar(target);
    return root != null && active.contains(root.name()) && isDouble(target.type());
  }
}
