package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * The lowering every forward mode shares: an expression becomes a (value, tangent) pair, nested
 * expressions are split into elementary operations on intermediates {@code v1, v2, …}, each with
 * its tangent from the table ({@link Operations}), and an assignment writes both into its target
 * in an order that is correct when the target is also an operand.
 *
 * <p>What differs between the modes is what a tangent is (a {@code double}, or a lane of p
 * doubles written by a loop), how a call of another differentiated method is made, and how the
 * method returns: those are the abstract methods, one implementation per mode ({@link
 * ScalarTangent}, {@link LaneTangent}, {@link SecondOrderPrep}).
 */
abstract class Lowering {
  static final Expr ZERO = new Expr.Literal("0.0", Types.DOUBLE);
  static final Expr TRUE = new Expr.Literal("true", Types.BOOLEAN);

  final MethodModel method;
  final Activity activity;
  final Namer namer;
  /** The name of the receiver parameter; null for a static method. */
  final String self;
  /**
   * Intermediates holding an array that only the call they are made for sees (a snapshot of
   * {@code a.clone()} or {@code {x, y}} taken before a later argument's call).
   */
  final Set<String> unshared = new HashSet<>();
  /** Source variable name to the name of its tangent, for active variables. */
  private final Map<String, String> tangents = new HashMap<>();
  /**
   * Operations already computed in the current statement, for reuse: {@code x1 / x2} written
   * twice in one expression is computed once. Cleared at every statement and scoped to branches.
   */
  Map<Expr, Pair> computed = new HashMap<>();

  final Operations operations = new Operations(this);
  final ArrayLibraryCalls arrayCalls = new ArrayLibraryCalls(this);

  /** A value and its tangent (null when inactive). */
  record Pair(Expr value, Expr tangent) {}

  /** @param suffix what tangent names add to their value's name */
  Lowering(MethodModel method, Activity activity, String suffix) {
    this.method = method;
    this.activity = activity;
    this.namer = new Namer(suffix);
    for (MethodModel.Param p : method.params()) {
      namer.reserve(p.name());
    }
    for (Stmt s : Stmts.all(method.body())) {
      reserveNames(s);
    }
    this.self = method.isStatic() ? null : namer.fresh("self");
  }

  private void reserveNames(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      namer.reserve(d.name());
    } else if (s instanceof Stmt.ForEach f) {
      namer.reserve(f.var());
    } else if (s instanceof Stmt.Labeled l) {
      namer.reserve(l.label());
    } else if (s instanceof Stmt.Try t) {
      t.catches().forEach(c -> namer.reserve(c.name()));
    }
  }

  /** An unused local name for {@code base}. */
  String fresh(String base) {
    return namer.fresh(base);
  }

  // ---------------------------------------------------------------- what a mode defines

  /** The tangent of a value named {@code name} of {@code type}, as the code reads and writes it. */
  abstract Expr tangentVar(String name, TypeName type);

  /** Element {@code index} of an array's tangent. */
  abstract Expr elementTangent(Expr arrayTangent, Expr index);

  /** {@code targetDot = tangent}, declaring it if {@code declare}. */
  abstract void emitTangent(boolean declare, TypeName type, Expr targetDot, Expr tangent, List<Stmt> out);

  /** Declares a tangent that is assigned later, if the mode needs a declaration. */
  abstract void declareTangent(TypeName type, Expr targetDot, List<Stmt> out);

  /** The runtime's {@code zeros}/{@code matrixZeros} for the tangent of an inactive array. */
  abstract Expr zeros(String function, Expr array, TypeName type);

  /** An element position as a position in the tangent array. */
  abstract Expr lanesOf(Expr position);

  /** The tangent of an array initializer {@code {a, b, …}} whose elements have tangents {@code dots}. */
  abstract Expr arrayInitTangent(List<Expr> dots, List<Stmt> out);

  /** The tangents of {@code Arrays.fill} into an active array; see {@link ArrayLibraryCalls}. */
  void fillTangents(Expr destinationDot, List<Expr> values, Expr valueDot, List<Stmt> out) {
    arrayCalls.fillTangents(destinationDot, values, valueDot, out);
  }

  /** A call of another differentiated method, with its derivative. */
  abstract Pair call(Expr.DiffCall d, List<Stmt> out);

  /** A call of another differentiated method whose value alone is used. */
  abstract Expr primalCall(Expr.DiffCall d, List<Stmt> out);

  /** Partial j of a user's tangent rule, a call of the rule method with {@code ruleArgs}. */
  Expr rulePartial(Expr.RuleCall call, int j, List<Expr> ruleArgs) {
    var rule = call.partials().get(j);
    return new Expr.StaticCall(rule.owner(), rule.method(), ruleArgs, Types.DOUBLE);
  }

  // ---------------------------------------------------------------- tangents

  String tangentName(String var) {
    return tangents.computeIfAbsent(var, namer::tangentOf);
  }

  /** The tangent of variable {@code var}. */
  Expr tangentOf(String var, TypeName type) {
    return tangentVar(tangentName(var), type);
  }

  /** A new tangent for an intermediate named {@code value}. */
  Expr newTangent(String value, TypeName type) {
    return tangentVar(namer.tangentOf(value), type);
  }

  boolean isActiveVar(String name) {
    return activity.isActiveVar(name);
  }

  /** {@code double}, {@code double[]} and {@code double[][]} variables carry tangents. */
  static boolean carriesTangent(TypeName t) {
    return Types.isDifferentiable(t) || Types.isMatrix(t);
  }

  /** The tangent of an inactive array: zeros of its size ({@code null} for null). */
  Expr zerosLike(Expr array) {
    TypeName type = Types.isMatrix(array.type()) ? Types.DOUBLE_MATRIX : Types.DOUBLE_ARRAY;
    if (array instanceof Expr.Literal l && l.code().equals("null")) {
      return new Expr.Literal("null", type);
    }
    return zeros(Types.isMatrix(type) ? "matrixZeros" : "zeros", array, type);
  }

  /** Zeros for a freshly allocated array, without the null check of {@link #zerosLike}. */
  Expr zerosFor(Expr init, Expr array) {
    if (init instanceof Expr.NewMatrix n
        && n.dims().stream().allMatch(Exprs::isAtom)
        && Types.isMatrix(n.type())) {
      // new double[m][n]: new double[m][n] (lanes: [m][n * p]); new double[m][]: rows come later
      List<Expr> dims = new ArrayList<>(n.dims());
      if (dims.size() == 2) {
        dims.set(1, lanesOf(dims.get(1)));
      }
      return new Expr.NewMatrix(Types.DOUBLE, dims, Types.DOUBLE_MATRIX);
    }
    if (Types.isMatrix(array.type())) {
      return zerosLike(array);
    }
    if (init instanceof Expr.NewArray || init instanceof Expr.ArrayInit) {
      Expr length = lanesOf(new Expr.Length(array, Types.INT));
      return new Expr.NewArray(Types.DOUBLE, length, Types.DOUBLE_ARRAY);
    }
    return zerosLike(array);
  }

  static void emit(boolean declare, TypeName type, Expr target, Expr value, List<Stmt> out) {
    if (declare) {
      out.add(new Stmt.Declare(type, ((Expr.Var) target).name(), value));
    } else {
      out.add(new Stmt.Assign(target, value));
    }
  }

  // ---------------------------------------------------------------- assignments

  /**
   * Emits {@code target = value} and its tangent. When {@code value} is one elementary operation
   * its pair is written straight into the target, ordered so that overwriting is correct.
   */
  void into(Expr value, Expr target, Expr targetDot, boolean declare, List<Stmt> out) {
    TypeName type = target.type();
    if (activity.isActive(value) && Operations.isOperation(value)) {
      intoOperation(operations.of(value, out), target, targetDot, declare, out);
      return;
    }
    if (value instanceof Expr.Conditional c && activity.isActive(c)) {
      // y = c ? a : b  becomes an if/else assigning y and y_dot, so only one branch runs.
      if (declare) {
        out.add(new Stmt.Declare(type, ((Expr.Var) target).name(), null));
        declareTangent(type, targetDot, out);
      }
      Expr cond = primal(c.cond(), out);
      List<Stmt> whenTrue = branch(c.whenTrue(), target, targetDot);
      List<Stmt> whenFalse = branch(c.whenFalse(), target, targetDot);
      out.add(new Stmt.If(cond, new Stmt.Block(whenTrue), new Stmt.Block(whenFalse)));
      return;
    }
    Pair p = lower(value, out);
    if (Types.DOUBLE_ARRAY.equals(type) || Types.isMatrix(type)) {
      intoArray(p, target, targetDot, declare, out);
      return;
    }
    if (!declare && p.tangent() != null && Exprs.mayReadTarget(p.tangent(), target)) {
      // x = y-expression whose tangent mentions x (e.g. x = c ? x : y through an intermediate),
      // or an element assigned from a tangent that reads elements (possibly the same one).
      emitTangent(false, type, targetDot, p.tangent(), out);
      emit(false, type, target, p.value(), out);
      return;
    }
    emit(declare, type, target, p.value(), out);
    emitTangent(declare, type, targetDot, p.tangent() == null ? ZERO : p.tangent(), out);
  }

  private void intoOperation(
      Operations.Op op, Expr target, Expr targetDot, boolean declare, List<Stmt> out) {
    TypeName type = target.type();
    // b[0] = a[0] * a[1] overwrites an operand when a and b are one array: any element read
    boolean overwrites =
        !declare && op.args().stream().anyMatch(arg -> Exprs.mayReadTarget(arg, target));
    if (!overwrites) {
      emit(declare, type, target, op.value(), out);
      emitTangent(declare, type, targetDot, operations.tangent(op, target), out);
    } else if (!op.usesResult()) {
      // x = x * y: the tangent reads the old x, so it goes first.
      emitTangent(false, type, targetDot, operations.tangent(op, target), out);
      emit(false, type, target, op.value(), out);
    } else {
      // y = x / y: the tangent needs the new value and the old y; keep the new value aside.
      Expr.Var tmp = new Expr.Var(namer.temp(), type);
      out.add(new Stmt.Declare(type, tmp.name(), op.value()));
      emitTangent(false, type, targetDot, operations.tangent(op, tmp), out);
      emit(false, type, target, tmp, out);
    }
  }

  private void intoArray(Pair p, Expr target, Expr targetDot, boolean declare, List<Stmt> out) {
    TypeName type = target.type();
    Expr v = p.value();
    Expr dot = p.tangent();
    if (dot == null) {
      // A fresh inactive array: its tangent is zeros of the same length.
      if (!(Exprs.isAtom(v))) {
        Expr.Var tmp = new Expr.Var(declare ? ((Expr.Var) target).name() : namer.temp(), type);
        if (declare) {
          out.add(new Stmt.Declare(type, tmp.name(), v));
          out.add(new Stmt.Declare(type, ((Expr.Var) targetDot).name(), zerosFor(v, tmp)));
          return;
        }
        out.add(new Stmt.Declare(type, tmp.name(), v));
        dot = zerosFor(v, tmp);
        v = tmp;
      } else {
        dot = zerosLike(v);
      }
    }
    emit(declare, type, target, v, out);
    emit(declare, type, targetDot, dot, out);
  }

  /** One branch of a conditional, with its own scope of reusable operations. */
  private List<Stmt> branch(Expr value, Expr target, Expr targetDot) {
    Map<Expr, Pair> outer = computed;
    computed = new HashMap<>(outer);
    List<Stmt> out = new ArrayList<>();
    into(value, target, targetDot, false, out);
    computed = outer;
    return out;
  }

  /** {@code c ? a : b} with active branches: an if/else, so only the taken branch runs. */
  private Pair conditional(Expr.Conditional c, List<Stmt> out) {
    TypeName type = c.type();
    Expr cond = primal(c.cond(), out);
    Expr.Var v = new Expr.Var(namer.temp(), type);
    Expr dot = newTangent(v.name(), type);
    out.add(new Stmt.Declare(type, v.name(), null));
    declareTangent(type, dot, out);
    List<Stmt> whenTrue = branch(c.whenTrue(), v, dot);
    List<Stmt> whenFalse = branch(c.whenFalse(), v, dot);
    out.add(new Stmt.If(cond, new Stmt.Block(whenTrue), new Stmt.Block(whenFalse)));
    return new Pair(v, dot);
  }

  // ---------------------------------------------------------------- expressions

  /** Lowers an expression to a (value, tangent) pair, emitting the pairs it needs into {@code out}. */
  Pair lower(Expr e, List<Stmt> out) {
    if (!activity.isActive(e)) {
      return new Pair(primal(e, out), null);
    }
    if (e instanceof Expr.Var v) {
      return new Pair(v, tangentOf(v.name(), v.type()));
    } else if (e instanceof Expr.Cast c) {
      return lower(c.operand(), out);
    } else if (e instanceof Expr.Index ix) {
      return element(ix, out);
    } else if (e instanceof Expr.Conditional c) {
      return conditional(c, out);
    } else if (e instanceof Expr.ArrayInit a && Types.isMatrix(a.type())) {
      return matrixInit(a, out);
    } else if (e instanceof Expr.ArrayInit a) {
      List<Expr> values = new ArrayList<>();
      List<Expr> dots = new ArrayList<>();
      for (Expr el : a.elements()) {
        Pair p = lower(el, out);
        values.add(simpleOrTemp(p.value(), Types.DOUBLE, out));
        dots.add(p.tangent() == null ? ZERO : p.tangent());
      }
      Expr tangent = arrayInitTangent(dots, out);
      return new Pair(new Expr.ArrayInit(Types.DOUBLE, values, Types.DOUBLE_ARRAY), tangent);
    } else if (e instanceof Expr.ArrayClone c) {
      Pair p = lower(c.array(), out);
      return new Pair(
          new Expr.ArrayClone(p.value(), c.type()), new Expr.ArrayClone(p.tangent(), c.type()));
    } else if (e instanceof Expr.DiffCall d) {
      return call(d, out);
    } else if (e instanceof Expr.PlainCall p && ArrayCalls.copies(p)) {
      return arrayCalls.copy(p, out);
    } else {
      if (!Operations.isOperation(e)) {
        throw new IllegalStateException("no tangent rule for active " + e);
      }
      return operation(e, out);
    }
  }

  private Pair element(Expr.Index ix, List<Stmt> out) {
    Pair array = lower(ix.array(), out);
    Expr index = simpleOrTemp(primal(ix.index(), out), Types.INT, out);
    if (Types.DOUBLE_ARRAY.equals(ix.type())) {
      // a row m[i] of a double[][]: its tangent is the row m_dot[i]
      return new Pair(
          new Expr.Index(array.value(), index, Types.DOUBLE_ARRAY),
          new Expr.Index(array.tangent(), index, Types.DOUBLE_ARRAY));
    }
    return new Pair(
        new Expr.Index(array.value(), index, Types.DOUBLE), elementTangent(array.tangent(), index));
  }

  /** {@code {r, s}} of rows: the matrix of the rows' tangents (zeros for rows without). */
  private Pair matrixInit(Expr.ArrayInit a, List<Stmt> out) {
    List<Expr> values = new ArrayList<>();
    List<Expr> dots = new ArrayList<>();
    for (Expr row : a.elements()) {
      Pair p = lower(row, out);
      Expr value = p.value();
      Expr dot = p.tangent();
      if (!Exprs.isAtom(value)) {
        Expr.Var v = (Expr.Var) temp(value, Types.DOUBLE_ARRAY, out);
        if (dot != null) {
          String name = namer.tangentOf(v.name());
          out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, name, dot));
          dot = new Expr.Var(name, Types.DOUBLE_ARRAY);
        }
        value = v;
      }
      values.add(value);
      dots.add(dot == null ? zerosLike(value) : dot);
    }
    return new Pair(
        new Expr.ArrayInit(Types.DOUBLE_ARRAY, values, Types.DOUBLE_MATRIX),
        new Expr.ArrayInit(Types.DOUBLE_ARRAY, dots, Types.DOUBLE_MATRIX));
  }

  /** One elementary operation into a new intermediate and its tangent, reused within a statement. */
  private Pair operation(Expr e, List<Stmt> out) {
    Operations.Op op = operations.of(e, out);
    Pair known = computed.get(op.value());
    if (known != null) {
      return known;
    }
    Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE);
    out.add(new Stmt.Declare(Types.DOUBLE, v.name(), op.value()));
    Expr dot = newTangent(v.name(), Types.DOUBLE);
    emitTangent(true, Types.DOUBLE, dot, operations.tangent(op, v), out);
    Pair pair = new Pair(v, dot);
    // a user's function is called as often as the source calls it: it need not be pure
    if (!readsArray(op.value()) && op.rule() == null) {
      // array elements may change between two reads (a callee can write the array)
      computed.put(op.value(), pair);
    }
    return pair;
  }

  /**
   * Lowers operands left to right, as Java evaluates them. An operand that reads an array element
   * is kept in a temporary when a later operand calls a method, which could write that element
   * before an inline read would happen. {@code primal[i]} true lowers operand i as a plain value.
   */
  List<Pair> lowerInOrder(List<Expr> operands, List<Boolean> primal, List<Stmt> out) {
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      Expr operand = operands.get(i);
      boolean plain = primal != null && primal.get(i);
      Pair p = plain ? new Pair(primal(operand, out), null) : lower(operand, out);
      boolean laterCall = false;
      for (int j = i + 1; j < operands.size(); j++) {
        laterCall |= containsCall(operands.get(j));
      }
      if (laterCall && Types.DOUBLE.equals(operand.type()) && readsArray(p.value())) {
        p = materialize(p, out);
      } else if (laterCall && Types.DOUBLE_ARRAY.equals(operand.type()) && !Exprs.isAtom(p.value())) {
        // a.clone() or {a[0], ...}: the snapshot is taken before the later call runs
        p = materializeArray(p, out);
      }
      pairs.add(p);
    }
    return pairs;
  }

  private static boolean containsCall(Expr e) {
    if (e instanceof Expr.DiffCall || e instanceof Expr.PlainCall || e instanceof Expr.RuleCall) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (containsCall(c)) {
        return true;
      }
    }
    return false;
  }

  /** An array value and its tangent array evaluated now, into new intermediates. */
  private Pair materializeArray(Pair p, List<Stmt> out) {
    Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE_ARRAY);
    unshared.add(v.name());
    out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, v.name(), p.value()));
    if (p.tangent() == null) {
      return new Pair(v, null);
    }
    Expr.Var dot = new Expr.Var(namer.tangentOf(v.name()), Types.DOUBLE_ARRAY);
    out.add(new Stmt.Declare(Types.DOUBLE_ARRAY, dot.name(), p.tangent()));
    return new Pair(v, dot);
  }

  /** A double value and its tangent copied into new intermediates. */
  private Pair materialize(Pair p, List<Stmt> out) {
    Expr.Var v = new Expr.Var(namer.temp(), Types.DOUBLE);
    out.add(new Stmt.Declare(Types.DOUBLE, v.name(), p.value()));
    if (p.tangent() == null) {
      return new Pair(v, null);
    }
    Expr dot = newTangent(v.name(), Types.DOUBLE);
    emitTangent(true, Types.DOUBLE, dot, p.tangent(), out);
    return new Pair(v, dot);
  }

  /** Keeps cheap, effect-free expressions inline; anything else goes into an intermediate. */
  Expr simpleOrTemp(Expr value, TypeName type, List<Stmt> out) {
    if (Exprs.isSimple(value)) {
      return value;
    }
    return temp(value, type, out);
  }

  Expr temp(Expr value, TypeName type, List<Stmt> out) {
    Expr.Var tmp = new Expr.Var(namer.temp(), type);
    out.add(new Stmt.Declare(type, tmp.name(), value));
    return tmp;
  }

  static boolean readsArray(Expr e) {
    if (e instanceof Expr.Index) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (readsArray(c)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- values

  /**
   * An inactive expression as it evaluates in generated code: the receiver becomes the
   * {@code self} parameter and calls of differentiated methods call the original method.
   */
  Expr primal(Expr e, List<Stmt> out) {
    if (e instanceof Expr.Var v && (v.name().equals(MethodModel.THIS))) {
      return new Expr.Var(self, v.type());
    } else if (e instanceof Expr.Binary b && (b.op().equals("&&") || b.op().equals("||"))) {
      return shortCircuit(b, out);
    } else if (e instanceof Expr.Conditional c) {
      return primalConditional(c, out);
    } else if (e instanceof Expr.DiffCall d && passesActiveArray(d)) {
      // The callee may write into an active array: its tangents must follow, so even where only
      // the value is used (a condition, a cast to int) the call goes through the derivative.
      return call(d, out).value();
    } else if (e instanceof Expr.DiffCall d) {
      return primalCall(d, out);
    } else {
      return Exprs.mapChildren(e, c -> primal(c, out));
    }
  }

  /** A call hoisted out of the right operand of && or || must still run only when Java would run it. */
  private Expr shortCircuit(Expr.Binary b, List<Stmt> out) {
    List<Stmt> rightPre = new ArrayList<>();
    Expr right = primal(b.right(), rightPre);
    Expr left = primal(b.left(), out);
    if (rightPre.isEmpty()) {
      return new Expr.Binary(b.op(), left, right, b.type());
    }
    Expr.Var t = new Expr.Var(namer.temp(), Types.BOOLEAN);
    out.add(new Stmt.Declare(Types.BOOLEAN, t.name(), left));
    rightPre.add(new Stmt.Assign(t, right));
    Expr run = b.op().equals("&&") ? t : new Expr.Unary("!", t, Types.BOOLEAN);
    out.add(new Stmt.If(run, new Stmt.Block(rightPre), null));
    return t;
  }

  private Expr primalConditional(Expr.Conditional c, List<Stmt> out) {
    List<Stmt> truePre = new ArrayList<>();
    Expr whenTrue = primal(c.whenTrue(), truePre);
    List<Stmt> falsePre = new ArrayList<>();
    Expr whenFalse = primal(c.whenFalse(), falsePre);
    Expr cond = primal(c.cond(), out);
    if (truePre.isEmpty() && falsePre.isEmpty()) {
      return new Expr.Conditional(cond, whenTrue, whenFalse, c.type());
    }
    Expr.Var t = new Expr.Var(namer.temp(), c.type());
    out.add(new Stmt.Declare(c.type(), t.name(), null));
    truePre.add(new Stmt.Assign(t, whenTrue));
    falsePre.add(new Stmt.Assign(t, whenFalse));
    out.add(new Stmt.If(cond, new Stmt.Block(truePre), new Stmt.Block(falsePre)));
    return t;
  }

  boolean passesActiveArray(Expr.DiffCall d) {
    for (int i = 0; i < d.args().size(); i++) {
      Expr a = d.args().get(i);
      if (d.activeParameters().get(i) && Types.DOUBLE_ARRAY.equals(a.type()) && activity.isActive(a)) {
        return true;
      }
    }
    return false;
  }
}
