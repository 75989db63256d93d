package org.dualj.processor.analysis;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;

/**
 * What the forward sweep of reverse mode must record: at each simple statement of a method's
 * (prepared) body, the variables whose old values it must push before overwriting them, because
 * the reverse sweep reads those values when it undoes the statements before.
 *
 * <p>{@link #saves} is a forward may-analysis: a variable must be saved where it is assigned if it
 * may have been read (by the reverse code of a statement) since it was last assigned. Loops are
 * iterated to a fixed point, and a jump (break, continue, return, throw) is covered by joining
 * every state seen inside the loop, label or switch it leaves.
 *
 * <p>What the reverse sweep reads depends on what is recorded (a restored element is read through
 * its index), so {@link #settle} repeats the emission of the reverse sweep and this analysis until
 * the decisions no longer change.
 */
public final class Recording {
  private final Map<Stmt, Set<String>> stmtReads;
  private final Map<Stmt, Set<String>> saves = new IdentityHashMap<>();

  private Recording(Map<Stmt, Set<String>> stmtReads) {
    this.stmtReads = stmtReads;
  }

  /**
   * What one emission of the reverse sweep reads.
   *
   * @param byStmt for each simple statement (by identity), the variables its reverse code reads
   * @param variables every variable the reverse sweep reads
   * @param elements the element types of the arrays whose elements the reverse sweep reads
   */
  public record Reads(
      Map<Stmt, Set<String>> byStmt, Set<String> variables, Set<TypeName> elements) {}

  /**
   * What the forward sweep records.
   *
   * @param saveAt for each simple statement (by identity), the variables whose old values it saves
   * @param elements the element types of the arrays whose overwritten elements are saved
   */
  public record Decisions(Map<Stmt, Set<String>> saveAt, Set<TypeName> elements) {
    /** Nothing recorded: where the emission starts. */
    public static Decisions none() {
      return new Decisions(new IdentityHashMap<>(), new HashSet<>());
    }

    /** True when simple statement {@code s} must save the old value of {@code name}. */
    public boolean saves(Stmt s, String name) {
      Set<String> at = saveAt.get(s);
      return at != null && at.contains(name);
    }

    /** True when an assignment to an element of a {@code type} array must save the old value. */
    public boolean savesElements(TypeName type) {
      return elements.contains(type);
    }
  }

  /**
   * The decisions on which {@code sweep} (the emission of the reverse sweep with the decisions it
   * is given) and this analysis agree, or null if they do not settle within {@code maxRounds}
   * further rounds. The last call of {@code sweep} was made with the decisions returned.
   */
  public static Decisions settle(List<Stmt> body, Function<Decisions, Reads> sweep, int maxRounds) {
    Decisions decisions = Decisions.none();
    Set<String> needed = new HashSet<>();
    for (int round = 0; ; round++) {
      Reads reads = sweep.apply(decisions);
      Map<Stmt, Set<String>> saves = saves(body, reads.byStmt());
      if (sameSaves(saves, decisions.saveAt())
          && reads.variables().equals(needed)
          && reads.elements().equals(decisions.elements())) {
        return decisions;
      }
      if (round > maxRounds) {
        return null;
      }
      decisions = new Decisions(saves, new HashSet<>(reads.elements()));
      needed = new HashSet<>(reads.variables());
    }
  }

  /**
   * For each simple statement of {@code body} that assigns a variable the reverse sweep may have
   * read since its last assignment, those variables; {@code stmtReads} gives, per simple statement
   * (by identity), the variables its reverse code reads.
   */
  public static Map<Stmt, Set<String>> saves(List<Stmt> body, Map<Stmt, Set<String>> stmtReads) {
    Recording r = new Recording(stmtReads);
    r.flow(body, new HashSet<>(), new HashSet<>());
    return r.saves;
  }

  /** Equal decisions: the same statements (by identity) saving the same variables. */
  private static boolean sameSaves(Map<Stmt, Set<String>> a, Map<Stmt, Set<String>> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<Stmt, Set<String>> e : a.entrySet()) {
      if (!b.containsKey(e.getKey()) || !e.getValue().equals(b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The statements reverse mode undoes one by one: declarations, assignments, expression
   * statements, assertions, comments and source lines.
   */
  public static boolean isSimple(Stmt s) {
    return s instanceof Stmt.Declare
        || s instanceof Stmt.Assign
        || s instanceof Stmt.CompoundAssign
        || s instanceof Stmt.Eval
        || s instanceof Stmt.Assert
        || s instanceof Stmt.Comment
        || s instanceof Stmt.SourceLine;
  }

  /** The variables a simple statement assigns. */
  public static List<String> assigned(Stmt s) {
    List<String> out = new ArrayList<>();
    if (s instanceof Stmt.Declare d && d.init() != null) {
      out.add(d.name());
    } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
      out.add(v.name());
    } else if (s instanceof Stmt.CompoundAssign c && c.target() instanceof Expr.Var v) {
      out.add(v.name());
    } else if (s instanceof Stmt.Eval e
        && e.expr() instanceof Expr.IncDec i
        && i.target() instanceof Expr.Var v) {
      out.add(v.name());
    }
    return out;
  }

  // ---------------------------------------------------------------- the may-analysis

  /**
   * The state after {@code stmts} from state {@code in} (the variables read since their last
   * assignment); {@code all} collects every state seen, for the jumps out of the enclosing loop,
   * label or switch.
   */
  private Set<String> flow(List<Stmt> stmts, Set<String> in, Set<String> all) {
    Set<String> state = in;
    for (Stmt s : stmts) {
      state = flow(s, state, all);
      all.addAll(state);
    }
    return state;
  }

  private Set<String> flow(Stmt s, Set<String> in, Set<String> all) {
    if (s instanceof Stmt.SourceLine l) {
      return l.stmt() == null ? in : flow(l.stmt(), in, all);
    } else if (isSimple(s)) {
      return simple(s, in);
    } else if (s instanceof Stmt.Block b) {
      return flow(b.body(), in, all);
    } else if (s instanceof Stmt.If i) {
      Set<String> yes = flow(List.of(i.then()), new HashSet<>(in), all);
      Set<String> no =
          i.otherwise() == null ? in : flow(List.of(i.otherwise()), new HashSet<>(in), all);
      Set<String> out = new HashSet<>(yes);
      out.addAll(no);
      return out;
    } else if (s instanceof Stmt.While w) {
      return loop(in, List.of(w.body()), List.of(), all);
    } else if (s instanceof Stmt.DoWhile d) {
      return loop(in, List.of(d.body()), List.of(), all);
    } else if (s instanceof Stmt.For f) {
      Set<String> afterInit = flow(f.init(), new HashSet<>(in), all);
      return loop(afterInit, List.of(f.body()), f.update(), all);
    } else if (s instanceof Stmt.Labeled l) {
      return exits(List.of(l.body()), in, all);
    } else if (s instanceof Stmt.Switch sw) {
      return cases(sw, in, all);
    } else if (s instanceof Stmt.Try t) {
      return tryStmt(t, in, all);
    }
    return in; // break, continue, return, throw: their states are in `all`
  }

  /**
   * A try: a handler may start from any state seen in the body (an exception can interrupt it
   * anywhere), the finally from the end of the body or of any handler, or from any state seen
   * in them (a jump or an exception passes through it).
   */
  private Set<String> tryStmt(Stmt.Try t, Set<String> in, Set<String> all) {
    Set<String> inner = new HashSet<>(in);
    Set<String> out = flow(List.of(t.body()), new HashSet<>(in), inner);
    Set<String> handlerIn = new HashSet<>(inner);
    handlerIn.addAll(out);
    for (Stmt.Catch c : t.catches()) {
      out.addAll(flow(List.of(c.body()), new HashSet<>(handlerIn), inner));
    }
    all.addAll(inner);
    if (t.fin() == null) {
      return out;
    }
    Set<String> finIn = new HashSet<>(out);
    finIn.addAll(inner);
    return flow(List.of(t.fin()), finIn, all);
  }

  private Set<String> simple(Stmt s, Set<String> in) {
    Set<String> state = new HashSet<>(in);
    Set<String> r = stmtReads.get(s);
    if (r != null) {
      state.addAll(r);
    }
    for (String v : assigned(s)) {
      if (state.contains(v)) {
        saves.computeIfAbsent(s, k -> new HashSet<>()).add(v);
      }
      state.remove(v);
    }
    return state;
  }

  /** A labelled statement: what leaves it by its end or by a break out of the label. */
  private Set<String> exits(List<Stmt> body, Set<String> in, Set<String> all) {
    Set<String> inner = new HashSet<>();
    Set<String> out = new HashSet<>(flow(body, new HashSet<>(in), inner));
    out.addAll(inner); // a break out of the label
    all.addAll(inner);
    return out;
  }

  /** A switch: each case from the selector or by falling through from the one before. */
  private Set<String> cases(Stmt.Switch sw, Set<String> in, Set<String> all) {
    Set<String> out = new HashSet<>(in);
    Set<String> fall = new HashSet<>();
    Set<String> inner = new HashSet<>();
    for (Stmt.Case c : sw.cases()) {
      Set<String> start = new HashSet<>(in);
      start.addAll(fall);
      fall = flow(c.body(), start, inner);
      out.addAll(fall);
    }
    out.addAll(inner); // a break out of the switch
    all.addAll(inner);
    return out;
  }

  private Set<String> loop(Set<String> in, List<Stmt> body, List<Stmt> update, Set<String> all) {
    Set<String> head = new HashSet<>(in);
    while (true) {
      Set<String> inner = new HashSet<>();
      Set<String> end = flow(body, new HashSet<>(head), inner);
      end = flow(update, end, inner);
      Set<String> next = new HashSet<>(head);
      next.addAll(end);
      next.addAll(inner);
      if (next.equals(head)) {
        all.addAll(inner);
        return next;
      }
      head = next;
    }
  }
}
