package org.dualj.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.FuzzAst.AClone;
import org.dualj.processor.FuzzAst.AInit;
import org.dualj.processor.FuzzAst.ANew;
import org.dualj.processor.FuzzAst.ARef;
import org.dualj.processor.FuzzAst.Arg;
import org.dualj.processor.FuzzAst.Arr;
import org.dualj.processor.FuzzAst.ArrArg;
import org.dualj.processor.FuzzAst.Bin;
import org.dualj.processor.FuzzAst.Call;
import org.dualj.processor.FuzzAst.CallStmt;
import org.dualj.processor.FuzzAst.DeclA;
import org.dualj.processor.FuzzAst.DeclD;
import org.dualj.processor.FuzzAst.Elem;
import org.dualj.processor.FuzzAst.Expr;
import org.dualj.processor.FuzzAst.ExprArg;
import org.dualj.processor.FuzzAst.For;
import org.dualj.processor.FuzzAst.ForEach;
import org.dualj.processor.FuzzAst.IConst;
import org.dualj.processor.FuzzAst.ILen;
import org.dualj.processor.FuzzAst.IVar;
import org.dualj.processor.FuzzAst.Idx;
import org.dualj.processor.FuzzAst.If;
import org.dualj.processor.FuzzAst.IntArg;
import org.dualj.processor.FuzzAst.Kind;
import org.dualj.processor.FuzzAst.Method;
import org.dualj.processor.FuzzAst.Num;
import org.dualj.processor.FuzzAst.OpSetD;
import org.dualj.processor.FuzzAst.OpSetElem;
import org.dualj.processor.FuzzAst.Param;
import org.dualj.processor.FuzzAst.Program;
import org.dualj.processor.FuzzAst.Ref;
import org.dualj.processor.FuzzAst.Return;
import org.dualj.processor.FuzzAst.SetElem;
import org.dualj.processor.FuzzAst.Stmt;

/**
 * The shape {@code voidCallee} of {@link FuzzGenerator}: {@code @Differentiable void} methods that
 * write their output into {@code double[]} parameters, and call statements of them in the other
 * generated methods, which then read the arrays written.
 *
 * <p>A {@code void} method takes 0 to 2 doubles, sometimes an input array and an {@code int}, and
 * one output array (sometimes two; named {@code out} now and then, a name the generated code uses
 * itself). Its body: a few random statements of {@link FuzzGenerator} (branches, loops, calls of
 * the earlier methods, {@code void} ones included, element writes into its outputs, {@code return;}
 * under a condition), a counted loop per output writing every element (assigned, updated in place
 * as {@code out[i] += e} or {@code out[i] = out[i] * c + e}, or on both arms of a branch, sometimes
 * returning in the middle), more random statements, and sometimes {@code if (c) return;} before one
 * more in-place update. Its outputs are always differentiated (in its {@code wrt} when it has one);
 * its other arrays are only read.
 *
 * <p>A call statement passes as each output a fresh local (zeros or values), a clone of an input,
 * or an array of the caller itself (a parameter, a local, a matrix row, a field's array); an input
 * array parameter sometimes gets the same array as an output. The caller then reads an element of
 * what was written into a new local or an accumulator, or sums it in an enhanced {@code for}.
 * The calls are statements anywhere ({@link #STATEMENTS} percent, so also inside loops and
 * branches) and, in most methods after a {@code void} one, at the top level ({@link
 * #TOP_LEVEL_CALL}).
 *
 * <p>The oracle calls the same {@code void} method over {@code DerivativeStructure[]}; the harness
 * compares the callers' derivatives in every mode (the {@code void} method has no entry points of
 * its own, only its cores, which the harness checks).
 */
final class FuzzVoidShape {
  /** Percentage of programs with {@code void} methods (one, sometimes two). */
  static final int PROGRAMS = 25;

  /** Percentage of statements that are calls of a {@code void} method, where one may be called. */
  static final int STATEMENTS = 5;

  /** Percentage of methods that may call a {@code void} method and get a call at the top level. */
  static final int TOP_LEVEL_CALL = 80;

  private final FuzzGenerator g;

  /** The output parameters of each {@code void} method generated, by method name. */
  private final Map<String, List<String>> outputs = new HashMap<>();

  FuzzVoidShape(FuzzGenerator g) {
    this.g = g;
  }

  /**
   * Which of the {@code n} methods of a program are {@code void}: none in most programs (and
   * without a draw when the shape is avoided, so that the other programs stay as they were),
   * else one or two, never the last of {@code max(n, 2)} methods.
   */
  Set<Integer> slots(int n) {
    Set<Integer> out = new LinkedHashSet<>();
    if (FuzzGenerator.avoid("voidCallee") || g.r.nextInt(100) >= PROGRAMS) {
      return out;
    }
    int m = Math.max(n, 2);
    out.add(g.r.nextInt(m - 1));
    if (m >= 3 && g.r.nextInt(100) < 30) {
      out.add(g.r.nextInt(m - 1));
    }
    return out;
  }

  /** The {@code void} methods that the method being generated may call here (statements only). */
  List<Method> callees() {
    if (g.noCalls || g.inactiveContext > 0 || outputs.isEmpty()) {
      return List.of();
    }
    return g.methods.stream().filter(m -> m.isVoid() && (!g.isStatic || m.isStatic())).toList();
  }

  /** A {@code void} method writing its output into its {@code double[]} parameters. */
  Method method(String name) {
    g.begin(name);
    g.returnsVoid = true;
    g.returnsArray = false;
    List<Param> params = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    int nd = g.r.nextInt(3);
    for (int i = 0; i < nd; i++) {
      params.add(new Param(Kind.DOUBLE, g.paramName("x" + i)));
    }
    if (g.r.nextInt(100) < 50) {
      params.add(new Param(Kind.ARRAY, g.paramName("xs0")));
    }
    int no = g.r.nextInt(100) < 20 ? 2 : 1;
    for (int i = 0; i < no; i++) {
      String o = i == 0 && g.r.nextInt(100) < 25 && g.used.add("out") ? "out" : g.paramName("ys" + i);
      outs.add(o);
      params.add(new Param(Kind.ARRAY, o));
    }
    if (g.r.nextInt(100) < 20) {
      params.add(new Param(Kind.INT, g.paramName("n0")));
    }
    g.shuffle(params);
    declare(params, outs);
    List<String> wrt = wrt(params, outs);
    int chunk = g.r.nextInt(100) < 10 ? 1 + g.r.nextInt(4) : 0;
    boolean isPublic = g.r.nextBoolean();
    List<Stmt> body = new ArrayList<>();
    int before = g.r.nextInt(3);
    for (int i = 0; i < before; i++) {
      body.addAll(g.statement(0));
    }
    for (String o : outs) {
      body.add(writeLoop(o));
    }
    int after = 1 + g.r.nextInt(3);
    for (int i = 0; i < after; i++) {
      body.addAll(g.statement(0));
    }
    if (g.r.nextInt(100) < 35) {
      String o = g.pick(outs);
      body.add(new Return(g.condition(1), null));
      body.add(new OpSetElem(o, g.index(o), g.r.nextBoolean() ? '+' : '*', g.expr(2)));
    }
    g.returnsVoid = false;
    outputs.put(name, List.copyOf(outs));
    return new Method(name, params, false, body, wrt, chunk, isPublic, g.isStatic, 1, true);
  }

  /** The parameters as the generator's variables: the outputs writable, other arrays read only. */
  private void declare(List<Param> params, List<String> outs) {
    for (Param p : params) {
      switch (p.kind()) {
        case DOUBLE -> {
          g.doubles.add(p.name());
          g.assignable.add(p.name());
          g.paramDoubles.add(p.name());
        }
        case ARRAY -> {
          g.arrays.add(p.name());
          g.paramArrays.add(p.name());
          if (outs.contains(p.name())) {
            g.writable.add(p.name());
          }
        }
        case INT -> g.ints.add(p.name());
      }
    }
    g.arrays.addAll(g.visibleArrayFields());
  }

  /** Mostly the default (all); sometimes the outputs and some of the other parameters. */
  private List<String> wrt(List<Param> params, List<String> outs) {
    if (g.r.nextInt(100) >= 20) {
      return null;
    }
    List<String> wrt = new ArrayList<>();
    for (Param p : params) {
      if (outs.contains(p.name()) || (p.kind() != Kind.INT && g.r.nextBoolean())) {
        wrt.add(p.name());
      }
    }
    return wrt;
  }

  /**
   * {@code for (int i = 0; i < out.length; i++) { … }} writing every element of {@code out}:
   * assigned, updated in place, or on both arms of a branch; sometimes returning mid-loop.
   */
  private Stmt writeLoop(String out) {
    String i = g.fresh("i");
    g.ints.add(i);
    g.safeInts.add(i);
    Idx at = new IVar(i);
    Idx bound = g.r.nextBoolean() ? new ILen(out) : new IConst(g.length);
    List<Stmt> body = new ArrayList<>();
    switch (g.r.nextInt(4)) {
      case 0 -> body.add(new SetElem(out, at, g.expr(2)));
      case 1 -> body.add(new OpSetElem(out, at, g.r.nextBoolean() ? '+' : '-', g.expr(2)));
      case 2 -> body.add(new SetElem(out, at,
          new Bin('+', new Bin('*', new Elem(out, at), new Num(g.decay())), g.expr(2))));
      default -> body.add(new If(g.condition(1), List.of(new SetElem(out, at, g.expr(2))),
          List.of(new OpSetElem(out, at, '*', g.bounded(g.expr(1))))));
    }
    if (g.r.nextInt(100) < 15) {
      body.add(new Return(g.condition(1), null));
    }
    g.ints.remove(i);
    g.safeInts.remove(i);
    return new For(null, i, bound, body);
  }

  /**
   * A call statement of a {@code void} method: the arrays it writes declared first where fresh,
   * the call, and a read of what it wrote.
   */
  List<Stmt> call() {
    List<Method> candidates = callees();
    Method m = g.pick(candidates);
    List<Stmt> out = new ArrayList<>();
    Map<String, String> given = new java.util.LinkedHashMap<>();
    for (String o : outputs.get(m.name())) {
      given.put(o, target(out));
    }
    List<String> targets = List.copyOf(new LinkedHashSet<>(given.values()));
    List<Arg> args = new ArrayList<>();
    // the other arguments may read elements of the arrays the call writes, unless avoided
    List<String> visible = List.copyOf(g.arrays);
    if (FuzzGenerator.avoid("writtenArgumentReads")) {
      g.arrays.removeAll(targets);
    }
    for (Param p : m.params()) {
      args.add(switch (p.kind()) {
        case DOUBLE -> new ExprArg(m.differentiates(p) ? g.expr(2) : g.inactive());
        case ARRAY -> new ArrArg(given.containsKey(p.name()) ? new ARef(given.get(p.name())) : input(m, p, targets));
        case INT -> {
          List<String> small = g.ints.stream().filter(i -> !i.equals(g.recursionCounter)).toList();
          yield new IntArg(small.isEmpty() || g.r.nextBoolean() ? new IConst(g.r.nextInt(4)) : new IVar(g.pick(small)));
        }
      });
    }
    g.arrays.clear();
    g.arrays.addAll(visible); // in their order: blocks truncate it to their marks
    out.add(new CallStmt(new Call(m.name(), args, g.qualify())));
    out.add(read(g.pick(targets)));
    return out;
  }

  /**
   * The array passed as an output: a fresh local (zeros, or values to update in place), a clone of
   * an input, or an array of the caller itself; fresh ones are declared into {@code out}.
   */
  private String target(List<Stmt> out) {
    // the caller's own arrays; not a field's (rejected as writing storage the method does not own)
    List<String> own = new ArrayList<>(new LinkedHashSet<>(g.writable));
    own.removeAll(g.visibleArrayFields());
    g.paramArrays.stream().filter(a -> !own.contains(a)).sorted().forEach(own::add);
    int k = g.r.nextInt(100);
    if (k < 35 && !own.isEmpty()) {
      return g.pick(own);
    }
    String name = g.fresh("a");
    Arr value;
    List<String> params = g.paramArrays.stream().sorted().toList();
    if (k < 60 && !g.arrays.isEmpty()) {
      value = new AClone(g.pick(params.isEmpty() ? g.arrays : params));
    } else if (k < 85) {
      value = new ANew(g.arrays.isEmpty() || g.r.nextBoolean() ? new IConst(g.length) : new ILen(g.pick(g.arrays)));
    } else {
      value = g.init(1, false);
    }
    out.add(new DeclA(name, value));
    g.arrays.add(name);
    g.writable.add(name);
    return name;
  }

  /** An input array argument: sometimes the same array as an output, else as other calls pass one. */
  private Arr input(Method m, Param p, List<String> targets) {
    if (!m.differentiates(p)) {
      List<Expr> els = new ArrayList<>();
      for (int i = 0; i < g.length; i++) {
        els.add(g.inactive());
      }
      return new AInit(els, false);
    }
    int k = g.r.nextInt(100);
    if (k < 30) {
      return new ARef(g.pick(targets));
    }
    if (k < 85 && !g.arrays.isEmpty()) {
      String a = g.pick(g.arrays);
      return g.r.nextBoolean() ? new ARef(a) : new AClone(a);
    }
    return g.init(1, false);
  }

  /** A read of an element of {@code written}, or of all of them, into the caller's values. */
  private Stmt read(String written) {
    int k = g.r.nextInt(100);
    if (k < 45 || g.assignable.isEmpty()) {
      String d = g.fresh("d");
      Stmt s = new DeclD(d, new Bin(g.opChar3(), new Elem(written, g.index(written)), g.expr(1)));
      g.doubles.add(d);
      g.assignable.add(d);
      return s;
    }
    String acc = g.pick(g.assignable);
    if (k < 75) {
      return new OpSetD(acc, '+', new Elem(written, g.index(written)));
    }
    String e = g.fresh("e");
    g.doubles.add(e);
    Stmt add = new OpSetD(acc, '+', new Bin('*', new Ref(e), g.bounded(g.expr(1))));
    g.doubles.remove(e);
    return new ForEach(null, e, written, List.of(add));
  }

  /** Whether {@code m} calls a {@code void} method of {@code p} (a caller the harness checks). */
  static boolean callsVoid(Program p, Method m) {
    Set<String> voids = new LinkedHashSet<>();
    p.methods().stream().filter(Method::isVoid).forEach(v -> voids.add(v.name()));
    return !voids.isEmpty() && calls(m.body(), voids);
  }

  private static boolean calls(Object node, Set<String> names) {
    if (node instanceof CallStmt s && s.call() instanceof Call c && names.contains(c.method())) {
      return true;
    }
    if (node instanceof List<?> list) {
      return list.stream().anyMatch(o -> calls(o, names));
    }
    if (node instanceof Record rec) {
      for (java.lang.reflect.RecordComponent rc : rec.getClass().getRecordComponents()) {
        try {
          if (calls(rc.getAccessor().invoke(rec), names)) {
            return true;
          }
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    return false;
  }
}
