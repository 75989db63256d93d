package org.dualj.processor.transform;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * Puts a method's body in the shape the adjoint transformation works on, without changing what it
 * computes:
 *
 * <ul>
 *   <li>every local gets a name of its own (two sibling blocks may both declare {@code t}), so the
 *       forward and the reverse sweep can share the locals as variables of the whole method;
 *   <li>a call inside a larger expression is computed first into a local of its own, so that the
 *       reverse sweep, which recomputes the values an expression's partial derivatives need, never
 *       calls a method a second time; a conditional expression with a call in it becomes an
 *       {@code if};
 *   <li>{@code return e;} becomes an assignment of the result variable and a bare return (a
 *       {@code void} method has no result variable);
 *   <li>an enhanced {@code for} over an array becomes a counted loop;
 *   <li>{@code this} becomes the receiver parameter of the generated method.
 * </ul>
 *
 * Constructs the adjoint code cannot handle throw {@link AdjointTransform.Unsupported}.
 */
final class AdjointPrep {
  private final Namer namer;
  private final String self;
  /** Every local of the prepared body, by its (unique) name. */
  final Map<String, TypeName> locals = new LinkedHashMap<>();
  /** The variable that holds the result. */
  final Expr.Var result;
  /** The locals that hold the values of costly library functions. */
  final KeptValues kept = new KeptValues(() -> temp(Types.DOUBLE));
  private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
  private int line;

  AdjointPrep(MethodModel method, Namer namer, String self) {
    this.namer = namer;
    this.self = self;
    this.result = new Expr.Var(namer.fresh("result"), method.returnType());
    if (!TypeName.VOID.equals(method.returnType())) {
      locals.put(result.name(), method.returnType());
    }
  }

  List<Stmt> body(List<Stmt> body) {
    scopes.push(new HashMap<>());
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      stmt(s, out);
    }
    scopes.pop();
    return kept.merged(out, locals);
  }

  int line() {
    return line;
  }

  private Stmt.Block block(Stmt s) {
    scopes.push(new HashMap<>());
    List<Stmt> out = new ArrayList<>();
    if (s instanceof Stmt.Block b) {
      for (Stmt x : b.body()) {
        stmt(x, out);
      }
    } else if (s != null) {
      stmt(s, out);
    }
    scopes.pop();
    return new Stmt.Block(out);
  }

  private void stmt(Stmt s, List<Stmt> out) {
    if ((s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.Return
            || s instanceof Stmt.CompoundAssign
            || (s instanceof Stmt.Eval e && !(e.expr() instanceof Expr.IncDec)))
        && Stmts.exprs(s).stream().anyMatch(Exprs::hasIncDec)) {
      for (Stmt x : IncrementsApart.apart(s, line)) {
        stmt(x, out);
      }
      return;
    }
    if (s instanceof Stmt.SourceLine l) {
      line = l.line();
      out.add(new Stmt.SourceLine(l.line(), l.text(), new Stmt.Comment("line " + l.line() + ": " + l.text())));
      stmt(l.stmt(), out);
    } else if (s instanceof Stmt.Comment c) {
      out.add(c);
    } else if (s instanceof Stmt.Declare d) {
      Expr init = d.init() == null ? null : kept.hoist(top(d.init(), out), out);
      String name = declare(d.name(), d.type());
      assignOrBranch(new Expr.Var(name, d.type()), init, true, out);
    } else if (s instanceof Stmt.Assign a) {
      Expr target = target(a.target(), out);
      Expr value = kept.hoist(top(a.value(), out), out);
      assignOrBranch(target, value, false, out);
    } else if (s instanceof Stmt.CompoundAssign c) {
      compound(c, out);
    } else if (s instanceof Stmt.Eval e) {
      eval(e.expr(), out);
    } else if (s instanceof Stmt.Block b) {
      out.add(block(b));
    } else if (s instanceof Stmt.If i) {
      Expr cond = Exprs.hasIncDec(i.cond()) ? conditionApart(i.cond(), out) : condition(i.cond());
      out.add(new Stmt.If(cond, block(i.then()), i.otherwise() == null ? null : block(i.otherwise())));
    } else if (s instanceof Stmt.While w && Exprs.hasIncDec(w.cond())) {
      // while (k++ < n) body: while (true) { c = k < n; k++; if (!c) break; body }
      List<Stmt> loop = new ArrayList<>();
      Stmt exit = exitUnless(w.cond(), loop);
      loop.add(exit);
      loop.addAll(block(w.body()).body());
      out.add(new Stmt.While(new Expr.Literal("true", Types.BOOLEAN), new Stmt.Block(loop)));
    } else if (s instanceof Stmt.While w) {
      out.add(new Stmt.While(condition(w.cond()), block(w.body())));
    } else if (s instanceof Stmt.DoWhile d && Exprs.hasIncDec(d.cond()) && noContinue(d.body())) {
      // do body while (++k < n): while (true) { body; c = k + 1 < n; k++; if (!c) break; }
      List<Stmt> loop = new ArrayList<>(block(d.body()).body());
      loop.add(exitUnless(d.cond(), loop));
      out.add(new Stmt.While(new Expr.Literal("true", Types.BOOLEAN), new Stmt.Block(loop)));
    } else if (s instanceof Stmt.DoWhile d) {
      Stmt.Block body = block(d.body());
      out.add(new Stmt.DoWhile(body, condition(d.cond())));
    } else if (s instanceof Stmt.For f) {
      forLoop(f, out);
    } else if (s instanceof Stmt.ForEach f) {
      forEach(f, out);
    } else if (s instanceof Stmt.Labeled l) {
      List<Stmt> inner = new ArrayList<>();
      stmt(l.body(), inner);
      out.addAll(inner.subList(0, inner.size() - 1));
      out.add(new Stmt.Labeled(l.label(), inner.get(inner.size() - 1)));
    } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      out.add(s);
    } else if (s instanceof Stmt.Return r) {
      if (r.value() != null) {
        assignOrBranch(result, kept.hoist(top(r.value(), out), out), false, out);
      }
      out.add(new Stmt.Return(null));
    } else if (s instanceof Stmt.Throw t) {
      out.add(new Stmt.Throw(rename(t.value())));
    } else if (s instanceof Stmt.Assert a) {
      out.add(new Stmt.Assert(rename(a.cond()), a.message() == null ? null : rename(a.message())));
    } else if (s instanceof Stmt.Switch sw) {
      out.add(switchStmt(sw));
    } else if (s instanceof Stmt.Try t) {
      out.add(tryStmt(t));
    } else {
      throw new AdjointTransform.Unsupported(line, "this statement");
    }
  }

  /**
   * A try: its parts prepared; each catch parameter gets a name no local has, as the locals are
   * declared once for the whole method.
   */
  private Stmt.Try tryStmt(Stmt.Try t) {
    Stmt.Block body = block(t.body());
    List<Stmt.Catch> catches = new ArrayList<>();
    for (Stmt.Catch c : t.catches()) {
      String name = namer.fresh(c.name());
      scopes.push(new HashMap<>(Map.of(c.name(), name)));
      Stmt.Block handler = block(c.body());
      scopes.pop();
      catches.add(new Stmt.Catch(c.types(), name, handler));
    }
    return new Stmt.Try(body, catches, t.fin() == null ? null : block(t.fin()));
  }

  private void forLoop(Stmt.For f, List<Stmt> out) {
    scopes.push(new HashMap<>());
    List<Stmt> init = new ArrayList<>();
    for (Stmt x : f.init()) {
      stmt(x, init);
    }
    // for (…; k++ < n; …) body: for (…; ; …) { c = k < n; k++; if (!c) break; body }
    List<Stmt> check = new ArrayList<>();
    Expr cond = f.cond() == null ? null
        : Exprs.hasIncDec(f.cond()) ? null
        : condition(f.cond());
    if (f.cond() != null && cond == null) {
      check.add(exitUnless(f.cond(), check));
    }
    List<Stmt> update = new ArrayList<>();
    for (Stmt x : f.update()) {
      // (a call in an update goes into a local declared with the others, assigned there)
      stmt(x, update);
    }
    for (Stmt u : update) {
      if (!(u instanceof Stmt.Assign || u instanceof Stmt.CompoundAssign || u instanceof Stmt.Eval
          || u instanceof Stmt.Declare)) {
        throw new AdjointTransform.Unsupported(line, "this for-loop update");
      }
    }
    Stmt.Block body = block(f.body());
    if (!check.isEmpty()) {
      check.addAll(body.body());
      body = new Stmt.Block(check);
    }
    scopes.pop();
    out.add(new Stmt.For(init, cond, update, body));
  }

  /**
   * {@code x op= e} on an integer (a double's is {@code x = x op e} already): calls in {@code e}
   * computed first; for an element, which Java reads before it evaluates {@code e}, its value is
   * taken first too, since a call could write it.
   */
  private void compound(Stmt.CompoundAssign c, List<Stmt> out) {
    Expr target = target(c.target(), out);
    if (!Exprs.hasCall(c.value())) {
      out.add(new Stmt.CompoundAssign(c.op(), target, pure(c.value(), "a compound assignment")));
    } else if (target instanceof Expr.Var) {
      out.add(new Stmt.CompoundAssign(c.op(), target, hoist(c.value(), out)));
    } else if (target.type().equals(c.value().type())
        && (Types.INT.equals(target.type()) || TypeName.LONG.equals(target.type()))) {
      Expr.Var old = new Expr.Var(temp(target.type()), target.type());
      out.add(new Stmt.Declare(target.type(), old.name(), target));
      Expr value = hoist(c.value(), out);
      out.add(new Stmt.Assign(target, new Expr.Binary(c.op(), old, value, target.type())));
    } else {
      throw new AdjointTransform.Unsupported(line, "a call in a compound assignment to this element");
    }
  }

  /**
   * A condition with {@code ++} or {@code --} in it, evaluated into a boolean local of its own
   * with the increments apart ({@code c = k < n; k++;}), for a statement that tests it.
   */
  private Expr.Var conditionApart(Expr cond, List<Stmt> out) {
    Expr.Var c = new Expr.Var(temp(Types.BOOLEAN), Types.BOOLEAN);
    stmt(new Stmt.Assign(c, cond), out);
    return c;
  }

  private static boolean noContinue(Stmt body) {
    return Stmts.all(body).stream().noneMatch(x -> x instanceof Stmt.Continue);
  }

  /** {@code if (!c) break;} after {@code c}, a loop's condition with increments, into {@code out}. */
  private Stmt exitUnless(Expr cond, List<Stmt> out) {
    Expr.Var c = conditionApart(cond, out);
    return new Stmt.If(new Expr.Unary("!", c, Types.BOOLEAN), new Stmt.Block(List.of(new Stmt.Break(null))), null);
  }

  private Stmt.Switch switchStmt(Stmt.Switch sw) {
    Expr selector = condition(sw.selector());
    List<Stmt.Case> cases = new ArrayList<>();
    if (!sw.arrows()) {
      scopes.push(new HashMap<>()); // a classic switch is one scope
    }
    for (Stmt.Case c : sw.cases()) {
      if (sw.arrows()) {
        scopes.push(new HashMap<>());
      }
      List<Stmt> body = new ArrayList<>();
      for (Stmt x : c.body()) {
        stmt(x, body);
      }
      if (sw.arrows()) {
        scopes.pop();
      }
      cases.add(new Stmt.Case(c.labels(), body));
    }
    if (!sw.arrows()) {
      scopes.pop();
    }
    return new Stmt.Switch(selector, cases, sw.arrows());
  }

  /** {@code target = value}, or an if/else assigning it when the value is a conditional with calls. */
  private void assignOrBranch(Expr target, Expr value, boolean declare, List<Stmt> out) {
    if (value == null) {
      return;
    }
    if (value instanceof Expr.Conditional c && (Exprs.hasCall(c) || c.type() instanceof ArrayTypeName)) {
      // (an array chosen by a condition becomes an alias of one of them, sharing its adjoints)
      Expr cond = condition(c.cond());
      List<Stmt> yes = new ArrayList<>();
      assignOrBranch(target, top(c.whenTrue(), yes), false, yes);
      List<Stmt> no = new ArrayList<>();
      assignOrBranch(target, top(c.whenFalse(), no), false, no);
      out.add(new Stmt.If(cond, new Stmt.Block(yes), new Stmt.Block(no)));
      return;
    }
    out.add(declare && target instanceof Expr.Var v
        ? new Stmt.Declare(v.type(), v.name(), value)
        : new Stmt.Assign(target, value));
  }

  private void eval(Expr e, List<Stmt> out) {
    if (e instanceof Expr.IncDec i) {
      Expr target = target(i.target(), out);
      out.add(new Stmt.Eval(new Expr.IncDec(i.op(), i.prefix(), target, i.type())));
    } else if (e instanceof Expr.DiffCall && TypeName.VOID.equals(e.type())) {
      out.add(new Stmt.Eval(top(e, out))); // a void method writing its output into arrays
    } else if (e instanceof Expr.DiffCall) {
      Expr call = top(e, out);
      String t = temp(e.type());
      out.add(new Stmt.Declare(e.type(), t, call));
    } else if (e instanceof Expr.PlainCall || e instanceof Expr.RuleCall || e instanceof Expr.StaticCall) {
      out.add(new Stmt.Eval(top(e, out)));
    } else {
      out.add(new Stmt.Eval(pure(e, "this expression statement")));
    }
  }

  /** An enhanced for over an array as a counted loop over a local holding the array. */
  private void forEach(Stmt.ForEach f, List<Stmt> out) {
    if (!(f.iterable().type() instanceof ArrayTypeName arrayType)) {
      throw new AdjointTransform.Unsupported(line, "an enhanced for over a collection");
    }
    Expr iterable = top(f.iterable(), out);
    Expr.Var array;
    if (iterable instanceof Expr.Var v) {
      array = v;
    } else {
      array = new Expr.Var(temp(arrayType), arrayType);
      out.add(new Stmt.Declare(arrayType, array.name(), iterable));
    }
    scopes.push(new HashMap<>());
    Expr.Var k = new Expr.Var(temp(Types.INT), Types.INT);
    List<Stmt> init = List.of(new Stmt.Declare(Types.INT, k.name(), new Expr.Literal("0", Types.INT)));
    Expr cond = new Expr.Binary("<", k, new Expr.Length(array, Types.INT), Types.BOOLEAN);
    List<Stmt> update = List.of(new Stmt.Eval(new Expr.IncDec("++", false, k, Types.INT)));
    scopes.push(new HashMap<>());
    List<Stmt> body = new ArrayList<>();
    String var = declare(f.var(), f.type());
    body.add(new Stmt.Declare(f.type(), var, new Expr.Index(array, k, f.type())));
    Stmt inner = f.body();
    if (inner instanceof Stmt.Block b) {
      for (Stmt x : b.body()) {
        stmt(x, body);
      }
    } else {
      stmt(inner, body);
    }
    scopes.pop();
    scopes.pop();
    out.add(new Stmt.For(init, cond, update, new Stmt.Block(body)));
  }

  // ---------------------------------------------------------------- names

  private String declare(String name, TypeName type) {
    String unique = locals.containsKey(name) || isReserved(name) ? namer.fresh(name) : name;
    namer.reserve(unique);
    locals.put(unique, type);
    scopes.peek().put(name, unique);
    return unique;
  }

  private boolean isReserved(String name) {
    return name.equals(result.name()) || name.equals(self);
  }

  private String temp(TypeName type) {
    String name = namer.temp();
    locals.put(name, type);
    return name;
  }

  private String lookup(String name) {
    if (name.equals(MethodModel.THIS) && self != null) {
      return self;
    }
    for (Map<String, String> scope : scopes) {
      String u = scope.get(name);
      if (u != null) {
        return u;
      }
    }
    return name;
  }

  private Expr rename(Expr e) {
    if (e instanceof Expr.Var v) {
      return new Expr.Var(lookup(v.name()), v.type());
    }
    return Exprs.mapChildren(e, this::rename);
  }

  /**
   * An assignment's target, calls in its indices computed first into locals of their own (Java
   * evaluates the indices before the assigned value).
   */
  private Expr target(Expr t, List<Stmt> out) {
    if (t instanceof Expr.Var v) {
      return rename(v);
    }
    if (t instanceof Expr.Index i && i.array() instanceof Expr.Var) {
      return new Expr.Index(rename(i.array()), index(i.index(), out), i.type());
    }
    if (t instanceof Expr.Index i && i.array() instanceof Expr.Index row && row.array() instanceof Expr.Var) {
      // an element of a matrix row, m[i][j]
      Expr r = target(row, out);
      return new Expr.Index(r, index(i.index(), out), i.type());
    }
    throw new AdjointTransform.Unsupported(line, "an assignment to " + describe(t));
  }

  /**
   * An index of an assignment's target or an int argument of an array call: calls in it computed
   * first, and the whole index into a local of its own when it reads array elements, since the
   * reverse sweep, which undoes the assignment first, must find the element the forward sweep
   * wrote even when the index read that element ({@code a[(int) a[2]] = e}).
   */
  private Expr index(Expr e, List<Stmt> out) {
    if (Exprs.hasIncDec(e)) {
      throw new AdjointTransform.Unsupported(line, "++ or -- inside an array index");
    }
    Expr x = hoist(e, out);
    if (!readsElement(x)) {
      return x;
    }
    Expr.Var t = new Expr.Var(temp(x.type()), x.type());
    out.add(new Stmt.Declare(x.type(), t.name(), x));
    return t;
  }

  /** A row {@code m[i]} passed to an array call as a local alias of it (its index read once). */
  private Expr.Var rowAlias(Expr.Index row, List<Stmt> out) {
    Expr r = hoist(row, out);
    Expr.Var t = new Expr.Var(temp(row.type()), row.type());
    out.add(new Stmt.Declare(row.type(), t.name(), r));
    return t;
  }

  private static boolean readsElement(Expr e) {
    if (e instanceof Expr.Index) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (readsElement(c)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- expressions

  /** A condition: evaluated once, in the forward sweep only; it may call methods but not assign. */
  private Expr condition(Expr e) {
    if (Exprs.hasIncDec(e)) {
      throw new AdjointTransform.Unsupported(line, "++ or -- inside a condition");
    }
    return rename(e);
  }

  /** An expression evaluated again in the reverse sweep: no calls, no increments. */
  private Expr pure(Expr e, String where) {
    if (Exprs.hasIncDec(e) || Exprs.hasCall(e)) {
      throw new AdjointTransform.Unsupported(line, "a call or ++/-- inside " + where);
    }
    return rename(e);
  }

  /**
   * The right-hand side of an assignment: a call may stay at the top; calls below it go into
   * locals of their own, in evaluation order.
   */
  private Expr top(Expr e, List<Stmt> out) {
    if (Exprs.hasIncDec(e)) {
      throw new AdjointTransform.Unsupported(line, "++ or -- inside an expression");
    }
    if (ArrayCalls.kind(e) != null) {
      // the positions and lengths are read again when the reverse sweep restores the elements
      return Exprs.mapChildren(e, c -> Types.INT.equals(c.type()) ? index(c, out)
          : c instanceof Expr.Index row ? rowAlias(row, out) : hoist(c, out));
    }
    if (Exprs.isCall(e)) {
      return inOrder(e, out);
    }
    if (e instanceof Expr.Conditional c && Exprs.hasCall(c)) {
      return c; // assignOrBranch turns it into an if
    }
    if (e instanceof Expr.NewArray || e instanceof Expr.ArrayInit || e instanceof Expr.ArrayClone) {
      return Exprs.mapChildren(e, c -> hoist(c, out));
    }
    return hoist(e, out);
  }

  /**
   * {@code c ? a : b} as a local assigned in an if: for an array, an alias of one of them that
   * shares its adjoints; for a value with calls, each call made only on its branch.
   */
  private Expr.Var chosen(Expr.Conditional c, List<Stmt> out) {
    Expr.Var t = new Expr.Var(temp(c.type()), c.type());
    out.add(new Stmt.Declare(c.type(), t.name(), null));
    assignOrBranch(t, c, false, out); // an if, as for a conditional with calls
    return t;
  }

  /** {@code e} with every call in it computed first into a local. */
  private Expr hoist(Expr e, List<Stmt> out) {
    if (e instanceof Expr.NewArray || e instanceof Expr.ArrayInit || e instanceof Expr.ArrayClone) {
      // an array made for a call: a local of its own, whose adjoint array the callee adds into
      Expr x = Exprs.mapChildren(e, c -> hoist(c, out));
      Expr.Var t = new Expr.Var(temp(x.type()), x.type());
      out.add(new Stmt.Declare(x.type(), t.name(), x));
      return t;
    }
    if (e instanceof Expr.Conditional c && (c.type() instanceof ArrayTypeName || Exprs.hasCall(c))) {
      return chosen(c, out);
    }
    if (!Exprs.hasCall(e)) {
      return rename(e);
    }
    if (e instanceof Expr.Binary b && (b.op().equals("&&") || b.op().equals("||"))) {
      // a && f(x) is a ? f(x) : false, a || f(x) is a ? true : f(x): the call only when Java makes it
      Expr other = new Expr.Literal(b.op().equals("&&") ? "false" : "true", Types.BOOLEAN);
      return chosen(b.op().equals("&&") ? new Expr.Conditional(b.left(), b.right(), other, Types.BOOLEAN)
          : new Expr.Conditional(b.left(), other, b.right(), Types.BOOLEAN), out);
    }
    Expr x = inOrder(e, out);
    if (Exprs.isCall(x) || x instanceof Expr.NewArray || x instanceof Expr.ArrayInit || x instanceof Expr.ArrayClone) {
      Expr.Var t = new Expr.Var(temp(x.type()), x.type());
      out.add(new Stmt.Declare(x.type(), t.name(), x));
      return t;
    }
    return x;
  }

  /**
   * {@code e} with the calls in its operands computed first into locals, left to right as Java
   * evaluates them: an operand that reads an array element goes into a local of its own when a
   * later operand calls a method, which could write that element before the read ({@code a[0] +
   * bump(a)} reads {@code a[0]} first).
   */
  private Expr inOrder(Expr e, List<Stmt> out) {
    List<Expr> children = Exprs.children(e);
    return Exprs.mapChildren(e, c -> {
      int i = 0;
      while (i < children.size() && children.get(i) != c) {
        i++;
      }
      Expr x = hoist(c, out);
      boolean laterCall = false;
      for (int j = i + 1; j < children.size(); j++) {
        laterCall |= Exprs.hasCall(children.get(j));
      }
      if (laterCall && readsElement(x) && x.type() != null && x.type().isPrimitive()) {
        Expr.Var t = new Expr.Var(temp(x.type()), x.type());
        out.add(new Stmt.Declare(x.type(), t.name(), x));
        return t;
      }
      return x;
    });
  }

  private static String describe(Expr t) {
    if (t instanceof Expr.FieldRead f) {
      return "the field " + f.name();
    }
    return "an element of an array expression that is not a local variable";
  }
}
