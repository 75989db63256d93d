package org.dualj.processor.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * Runs the reverse of a loop trip by trip inside the loop, where the order of the sweeps does not
 * matter: a loop that sums terms into an accumulator the rest of the method passes on linearly
 * ({@code s += t1 * t1 + t2 * t2; … return s;}). Each reverse trip then reads only its own trip's
 * values (recomputed, or as the trip leaves them), the accumulator's adjoint (which no trip
 * changes), and adjoints that start and end each trip at zero, and only adds into array adjoints;
 * so the trips' reverse code may run in any order, in particular each at the end of its forward
 * trip, provided the adjoint of the accumulator is known before the loop: the reverse code of the
 * statements after the loop must read no value that the loop or they compute, and then runs first.
 * The loop records nothing (no trip count), the reverse sweep skips it, and the values a reverse
 * trip needs are at hand: one pass over the data instead of two, as a hand-written gradient does.
 *
 * <p>Only for a straight method (no run numbers), the last loop whose reverse keeps its shape, and
 * only when the loop and what follows it write no array element, call nothing but {@code Math}
 * functions, record nothing on the tape and handle no adjoint; when the reverse code of the
 * statements before the loop reads no value the loop or the statements after it assign; and when
 * the reverse trip assigns only values the trip computes before reading them and nothing after the
 * loop reads. The adjoints are added in the trips' order rather than in reverse, which changes the
 * gradient only by rounding.
 */
final class TripAdjoints {
  /** The two sweeps with the loop's reverse inside it, and the trip counter no longer used. */
  record Fused(List<Stmt> forward, List<Stmt> reverse, String counter) {}

  private static final Set<String> MATH =
      Set.of("java.lang.Math", "java.lang.StrictMath", "org.hipparchus.util.FastMath",
          "org.apache.commons.math3.util.FastMath");

  private final AdjointContext ctx;

  private TripAdjoints(AdjointContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The sweeps of a straight method with its last shaped loop fused, or null when that loop does
   * not qualify.
   *
   * @param undos the number of update-undoing statements at the start of each loop's reverse
   *     trip, by the loop's trip counter
   */
  static Fused fuse(AdjointContext ctx, List<Stmt> forward, List<Stmt> reverse, Map<String, Integer> undos) {
    return ctx.straight ? new TripAdjoints(ctx).fuse(forward, reverse, undos) : null;
  }

  private Fused fuse(List<Stmt> forward, List<Stmt> reverse, Map<String, Integer> undos) {
    // forward: P, trips = 0, loop { body; trips++ }, push(trips), T
    int push = -1;
    for (int i = forward.size() - 1; i >= 0 && push < 0; i--) {
      if (tape(forward.get(i))) {
        push = i;
      }
    }
    if (push < 2 || !(forward.get(push) instanceof Stmt.Eval e && e.expr() instanceof Expr.PlainCall call
        && call.name().equals("pushInt") && call.args().get(0) instanceof Expr.Var trips
        && undos.containsKey(trips.name()))) {
      return null;
    }
    String counter = ((Expr.Var) ((Expr.PlainCall) ((Stmt.Eval) forward.get(push)).expr()).args().get(0)).name();
    Stmt loop = forward.get(push - 1);
    List<Stmt> body = loopBody(loop, counter);
    if (body == null || !(forward.get(push - 2) instanceof Stmt.Assign a0
        && a0.target() instanceof Expr.Var v0 && v0.name().equals(counter))) {
      return null;
    }
    List<Stmt> before = forward.subList(0, push - 2);
    List<Stmt> tail = forward.subList(push + 1, forward.size());
    // reverse: RT (the tail's), the loop's reverse, RP
    int at = 0;
    while (at < reverse.size() && !tape(reverse.get(at))) {
      at++;
    }
    if (at == reverse.size() || !(reverse.get(at) instanceof Stmt.For r) || !(r.body() instanceof Stmt.Block rb)) {
      return null;
    }
    List<Stmt> tailReverse = withoutTrailingComments(reverse.subList(0, at));
    List<Stmt> rest = reverse.subList(at + 1, reverse.size());
    int undo = undos.get(counter);
    if (undo > rb.body().size()) {
      return null;
    }
    List<Stmt> trip = rb.body().subList(undo, rb.body().size());
    Set<String> outside = outsideReads(loop, tail, tailReverse, rest);
    Set<String> kept = keptInTrip(body, trip, outside);
    body = withoutRecords(body, kept);
    trip = again(withoutRecords(trip, kept), body);
    loop = withBody(loop, body);
    List<Stmt> loopAndTail = new ArrayList<>(List.of(loop));
    loopAndTail.addAll(tail);
    Set<String> assigned = assigned(loopAndTail);
    if (!plain(loopAndTail) || tape(tailReverse)
        || !assigned(tailReverse).stream().noneMatch(ctx.primal::contains)
        || reads(tailReverse).stream().anyMatch(assigned::contains)
        || reads(rest).stream().anyMatch(assigned::contains)
        || !tripAdjoints(trip, tailReverse)
        || !tripLocal(trip, body, outside)) {
      return null;
    }
    List<Stmt> fusedBody = new ArrayList<>(body);
    fusedBody.add(new Stmt.Comment("the trip's reverse, at its end: no trip's reverse needs another's"));
    fusedBody.addAll(trip);
    List<Stmt> out = new ArrayList<>(before);
    if (!tailReverse.isEmpty()) {
      out.add(new Stmt.Comment("the adjoints the loop's trips need, from the statements after it, first"));
      out.addAll(tailReverse);
    }
    out.add(withBody(loop, fusedBody));
    out.addAll(tail);
    return new Fused(out, new ArrayList<>(rest), counter);
  }

  /** The loop's body without its trip count, or null if it is not a loop counting its trips. */
  private static List<Stmt> loopBody(Stmt loop, String counter) {
    Stmt body = loop instanceof Stmt.For f ? f.body() : loop instanceof Stmt.While w ? w.body() : null;
    if (!(body instanceof Stmt.Block b) || b.body().isEmpty()
        || !(b.body().get(b.body().size() - 1) instanceof Stmt.Eval e
            && e.expr() instanceof Expr.IncDec inc && inc.target() instanceof Expr.Var v
            && v.name().equals(counter))) {
      return null;
    }
    return b.body().subList(0, b.body().size() - 1);
  }

  private static Stmt withBody(Stmt loop, List<Stmt> body) {
    if (loop instanceof Stmt.For f) {
      return new Stmt.For(f.init(), f.cond(), f.update(), new Stmt.Block(body));
    }
    return new Stmt.While(((Stmt.While) loop).cond(), new Stmt.Block(body));
  }

  private static List<Stmt> withoutTrailingComments(List<Stmt> code) {
    int end = code.size();
    while (end > 0 && code.get(end - 1) instanceof Stmt.Comment) {
      end--;
    }
    return new ArrayList<>(code.subList(0, end));
  }

  /**
   * The adjoints of one reverse trip: array adjoints only added into; the scalar adjoints the trip
   * assigns zero at its end and untouched by the tail's reverse (so zero at every trip's start);
   * every other adjoint it reads only read (what the tail's reverse left there).
   */
  private boolean tripAdjoints(List<Stmt> trip, List<Stmt> tailReverse) {
    Set<String> local = declared(trip);
    for (Stmt s : all(trip)) {
      for (Expr e : Stmts.exprs(s)) {
        for (Expr x : Exprs.all(e)) {
          if (x instanceof Expr.Var v && isArrayBar(v.name()) && !addedInto(s, v)) {
            return false;
          }
        }
      }
    }
    Set<String> tailTouches = names(tailReverse);
    for (String b : assigned(trip)) {
      if (local.contains(b) || ctx.primal.contains(b) || (isScalarBar(b) && onlyAddedTo(trip, b))) {
        continue;
      }
      if (!ctx.bars.containsKey(barOwner(b)) || isArrayBar(b) || tailTouches.contains(b) || !zeroedLast(trip, b)) {
        return false;
      }
    }
    return true;
  }

  private boolean isScalarBar(String name) {
    return ctx.bars.values().stream().anyMatch(b -> b.name().equals(name) && Types.DOUBLE.equals(b.type()));
  }

  /**
   * True when the trip only adds into the adjoint {@code b} ({@code b += e}, e not reading it):
   * the trips' additions commute, and what reads the sum comes after the loop's reverse.
   */
  private static boolean onlyAddedTo(List<Stmt> trip, String b) {
    for (Stmt s : all(trip)) {
      boolean mentions = Stmts.exprs(s).stream().anyMatch(e -> Exprs.vars(e).contains(b))
          || (s instanceof Stmt.Declare d && d.name().equals(b));
      if (mentions && !(s instanceof Stmt.CompoundAssign c && (c.op().equals("+") || c.op().equals("-"))
          && c.target() instanceof Expr.Var v && v.name().equals(b) && !Exprs.vars(c.value()).contains(b))) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code s} is {@code v[…] += e} or {@code v[…] -= e}, its only use of {@code v}. */
  private static boolean addedInto(Stmt s, Expr.Var v) {
    if (!(s instanceof Stmt.CompoundAssign c) || !(c.op().equals("+") || c.op().equals("-"))
        || !(c.target() instanceof Expr.Index ix) || Exprs.rootVar(ix) == null
        || !Exprs.rootVar(ix).name().equals(v.name())) {
      return false;
    }
    return !Exprs.reads(c.value(), v.name()) && indexFree(ix, v.name());
  }

  private static boolean indexFree(Expr target, String name) {
    Expr e = target;
    while (e instanceof Expr.Index ix) {
      if (Exprs.reads(ix.index(), name)) {
        return false;
      }
      e = ix.array();
    }
    return true;
  }

  /** The last top-level statement of the trip that mentions {@code b} is {@code b = 0.0}. */
  private static boolean zeroedLast(List<Stmt> trip, String b) {
    for (int i = trip.size() - 1; i >= 0; i--) {
      Stmt s = trip.get(i);
      if (!names(List.of(s)).contains(b)) {
        continue;
      }
      return s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v && v.name().equals(b)
          && a.value() instanceof Expr.Literal l && Double.parseDouble(l.code()) == 0.0;
    }
    return false;
  }

  /** What the code outside the loop's body reads: the tail, its condition and update, the reverse. */
  private static Set<String> outsideReads(Stmt loop, List<Stmt> tail, List<Stmt> tailReverse, List<Stmt> rest) {
    Set<String> outside = new HashSet<>(reads(tail));
    outside.addAll(reads(tailReverse));
    outside.addAll(reads(rest));
    if (loop instanceof Stmt.For f) {
      outside.addAll(reads(f.update()));
      outside.addAll(Exprs.vars(f.cond()));
    } else {
      outside.addAll(Exprs.vars(((Stmt.While) loop).cond()));
    }
    return outside;
  }

  /**
   * The method's values a reverse trip assigns (values computed again, or restored) must be the
   * trip's own: assigned at the top of the loop's body before anything there reads them, and read
   * by nothing outside the body.
   */
  private boolean tripLocal(List<Stmt> trip, List<Stmt> body, Set<String> outside) {
    Set<String> exposed = new HashSet<>();
    exposed(body, new HashSet<>(), exposed);
    for (String v : assigned(trip)) {
      if (ctx.primal.contains(v) && (outside.contains(v) || exposed.contains(v))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The trip's own values the loop records (an old value pushed before it is overwritten, a kept
   * value pushed after): pushed once at the top of the body and popped back once at the top of
   * the reverse trip, assigned once in the body, at its top level before anything but the push
   * reads it, and read by nothing outside. Fused, the reverse trip finds them as the trip left
   * them, so their records go. Other records stay: what a trip pushes its reverse pops, so they
   * balance within the fused trip as they did across the two sweeps.
   */
  private Set<String> keptInTrip(List<Stmt> body, List<Stmt> trip, Set<String> outside) {
    Set<String> kept = new HashSet<>();
    for (Stmt s : body) {
      String v = pushed(s);
      if (v != null && ctx.primal.contains(v) && !outside.contains(v)) {
        kept.add(v);
      }
    }
    List<Stmt> unrecorded = withoutRecords(body, kept);
    kept.removeIf(v -> all(body).stream().filter(s -> v.equals(pushed(s))).count() != 1
        || trip.stream().filter(s -> isPop(s, v)).count() != 1
        || all(trip).stream().filter(s -> isPop(s, v)).count() != 1
        || !assignedFirst(unrecorded, v) || assignments(unrecorded, v) != 1);
    return kept;
  }

  /** The variable {@code s} pushes ({@code tape.pushDouble(v)}), or null. */
  private String pushed(Stmt s) {
    return s instanceof Stmt.Eval e && e.expr() instanceof Expr.PlainCall p && p.name().startsWith("push")
        && p.receiver() instanceof Expr.Var r && r.name().equals(ctx.tape.name())
        && p.args().size() == 1 && p.args().get(0) instanceof Expr.Var v ? v.name() : null;
  }

  /** True for {@code v = tape.popDouble()} (or another pop). */
  private boolean isPop(Stmt s, String v) {
    return s instanceof Stmt.Assign a && a.target() instanceof Expr.Var t && t.name().equals(v)
        && Exprs.vars(a.value()).equals(Set.of(ctx.tape.name()));
  }

  private List<Stmt> withoutRecords(List<Stmt> code, Set<String> kept) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : code) {
      boolean record = kept.contains(pushed(s)) || kept.stream().anyMatch(v -> isPop(s, v));
      if (!record) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The reverse trip without the values it computes again that the trip has left as they are:
   * {@code v = e} where the body's only assignment of v is {@code v = e} and neither the body after
   * it nor the reverse trip before it assigns what e reads.
   */
  private static List<Stmt> again(List<Stmt> trip, List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    Set<String> assignedBefore = new HashSet<>();
    for (Stmt s : trip) {
      if (!(s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v && sameAsBody(a, v.name(), body)
          && !assignedBefore.contains(v.name()) && Exprs.vars(a.value()).stream().noneMatch(assignedBefore::contains))) {
        out.add(s);
      }
      assignedBefore.addAll(assigned(List.of(s)));
    }
    return out;
  }

  private static boolean sameAsBody(Stmt.Assign recomputed, String v, List<Stmt> body) {
    if (assignments(body, v) != 1) {
      return false;
    }
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i) instanceof Stmt.Assign a && a.target() instanceof Expr.Var t && t.name().equals(v)) {
        Set<String> later = assigned(body.subList(i + 1, body.size()));
        return a.value().equals(recomputed.value()) && Exprs.vars(a.value()).stream().noneMatch(later::contains)
            && !later.contains(v);
      }
    }
    return false;
  }

  private static int assignments(List<Stmt> code, String v) {
    return java.util.Collections.frequency(targets(code), v);
  }


  /**
   * Adds to {@code exposed} the variables {@code code} may read before it assigns them (a push of
   * a variable's value, which only saves it, is no read), given those {@code defined} already;
   * {@code defined} gets the ones it surely assigns. A loop's body may not run.
   */
  private void exposed(List<Stmt> code, Set<String> defined, Set<String> exposed) {
    for (Stmt s : code) {
      if (pushed(s) != null || s instanceof Stmt.Comment) {
        continue;
      }
      if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
        readAll(Exprs.vars(a.value()), defined, exposed);
        defined.add(v.name());
      } else if (s instanceof Stmt.Block b) {
        exposed(b.body(), defined, exposed);
      } else if (s instanceof Stmt.If i) {
        readAll(Exprs.vars(i.cond()), defined, exposed);
        Set<String> yes = new HashSet<>(defined);
        exposed(List.of(i.then()), yes, exposed);
        Set<String> no = new HashSet<>(defined);
        exposed(i.otherwise() == null ? List.of() : List.of(i.otherwise()), no, exposed);
        yes.retainAll(no);
        defined.addAll(yes);
      } else if (s instanceof Stmt.For f && f.init().isEmpty()) {
        readAll(Exprs.vars(f.cond()), defined, exposed);
        Set<String> inner = new HashSet<>(defined);
        exposed(List.of(f.body()), inner, exposed);
        exposed(f.update(), inner, exposed);
        readAll(Exprs.vars(f.cond()), inner, exposed);
      } else if (s instanceof Stmt.While w) {
        readAll(Exprs.vars(w.cond()), defined, exposed);
        exposed(List.of(w.body()), new HashSet<>(defined), exposed);
      } else {
        readAll(names(List.of(s)), defined, exposed); // anything else: every name a read
      }
    }
  }

  private static void readAll(Set<String> read, Set<String> defined, Set<String> exposed) {
    read.stream().filter(v -> !defined.contains(v)).forEach(exposed::add);
  }

  /** The first top-level statement of {@code body} that mentions {@code v} assigns it afresh. */
  private static boolean assignedFirst(List<Stmt> body, String v) {
    for (Stmt s : body) {
      if (!names(List.of(s)).contains(v)) {
        continue;
      }
      return s instanceof Stmt.Assign a && a.target() instanceof Expr.Var t && t.name().equals(v)
          && !Exprs.reads(a.value(), v);
    }
    return false;
  }

  /**
   * Code the forward loop and tail may hold: no element writes, no calls but Math's, the tape's
   * and differentiated callees' that write no array, no adjoints.
   */
  private boolean plain(List<Stmt> code) {
    for (Stmt s : all(code)) {
      if ((s instanceof Stmt.Assign a && !(a.target() instanceof Expr.Var))
          || (s instanceof Stmt.CompoundAssign c && !(c.target() instanceof Expr.Var))) {
        return false;
      }
      for (Expr e : Stmts.exprs(s)) {
        for (Expr x : Exprs.all(e)) {
          if ((x instanceof Expr.IncDec i && !(i.target() instanceof Expr.Var))
              || (x instanceof Expr.PlainCall p && !onTape(p) && !differentiatedReadsOnly(p)
                  && (p.owner() == null || !MATH.contains(p.owner().canonicalName())))
              || x instanceof Expr.DiffCall || x instanceof Expr.StaticCall
              || x instanceof Expr.NewObject || x instanceof Expr.Lambda
              || (x instanceof Expr.Var v && !ctx.primal.contains(v.name()) && isBarName(v.name()))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private boolean onTape(Expr.PlainCall p) {
    return p.owner() == null && p.receiver() instanceof Expr.Var r && r.name().equals(ctx.tape.name());
  }

  /**
   * The forward sweep's call of a differentiated callee (whose adjoint the reverse trip calls)
   * that writes no array and has no effects.
   */
  private boolean differentiatedReadsOnly(Expr.PlainCall p) {
    for (Expr.DiffCall d : ctx.calls) {
      if (d.owner().equals(p.owner()) && d.name().equals(p.name()) && d.args().equals(p.args())
          && java.util.Objects.equals(d.receiver(), p.receiver())) {
        ArrayEffects.Summary callee = ctx.effects.callees().apply(d);
        return callee != null && callee.writtenParameters().isEmpty() && !callee.effects();
      }
    }
    return false;
  }

  private boolean tape(Stmt s) {
    return names(List.of(s)).contains(ctx.tape.name());
  }

  private boolean tape(List<Stmt> code) {
    return names(code).contains(ctx.tape.name());
  }

  private boolean isBarName(String name) {
    return ctx.bars.values().stream().anyMatch(b -> b.name().equals(name));
  }

  private boolean isArrayBar(String name) {
    return ctx.bars.values().stream()
        .anyMatch(b -> b.name().equals(name) && !Types.DOUBLE.equals(b.type()));
  }

  /** The variable whose adjoint {@code bar} is, or null. */
  private String barOwner(String bar) {
    return ctx.bars.entrySet().stream().filter(e -> e.getValue().name().equals(bar))
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  private static List<Stmt> all(List<Stmt> code) {
    List<Stmt> out = new ArrayList<>();
    code.forEach(s -> out.addAll(Stmts.all(s)));
    return out;
  }

  /** Every variable named anywhere in {@code code}, read or assigned. */
  private static Set<String> names(List<Stmt> code) {
    Set<String> out = new HashSet<>();
    for (Stmt s : all(code)) {
      Stmts.exprs(s).forEach(e -> out.addAll(Exprs.vars(e)));
      if (s instanceof Stmt.Declare d) {
        out.add(d.name());
      }
    }
    return out;
  }

  /** The variables {@code code} reads (a plain assignment's target variable is not read). */
  private static Set<String> reads(List<Stmt> code) {
    Set<String> out = new HashSet<>();
    for (Stmt s : all(code)) {
      for (Expr e : Stmts.exprs(s)) {
        if (s instanceof Stmt.Assign a && a.target() == e && e instanceof Expr.Var) {
          continue;
        }
        out.addAll(Exprs.vars(e));
      }
    }
    return out;
  }

  /** The variables {@code code} assigns (element writes not counted: see {@link #plain}). */
  private static Set<String> assigned(List<Stmt> code) {
    return new HashSet<>(targets(code));
  }

  /** The variable each assignment, declaration, compound assignment and ++/-- of {@code code} sets. */
  private static List<String> targets(List<Stmt> code) {
    List<String> out = new ArrayList<>();
    for (Stmt s : all(code)) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.name());
      } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
        out.add(v.name());
      } else if (s instanceof Stmt.CompoundAssign c && c.target() instanceof Expr.Var v) {
        out.add(v.name());
      }
      for (Expr e : Stmts.exprs(s)) {
        for (Expr x : Exprs.all(e)) {
          if (x instanceof Expr.IncDec i && i.target() instanceof Expr.Var v) {
            out.add(v.name());
          }
        }
      }
    }
    return out;
  }

  private static Set<String> declared(List<Stmt> code) {
    Set<String> out = new HashSet<>();
    for (Stmt s : all(code)) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.name());
      }
    }
    return out;
  }
}
