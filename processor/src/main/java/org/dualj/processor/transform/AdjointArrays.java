package org.dualj.processor.transform;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Types;

/**
 * Assignments of array references in adjoint code: a {@code double[]} or {@code double[][]}
 * variable, or a row {@code m[i]} of a matrix. The adjoint arrays alias exactly where the values
 * do: an alias ({@code b = a}, {@code row = m[i]}, {@code m[i] = row}, a shallow {@code m.clone()},
 * a matrix {@code {r, s}} of rows) shares its adjoints, a new array gets new zero adjoints of its
 * shape. The forward sweep pushes the reference and the adjoint it overwrites (a first assignment
 * outside loops overwrites nothing), the reverse sweep pops them back, and a new array made from
 * active values (an initializer, a clone, a copy) passes its adjoints on to them.
 */
final class AdjointArrays {
  private static final ClassName LANES = ClassName.get("org.dualj.runtime", "Lanes");

  private final AdjointContext ctx;
  private final AdjointEmission emission;
  private final AdjointExprs exprs;
  private final AdjointArrayCalls arrayCalls;

  AdjointArrays(
      AdjointContext ctx, AdjointEmission emission, AdjointExprs exprs, AdjointArrayCalls arrayCalls) {
    this.ctx = ctx;
    this.emission = emission;
    this.exprs = exprs;
    this.arrayCalls = arrayCalls;
  }

  /** True for the targets assigned here: array and matrix variables, and matrix rows. */
  static boolean isArrayTarget(Expr target) {
    return Types.DOUBLE_ARRAY.equals(target.type()) || Types.isMatrix(target.type());
  }

  /** {@code target = value}: the reference and, if active, its adjoint. */
  void assign(Expr target, Expr value, boolean once, List<Stmt> out) {
    Expr.DiffCall call = value instanceof Expr.DiffCall d ? d : null;
    TypeName type = target.type();
    Expr bar = ctx.barOf(target);
    // the elements a call writes are pushed before the target's old value, popped after it
    Restores restores = saveWritten(value, bar != null && call != null && passesAdjoints(value), out);
    boolean saveValue = target instanceof Expr.Var v
        ? emission.mustSave(v.name())
        : emission.savesElements(type);
    List<Stmt> reverse = new ArrayList<>();
    if (!once) {
      if (saveValue) {
        out.add(ctx.push(target));
      }
      if (bar != null) {
        out.add(ctx.push(bar));
      }
    }
    out.add(new Stmt.Assign(target, call != null ? exprs.primalCall(call) : value));
    Expr.Var newBar = null;
    if (bar != null) {
      out.add(new Stmt.Assign(bar, barValue(target, value)));
      if (passesAdjoints(value)) {
        newBar = ctx.tempBar(type);
        reverse.add(new Stmt.Declare(type, newBar.name(), bar));
      }
    }
    if (!once) {
      if (bar != null) {
        reverse.add(new Stmt.Assign(bar, ctx.pop(type)));
      }
      if (saveValue) {
        reverse.add(new Stmt.Assign(target, ctx.pop(type)));
      }
    }
    if (newBar != null && call != null) {
      reverse.addAll(restores.before());
      List<Stmt> later = new ArrayList<>();
      passOn(value, newBar, reverse, later);
      reverse.addAll(restores.after());
      reverse.addAll(later);
    } else {
      if (newBar != null) {
        passOn(value, newBar, reverse, reverse);
      }
      reverse.addAll(restores.before());
    }
    emission.addReverse(reverse);
  }

  /**
   * The pops that give back the elements of the arrays a call may write: {@code before} the
   * callee's adjoint (the state the call started from, which the adjoint runs the call from again),
   * {@code after} it (the same state, for the reverse code of the statements before the call).
   */
  record Restores(List<Stmt> before, List<Stmt> after) {}

  /**
   * For a call in a statement that may write into {@code double[]} arrays the reverse sweep reads
   * ({@link AdjointExprs#writtenArrays}): pushes their elements into {@code out} before the call,
   * once for the callee's adjoint if {@code adjoint} and once more if the reverse sweep reads
   * elements of {@code double} arrays, and notes the other arrays it is given.
   */
  Restores saveWritten(Expr call, boolean adjoint, List<Stmt> out) {
    List<Expr> arrays = call == null ? List.of() : exprs.writtenArrays(call);
    // int[] arrays the call may write (an argsort's indices): pushed whole when the reverse
    // sweep reads int elements, popped back after the double arrays' copies
    List<Expr> ints = call == null || !emission.savesElements(Types.INT) ? List.of() : exprs.writtenIntArrays(call);
    List<Expr> noted = new ArrayList<>(arrays);
    noted.addAll(ints);
    emission.noteCallArrays(call, noted);
    int copies = (adjoint ? 1 : 0) + (emission.savesElements(Types.DOUBLE) ? 1 : 0);
    if ((arrays.isEmpty() || copies == 0) && ints.isEmpty()) {
      return new Restores(List.of(), List.of());
    }
    if (emission.inTry()) {
      // a call that throws after writing part of an array leaves elements the records miss
      throw ctx.unsupported("a call that may write into an array, inside a try");
    }
    List<Stmt> intPops = new ArrayList<>();
    for (Expr a : ints) {
      out.add(new Stmt.Eval(new Expr.StaticCall(AdjointArrayCalls.ADJOINTS, "save", List.of(ctx.tape, a), TypeName.VOID)));
      intPops.add(0, new Stmt.Eval(new Expr.StaticCall(AdjointArrayCalls.ADJOINTS, "restore", List.of(ctx.tape, a), TypeName.VOID)));
    }
    if (arrays.isEmpty() || copies == 0) {
      return new Restores(intPops, List.of());
    }
    List<List<Stmt>> pops = new ArrayList<>();
    for (int c = 0; c < copies; c++) {
      List<Stmt> pop = new ArrayList<>();
      for (Expr a : arrays) {
        out.add(new Stmt.Eval(new Expr.StaticCall(AdjointArrayCalls.ADJOINTS, "save", List.of(ctx.tape, a), TypeName.VOID)));
        pop.add(0, new Stmt.Eval(new Expr.StaticCall(AdjointArrayCalls.ADJOINTS, "restore", List.of(ctx.tape, a), TypeName.VOID)));
      }
      pops.add(0, pop);
    }
    List<Stmt> before = new ArrayList<>(pops.get(0));
    List<Stmt> after = copies == 2 ? new ArrayList<>(pops.get(1)) : new ArrayList<>();
    // the int[] copies were pushed first: popped last, with the copy that goes last
    (after.isEmpty() ? before : after).addAll(intPops);
    return new Restores(before, after);
  }

  /** The adjoint a new value gets: the one it shares, or new zeros of its shape. */
  private Expr barValue(Expr target, Expr value) {
    Expr shared = ctx.barOf(value);
    if (shared != null) {
      return shared; // an alias shares its adjoint too
    }
    if (value instanceof Expr.Literal) {
      return value; // null
    }
    if (Types.isMatrix(target.type())) {
      if (value instanceof Expr.ArrayClone c && ctx.barOf(c.array()) != null) {
        return new Expr.ArrayClone(ctx.barOf(c.array()), c.type()); // shallow: the rows' adjoints
      }
      if (value instanceof Expr.ArrayInit init) {
        List<Expr> rows = new ArrayList<>();
        for (Expr row : init.elements()) {
          Expr rowBar = ctx.barOf(row);
          rows.add(rowBar != null ? rowBar : row instanceof Expr.Literal ? row : zeros(row));
        }
        return new Expr.ArrayInit(Types.DOUBLE_ARRAY, rows, init.type());
      }
      return new Expr.StaticCall(LANES, "matrixZeros", List.of(target, AdjointContext.lit(1)), target.type());
    }
    Expr fresh = new Expr.NewArray(Types.DOUBLE, new Expr.Length(target, Types.INT), Types.DOUBLE_ARRAY);
    if (value instanceof Expr.NewArray || value instanceof Expr.ArrayInit || value instanceof Expr.ArrayClone) {
      return fresh;
    }
    Expr nullArray = new Expr.Literal("null", Types.DOUBLE_ARRAY);
    Expr bar = new Expr.Conditional(
        new Expr.Binary("==", target, nullArray, Types.BOOLEAN), nullArray, fresh, Types.DOUBLE_ARRAY);
    if (value instanceof Expr.DiffCall d) {
      // a callee may return one of its arguments: the result is then that array, and shares its
      // adjoints (a later write through the argument is a write through the result)
      List<Expr[]> args = argumentBars(d);
      for (int i = args.size() - 1; i >= 0; i--) {
        bar = new Expr.Conditional(new Expr.Binary("==", target, args.get(i)[0], Types.BOOLEAN),
            args.get(i)[1], bar, Types.DOUBLE_ARRAY);
      }
    }
    return bar;
  }

  /** The {@code double[]} arguments of a call that have adjoints, each with its adjoint. */
  private List<Expr[]> argumentBars(Expr.DiffCall d) {
    List<Expr[]> out = new ArrayList<>();
    for (Expr a : d.args()) {
      Expr bar = ctx.barOf(a);
      if (Types.DOUBLE_ARRAY.equals(a.type()) && bar != null && (a instanceof Expr.Var || a instanceof Expr.Index)) {
        out.add(new Expr[] {a, bar});
      }
    }
    return out;
  }

  /**
   * The seed of a callee's adjoint: the adjoints of the array it returned, or null when that array
   * is one of its arguments, whose adjoints the result shares (they reach the argument already).
   */
  private Expr seed(Expr.DiffCall d, Expr.Var newBar) {
    Expr shared = null;
    for (Expr[] a : argumentBars(d)) {
      Expr same = new Expr.Binary("==", newBar, a[1], Types.BOOLEAN);
      shared = shared == null ? same : new Expr.Binary("||", shared, same, Types.BOOLEAN);
    }
    return shared == null ? newBar
        : new Expr.Conditional(shared, new Expr.Literal("null", Types.DOUBLE_ARRAY), newBar, Types.DOUBLE_ARRAY);
  }

  /** New zero adjoints for a row that carries none: {@code Lanes.zeros(row, 1)}. */
  private static Expr zeros(Expr row) {
    return new Expr.StaticCall(LANES, "zeros", List.of(row, AdjointContext.lit(1)), Types.DOUBLE_ARRAY);
  }

  /** True for a new {@code double[]} made from active values, whose adjoints go back to them. */
  private boolean passesAdjoints(Expr value) {
    if (!Types.DOUBLE_ARRAY.equals(value.type())) {
      return false;
    }
    return value instanceof Expr.ArrayInit
        || (value instanceof Expr.DiffCall && ctx.activity.isActive(value))
        || (value instanceof Expr.ArrayClone c && ctx.activity.isActive(c.array()))
        || (value instanceof Expr.PlainCall p && ArrayCalls.copies(p) && arrayCalls.copiesActive(p));
  }

  /** The reverse of a new array made from active values: its adjoints {@code newBar} passed on. */
  private void passOn(Expr value, Expr.Var newBar, List<Stmt> reverse, List<Stmt> later) {
    if (value instanceof Expr.ArrayInit init) {
      for (int j = 0; j < init.elements().size(); j++) {
        Expr el = init.elements().get(j);
        if (ctx.activity.isActive(el)) {
          Expr.Var t = ctx.tempBar(Types.DOUBLE);
          reverse.add(new Stmt.Declare(Types.DOUBLE, t.name(), new Expr.Index(newBar, AdjointContext.lit(j), Types.DOUBLE)));
          exprs.propagate(el, t, reverse, new HashMap<>());
        }
      }
    } else if (value instanceof Expr.DiffCall d) {
      // the callee's adjoint, seeded with the adjoints of the array it returned
      exprs.callAdjoint(d, seed(d, newBar), reverse, later);
    } else if (value instanceof Expr.PlainCall p) {
      arrayCalls.copy(p, newBar, reverse);
    } else if (value instanceof Expr.ArrayClone c) {
      Expr srcBar = ctx.barOf(c.array());
      if (srcBar == null) {
        throw ctx.unsupported("a clone of an array expression");
      }
      Expr.Var q = new Expr.Var(ctx.namer.fresh("q"), Types.INT);
      reverse.add(new Stmt.For(
          List.of(new Stmt.Declare(Types.INT, q.name(), new Expr.Literal("0", Types.INT))),
          new Expr.Binary("<", q, new Expr.Length(newBar, Types.INT), Types.BOOLEAN),
          List.of(new Stmt.Eval(new Expr.IncDec("++", false, q, Types.INT))),
          new Stmt.CompoundAssign("+", new Expr.Index(srcBar, q, Types.DOUBLE), new Expr.Index(newBar, q, Types.DOUBLE))));
    }
  }
}
