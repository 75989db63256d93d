package org.dualj.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
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
  /** Variables of other types whose values depend on the inputs (a String, a list, an object). */
  private final Set<String> tainted = new HashSet<>();
  /** Variables whose values feed the derivative (the result, an output array). */
  private final Set<String> useful = new HashSet<>();
  /** Calls without a derivative whose results feed the derivative. */
  private final Set<Expr> usefulCalls = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** A problem found by the analysis, at a model node (mapped back to its tree by the caller). */
  public record Finding(Object node, Message message, Object[] args) {}

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
    Activity a = new Activity();
    a.method = method;
    a.inaccessibleRules = inaccessibleRules;
    a.active.addAll(activeParams);
    a.seeded.addAll(activeParams);
    do {
      a.changed = false;
      a.stmts(method.body().body());
    } while (a.changed);
    a.valueOnly();
    a.reporting = true;
    a.stmts(method.body().body());
    for (Map.Entry<String, Stmt> e : a.untracked.entrySet()) {
      if (a.active.contains(e.getKey())) {
        a.report(e.getValue(), Message.ARRAY_ALIAS, e.getKey());
      }
    }
    return a;
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
      return Types.isDifferentiable(d.type()) && d.args().stream().anyMatch(this::isActive);
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
    }
    throw new AssertionError(e);
  }

  private static boolean isDouble(TypeName t) {
    return Types.DOUBLE.equals(t);
  }

  /** {@code double}, {@code double[]} and {@code double[][]} variables can carry tangents. */
  private static boolean carriesTangent(TypeName t) {
    return Types.isDifferentiable(t) || Types.isMatrix(t);
  }

  private void mark(Expr.Var v) {
    if (v != null && carriesTangent(v.type()) && active.add(v.name())) {
      changed = true;
    }
  }

  private void untrack(String name, Stmt s) {
    if (untracked.putIfAbsent(name, s) == null) {
      changed = true;
    }
  }

  private void report(Object node, Message message, Object... args) {
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

  private void stmt(Stmt s) {
    if (s == null) {
      return;
    }
    if (s instanceof Stmt.SourceLine l) {
      stmt(l.stmt());
    } else if (s instanceof Stmt.Block b) {
      stmts(b.body());
    } else if (s instanceof Stmt.Declare d) {
      if (d.init() != null) {
        expr(d.init());
        flow(s, new Expr.Var(d.name(), d.type()), d.init());
      }
    } else if (s instanceof Stmt.Assign a) {
      expr(a.target());
      expr(a.value());
      if (a.target() instanceof Expr.Var v) {
        flow(s, v, a.value());
      } else if (a.target() instanceof Expr.Index ix && isActive(a.value())) {
        Expr.Var root = Exprs.rootVar(ix.array());
        if (root == null) {
          report(s, Message.FIELD_WRITE, "an element of a field's array");
        } else if (!Types.DOUBLE_ARRAY.equals(root.type()) && !Types.isMatrix(root.type())) {
          report(s, Message.UNSUPPORTED_TYPE, typeLabel(root.type()));
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
          untrack(root.name(), s);
        }
      }
    } else if (s instanceof Stmt.CompoundAssign c) {
      expr(c.target());
      expr(c.value());
      if (isActive(c.value())) {
        report(s, Message.UNSUPPORTED_TYPE, typeLabel(c.target().type()));
      }
    } else if (s instanceof Stmt.Eval e) {
      if (e.expr() instanceof Expr.IncDec i) {
        expr(i.target());
      } else {
        expr(e.expr());
      }
    } else if (s instanceof Stmt.If i) {
      expr(i.cond());
      stmt(i.then());
      stmt(i.otherwise());
    } else if (s instanceof Stmt.While w) {
      expr(w.cond());
      stmt(w.body());
    } else if (s instanceof Stmt.DoWhile d) {
      stmt(d.body());
      expr(d.cond());
    } else if (s instanceof Stmt.For f) {
      stmts(f.init());
      if (f.cond() != null) {
        expr(f.cond());
      }
      stmts(f.update());
      stmt(f.body());
    } else if (s instanceof Stmt.ForEach f) {
      if (Types.DOUBLE_ARRAY.equals(f.type())) {
        // for (double[] row : m): each row is storage of m
        Expr.Var matrix = f.iterable() instanceof Expr.Var v ? v : null;
        if (matrix == null || isParameter(matrix.name()) || untracked.containsKey(matrix.name())) {
          untrack(f.var(), s);
        } else if (active.contains(f.var())) {
          mark(matrix);
        }
      }
      expr(f.iterable());
      if (isActive(f.iterable())) {
        if (!isDouble(f.type()) && !Types.DOUBLE_ARRAY.equals(f.type())) {
          report(s, Message.UNSUPPORTED_TYPE, typeLabel(f.type()));
        } else {
          mark(new Expr.Var(f.var(), f.type()));
        }
      }
      stmt(f.body());
    } else if (s instanceof Stmt.Labeled l) {
      stmt(l.body());
    } else if (s instanceof Stmt.Switch sw) {
      expr(sw.selector());
      for (Stmt.Case c : sw.cases()) {
        stmts(c.body());
      }
    } else if (s instanceof Stmt.Return r) {
      if (r.value() != null) {
        expr(r.value());
        returnsActive |= isActive(r.value());
        returns = true;
      }
    } else if (s instanceof Stmt.Try t) {
      stmt(t.body());
      for (Stmt.Catch c : t.catches()) {
        stmt(c.body()); // the caught exception is an object: no tangent
      }
      stmt(t.fin());
    } else if (s instanceof Stmt.Throw t) {
      expr(t.value()); // on values only, like a condition
    } else if (s instanceof Stmt.Assert a) {
      expr(a.cond());
      if (a.message() != null) {
        expr(a.message());
      }
    } else if (s instanceof Stmt.Break b) {
      {}
    } else if (s instanceof Stmt.Continue c) {
      {}
    } else if (s instanceof Stmt.Comment c) {
      {}
    }
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
  private boolean isParameter(String name) {
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

  private static String typeLabel(TypeName t) {
    return t == null ? "value" : t.toString();
  }

  // ---------------------------------------------------------------- expressions

  /** Walks an expression for its effects on activity and for problems. */
  private void expr(Expr e) {
    if (e instanceof Expr.PlainCall p && ArrayCalls.kind(p) != null) {
      arrayCall(p);
    } else if (e instanceof Expr.PlainCall p) {
      if (needsDerivative(p)) {
        report(p, Message.UNSUPPORTED_CALL, p.owner().simpleName() + "." + p.name());
      }
    } else if (e instanceof Expr.NewObject n) {
      if (needsDerivative(n, n.args(), null, n.type().toString())) {
        String simple = n.type() instanceof ClassName c ? c.simpleName() : n.type().toString();
        report(n, Message.UNSUPPORTED_CALL, "new " + simple);
      }
    } else if (e instanceof Expr.Binary b
        && b.op().equals("instanceof")
        && b.right() instanceof Expr.Literal pattern
        && !pattern.code().isEmpty()
        && varied(b.left())) {
      report(
          b,
          Message.UNSUPPORTED_EXPRESSION,
          "instanceof patterns of values that depend on differentiated inputs",
          "Test the value and read it without a pattern variable.");
    } else if (e instanceof Expr.DiffCall d) {
      for (int i = 0; i < d.args().size(); i++) {
        Expr a = d.args().get(i);
        if (Types.isMatrix(a.type()) && isActive(a) && !Types.isMatrix(d.parameterTypes().get(i))) {
          report(
              d,
              Message.UNSUPPORTED_EXPRESSION,
              "double[][] arguments that depend on the differentiated inputs",
              "Pass its rows (double[]) or a flat double[] instead.");
        }
      }
      for (int i = 0; i < d.args().size(); i++) {
        if (!d.activeParameters().get(i)
            && carriesTangent(d.parameterTypes().get(i))
            && isActive(d.args().get(i))) {
          report(
              d.args().get(i),
              Message.CALL_NOT_WRT,
              d.owner().simpleName() + "." + d.name(),
              "#" + (i + 1));
        }
      }
      if (d.args().stream().anyMatch(this::isActive)) {
        for (Expr a : d.args()) {
          // a row m[i] of a local matrix the callee may write: m carries its tangents
          if (a instanceof Expr.Index ix
              && Types.DOUBLE_ARRAY.equals(a.type())
              && ix.array() instanceof Expr.Var m
              && !untracked.containsKey(m.name())
              && !isParameter(m.name())) {
            mark(m);
          }
          // storage shared with a field or a row is never written by a callee (ArrayEffects
          // rejects that), so it needs no tangent
          if (a instanceof Expr.Var v
              && Types.DOUBLE_ARRAY.equals(v.type())
              && !untracked.containsKey(v.name())) {
            mark(v);
          }
        }
      }
      if (d.receiver() != null && isActive(d.receiver())) {
        report(d, Message.UNSUPPORTED_CALL, d.owner().simpleName() + "." + d.name());
      }
    } else if (e instanceof Expr.RuleCall r) {
      String target = r.owner().simpleName() + "." + r.name();
      for (int i = 0; i < r.args().size(); i++) {
        Rule rule = r.partials().get(i);
        if (!isActive(r.args().get(i))) {
          continue;
        }
        if (rule == null) {
          String advice =
              Types.DOUBLE.equals(r.parameterTypes().get(i))
                  ? "Add a @TangentRule(of = " + r.owner().simpleName() + ".class, method = \""
                      + r.name() + "\", argument = " + i + "), or make the argument independent of"
                      + " the differentiated inputs."
                  : "Only double parameters can have rules: make this argument independent of the"
                      + " differentiated inputs.";
          report(r, Message.RULE_MISSING, target, i, advice);
        } else if (inaccessibleRules.contains(rule)) {
          report(
              r,
              Message.RULE_INACCESSIBLE,
              rule.owner().simpleName() + "." + rule.method(),
              method.derivatives().packageName(),
              method.derivatives().simpleName());
        }
      }
    } else if (e instanceof Expr.IncDec i) {
      if (isActiveTarget(i.target())) {
        report(
            i,
            Message.UNSUPPORTED_EXPRESSION,
            "increments of differentiated values inside expressions",
            "Write x += 1 as a statement of its own.");
      }
    } else if (e instanceof Expr.Cast c) {
      if (isActive(c.operand()) && (c.type().equals(TypeName.FLOAT) || !c.type().isPrimitive())) {
        report(c, Message.UNSUPPORTED_TYPE, typeLabel(c.type()));
      }
    } else if (e instanceof Expr.Binary b) {
      // string concatenation: value only; calls it reaches that feed the derivative are reported
      boolean text = ClassName.get(String.class).equals(b.type());
      if (b.type() != null && !b.type().isPrimitive() && !text
          && (isActive(b.left()) || isActive(b.right()))) {
        report(b, Message.UNSUPPORTED_TYPE, typeLabel(b.type()));
      }
    } else if (e instanceof Expr.ArrayInit a) {
      if (!Types.DOUBLE_ARRAY.equals(a.type())
          && !Types.isMatrix(a.type())
          && a.elements().stream().anyMatch(this::isActive)) {
        report(a, Message.UNSUPPORTED_TYPE, typeLabel(a.type()));
      }
    } else {
      {}
    }
    for (Expr c : Exprs.children(e)) {
      expr(c);
    }
  }

  /**
   * {@code System.arraycopy} and {@code Arrays.fill} into an array variable make it active when
   * what they write is; the tangent code then does the same to the tangents. A destination that is
   * not a variable (a field, a row) is shared storage, which {@link ArrayEffects} rejects.
   */
  private void arrayCall(Expr.PlainCall p) {
    ArrayCalls.Kind kind = ArrayCalls.kind(p);
    if (kind == ArrayCalls.Kind.COPY_OF || kind == ArrayCalls.Kind.COPY_OF_RANGE) {
      return;
    }
    Expr written = kind == ArrayCalls.Kind.FILL ? ArrayCalls.fillValue(p) : ArrayCalls.source(p);
    Expr destination = ArrayCalls.destination(p);
    if (destination instanceof Expr.Var v) {
      if (carries(written)) {
        mark(v);
      }
    } else if ((carries(written) || carries(destination))
        && !(destination instanceof Expr.FieldRead)
        && !(destination instanceof Expr.Index)) {
      report(
          p,
          Message.UNSUPPORTED_EXPRESSION,
          "copies into an array that is not a variable (System.arraycopy, Arrays.fill)",
          "Assign the array to a local variable and pass that.");
      return;
    }
    if (kind == ArrayCalls.Kind.ARRAYCOPY
        && !Types.DOUBLE_ARRAY.equals(written.type())
        && carries(written)) {
      report(
          p,
          Message.UNSUPPORTED_EXPRESSION,
          "copies from an array chosen by ?: (System.arraycopy)",
          "Assign the array to a local variable and pass that.");
    }
  }

  /** True if an argument carries a tangent; {@code c ? a : b} passed as an Object, by its branches. */
  private boolean carries(Expr e) {
    if (e instanceof Expr.Conditional c && !Types.isDifferentiable(c.type())) {
      return carries(c.whenTrue()) || carries(c.whenFalse());
    }
    return isActive(e);
  }

  // ---------------------------------------------------------------- calls without derivatives

  /**
   * A call without a derivative is fine where no derivative has to flow through it: its inputs do
   * not depend on the differentiated inputs, or its result only reaches uses that need no
   * derivative (conditions, indices, integer casts and integer-valued functions, messages,
   * nothing at all for a {@code void} call) and it cannot write a value that depends on the inputs
   * into an array, or write into an array that carries a derivative.
   */
  private boolean needsDerivative(Expr.PlainCall p) {
    return needsDerivative(p, p.args(), p.receiver(), p.owner().canonicalName() + "#" + p.name());
  }

  /**
   * The same for any call {@code call} with {@code args} and {@code receiver} (null for static
   * calls and object creations); {@code callee} is {@code owner#name}, or the created type.
   */
  private boolean needsDerivative(Expr call, List<Expr> args, Expr receiver, String callee) {
    boolean variedInput = receiver != null && varied(receiver);
    for (Expr a : args) {
      variedInput |= varied(a);
    }
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      if (a.type() instanceof ArrayTypeName && mayWrite(callee, i) && (variedInput || isActive(a))) {
        return true; // new values without tangents, or tangents that no longer fit the values
      }
    }
    return variedInput && usefulCalls.contains(call);
  }

  /**
   * Whether a call may write into its array argument {@code i}: the JDK's writers into the
   * arguments they write, other JDK methods never, any other method whenever it takes an array.
   */
  private static boolean mayWrite(String callee, int i) {
    int hash = callee.indexOf('#');
    if (hash < 0) {
      return true; // a constructor may keep the array and write it later
    }
    Boolean jdk = JdkWrites.writes(callee.substring(0, hash), callee.substring(hash + 1), i);
    return jdk == null || jdk;
  }

  /**
   * Types whose values are piecewise constant functions of the inputs, so no derivative flows
   * through them; and {@code float}, into which an active value is an error of its own.
   */
  private static boolean discrete(TypeName t) {
    return t == null || TypeName.VOID.equals(t) || (t.isPrimitive() && !TypeName.DOUBLE.equals(t));
  }

  /** True if the value of {@code e} may depend on the inputs other than piecewise constantly. */
  private boolean varied(Expr e) {
    if (discrete(e.type())) {
      return false;
    } else if (e instanceof Expr.Var v) {
      return active.contains(v.name()) || tainted.contains(v.name());
    } else if (e instanceof Expr.MathCall m && TangentTable.isConstant(m.fn())) {
      return false;
    } else if (e instanceof Expr.Literal || e instanceof Expr.NewArray || e instanceof Expr.Length) {
      return false;
    } else if (e instanceof Expr.Conditional c) {
      return varied(c.whenTrue()) || varied(c.whenFalse());
    } else if (e instanceof Expr.Index i) {
      return varied(i.array());
    }
    if (isActive(e)) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (varied(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The variables and calls without derivatives whose values flow into {@code e}'s value other
   * than through a condition, an index or a piecewise constant function.
   */
  private void sources(Expr e, List<Object> out) {
    if (discrete(e.type())) {
      return;
    }
    if (e instanceof Expr.Var v) {
      out.add(v.name());
    } else if (e instanceof Expr.PlainCall p && ArrayCalls.copies(p)) {
      sources(ArrayCalls.source(p), out); // a copy carries its source's values
    } else if (e instanceof Expr.PlainCall p) {
      out.add(p);
    } else if (e instanceof Expr.NewObject n) {
      out.add(n);
    } else if (e instanceof Expr.MathCall m && TangentTable.isConstant(m.fn())) {
      // piecewise constant
    } else if (e instanceof Expr.Conditional c) {
      sources(c.whenTrue(), out);
      sources(c.whenFalse(), out);
    } else if (e instanceof Expr.Index i) {
      sources(i.array(), out);
    } else {
      for (Expr c : Exprs.children(e)) {
        sources(c, out);
      }
    }
  }

  private List<Object> sources(Expr e) {
    List<Object> out = new ArrayList<>();
    if (e != null) {
      sources(e, out);
    }
    return out;
  }

  /** Marks what flows into {@code e} as useful. */
  private void use(Expr e) {
    for (Object o : sources(e)) {
      if (o instanceof String name ? useful.add(name) : usefulCalls.add((Expr) o)) {
        changed = true;
      }
    }
  }

  private boolean anyUseful(Expr e) {
    for (Object o : sources(e)) {
      if (o instanceof String name ? useful.contains(name) : usefulCalls.contains(o)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Which values of other types depend on the inputs ({@link #tainted}), then which variables and
   * calls feed the derivative ({@link #useful}), from the returned value and the arrays written
   * back, against the flow of assignments; array aliases share usefulness both ways.
   */
  private void valueOnly() {
    List<Stmt> all = org.dualj.processor.model.Stmts.all(method.body());
    do {
      changed = false;
      for (Stmt s : all) {
        if (s instanceof Stmt.Declare d && d.init() != null) {
          taint(d.name(), d.type(), d.init());
        } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
          taint(v.name(), v.type(), a.value());
        } else if (s instanceof Stmt.ForEach f) {
          taint(f.var(), f.type(), f.iterable());
        }
        for (Expr e : org.dualj.processor.model.Stmts.exprs(s)) {
          taintStores(e);
        }
      }
    } while (changed);
    for (MethodModel.Param p : method.params()) {
      if (p.type() instanceof ArrayTypeName) {
        useful.add(p.name()); // the caller sees what is written into it
      }
    }
    do {
      changed = false;
      for (Stmt s : all) {
        usefulness(s);
      }
    } while (changed);
  }

  /**
   * A call that receives a value depending on the inputs may keep it in its receiver or in an
   * object argument ({@code acc.add(x)}, {@code store(box, x)}): those objects then depend on the
   * inputs too, so what is read from them later needs a derivative the call cannot give.
   */
  private void taintStores(Expr e) {
    Expr receiver = null;
    List<Expr> args = null;
    if (e instanceof Expr.PlainCall p) {
      receiver = p.receiver();
      args = p.args();
    } else if (e instanceof Expr.NewObject n) {
      args = n.args();
    }
    if (args != null) {
      boolean variedInput = receiver != null && varied(receiver);
      for (Expr a : args) {
        variedInput |= varied(a);
      }
      if (variedInput) {
        List<Expr> holders = new ArrayList<>(args);
        if (receiver != null) {
          holders.add(receiver);
        }
        for (Expr h : holders) {
          if (h instanceof Expr.Var v
              && !v.name().equals(MethodModel.THIS)
              && !Types.isDifferentiable(v.type())
              && !discrete(v.type())
              && !(v.type() instanceof ArrayTypeName)
              && !ClassName.get(String.class).equals(v.type())
              && tainted.add(v.name())) {
            changed = true;
          }
        }
      }
    }
    for (Expr c : Exprs.children(e)) {
      taintStores(c);
    }
  }

  private void taint(String name, TypeName type, Expr value) {
    if (!Types.isDifferentiable(type) && !discrete(type) && varied(value) && tainted.add(name)) {
      changed = true;
    }
  }

  private void usefulness(Stmt s) {
    if (s instanceof Stmt.Return r && r.value() != null) {
      use(r.value());
    } else if (s instanceof Stmt.Declare d && d.init() != null) {
      assigned(new Expr.Var(d.name(), d.type()), d.init());
    } else if (s instanceof Stmt.Assign a) {
      assigned(a.target(), a.value());
    } else if (s instanceof Stmt.CompoundAssign c) {
      assigned(c.target(), c.value());
    } else if (s instanceof Stmt.ForEach f) {
      if (useful.contains(f.var())) {
        use(f.iterable());
      }
    }
    for (Expr e : org.dualj.processor.model.Stmts.exprs(s)) {
      callsWritingArrays(e);
    }
  }

  /** {@code target = value}: a useful target makes the value useful; aliases share usefulness. */
  private void assigned(Expr target, Expr value) {
    Expr destination = target instanceof Expr.Index i ? i.array() : target;
    if (anyUseful(destination)) {
      use(value);
    }
    if (target instanceof Expr.Var v && v.type() instanceof ArrayTypeName && anyUseful(value)) {
      use(v);
    }
  }

  /** A call that may write into a useful array makes all its inputs useful. */
  private void callsWritingArrays(Expr e) {
    List<Expr> args = null;
    if (e instanceof Expr.DiffCall d) {
      args = d.args();
    } else if (e instanceof Expr.PlainCall p) {
      args = p.args();
    } else if (e instanceof Expr.NewObject n) {
      args = n.args();
    }
    if (args != null) {
      for (Expr a : args) {
        if (a.type() instanceof ArrayTypeName && anyUseful(a)) {
          args.forEach(this::use);
          break;
        }
      }
    }
    for (Expr c : Exprs.children(e)) {
      callsWritingArrays(c);
    }
  }

  private boolean isActiveTarget(Expr target) {
    Expr.Var root = Exprs.rootVar(target);
    return root != null && active.contains(root.name()) && isDouble(target.type());
  }
}
