package org.dualj.processor.analysis;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;

/**
 * The values the reverse sweep of reverse mode computes again instead of having the forward sweep
 * record them: at each simple statement of a (prepared) body, the local variables whose current
 * value was assigned earlier in the same statement list by a cheap expression free of effects
 * (arithmetic, comparisons, casts, loads of variables, elements and lengths; no call), none of
 * whose operands was assigned since, and, when it loads elements, after which no element was
 * written and no method called.
 *
 * <p>Where the reverse code of such a statement reads the variable, it starts by assigning it
 * again: every operand then holds the value it had at the assignment (the reverse sweep restores,
 * at each statement, the values the forward sweep saw there, of every variable it reads, and the
 * operands become such reads), so the variable gets the value it holds at the statement in the
 * forward sweep. The variable is then not read before it is assigned, and the assignments that
 * overwrite it later need not push it: a temporary of a loop body ({@code double t = 10 * (x[i +
 * 1] - x[i] * x[i])}) costs a few operations in the reverse sweep instead of a push and a pop.
 *
 * <p>The definition is looked for in the statement's own list and in the lists around it that run
 * once per run of the list (a block, a branch of an if), not across a loop's body, where it would
 * be computed again at every trip instead of once; a variable assigned once per call is left
 * alone, as it keeps its value to the end and costs nothing to read.
 */
public final class Recompute {
  /** At most this many expression nodes in a value computed again. */
  private static final int MAX_NODES = 24;

  /** An assignment whose value the reverse sweep may compute again. */
  public record Def(String name, TypeName type, Expr value) {}

  private final Set<String> assignedOnce;
  private final Map<Stmt, List<Def>> available = new IdentityHashMap<>();

  private Recompute(Set<String> assignedOnce) {
    this.assignedOnce = assignedOnce;
  }

  /**
   * The definitions available at each simple statement of {@code body}.
   *
   * @param assignedOnce the variables assigned once per call ({@link AssignedOnce})
   */
  public static Recompute of(List<Stmt> body, Set<String> assignedOnce) {
    Recompute r = new Recompute(assignedOnce);
    r.list(body, new LinkedHashMap<>());
    return r;
  }

  /** No value computed again. */
  public static Recompute none() {
    return new Recompute(Set.of());
  }

  /** True when some statement has a value it may compute again. */
  public boolean any() {
    return available.values().stream().anyMatch(d -> !d.isEmpty());
  }

  /**
   * The definitions whose values hold at simple statement {@code s} (by identity), after what
   * {@code s} itself assigns, in the order they were assigned (a later one may read an earlier
   * one); empty if none.
   */
  public List<Def> at(Stmt s) {
    List<Def> d = available.get(s);
    return d == null ? List.of() : d;
  }

  /** True when {@code value} is cheap and free of effects: it may be computed again. */
  public static boolean cheap(Expr value) {
    int[] budget = {MAX_NODES};
    return cheap(value, budget);
  }

  private static boolean cheap(Expr e, int[] budget) {
    if (e == null || --budget[0] < 0) {
      return false;
    }
    if (e instanceof Expr.Literal || e instanceof Expr.Var || isMathConstant(e)) {
      return true;
    } else if (e instanceof Expr.Unary u) {
      return cheap(u.operand(), budget);
    } else if (e instanceof Expr.Binary b) {
      return cheap(b.left(), budget) && cheap(b.right(), budget);
    } else if (e instanceof Expr.Cast c) {
      return c.type().isPrimitive() && cheap(c.operand(), budget);
    } else if (e instanceof Expr.Index ix) {
      return cheap(ix.array(), budget) && cheap(ix.index(), budget);
    } else if (e instanceof Expr.Length l) {
      return cheap(l.array(), budget);
    } else if (e instanceof Expr.Conditional c) {
      return cheap(c.cond(), budget) && cheap(c.whenTrue(), budget) && cheap(c.whenFalse(), budget);
    }
    return false;
  }

  /**
   * True for a constant of the {@code Math} classes ({@code Math.PI}, {@code StrictMath.E},
   * {@code FastMath.PI}): final fields, the same value wherever they are read again.
   */
  private static boolean isMathConstant(Expr e) {
    if (!(e instanceof Expr.FieldRead f) || f.receiver() != null) {
      return false;
    }
    String owner = f.owner().canonicalName();
    return owner.equals("java.lang.Math") || owner.equals("java.lang.StrictMath")
        || owner.equals("org.hipparchus.util.FastMath");
  }

  /** True when {@code e} loads an array element. */
  public static boolean loadsElements(Expr e) {
    if (e instanceof Expr.Index) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (loadsElements(c)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code e} reads one of {@code names}. */
  public static boolean readsAny(Expr e, Set<String> names) {
    if (e instanceof Expr.Var v) {
      return names.contains(v.name());
    }
    for (Expr c : Exprs.children(e)) {
      if (readsAny(c, names)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- the forward scan

  private void list(List<Stmt> stmts, Map<String, Def> state) {
    for (Stmt s : stmts) {
      stmt(s, state);
    }
  }

  private void stmt(Stmt s, Map<String, Def> state) {
    if (s instanceof Stmt.SourceLine l) {
      if (l.stmt() != null) {
        stmt(l.stmt(), state);
      }
    } else if (Recording.isSimple(s)) {
      kill(state, s);
      available.put(s, new ArrayList<>(state.values()));
      Def d = definition(s);
      if (d != null) {
        state.put(d.name(), d);
      }
    } else if (s instanceof Stmt.Block b) {
      list(b.body(), new LinkedHashMap<>(state));
      kill(state, s);
    } else if (s instanceof Stmt.If i) {
      list(List.of(i.then()), new LinkedHashMap<>(state));
      if (i.otherwise() != null) {
        list(List.of(i.otherwise()), new LinkedHashMap<>(state));
      }
      kill(state, s);
    } else if (s instanceof Stmt.For f) {
      // the initialisers run once, as statements of this list
      list(f.init(), state);
      kill(state, s);
      list(f.update(), new LinkedHashMap<>());
      list(List.of(f.body()), new LinkedHashMap<>());
    } else {
      // loops, labels, switches, try: each part on its own
      kill(state, s);
      for (Stmt c : Stmts.children(s)) {
        list(List.of(c), new LinkedHashMap<>());
      }
    }
  }

  /** The definition {@code s} makes, if its value may be computed again. */
  private Def definition(Stmt s) {
    String name;
    TypeName type;
    Expr value;
    if (s instanceof Stmt.Declare d && d.init() != null) {
      name = d.name();
      type = d.type();
      value = d.init();
    } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
      name = v.name();
      type = v.type();
      value = a.value();
    } else {
      return null;
    }
    if (!type.isPrimitive() || assignedOnce.contains(name) || Exprs.reads(value, name) || !cheap(value)) {
      return null;
    }
    return new Def(name, type, value);
  }

  /**
   * Drops from {@code state} the definitions that no longer hold after {@code s}: those of a
   * variable {@code s} assigns, those reading one, and, when {@code s} writes an element or calls a
   * method, those loading elements.
   */
  private static void kill(Map<String, Def> state, Stmt s) {
    if (state.isEmpty()) {
      return;
    }
    Set<String> assigned = new HashSet<>();
    boolean[] elements = {false};
    for (Stmt x : Stmts.all(s)) {
      effects(x, assigned, elements);
    }
    state.values().removeIf(d -> assigned.contains(d.name())
        || readsAny(d.value(), assigned)
        || (elements[0] && loadsElements(d.value())));
  }

  /** The variables statement {@code x} itself assigns, and whether it writes elements or calls. */
  private static void effects(Stmt x, Set<String> assigned, boolean[] elements) {
    if (x instanceof Stmt.Declare d) {
      assigned.add(d.name());
    } else if (x instanceof Stmt.ForEach f) {
      assigned.add(f.var());
    } else if (x instanceof Stmt.Try t) {
      t.catches().forEach(c -> assigned.add(c.name()));
    }
    Expr target = x instanceof Stmt.Assign a ? a.target()
        : x instanceof Stmt.CompoundAssign c ? c.target() : null;
    if (target instanceof Expr.Var v) {
      assigned.add(v.name());
    } else if (target != null) {
      elements[0] = true;
    }
    for (Expr e : Stmts.exprs(x)) {
      exprEffects(e, assigned, elements);
    }
  }

  private static void exprEffects(Expr e, Set<String> assigned, boolean[] elements) {
    if (e instanceof Expr.IncDec i) {
      if (i.target() instanceof Expr.Var v) {
        assigned.add(v.name());
      } else {
        elements[0] = true;
      }
    } else if (!(e instanceof Expr.MathCall) && !cheap(e) && Exprs.isCall(e)) {
      elements[0] = true;
    }
    for (Expr c : Exprs.children(e)) {
      exprEffects(c, assigned, elements);
    }
  }
}
