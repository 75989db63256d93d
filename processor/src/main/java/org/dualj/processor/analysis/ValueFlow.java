package org.dualj.processor.analysis;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;
import org.dualj.processor.rules.TangentTable;

/**
 * Where values flow other than as derivatives, for the calls without derivatives: which values of
 * types without tangents depend on the inputs ({@link #varied}), and which variables and calls
 * feed the derivative (the result, the arrays written back), against the flow of assignments.
 */
final class ValueFlow {
  private final Activity activity;
  private final MethodModel method;
  private boolean changed;
  /** Variables of other types whose values depend on the inputs (a String, a list, an object). */
  private final Set<String> tainted = new HashSet<>();
  /**
   * Fields ({@code Owner.name}) whose objects a call handed a value depending on the inputs
   * ({@code history.add(x)}): what is read through them later depends on the inputs too.
   */
  private final Set<String> taintedFields = new HashSet<>();
  /** Variables whose values feed the derivative (the result, an output array). */
  private final Set<String> useful = new HashSet<>();
  /** Calls without a derivative whose results feed the derivative. */
  private final Set<Expr> usefulCalls = Collections.newSetFromMap(new IdentityHashMap<>());

  ValueFlow(Activity activity, MethodModel method) {
    this.activity = activity;
    this.method = method;
  }

  /** True for a call without a derivative whose result feeds the derivative. */
  boolean isUseful(Expr call) {
    return usefulCalls.contains(call);
  }

  /**
   * Types whose values are piecewise constant functions of the inputs, so no derivative flows
   * through them. Not {@code float}: a {@code float} a call returns ({@code narrow(x) * x}) is a
   * smooth function of its arguments, whose derivative the call cannot give.
   */
  static boolean discrete(TypeName t) {
    return t == null
        || TypeName.VOID.equals(t)
        || (t.isPrimitive() && !TypeName.DOUBLE.equals(t) && !TypeName.FLOAT.equals(t));
  }

  /** True if the value of {@code e} may depend on the inputs other than piecewise constantly. */
  boolean varied(Expr e) {
    if (discrete(e.type())) {
      return false;
    } else if (e instanceof Expr.Cast c && TypeName.FLOAT.equals(c.type())) {
      return false; // an active value cast to float is an error of its own
    } else if (e instanceof Expr.Var v) {
      return activity.isActiveVar(v.name()) || tainted.contains(v.name());
    } else if (e instanceof Expr.FieldRead f && taintedFields.contains(fieldKey(f))) {
      return true;
    } else if (e instanceof Expr.MathCall m && TangentTable.isConstant(m.fn())) {
      return false;
    } else if (e instanceof Expr.Literal || e instanceof Expr.NewArray || e instanceof Expr.Length) {
      return false;
    } else if (e instanceof Expr.Conditional c) {
      return varied(c.whenTrue()) || varied(c.whenFalse());
    } else if (e instanceof Expr.Index i) {
      return varied(i.array());
    }
    if (activity.isActive(e)) {
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
  void compute() {
    List<Stmt> all = Stmts.all(method.body());
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
        for (Expr e : Stmts.exprs(s)) {
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
          if (h instanceof Expr.FieldRead f
              && !Types.isDifferentiable(f.type())
              && !discrete(f.type())
              && !(f.type() instanceof ArrayTypeName)
              && !ClassName.get(String.class).equals(f.type())
              && taintedFields.add(fieldKey(f))) {
            changed = true;
          }
          if (h instanceof Expr.Var v
              && !method.isReceiver(v.name())
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

  private static String fieldKey(Expr.FieldRead f) {
    return f.owner().canonicalName() + "." + f.name();
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
    for (Expr e : Stmts.exprs(s)) {
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
}
