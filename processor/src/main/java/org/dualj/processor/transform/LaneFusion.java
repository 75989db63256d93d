package org.dualj.processor.transform;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * Lane-loop fusion: the lane loops of a straight-line run of lane code become one loop over the
 * p directions, placed after the run's primal statements.
 *
 * <p>Lane code first emits one loop per active operation, {@code for (k…) v3_dot[k] = c * v1_dot[k]
 * + …;}, each over a workspace slot. Within a run of statements without control flow or calls this
 * pass keeps the primal statements (values and the k-invariant partials) where they are and moves
 * every lane body, in order, into one loop at the end of the run. A lane that is only used inside
 * that loop, written before it is read, becomes a block-local {@code double v3_dot} there and
 * leaves the workspace.
 *
 * <p>Moving a lane body past a primal statement is exact only if the statement writes nothing the
 * body reads and reads nothing the body writes. A primitive variable that an earlier body reads and
 * the statement overwrites ({@code r = v1 + c[i]} after {@code v1_dot[k] = x * r_dot[k] + r *
 * x_dot[k]}, an index {@code i}) is copied just before it, {@code double c_2 = r;}, and the earlier
 * bodies read the copy. Any other conflict (a write into an array whose values a body reads, a
 * whole-array use such as an alias or a clone) ends the run, and so do calls, branches, loops,
 * returns and jumps. Per direction k, the fused loop evaluates the same expressions on the same
 * values in the same order as the separate loops, so every lane is bit for bit what it was.
 */
final class LaneFusion {
  private final String k;
  private final String p;
  /** Workspace slots that may become block-local scalars. */
  private final Set<String> candidates;
  /** Fresh local names, for snapshots of overwritten values. */
  private final UnaryOperator<String> fresh;
  /** Occurrences of each candidate in the whole method. */
  private final Map<String, Integer> uses = new HashMap<>();
  /** Candidates that became block-local scalars. */
  private final Set<String> localized = new HashSet<>();

  private LaneFusion(String k, String p, Set<String> candidates, UnaryOperator<String> fresh) {
    this.k = k;
    this.p = p;
    this.candidates = candidates;
    this.fresh = fresh;
  }

  /** The fused body, and the slots it no longer needs. */
  record Result(List<Stmt> body, Set<String> localized) {}

  /**
   * Fuses the lane loops of {@code body}.
   *
   * @param k the name of the lane index
   * @param p the name of the lane width
   * @param candidates the workspace slots, which may become block-local scalars
   * @param fresh gives an unused local name for a base name
   */
  static Result fuse(
      List<Stmt> body, String k, String p, Set<String> candidates, UnaryOperator<String> fresh) {
    LaneFusion f = new LaneFusion(k, p, candidates, fresh);
    for (Stmt s : body) {
      f.count(s);
    }
    List<Stmt> out = f.list(body);
    return new Result(out, f.localized);
  }

  // ---------------------------------------------------------------- statement lists

  private List<Stmt> list(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    Run run = new Run();
    for (Stmt s : in) {
      Stmt.Assign lane = laneBody(s);
      if (lane != null) {
        run.lane(lane);
      } else if (s instanceof Stmt.Comment c) {
        run.comment(c);
      } else if (run.admit(s)) {
        // joined the run
      } else {
        String line = run.pendingLine;
        run.flushInto(out);
        run = new Run();
        boolean simple =
            s instanceof Stmt.Declare
                || s instanceof Stmt.Assign
                || s instanceof Stmt.CompoundAssign
                || s instanceof Stmt.Eval;
        if (simple) {
          // the rest of the source line continues in the next run
          run.pendingLine = line;
        }
        if (!run.admit(s)) {
          out.add(nested(s));
        }
      }
    }
    run.flushInto(out);
    return out;
  }

  /** A statement that is not part of a run, with the statement lists inside it fused. */
  private Stmt nested(Stmt s) {
    if (s instanceof Stmt.Block b) {
      return new Stmt.Block(list(b.body()));
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cases = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cases.add(new Stmt.Case(c.labels(), list(c.body())));
      }
      return new Stmt.Switch(sw.selector(), cases, sw.arrows());
    }
    // Inside a try, a statement that throws would skip the lane loop of the values before it,
    // and a handler could read their tangents: no fusion there.
    boolean fusedInside =
        s instanceof Stmt.If
            || s instanceof Stmt.While
            || s instanceof Stmt.DoWhile
            || (s instanceof Stmt.For f && laneBody(f) == null)
            || s instanceof Stmt.ForEach
            || s instanceof Stmt.Labeled;
    return fusedInside ? Stmts.mapChildren(s, this::nested) : s;
  }

  /** The assignment of a lane loop {@code for (int k = 0; k < p; k++) { t[..k..] = e; }}, or null. */
  private Stmt.Assign laneBody(Stmt s) {
    if (!(s instanceof Stmt.For f)
        || f.init().size() != 1
        || !(f.init().get(0) instanceof Stmt.Declare d)
        || !d.name().equals(k)
        || !(f.cond() instanceof Expr.Binary c)
        || !c.op().equals("<")
        || !isVar(c.left(), k)
        || !isVar(c.right(), p)
        || f.update().size() != 1
        || !(f.update().get(0) instanceof Stmt.Eval u)
        || !(u.expr() instanceof Expr.IncDec inc)
        || !isVar(inc.target(), k)
        || !(f.body() instanceof Stmt.Block b)
        || b.body().size() != 1
        || !(b.body().get(0) instanceof Stmt.Assign a)
        || !(a.target() instanceof Expr.Index t)
        || !(t.array() instanceof Expr.Var)
        || !Exprs.reads(t.index(), k)
        || !pure(a.target())
        || !pure(a.value())) {
      return null;
    }
    return a;
  }

  private static boolean isVar(Expr e, String name) {
    return e instanceof Expr.Var v && v.name().equals(name);
  }

  /**
   * True for expressions free of calls and writes, which may move past each other: the node kinds
   * listed here and nothing else (a node kind added later is a barrier until it is listed).
   */
  private static boolean pure(Expr e) {
    boolean known =
        e instanceof Expr.Literal
            || e instanceof Expr.Var
            || e instanceof Expr.FieldRead
            || e instanceof Expr.Unary
            || e instanceof Expr.Binary
            || e instanceof Expr.Conditional
            || e instanceof Expr.Cast
            || e instanceof Expr.Index
            || e instanceof Expr.Length
            || e instanceof Expr.NewArray
            || e instanceof Expr.ArrayInit
            || e instanceof Expr.MathCall;
    if (!known) {
      return false;
    }
    for (Expr c : Exprs.children(e)) {
      if (!pure(c)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- runs

  /** A straight-line run: its primal statements in order, and its lane bodies in order. */
  private final class Run {
    final List<Stmt> primal = new ArrayList<>();
    /** Lane bodies, with {@code // line N} markers between them. */
    final List<Stmt> lanes = new ArrayList<>();
    int laneCount;
    /** Variables the lane bodies read (operands, indices, lanes), with their types. */
    final Map<String, TypeName> reads = new HashMap<>();
    /** Lanes (arrays) the lane bodies write. */
    final Set<String> writes = new HashSet<>();
    /** True once a lane body reads an array element that is not a lane ({@code x[i]}). */
    boolean readsValueElement;
    String pendingLine;
    /** The number of primal statements when the last lane body came. */
    int primalAtLastLane;
    /**
     * Copies of overwritten variables, by their declaration in {@link #primal}. Their names are
     * placeholders until the run is flushed: a copy is only kept if a lane body follows it.
     */
    final Map<Stmt, String> snapshots = new java.util.IdentityHashMap<>();

    void lane(Stmt.Assign a) {
      if (pendingLine != null) {
        lanes.add(new Stmt.Comment(pendingLine));
        pendingLine = null;
      }
      lanes.add(a);
      laneCount++;
      primalAtLastLane = primal.size();
      writes.add(((Expr.Var) ((Expr.Index) a.target()).array()).name());
      typedVarsOf(a.target(), reads);
      typedVarsOf(a.value(), reads);
      readsValueElement |= readsNonLaneElement(a.target()) || readsNonLaneElement(a.value());
    }

    void comment(Stmt.Comment c) {
      primal.add(c);
      if (c.text().startsWith("line ")) {
        int colon = c.text().indexOf(':');
        pendingLine = colon < 0 ? c.text() : c.text().substring(0, colon);
      }
    }

    /**
     * Adds {@code s} to the run if it may run before the lane bodies collected so far, and says
     * whether it did. A primitive variable those bodies read and {@code s} overwrites is copied
     * first ({@code double c = x;}), and the bodies read the copy.
     */
    boolean admit(Stmt s) {
      List<Expr> exprs = new ArrayList<>();
      Expr target = null;
      if (s instanceof Stmt.Declare d) {
        if (d.init() != null) {
          exprs.add(d.init());
        }
      } else if (s instanceof Stmt.Assign a) {
        target = a.target();
        exprs.add(a.value());
      } else if (s instanceof Stmt.CompoundAssign c) {
        target = c.target();
        exprs.add(c.value());
      } else if (s instanceof Stmt.Eval e) {
        exprs.add(e.expr());
      } else {
        return false;
      }
      Set<String> written = new HashSet<>();
      boolean writesElement = false;
      List<Expr> read = new ArrayList<>(exprs);
      if (target instanceof Expr.Var v) {
        if (v.type() instanceof ArrayTypeName) {
          return false; // a new alias
        }
        written.add(v.name());
      } else if (target instanceof Expr.Index ix) {
        writesElement = true;
        read.add(ix);
      } else if (target != null) {
        return false;
      }
      for (Expr e : exprs) {
        if (e instanceof Expr.IncDec i) {
          // x++ as a statement: the only write an expression may hold
          if (i.target() instanceof Expr.Var v) {
            written.add(v.name());
          } else {
            writesElement = true;
          }
          if (!pure(i.target())) {
            return false;
          }
        } else if (!pure(e)) {
          return false;
        }
      }
      for (Expr e : read) {
        if (usesWholeArray(e)) {
          return false;
        }
      }
      List<String> snapshots = new ArrayList<>();
      for (String w : written) {
        TypeName type = reads.get(w);
        if (type != null && !type.isPrimitive()) {
          return false;
        } else if (type != null) {
          snapshots.add(w);
        }
      }
      if (writesElement && readsValueElement) {
        return false;
      }
      Set<String> mentioned = new HashSet<>();
      for (Expr e : read) {
        varsOf(e, mentioned::add);
      }
      for (String w : writes) {
        if (mentioned.contains(w)) {
          return false;
        }
      }
      for (String w : snapshots) {
        snapshot(w);
      }
      primal.add(s);
      return true;
    }

    /** Copies variable {@code name} before it is overwritten; the lane bodies so far read the copy. */
    private void snapshot(String name) {
      TypeName type = reads.remove(name);
      String copy = "$snapshot" + snapshots.size();
      Stmt.Declare declare = new Stmt.Declare(type, copy, new Expr.Var(name, type));
      primal.add(declare);
      snapshots.put(declare, name);
      reads.put(copy, type);
      renameInLanes(name, copy);
    }

    private void renameInLanes(String from, String to) {
      for (int i = 0; i < lanes.size(); i++) {
        if (lanes.get(i) instanceof Stmt.Assign a) {
          lanes.set(i, new Stmt.Assign(rename(a.target(), from, to), rename(a.value(), from, to)));
        }
      }
    }

    /**
     * The run's code: the primal statements in order, with the lane loop where the last lane body
     * was (every partial it reads is computed by then).
     */
    void flushInto(List<Stmt> out) {
      List<Stmt> before = new ArrayList<>();
      List<Stmt> after = new ArrayList<>();
      for (int i = 0; i < primal.size(); i++) {
        Stmt s = primal.get(i);
        String var = snapshots.get(s);
        List<Stmt> to = i < primalAtLastLane ? before : after;
        if (var == null) {
          to.add(s);
        } else if (i < primalAtLastLane) {
          // the loop runs after the overwrite: keep the copy
          Stmt.Declare d = (Stmt.Declare) s;
          String name = fresh.apply("c");
          renameInLanes(d.name(), name);
          to.add(new Stmt.Declare(d.type(), name, d.init()));
        } else {
          // the loop runs before the overwrite: the lane bodies read the variable itself
          renameInLanes(((Stmt.Declare) s).name(), var);
        }
      }
      out.addAll(before);
      if (laneCount == 1) {
        for (Stmt s : lanes) {
          if (s instanceof Stmt.Assign a) {
            out.add(loop(List.of(a)));
          }
        }
      } else if (laneCount > 1) {
        out.add(new Stmt.Comment("the tangent lanes of the statements above, in one loop over the p directions"));
        out.add(fused());
      }
      out.addAll(after);
    }

    private Stmt fused() {
      Set<String> local = localizable();
      localized.addAll(local);
      List<Stmt> body = new ArrayList<>();
      Set<String> declared = new HashSet<>();
      for (Stmt s : lanes) {
        if (!(s instanceof Stmt.Assign a)) {
          body.add(s);
          continue;
        }
        Expr value = scalarize(a.value(), local);
        String root = ((Expr.Var) ((Expr.Index) a.target()).array()).name();
        if (local.contains(root) && declared.add(root)) {
          body.add(new Stmt.Declare(Types.DOUBLE, root, value));
        } else {
          body.add(new Stmt.Assign(scalarize(a.target(), local), value));
        }
      }
      return loop(body);
    }

    /**
     * The slots used only in this run, each only as {@code name[k]}, and written by the first
     * lane body that mentions them without reading them there.
     */
    private Set<String> localizable() {
      Map<String, Integer> here = new HashMap<>();
      Set<String> notAsLane = new HashSet<>();
      Set<String> seen = new HashSet<>();
      Set<String> writtenFirst = new HashSet<>();
      for (Stmt s : lanes) {
        if (!(s instanceof Stmt.Assign a)) {
          continue;
        }
        for (Expr e : List.of(a.target(), a.value())) {
          varsOf(e, name -> here.merge(name, 1, Integer::sum));
          usesNotAsLane(e, notAsLane);
        }
        Expr.Index t = (Expr.Index) a.target();
        String root = ((Expr.Var) t.array()).name();
        Set<String> valueVars = new HashSet<>();
        varsOf(a.value(), valueVars::add);
        if (!seen.contains(root) && isVar(t.index(), k) && !valueVars.contains(root)) {
          writtenFirst.add(root);
        }
        seen.add(root);
        seen.addAll(valueVars);
      }
      Set<String> local = new HashSet<>();
      for (String name : writtenFirst) {
        if (candidates.contains(name)
            && !notAsLane.contains(name)
            && here.getOrDefault(name, 0).equals(uses.getOrDefault(name, 0))) {
          local.add(name);
        }
      }
      return local;
    }
  }

  /** {@code for (int k = 0; k < p; k++) { body }} */
  private Stmt loop(List<Stmt> body) {
    Expr.Var kv = new Expr.Var(k, Types.INT);
    return new Stmt.For(
        List.of(new Stmt.Declare(Types.INT, k, new Expr.Literal("0", Types.INT))),
        new Expr.Binary("<", kv, new Expr.Var(p, Types.INT), Types.BOOLEAN),
        List.of(new Stmt.Eval(new Expr.IncDec("++", false, kv, Types.INT))),
        new Stmt.Block(body));
  }

  /** {@code name[k]} of a block-local lane as the scalar {@code name}. */
  private Expr scalarize(Expr e, Set<String> local) {
    if (e instanceof Expr.Index ix
        && ix.array() instanceof Expr.Var v
        && local.contains(v.name())
        && isVar(ix.index(), k)) {
      return new Expr.Var(v.name(), Types.DOUBLE);
    }
    return Exprs.mapChildren(e, c -> scalarize(c, local));
  }

  /** Collects the variables that {@code e} uses other than as {@code name[k]}. */
  private void usesNotAsLane(Expr e, Set<String> out) {
    if (e instanceof Expr.Index ix && ix.array() instanceof Expr.Var && isVar(ix.index(), k)) {
      return;
    }
    if (e instanceof Expr.Var v) {
      out.add(v.name());
      return;
    }
    for (Expr c : Exprs.children(e)) {
      usesNotAsLane(c, out);
    }
  }

  /** True if {@code e} reads an element whose index does not involve k: a value, not a lane. */
  private boolean readsNonLaneElement(Expr e) {
    if (e instanceof Expr.Index ix && !Exprs.reads(ix.index(), k)) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (readsNonLaneElement(c)) {
        return true;
      }
    }
    return false;
  }

  /** True if an array variable appears other than as the array of an element read or a length. */
  private static boolean usesWholeArray(Expr e) {
    if (e instanceof Expr.Var v) {
      return v.type() instanceof ArrayTypeName;
    }
    if (e instanceof Expr.Index ix && ix.array() instanceof Expr.Var) {
      // a row m[i] of a double[][] is a whole array too (an alias, a clone)
      return ix.type() instanceof ArrayTypeName || usesWholeArray(ix.index());
    }
    if (e instanceof Expr.Length l && l.array() instanceof Expr.Var) {
      return false;
    }
    for (Expr c : Exprs.children(e)) {
      if (usesWholeArray(c)) {
        return true;
      }
    }
    return false;
  }

  private static Expr rename(Expr e, String from, String to) {
    if (e instanceof Expr.Var v) {
      return v.name().equals(from) ? new Expr.Var(to, v.type()) : v;
    }
    return Exprs.mapChildren(e, c -> rename(c, from, to));
  }

  private static void typedVarsOf(Expr e, Map<String, TypeName> out) {
    if (e instanceof Expr.Var v) {
      out.put(v.name(), v.type());
      return;
    }
    for (Expr c : Exprs.children(e)) {
      typedVarsOf(c, out);
    }
  }

  private static void varsOf(Expr e, Consumer<String> out) {
    if (e instanceof Expr.Var v) {
      out.accept(v.name());
      return;
    }
    for (Expr c : Exprs.children(e)) {
      varsOf(c, out);
    }
  }

  // ---------------------------------------------------------------- counting

  /** Counts the occurrences of the candidates in {@code s}. */
  private void count(Stmt s) {
    for (Stmt x : Stmts.all(s)) {
      for (Expr e : Stmts.exprs(x)) {
        varsOf(
            e,
            name -> {
              if (candidates.contains(name)) {
                uses.merge(name, 1, Integer::sum);
              }
            });
      }
    }
  }
}
