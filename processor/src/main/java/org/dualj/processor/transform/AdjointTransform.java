package org.dualj.processor.transform;

import com.palantir.javapoet.ArrayTypeName;
import org.dualj.processor.model.Derived;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * The adjoint (reverse-mode) core of a {@code double}-valued method: a forward sweep that runs the
 * method and records on a {@code Tape} what the reverse sweep needs and the forward sweep
 * overwrites, then a reverse sweep that propagates adjoints {@code u_bar += ∂φ/∂u · v_bar}
 * statement by statement in reverse order, with the partials of the one tangent table.
 *
 * <p>How the two sweeps agree on values: every variable the reverse sweep reads (in a partial, an
 * index, an argument) has its old value pushed before each assignment that overwrites it, and
 * popped back when the reverse sweep undoes that assignment, so the reverse sweep sees, at each
 * statement, exactly the values the forward sweep saw there; the values of subexpressions that a
 * partial needs are computed again from them ({@code exp(u)} for the partial of {@code exp}), and
 * calls were computed into locals beforehand ({@link AdjointPrep}), so no method is called twice.
 * Integer updates by constants ({@code i++}, {@code i += 2}) are undone by their inverse instead.
 *
 * <p>Control flow: the forward sweep keeps the method's structure; each straight run of
 * statements with something to undo pushes its number when it ends, and the reverse sweep pops
 * numbers and runs the matching reversed run until it meets the 0 pushed at the start. A method
 * without branches or loops needs no numbers: its reverse sweep is the reversed statements.
 *
 * <p>A call of another {@code @Differentiable} method runs as a plain call in the forward sweep;
 * the reverse sweep calls the callee's adjoint with the arguments' values (the callee's forward
 * sweep runs again there), which returns the adjoints of its {@code double} parameters through
 * {@code Tape.bar} and adds those of its {@code double[]} parameters into the arrays passed.
 */
public final class AdjointTransform {
  private static final TypeName TAPE = ClassName.get("org.dualj.runtime", "Tape");
  private static final Expr ZERO = new Expr.Literal("0.0", Types.DOUBLE);

  /** Reverse mode cannot handle a construct: the method keeps its forward-mode entry points. */
  public static final class Unsupported extends RuntimeException {
    private final int line;

    Unsupported(int line, String what) {
      super(what, null, false, false);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  /**
   * The adjoint core, or why there is none.
   *
   * @param code the generated method, null when unsupported
   * @param line the source line of the construct reverse mode cannot handle
   * @param reason what that construct is
   * @param calls the calls of other methods, whose adjoints the code calls
   */
  public record Result(MethodCode code, int line, String reason, List<Expr.DiffCall> calls) {
    public boolean ok() {
      return code != null;
    }
  }

  /** The name of the adjoint core of {@code name}. */
  public static String adjointName(String name) {
    return Derived.ADJOINT.of(name);
  }

  private final MethodModel method;
  private final Namer namer = new Namer(Derived.BAR);
  private final String self;
  private AdjointPrep prep;
  private Activity activity;
  private final Expr.Var tape;
  private final Map<String, Expr.Var> bars = new LinkedHashMap<>();
  private final Set<String> primal = new HashSet<>();
  private final List<Expr.DiffCall> calls = new ArrayList<>();
  /** The trip counters of loops reversed in shape, declared with the locals. */
  private final List<String> counters = new ArrayList<>();

  // per emission
  private Set<String> needed = new HashSet<>();
  /** The simple statement being emitted, for {@link #mustSave}. */
  private Stmt current;
  /** The variables the reverse code of each simple statement reads, from the last emission. */
  private Map<Stmt, Set<String>> stmtReads = new java.util.IdentityHashMap<>();
  /** At each simple statement, the variables whose old values its forward code must save. */
  private Map<Stmt, Set<String>> saveAt = new java.util.IdentityHashMap<>();
  private Set<TypeName> neededElements = new HashSet<>();
  private Set<String> reads;
  private Set<TypeName> elementReads;
  private Set<TypeName> callArrays;
  private int loops;
  private int nextId;
  private List<Stmt.Case> cases;
  private List<List<Stmt>> segment;
  private boolean straight;
  private List<Stmt> straightReverse;
  private String forwardLabel;
  private int line;

  private AdjointTransform(MethodModel method, String self) {
    this.method = method;
    this.self = self;
    for (MethodModel.Param p : method.params()) {
      namer.reserve(p.name());
    }
    for (Stmt s : Stmts.all(method.body())) {
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
    if (self != null) {
      namer.reserve(self);
    }
    this.tape = new Expr.Var(namer.fresh("tape"), TAPE);
  }

  /**
   * The adjoint core of {@code method}, a {@code double}-valued method differentiated with
   * respect to its active parameters, or the reason there is none.
   *
   * @param self the name entry points give the receiver ({@code TangentTransform.selfName})
   * @param writesParameters true when the method may write into an array parameter (reverse mode
   *     would leave the caller's array in another state than forward mode does)
   * @param effects true when the method or a callee has effects that must happen once
   */
  public static Result transform(
      MethodModel method, String self, boolean writesParameters, boolean effects) {
    AdjointTransform t = new AdjointTransform(method, method.isStatic() ? null : self);
    try {
      if (!Types.isDifferentiable(method.returnType())) {
        throw new Unsupported(method.line(), "a result that is not a double or double[]");
      }
      if (writesParameters) {
        throw new Unsupported(method.line(), "writes into an array parameter");
      }
      if (effects) {
        throw new Unsupported(method.line(), "calls with effects that must happen once");
      }
      String limit = org.dualj.processor.analysis.ReverseLimits.of(method);
      if (limit != null) {
        throw new Unsupported(method.line(), limit);
      }
      return new Result(t.run(), 0, null, t.calls);
    } catch (Unsupported u) {
      return new Result(null, u.line(), u.getMessage(), List.of());
    }
  }

  private MethodCode run() {
    prep = new AdjointPrep(method, namer, self);
    List<Stmt> body = prep.body(method.body().body());
    Set<String> activeParams = new HashSet<>();
    for (MethodModel.Param p : method.params()) {
      if (p.active()) {
        activeParams.add(p.name());
      }
    }
    List<Stmt> withResult = new ArrayList<>();
    withResult.add(new Stmt.Declare(prep.result.type(), prep.result.name(), null));
    withResult.addAll(body);
    MethodModel prepared =
        new MethodModel(method.owner(), method.derivatives(), method.name(), method.isStatic(),
            method.params(), method.returnType(), new Stmt.Block(withResult), method.sourceFile(),
            method.line(), method.chunk(), method.thrown(), method.typeVariables(),
            method.receiverType());
    activity = Activity.of(prepared, activeParams);
    for (MethodModel.Param p : method.params()) {
      primal.add(p.name());
      if (!p.active() && Types.DOUBLE_ARRAY.equals(p.type()) && activity.isActiveVar(p.name())) {
        throw new Unsupported(method.line(), "an array parameter outside wrt that is assigned an active array");
      }
    }
    primal.addAll(prep.locals.keySet());
    if (self != null) {
      primal.add(self);
    }
    for (String v : primal) {
      TypeName type = typeOf(v);
      if (type != null && Types.isDifferentiable(type) && activity.isActiveVar(v)) {
        bars.put(v, new Expr.Var(namer.fresh(v + Derived.BAR), type));
      }
    }
    countAssignments(body, 0);
    straight = isStraight(body);
    forwardLabel = namer.fresh("forward");
    // what the reverse sweep reads decides what the forward sweep records; recording more can
    // make the reverse sweep read more (the index of a restored element), so repeat until stable
    List<Stmt> forward;
    for (int round = 0; ; round++) {
      forward = emit(body);
      Map<Stmt, Set<String>> saves = new java.util.IdentityHashMap<>();
      new Recording(saves).flow(body, new HashSet<>(), new HashSet<>());
      if (sameSaves(saves, saveAt) && reads.equals(needed) && elementReads.equals(neededElements)) {
        break;
      }
      if (round > 20) {
        throw new Unsupported(method.line(), "a method whose records do not settle");
      }
      saveAt = saves;
      needed = new HashSet<>(reads);
      neededElements = new HashSet<>(elementReads);
    }
    for (TypeName t : callArrays) {
      if (neededElements.contains(t)) {
        throw new Unsupported(method.line(), "a call of a method without derivative that is passed an array whose elements the reverse sweep reads");
      }
    }
    return assemble(forward);
  }

  /** How often each variable is assigned (a loop counts twice), for {@link #single}. */
  private final Map<String, Integer> assignments = new HashMap<>();

  private void countAssignments(List<Stmt> stmts, int depth) {
    for (Stmt s : stmts) {
      for (Stmt x : Stmts.all(s)) {
        Expr target = null;
        if (x instanceof Stmt.Declare d && d.init() != null) {
          target = new Expr.Var(d.name(), d.type());
        } else if (x instanceof Stmt.Assign a) {
          target = a.target();
        } else if (x instanceof Stmt.CompoundAssign c) {
          target = c.target();
        } else if (x instanceof Stmt.Eval e && e.expr() instanceof Expr.IncDec i) {
          target = i.target();
        }
        if (target instanceof Expr.Var v) {
          boolean inLoop = depth > 0 || insideLoop(s, x);
          assignments.merge(v.name(), inLoop ? 2 : 1, Integer::sum);
        }
      }
    }
  }

  /** True when {@code inner}, a statement within {@code outer}, sits in a loop of {@code outer}. */
  private static boolean insideLoop(Stmt outer, Stmt inner) {
    for (Stmt x : Stmts.all(outer)) {
      if (x != inner && (x instanceof Stmt.While || x instanceof Stmt.DoWhile || x instanceof Stmt.For
          || x instanceof Stmt.ForEach) && Stmts.all(x).contains(inner)) {
        return true;
      }
    }
    return false;
  }

  /** True for a variable assigned once per call: its value, once set, is there to the end. */
  private boolean single(String name) {
    return assignments.getOrDefault(name, 0) == 1 && !isParam(name);
  }

  private boolean isParam(String name) {
    return method.params().stream().anyMatch(p -> p.name().equals(name));
  }

  private TypeName typeOf(String v) {
    for (MethodModel.Param p : method.params()) {
      if (p.name().equals(v)) {
        return p.type();
      }
    }
    if (v.equals(self)) {
      return method.receiverType();
    }
    return prep.locals.get(v);
  }

  private static boolean isStraight(List<Stmt> body) {
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      boolean last = i == body.size() - 1;
      if (s instanceof Stmt.Return && last) {
        continue;
      }
      if (!(isSimple(s) || isJumpFree(s)) || s instanceof Stmt.Throw) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for a branch or loop without jumps out of its parts (no break, continue, return or
   * labelled statement inside; a throw only as the last statement of a branch of an if): its
   * reverse can keep its shape, an if recording the branch it took and a loop its trip count.
   */
  private static boolean isJumpFree(Stmt s) {
    if (!(s instanceof Stmt.If || s instanceof Stmt.While || s instanceof Stmt.DoWhile
        || s instanceof Stmt.For || s instanceof Stmt.Block)) {
      return false;
    }
    for (Stmt x : Stmts.all(s)) {
      if (x instanceof Stmt.Break || x instanceof Stmt.Continue || x instanceof Stmt.Return
          || x instanceof Stmt.Labeled || x instanceof Stmt.Switch || x instanceof Stmt.Try) {
        return false;
      }
      if (x instanceof Stmt.If i && (throwsInside(i.then()) || throwsInside(i.otherwise()))) {
        if (!(endsInThrow(i.then()) || endsInThrow(i.otherwise()))) {
          return false;
        }
      }
    }
    // every throw must end a branch of an if
    long throwsCount = Stmts.all(s).stream().filter(x -> x instanceof Stmt.Throw).count();
    long atEnds = Stmts.all(s).stream()
        .filter(x -> x instanceof Stmt.If)
        .mapToLong(x -> (endsInThrow(((Stmt.If) x).then()) ? 1 : 0) + (endsInThrow(((Stmt.If) x).otherwise()) ? 1 : 0))
        .sum();
    return throwsCount == atEnds;
  }

  private static boolean throwsInside(Stmt s) {
    return s != null && Stmts.all(s).stream().anyMatch(x -> x instanceof Stmt.Throw);
  }

  /** True for a branch whose last statement (of its block) is a throw. */
  private static boolean endsInThrow(Stmt s) {
    if (s instanceof Stmt.Throw) {
      return true;
    }
    if (s instanceof Stmt.Block b && !b.body().isEmpty()) {
      Stmt last = b.body().get(b.body().size() - 1);
      return last instanceof Stmt.Throw;
    }
    return false;
  }

  private static boolean isSimple(Stmt s) {
    return s instanceof Stmt.Declare
        || s instanceof Stmt.Assign
        || s instanceof Stmt.CompoundAssign
        || s instanceof Stmt.Eval
        || s instanceof Stmt.Assert
        || s instanceof Stmt.Comment
        || s instanceof Stmt.SourceLine;
  }

  // ---------------------------------------------------------------- emission

  private List<Stmt> emit(List<Stmt> body) {
    counters.clear();
    reads = new HashSet<>();
    stmtReads = new java.util.IdentityHashMap<>();
    elementReads = new HashSet<>();
    callArrays = new HashSet<>();
    calls.clear();
    loops = 0;
    nextId = 0;
    cases = new ArrayList<>();
    straightReverse = new ArrayList<>();
    segment = new ArrayList<>();
    List<Stmt> out = new ArrayList<>();
    list(body, out);
    return out;
  }

  private void list(List<Stmt> stmts, List<Stmt> out) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.SourceLine l && l.stmt() instanceof Stmt.Comment c) {
        line = l.line();
        out.add(c);
        segment.add(new ArrayList<>(List.of(c))); // a group: the line and what follows
      } else if (isSimple(s)) {
        simple(s, out);
      } else if (isJumpFree(s)) {
        jumpFree(s, out);
      } else {
        control(s, out);
      }
    }
    close(out);
  }

  /** A jump-free branch or loop: its forward code into {@code out}, its reverse into the run. */
  private void jumpFree(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.For f) {
      for (Stmt init : f.init()) {
        simple(init, out);
      }
    }
    List<Stmt> reverse = structured(s, out);
    current = null; // the reads of the parts are the parts' own
    addReverse(reverse);
  }

  /** Emits {@code s} keeping its shape; returns its reverse code. */
  private List<Stmt> structured(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Block b) {
      List<Stmt> inner = new ArrayList<>();
      List<Stmt> reverse = structuredList(b.body(), inner);
      out.add(new Stmt.Block(inner));
      return reverse;
    } else if (s instanceof Stmt.If i) {
      List<Stmt> yes = new ArrayList<>();
      List<Stmt> yesReverse = structuredList(blockBody(i.then()), yes);
      List<Stmt> no = new ArrayList<>();
      List<Stmt> noReverse = structuredList(blockBody(i.otherwise()), no);
      boolean yesThrows = endsInThrow(i.then());
      boolean noThrows = endsInThrow(i.otherwise());
      List<Stmt> reverse = new ArrayList<>();
      if (yesThrows || noThrows || (yesReverse.isEmpty() && noReverse.isEmpty())) {
        // a branch that throws never reaches the reverse sweep: the other one ran
        out.add(new Stmt.If(i.cond(), new Stmt.Block(yes), no.isEmpty() && i.otherwise() == null ? null : new Stmt.Block(no)));
        if (!yesThrows && !yesReverse.isEmpty()) {
          reverse.addAll(yesReverse);
        } else if (!noThrows && !noReverse.isEmpty()) {
          reverse.addAll(noReverse);
        }
        return reverse;
      }
      yes.add(new Stmt.Eval(call("pushInt", TypeName.VOID, lit(1))));
      no.add(new Stmt.Eval(call("pushInt", TypeName.VOID, lit(0))));
      out.add(new Stmt.If(i.cond(), new Stmt.Block(yes), new Stmt.Block(no)));
      reverse.add(new Stmt.If(
          new Expr.Binary("!=", call("popInt", Types.INT), lit(0), Types.BOOLEAN),
          new Stmt.Block(yesReverse),
          noReverse.isEmpty() ? null : new Stmt.Block(noReverse)));
      return reverse;
    }
    // a loop: the forward sweep counts its trips, the reverse sweep runs them backwards
    loops++;
    List<Stmt> body = new ArrayList<>();
    Stmt bodyStmt = s instanceof Stmt.While w ? w.body() : s instanceof Stmt.DoWhile d ? d.body() : ((Stmt.For) s).body();
    List<Stmt> bodyReverse = structuredList(blockBody(bodyStmt), body);
    List<Stmt> update = new ArrayList<>();
    List<Stmt> updateReverse = s instanceof Stmt.For f ? structuredList(f.update(), update) : List.of();
    loops--;
    boolean record = !bodyReverse.isEmpty() || !updateReverse.isEmpty();
    Expr.Var trips = null;
    if (record) {
      trips = new Expr.Var(namer.fresh("trips"), Types.INT);
      counters.add(trips.name());
      out.add(new Stmt.Assign(trips, lit(0)));
      body.add(new Stmt.Eval(new Expr.IncDec("++", false, trips, Types.INT)));
    }
    if (s instanceof Stmt.While w) {
      out.add(new Stmt.While(w.cond(), new Stmt.Block(body)));
    } else if (s instanceof Stmt.DoWhile d) {
      out.add(new Stmt.DoWhile(new Stmt.Block(body), d.cond()));
    } else {
      out.add(new Stmt.For(List.of(), ((Stmt.For) s).cond(), update, new Stmt.Block(body)));
    }
    if (!record) {
      return List.of();
    }
    out.add(new Stmt.Eval(call("pushInt", TypeName.VOID, trips)));
    Expr.Var trip = new Expr.Var(namer.fresh("trip"), Types.INT);
    List<Stmt> reverseBody = new ArrayList<>(updateReverse);
    reverseBody.addAll(bodyReverse);
    return List.of(new Stmt.For(
        List.of(new Stmt.Declare(Types.INT, trip.name(), call("popInt", Types.INT))),
        new Expr.Binary(">", trip, lit(0), Types.BOOLEAN),
        List.of(new Stmt.Eval(new Expr.IncDec("--", false, trip, Types.INT))),
        new Stmt.Block(reverseBody)));
  }

  private static List<Stmt> blockBody(Stmt s) {
    if (s == null) {
      return List.of();
    }
    return s instanceof Stmt.Block b ? b.body() : List.of(s);
  }

  /** The statements of a jump-free part as one run: their forward code, and their reverse. */
  private List<Stmt> structuredList(List<Stmt> stmts, List<Stmt> out) {
    List<List<Stmt>> saved = segment;
    segment = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.SourceLine l && l.stmt() instanceof Stmt.Comment c) {
        line = l.line();
        out.add(c);
        segment.add(new ArrayList<>(List.of(c)));
      } else if (s instanceof Stmt.Throw t) {
        out.add(t);
      } else if (isSimple(s)) {
        simple(s, out);
      } else {
        jumpFree(s, out);
      }
    }
    List<Stmt> reverse = takeReverse();
    segment = saved;
    return reverse == null ? List.of() : reverse;
  }

  /** Ends the current straight run: its number is pushed if it has anything to undo. */
  private void close(List<Stmt> out) {
    List<Stmt> reverse = takeReverse();
    if (reverse == null) {
      return;
    }
    collectReads(reverse);
    if (straight) {
      straightReverse.addAll(reverse);
      return;
    }
    int id = ++nextId;
    out.add(new Stmt.Eval(call("pushInt", TypeName.VOID, lit(id))));
    cases.add(new Stmt.Case(List.of(lit(id)), reverse));
  }

  /** The reverse code of the current run (null if it has none), and a new run. */
  private List<Stmt> takeReverse() {
    List<Stmt> reverse = new ArrayList<>();
    boolean any = false;
    for (int g = segment.size() - 1; g >= 0; g--) {
      List<Stmt> group = segment.get(g);
      if (group.isEmpty()) {
        continue;
      }
      // a group is its line comment (if any) followed by the reversed code of its statements
      int from = group.get(0) instanceof Stmt.Comment ? 1 : 0;
      List<Stmt> code = group.subList(from, group.size());
      if (code.isEmpty()) {
        continue;
      }
      any = true;
      if (from == 1) {
        reverse.add(group.get(0));
      }
      reverse.addAll(code);
    }
    segment = new ArrayList<>();
    if (!any) {
      return null;
    }
    reverse = withoutDeadTemps(reverse);
    if (reverse.stream().allMatch(x -> x instanceof Stmt.Comment)) {
      return null;
    }
    return reverse;
  }

  private void addReverse(List<Stmt> code) {
    if (code.isEmpty()) {
      return;
    }
    Set<String> saved = reads;
    reads = new HashSet<>();
    collectReads(code);
    stmtReads.computeIfAbsent(current, k -> new HashSet<>()).addAll(reads);
    saved.addAll(reads);
    reads = saved;
    if (segment.isEmpty()) {
      segment.add(new ArrayList<>());
    }
    // statements of one line: their reverse runs in reverse order, after the line's comment
    List<Stmt> group = segment.get(segment.size() - 1);
    int from = !group.isEmpty() && group.get(0) instanceof Stmt.Comment ? 1 : 0;
    group.addAll(from, code);
  }

  private void control(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Block b) {
      close(out);
      List<Stmt> inner = new ArrayList<>();
      list(b.body(), inner);
      out.add(new Stmt.Block(inner));
    } else if (s instanceof Stmt.If i) {
      close(out);
      out.add(new Stmt.If(i.cond(), sub(i.then()), i.otherwise() == null ? null : sub(i.otherwise())));
    } else if (s instanceof Stmt.While w) {
      close(out);
      loops++;
      out.add(new Stmt.While(w.cond(), sub(w.body())));
      loops--;
    } else if (s instanceof Stmt.DoWhile d) {
      close(out);
      loops++;
      out.add(new Stmt.DoWhile(sub(d.body()), d.cond()));
      loops--;
    } else if (s instanceof Stmt.For f) {
      for (Stmt init : f.init()) {
        simple(init, out);
      }
      close(out);
      loops++;
      List<Stmt> update = new ArrayList<>();
      for (Stmt u : f.update()) {
        simple(u, update);
      }
      close(update);
      Stmt.Block body = sub(f.body());
      loops--;
      out.add(new Stmt.For(List.of(), f.cond(), update, body));
    } else if (s instanceof Stmt.Labeled l) {
      close(out);
      List<Stmt> inner = new ArrayList<>();
      control(l.body(), inner);
      out.addAll(inner.subList(0, inner.size() - 1));
      out.add(new Stmt.Labeled(l.label(), inner.get(inner.size() - 1)));
    } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
      close(out);
      out.add(s);
    } else if (s instanceof Stmt.Return) {
      close(out);
      if (!straight) {
        out.add(new Stmt.Break(forwardLabel));
      }
    } else if (s instanceof Stmt.Throw t) {
      close(out);
      out.add(t);
    } else if (s instanceof Stmt.Switch sw) {
      close(out);
      List<Stmt.Case> cs = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        List<Stmt> body = new ArrayList<>();
        list(c.body(), body);
        cs.add(new Stmt.Case(c.labels(), body));
      }
      out.add(new Stmt.Switch(sw.selector(), cs, sw.arrows()));
    } else {
      throw new Unsupported(line, "this statement");
    }
  }

  /** A nested statement as a block of its own runs. */
  private Stmt.Block sub(Stmt s) {
    List<Stmt> inner = new ArrayList<>();
    List<List<Stmt>> outer = segment;
    segment = new ArrayList<>();
    if (s instanceof Stmt.Block b) {
      list(b.body(), inner);
    } else {
      list(List.of(s), inner);
    }
    segment = outer;
    return new Stmt.Block(inner);
  }

  // ---------------------------------------------------------------- simple statements

  private void simple(Stmt s, List<Stmt> out) {
    if (!(s instanceof Stmt.SourceLine)) {
      current = s;
    }
    if (s instanceof Stmt.Comment c) {
      out.add(c);
    } else if (s instanceof Stmt.Declare d) {
      if (d.init() != null) {
        assign(new Expr.Var(d.name(), d.type()), d.init(), loops == 0, out);
      }
    } else if (s instanceof Stmt.Assign a) {
      assign(a.target(), a.value(), false, out);
    } else if (s instanceof Stmt.CompoundAssign c) {
      compound(c, out);
    } else if (s instanceof Stmt.Eval e) {
      eval(e, out);
    } else if (s instanceof Stmt.Assert a) {
      out.add(a);
    } else if (s instanceof Stmt.SourceLine l) {
      simple(l.stmt(), out);
    } else {
      throw new Unsupported(line, "this statement");
    }
  }

  private void eval(Stmt.Eval e, List<Stmt> out) {
    if (e.expr() instanceof Expr.IncDec i) {
      Expr target = i.target();
      if (target instanceof Expr.Var v && isIntegral(v.type())) {
        out.add(e);
        if (mustSave(v.name())) {
          String inverse = i.op().equals("++") ? "--" : "++";
          addReverse(List.of(new Stmt.Eval(new Expr.IncDec(inverse, false, v, i.type()))));
        }
        return;
      }
      if (target instanceof Expr.Var v && Types.DOUBLE.equals(v.type())) {
        // x++ on a double: x = x + 1
        assign(v, new Expr.Binary(i.op().equals("++") ? "+" : "-", v, new Expr.Literal("1.0", Types.DOUBLE), Types.DOUBLE), false, out);
        return;
      }
      List<Stmt> reverse = new ArrayList<>();
      save(target, out, reverse);
      out.add(e);
      addReverse(reverse);
      return;
    }
    noteCallArrays(e.expr());
    out.add(e);
  }

  private void compound(Stmt.CompoundAssign c, List<Stmt> out) {
    Expr target = c.target();
    if (target instanceof Expr.Var v
        && isIntegral(v.type())
        && (c.op().equals("+") || c.op().equals("-"))
        && c.value() instanceof Expr.Literal) {
      out.add(c);
      if (mustSave(v.name())) {
        addReverse(List.of(new Stmt.CompoundAssign(c.op().equals("+") ? "-" : "+", v, c.value())));
      }
      return;
    }
    noteCallArrays(c.value());
    List<Stmt> reverse = new ArrayList<>();
    save(target, out, reverse);
    out.add(c);
    addReverse(reverse);
  }

  /**
   * Pushes the old value of {@code target} into {@code out} when the reverse sweep reads it, and
   * adds the pop that restores it to {@code reverse}.
   */
  private void save(Expr target, List<Stmt> out, List<Stmt> reverse) {
    if (target instanceof Expr.Var v) {
      if (mustSave(v.name())) {
        out.add(push(v));
        reverse.add(new Stmt.Assign(v, pop(v.type())));
      }
    } else if (target instanceof Expr.Index ix) {
      if (neededElements.contains(ix.type())) {
        out.add(push(ix));
        reverse.add(new Stmt.Assign(ix, pop(ix.type())));
      }
    } else {
      throw new Unsupported(line, "this assignment");
    }
  }

  private void assign(Expr target, Expr value, boolean once, List<Stmt> out) {
    noteCallArrays(value);
    // the result is assigned once per call (by the return that ends it)
    once |= target instanceof Expr.Var r && r.name().equals(prep.result.name());
    if (target instanceof Expr.Var v && Types.DOUBLE_ARRAY.equals(v.type())) {
      assignArray(v, value, once, out);
      return;
    }
    List<Stmt> reverse = new ArrayList<>();
    if (!(once && target instanceof Expr.Var)) {
      save(target, out, reverse);
    }
    boolean activeTarget = isActiveTarget(target);
    Expr.Var resultTemp = null;
    if (value instanceof Expr.RuleCall r && activity.isActive(value)) {
      // a user's function is not called again: its value goes on the tape for its partials
      out.add(new Stmt.Assign(target, value));
      out.add(new Stmt.Eval(call("pushDouble", TypeName.VOID, target)));
      resultTemp = new Expr.Var(namer.temp(), Types.DOUBLE);
      reverse.add(0, new Stmt.Declare(Types.DOUBLE, resultTemp.name(), pop(Types.DOUBLE)));
    } else if (value instanceof Expr.DiffCall d) {
      out.add(new Stmt.Assign(target, primalCall(d)));
    } else {
      out.add(new Stmt.Assign(target, value));
    }
    if (activeTarget) {
      Expr targetBar = barOf(target);
      Expr rest = accumulated(target, value);
      if (rest != null) {
        // v = v ± e: the adjoint of the old v is that of the new one
        Expr adj = atom(targetBar, reverse);
        Expr.Binary b = (Expr.Binary) value;
        propagate(rest, b.op().equals("-") ? new Expr.Unary("-", adj, Types.DOUBLE) : adj, reverse, new HashMap<>());
      } else if (!readsTarget(target, value) && !(value instanceof Expr.DiffCall) && resultTemp == null) {
        // the value does not read the target: its adjoint is passed on, then cleared (a first
        // assignment outside loops needs no clearing: nothing earlier has an adjoint for it)
        Map<Expr, Expr> values = new HashMap<>();
        if (target instanceof Expr.Var v && single(v.name())) {
          values.put(value, v); // assigned once: the variable still holds the value
        }
        propagate(value, atom(targetBar, reverse), reverse, values);
        if (!once) {
          reverse.add(new Stmt.Assign(targetBar, ZERO));
        }
      } else {
        Expr.Var t = new Expr.Var(namer.temp() + Derived.BAR, Types.DOUBLE);
        reverse.add(new Stmt.Declare(Types.DOUBLE, t.name(), targetBar));
        reverse.add(new Stmt.Assign(targetBar, ZERO));
        if (value instanceof Expr.DiffCall d) {
          callAdjoint(d, t, reverse);
        } else if (value instanceof Expr.RuleCall r && resultTemp != null) {
          ruleAdjoint(r, resultTemp, t, reverse);
        } else {
          propagate(value, t, reverse, new HashMap<>());
        }
      }
    } else if (value instanceof Expr.DiffCall d && activity.isActive(value)) {
      throw new Unsupported(line, "an active call whose value is not differentiated");
    }
    addReverse(reverse);
  }

  /** For {@code v = v + e}, {@code v = e + v} or {@code v = v - e} where e does not read v: e. */
  private Expr accumulated(Expr target, Expr value) {
    if (!(value instanceof Expr.Binary b) || !(b.op().equals("+") || b.op().equals("-"))) {
      return null;
    }
    Expr rest = null;
    if (b.left().equals(target)) {
      rest = b.right();
    } else if (b.op().equals("+") && b.right().equals(target)) {
      rest = b.left();
    }
    if (rest == null || !Types.DOUBLE.equals(rest.type())) {
      return null;
    }
    if (target instanceof Expr.Var v && Exprs.reads(rest, v.name())) {
      return null;
    }
    if (target instanceof Expr.Index ix && ix.array() instanceof Expr.Var a && Exprs.reads(rest, a.name())) {
      return null;
    }
    if (AdjointPrep.hasCall(rest)) {
      return null;
    }
    return rest;
  }

  /** True when {@code value} reads the variable, or the array, that {@code target} assigns. */
  private static boolean readsTarget(Expr target, Expr value) {
    if (target instanceof Expr.Var v) {
      return Exprs.reads(value, v.name());
    }
    return target instanceof Expr.Index ix
        && (!(ix.array() instanceof Expr.Var a) || Exprs.reads(value, a.name()));
  }

  private boolean isActiveTarget(Expr target) {
    if (target instanceof Expr.Var v) {
      return Types.DOUBLE.equals(v.type()) && bars.containsKey(v.name());
    }
    if (target instanceof Expr.Index ix && ix.array() instanceof Expr.Var a) {
      return Types.DOUBLE.equals(ix.type()) && bars.containsKey(a.name());
    }
    return false;
  }

  private Expr barOf(Expr target) {
    if (target instanceof Expr.Var v) {
      return bars.get(v.name());
    }
    Expr.Index ix = (Expr.Index) target;
    return new Expr.Index(bars.get(((Expr.Var) ix.array()).name()), ix.index(), Types.DOUBLE);
  }

  /** {@code a = value} for an array variable: the reference and, if active, its adjoint array. */
  private void assignArray(Expr.Var v, Expr value, boolean once, List<Stmt> out) {
    Expr.Var bar = bars.get(v.name());
    List<Stmt> reverse = new ArrayList<>();
    if (!once) {
      if (mustSave(v.name())) {
        out.add(push(v));
      }
      if (bar != null) {
        out.add(push(bar));
      }
    }
    if (value instanceof Expr.DiffCall) {
      throw new Unsupported(line, "a call of a differentiated method returning an array");
    }
    out.add(new Stmt.Assign(v, value));
    Expr.Var newBar = null;
    if (bar != null) {
      Expr barValue;
      if (value instanceof Expr.Var u && bars.containsKey(u.name())) {
        barValue = bars.get(u.name()); // an alias shares its adjoint too
      } else if (value instanceof Expr.Literal) {
        barValue = value; // null
      } else if (value instanceof Expr.NewArray || value instanceof Expr.ArrayInit || value instanceof Expr.ArrayClone) {
        barValue = new Expr.NewArray(Types.DOUBLE, new Expr.Length(v, Types.INT), Types.DOUBLE_ARRAY);
      } else {
        barValue = new Expr.Conditional(
            new Expr.Binary("==", v, new Expr.Literal("null", Types.DOUBLE_ARRAY), Types.BOOLEAN),
            new Expr.Literal("null", Types.DOUBLE_ARRAY),
            new Expr.NewArray(Types.DOUBLE, new Expr.Length(v, Types.INT), Types.DOUBLE_ARRAY),
            Types.DOUBLE_ARRAY);
      }
      out.add(new Stmt.Assign(bar, barValue));
      if (value instanceof Expr.ArrayInit || (value instanceof Expr.ArrayClone c && activity.isActive(c.array()))) {
        newBar = new Expr.Var(namer.temp() + Derived.BAR, Types.DOUBLE_ARRAY);
        reverse.add(new Stmt.Declare(Types.DOUBLE_ARRAY, newBar.name(), bar));
      }
    }
    if (!once) {
      if (bar != null) {
        reverse.add(new Stmt.Assign(bar, pop(Types.DOUBLE_ARRAY)));
      }
      if (mustSave(v.name())) {
        reverse.add(new Stmt.Assign(v, pop(Types.DOUBLE_ARRAY)));
      }
    }
    if (newBar != null && value instanceof Expr.ArrayInit init) {
      for (int j = 0; j < init.elements().size(); j++) {
        Expr el = init.elements().get(j);
        if (activity.isActive(el)) {
          Expr.Var t = new Expr.Var(namer.temp() + Derived.BAR, Types.DOUBLE);
          reverse.add(new Stmt.Declare(Types.DOUBLE, t.name(), new Expr.Index(newBar, lit(j), Types.DOUBLE)));
          propagate(el, t, reverse, new HashMap<>());
        }
      }
    } else if (newBar != null && value instanceof Expr.ArrayClone c) {
      if (!(c.array() instanceof Expr.Var src) || !bars.containsKey(src.name())) {
        throw new Unsupported(line, "a clone of an array expression");
      }
      Expr.Var q = new Expr.Var(namer.fresh("q"), Types.INT);
      Expr srcBar = new Expr.Index(bars.get(src.name()), q, Types.DOUBLE);
      reverse.add(new Stmt.For(
          List.of(new Stmt.Declare(Types.INT, q.name(), new Expr.Literal("0", Types.INT))),
          new Expr.Binary("<", q, new Expr.Length(newBar, Types.INT), Types.BOOLEAN),
          List.of(new Stmt.Eval(new Expr.IncDec("++", false, q, Types.INT))),
          new Stmt.CompoundAssign("+", srcBar, new Expr.Index(newBar, q, Types.DOUBLE))));
    }
    addReverse(reverse);
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

  /** True when the statement being emitted must save the old value of {@code name}. */
  private boolean mustSave(String name) {
    Set<String> s = saveAt.get(current);
    return s != null && s.contains(name);
  }

  /**
   * Which assignments must save the value they overwrite: those where the reverse sweep reads
   * that value, that is, where the variable was read (by the reverse code of a statement) since
   * it was last assigned. A forward may-analysis over the prepared body: loops are iterated to a
   * fixed point, and a jump (break, continue) is covered by joining every state seen in the loop.
   */
  private final class Recording {
    private final Map<Stmt, Set<String>> saves;

    Recording(Map<Stmt, Set<String>> saves) {
      this.saves = saves;
    }

    Set<String> flow(List<Stmt> stmts, Set<String> in, Set<String> all) {
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
      } else if (s instanceof Stmt.Block b) {
        return flow(b.body(), in, all);
      } else if (s instanceof Stmt.If i) {
        Set<String> yes = flow(List.of(i.then()), new HashSet<>(in), all);
        Set<String> no = i.otherwise() == null ? in : flow(List.of(i.otherwise()), new HashSet<>(in), all);
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
        Set<String> inner = new HashSet<>();
        Set<String> out = new HashSet<>(flow(List.of(l.body()), new HashSet<>(in), inner));
        out.addAll(inner); // a break out of the label
        all.addAll(inner);
        return out;
      } else if (s instanceof Stmt.Switch sw) {
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
      return in; // break, continue, return, throw: their states are in `all`
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

  /** The variables a simple statement assigns. */
  private static List<String> assigned(Stmt s) {
    List<String> out = new ArrayList<>();
    if (s instanceof Stmt.Declare d && d.init() != null) {
      out.add(d.name());
    } else if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Var v) {
      out.add(v.name());
    } else if (s instanceof Stmt.CompoundAssign c && c.target() instanceof Expr.Var v) {
      out.add(v.name());
    } else if (s instanceof Stmt.Eval e && e.expr() instanceof Expr.IncDec i && i.target() instanceof Expr.Var v) {
      out.add(v.name());
    }
    return out;
  }

  // ---------------------------------------------------------------- calls

  /** The forward sweep's call: the user's method, or its tangent core when it is private. */
  private Expr primalCall(Expr.DiffCall d) {
    if (!d.privateCallee()) {
      return new Expr.PlainCall(d.owner(), d.receiver(), d.name(), d.args(), d.type());
    }
    List<Expr> args = new ArrayList<>();
    if (d.receiver() != null) {
      args.add(d.receiver());
    }
    for (int i = 0; i < d.args().size(); i++) {
      args.add(d.args().get(i));
      if (d.activeParameters().get(i)) {
        if (!Types.DOUBLE.equals(d.parameterTypes().get(i))) {
          throw new Unsupported(line, "a call of a private method with an array parameter");
        }
        args.add(ZERO);
      }
    }
    return new Expr.DualPart(new Expr.StaticCall(d.derivatives(), d.name(), args, Types.DUAL), false, Types.DOUBLE);
  }

  /** The reverse sweep's call of the callee's adjoint, and the adjoints of the arguments. */
  private void callAdjoint(Expr.DiffCall d, Expr.Var adj, List<Stmt> reverse) {
    calls.add(d);
    List<Expr> args = new ArrayList<>();
    if (d.receiver() != null) {
      args.add(d.receiver());
    }
    List<Integer> scalars = new ArrayList<>();
    for (int i = 0; i < d.args().size(); i++) {
      Expr arg = d.args().get(i);
      args.add(arg);
      boolean paramActive = d.activeParameters().get(i);
      if (activity.isActive(arg) && !paramActive) {
        throw new Unsupported(line, "an active argument for a parameter the callee does not differentiate");
      }
      if (!paramActive) {
        continue;
      }
      if (Types.DOUBLE.equals(d.parameterTypes().get(i))) {
        scalars.add(i);
      } else if (arg instanceof Expr.Var a && bars.containsKey(a.name())) {
        args.add(bars.get(a.name()));
      } else if (arg instanceof Expr.Var a) {
        args.add(call("sink", Types.DOUBLE_ARRAY, new Expr.Length(a, Types.INT)));
      } else if (arg instanceof Expr.Literal) {
        args.add(new Expr.Literal("null", Types.DOUBLE_ARRAY));
      } else {
        throw new Unsupported(line, "an array argument that is not a variable");
      }
    }
    args.add(adj);
    args.add(tape);
    reverse.add(new Stmt.Eval(new Expr.StaticCall(d.derivatives(), adjointName(d.name()), args, Types.DOUBLE)));
    List<Expr.Var> got = new ArrayList<>();
    for (int j = 0; j < scalars.size(); j++) {
      Expr.Var b = new Expr.Var(namer.temp() + Derived.BAR, Types.DOUBLE);
      reverse.add(new Stmt.Declare(Types.DOUBLE, b.name(), call("bar", Types.DOUBLE, lit(j))));
      got.add(b);
    }
    Map<Expr, Expr> values = new HashMap<>();
    for (int j = 0; j < scalars.size(); j++) {
      propagate(d.args().get(scalars.get(j)), got.get(j), reverse, values);
    }
  }

  /** The adjoints of a call with user tangent rules: each partial is a call of its rule. */
  private void ruleAdjoint(Expr.RuleCall r, Expr.Var result, Expr.Var adj, List<Stmt> reverse) {
    Map<Expr, Expr> values = new HashMap<>();
    List<Expr> args = new ArrayList<>();
    for (Expr a : r.args()) {
      args.add(value(a, reverse, values));
    }
    for (int j = 0; j < r.args().size(); j++) {
      if (!activity.isActive(r.args().get(j))) {
        continue;
      }
      var rule = r.partials().get(j);
      if (rule == null) {
        throw new Unsupported(line, "a call of " + r.name() + " without a rule for an active argument");
      }
      List<Expr> ruleArgs = new ArrayList<>(args);
      ruleArgs.add(result);
      Expr partial = new Expr.StaticCall(rule.owner(), rule.method(), ruleArgs, Types.DOUBLE);
      propagate(r.args().get(j), new Expr.Binary("*", partial, adj, Types.DOUBLE), reverse, values);
    }
  }

  private void noteCallArrays(Expr e) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.PlainCall || e instanceof Expr.NewObject || e instanceof Expr.StaticCall) {
      for (Expr c : Exprs.children(e)) {
        if (c.type() instanceof ArrayTypeName a) {
          callArrays.add(a.componentType());
        }
      }
    }
    for (Expr c : Exprs.children(e)) {
      noteCallArrays(c);
    }
  }

  // ---------------------------------------------------------------- expressions

  /**
   * Adds {@code adj}, the adjoint of active expression {@code e}, into the adjoints of the
   * variables and elements {@code e} reads; {@code values} caches the subexpression values
   * computed again for the partials.
   */
  private void propagate(Expr e, Expr adj, List<Stmt> out, Map<Expr, Expr> values) {
    if (!activity.isActive(e)) {
      return;
    }
    if (e instanceof Expr.Var v) {
      Expr.Var bar = bars.get(v.name());
      out.add(new Stmt.CompoundAssign("+", bar, adj));
    } else if (e instanceof Expr.Index ix) {
      if (!(ix.array() instanceof Expr.Var a) || !bars.containsKey(a.name())) {
        throw new Unsupported(line, "an element of an array expression that is not a variable");
      }
      out.add(new Stmt.CompoundAssign("+", new Expr.Index(bars.get(a.name()), ix.index(), Types.DOUBLE), adj));
    } else if (e instanceof Expr.Cast c) {
      propagate(c.operand(), adj, out, values);
    } else if (e instanceof Expr.Conditional c) {
      Expr a = atom(adj, out);
      List<Stmt> yes = new ArrayList<>();
      propagate(c.whenTrue(), a, yes, new HashMap<>(values));
      List<Stmt> no = new ArrayList<>();
      propagate(c.whenFalse(), a, no, new HashMap<>(values));
      out.add(new Stmt.If(c.cond(), new Stmt.Block(yes), no.isEmpty() ? null : new Stmt.Block(no)));
    } else {
      var fn = TangentTransform.elementary(e);
      if (fn == null) {
        throw new Unsupported(line, "an operation without a rule in reverse mode");
      }
      List<Expr> operands = Exprs.children(e);
      List<Expr> args = new ArrayList<>();
      for (Expr o : operands) {
        args.add(value(o, out, values));
      }
      Expr result = org.dualj.processor.rules.TangentRules.usesResult(fn) ? value(e, out, values) : null;
      Expr a = atom(adj, out);
      for (int i = 0; i < operands.size(); i++) {
        if (!activity.isActive(operands.get(i))) {
          continue;
        }
        List<Expr> slots = new ArrayList<>(Collections.nCopies(operands.size(), (Expr) null));
        slots.set(i, a);
        Expr contribution = org.dualj.processor.rules.TangentRules.tangent(fn, args, result, slots);
        if (contribution != null) {
          propagate(operands.get(i), contribution, out, values);
        }
      }
    }
  }

  /** {@code e} if it is a variable or literal, else a new local holding it. */
  private Expr atom(Expr e, List<Stmt> out) {
    if (e instanceof Expr.Var || e instanceof Expr.Literal) {
      return e;
    }
    Expr.Var t = new Expr.Var(namer.temp() + Derived.BAR, Types.DOUBLE);
    out.add(new Stmt.Declare(Types.DOUBLE, t.name(), e));
    return t;
  }

  /** The value of {@code e} (no calls in it), computed again: an atom, or a cheap pure expression. */
  private Expr value(Expr e, List<Stmt> out, Map<Expr, Expr> values) {
    if (Exprs.isSimple(e) && (!(e instanceof Expr.Binary) && !(e instanceof Expr.Unary) || !Types.DOUBLE.equals(e.type()))) {
      return e;
    }
    Expr known = values.get(e);
    if (known != null) {
      return known;
    }
    Expr computed;
    if (e instanceof Expr.Conditional) {
      computed = e;
    } else if (e instanceof Expr.Cast c
        && Types.DOUBLE.equals(c.type())
        && Types.DOUBLE.equals(c.operand().type())) {
      return value(c.operand(), out, values);
    } else {
      computed = Exprs.mapChildren(e, c -> value(c, out, values));
    }
    if (AdjointPrep.hasCall(computed)) {
      throw new Unsupported(line, "a call inside an active expression");
    }
    Expr.Var t = new Expr.Var(namer.temp(), e.type());
    out.add(new Stmt.Declare(e.type(), t.name(), computed));
    values.put(e, t);
    return t;
  }

  // ---------------------------------------------------------------- dead temporaries

  /**
   * {@code code} without the locals it declares and never reads (values a partial turned out not
   * to need, a line's comment left without code), repeated until none is left; a pop is kept, as
   * the tape must stay in step.
   */
  private static List<Stmt> withoutDeadTemps(List<Stmt> code) {
    List<Stmt> current = code;
    while (true) {
      Set<String> read = new HashSet<>();
      for (Stmt s : current) {
        for (Stmt x : Stmts.all(s)) {
          for (Expr e : Stmts.exprs(x)) {
            if (!(x instanceof Stmt.Assign a && a.target() == e && e instanceof Expr.Var)) {
              varsIn(e, read);
            }
          }
          if (x instanceof Stmt.For f) {
            for (Stmt u : f.init()) {
              Stmts.exprs(u).forEach(e -> varsIn(e, read));
            }
            for (Stmt u : f.update()) {
              Stmts.exprs(u).forEach(e -> varsIn(e, read));
            }
          }
        }
      }
      List<Stmt> kept = new ArrayList<>();
      boolean removed = false;
      for (Stmt s : current) {
        if (s instanceof Stmt.Declare d && !read.contains(d.name()) && !pops(d.init())) {
          removed = true;
        } else {
          kept.add(s);
        }
      }
      // a comment followed by another comment (or nothing) has lost its code
      List<Stmt> out = new ArrayList<>();
      for (int i = 0; i < kept.size(); i++) {
        boolean commentWithoutCode =
            kept.get(i) instanceof Stmt.Comment
                && (i + 1 == kept.size() || kept.get(i + 1) instanceof Stmt.Comment);
        if (!commentWithoutCode) {
          out.add(kept.get(i));
        }
      }
      if (!removed) {
        return out;
      }
      current = out;
    }
  }

  private static void varsIn(Expr e, Set<String> out) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Var v) {
      out.add(v.name());
    }
    for (Expr c : Exprs.children(e)) {
      varsIn(c, out);
    }
  }

  private static boolean pops(Expr e) {
    if (e == null) {
      return false;
    }
    if (e instanceof Expr.PlainCall p && p.name().startsWith("pop")) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (pops(c)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- what the reverse sweep reads

  private void collectReads(List<Stmt> code) {
    for (Stmt s : code) {
      for (Stmt x : Stmts.all(s)) {
        if (x instanceof Stmt.Assign a) {
          targetReads(a.target());
          exprReads(a.value());
        } else if (x instanceof Stmt.CompoundAssign c) {
          targetReads(c.target());
          exprReads(c.target());
          exprReads(c.value());
        } else {
          for (Expr e : Stmts.exprs(x)) {
            exprReads(e);
          }
          if (x instanceof Stmt.For f) {
            for (Stmt u : f.init()) {
              collectReads(List.of(u));
            }
            for (Stmt u : f.update()) {
              collectReads(List.of(u));
            }
          }
        }
      }
    }
  }

  private void targetReads(Expr target) {
    if (target instanceof Expr.Index ix) {
      exprReads(ix.array());
      exprReads(ix.index());
    }
  }

  private void exprReads(Expr e) {
    if (e == null) {
      return;
    }
    if (e instanceof Expr.Var v) {
      if (primal.contains(v.name())) {
        reads.add(v.name());
      }
      return;
    }
    if (e instanceof Expr.Index ix && ix.array() instanceof Expr.Var a && primal.contains(a.name())) {
      elementReads.add(ix.type());
    }
    for (Expr c : Exprs.children(e)) {
      exprReads(c);
    }
  }

  // ---------------------------------------------------------------- assembly

  /** Calls of differentiated methods left in conditions and plain statements: plain calls. */
  private Stmt primalCalls(Stmt s) {
    if (s == null) {
      return null;
    } else if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(d.type(), d.name(), primalCalls(d.init()));
    } else if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(primalCalls(a.target()), primalCalls(a.value()));
    } else if (s instanceof Stmt.CompoundAssign c) {
      return new Stmt.CompoundAssign(c.op(), primalCalls(c.target()), primalCalls(c.value()));
    } else if (s instanceof Stmt.Eval e) {
      return new Stmt.Eval(primalCalls(e.expr()));
    } else if (s instanceof Stmt.Block b) {
      return new Stmt.Block(b.body().stream().map(this::primalCalls).toList());
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(primalCalls(i.cond()), primalCalls(i.then()), primalCalls(i.otherwise()));
    } else if (s instanceof Stmt.While w) {
      return new Stmt.While(primalCalls(w.cond()), primalCalls(w.body()));
    } else if (s instanceof Stmt.DoWhile d) {
      return new Stmt.DoWhile(primalCalls(d.body()), primalCalls(d.cond()));
    } else if (s instanceof Stmt.For f) {
      return new Stmt.For(f.init().stream().map(this::primalCalls).toList(), primalCalls(f.cond()),
          f.update().stream().map(this::primalCalls).toList(), primalCalls(f.body()));
    } else if (s instanceof Stmt.Labeled l) {
      return new Stmt.Labeled(l.label(), primalCalls(l.body()));
    } else if (s instanceof Stmt.Switch sw) {
      List<Stmt.Case> cs = new ArrayList<>();
      for (Stmt.Case c : sw.cases()) {
        cs.add(new Stmt.Case(c.labels(), c.body().stream().map(this::primalCalls).toList()));
      }
      return new Stmt.Switch(primalCalls(sw.selector()), cs, sw.arrows());
    } else if (s instanceof Stmt.Throw t) {
      return new Stmt.Throw(primalCalls(t.value()));
    } else if (s instanceof Stmt.Assert a) {
      return new Stmt.Assert(primalCalls(a.cond()), primalCalls(a.message()));
    } else if (s instanceof Stmt.Return r) {
      return new Stmt.Return(primalCalls(r.value()));
    }
    return s;
  }

  private Expr primalCalls(Expr e) {
    if (e == null) {
      return null;
    }
    Expr x = Exprs.mapChildren(e, this::primalCalls);
    return x instanceof Expr.DiffCall d ? primalCall(d) : x;
  }

  private MethodCode assemble(List<Stmt> forward) {
    forward = forward.stream().map(this::primalCalls).toList();
    List<MethodModel.Param> params = new ArrayList<>();
    if (self != null) {
      params.add(new MethodModel.Param(self, method.receiverType(), false));
    }
    for (MethodModel.Param p : method.params()) {
      params.add(new MethodModel.Param(p.name(), p.type(), false));
      if (p.active() && Types.DOUBLE_ARRAY.equals(p.type())) {
        params.add(new MethodModel.Param(bars.get(p.name()).name(), Types.DOUBLE_ARRAY, false));
      }
    }
    boolean arrayResult = Types.DOUBLE_ARRAY.equals(method.returnType());
    Expr.Var seed = bars.containsKey(prep.result.name()) && !arrayResult
        ? bars.get(prep.result.name())
        : new Expr.Var(namer.fresh("result_bar"), method.returnType());
    params.add(new MethodModel.Param(seed.name(), method.returnType(), false));
    params.add(new MethodModel.Param(tape.name(), TAPE, false));

    List<Stmt> body = new ArrayList<>();
    List<Stmt> decls = new ArrayList<>();
    for (Map.Entry<String, TypeName> l : prep.locals.entrySet()) {
      decls.add(new Stmt.Declare(l.getValue(), l.getKey(), defaultValue(l.getValue())));
    }
    for (String c : counters) {
      decls.add(new Stmt.Declare(Types.INT, c, lit(0)));
    }
    if (!decls.isEmpty()) {
      body.add(new Stmt.Comment("the method's locals, shared by the forward and the reverse sweep"));
      body.addAll(decls);
    }
    List<Stmt> adjoints = new ArrayList<>();
    for (Map.Entry<String, Expr.Var> b : bars.entrySet()) {
      boolean isParamArray = method.params().stream()
          .anyMatch(p -> p.name().equals(b.getKey()) && p.active() && Types.DOUBLE_ARRAY.equals(p.type()));
      if (isParamArray) {
        continue;
      }
      Expr.Var bar = b.getValue();
      if (bar == seed) {
        continue; // the parameter
      }
      Expr init = Types.DOUBLE.equals(bar.type()) ? ZERO : new Expr.Literal("null", Types.DOUBLE_ARRAY);
      adjoints.add(new Stmt.Declare(bar.type(), bar.name(), init));
    }
    if (!adjoints.isEmpty()) {
      body.add(new Stmt.Comment("adjoints"));
      body.addAll(adjoints);
    }
    body.add(new Stmt.Comment("forward sweep"));
    if (straight) {
      body.addAll(forward);
    } else {
      body.add(new Stmt.Eval(call("pushInt", TypeName.VOID, lit(0))));
      body.add(new Stmt.Labeled(forwardLabel, new Stmt.Block(forward)));
    }
    body.add(new Stmt.Eval(call("mark", TypeName.VOID)));
    body.add(new Stmt.Comment("reverse sweep"));
    Expr.Var resultBar = bars.get(prep.result.name());
    if (arrayResult && resultBar != null) {
      // the seed goes into the adjoint of the array returned
      Expr.Var q = new Expr.Var(namer.fresh("q"), Types.INT);
      Expr nullArray = new Expr.Literal("null", Types.DOUBLE_ARRAY);
      body.add(new Stmt.If(
          new Expr.Binary("&&",
              new Expr.Binary("!=", seed, nullArray, Types.BOOLEAN),
              new Expr.Binary("!=", resultBar, nullArray, Types.BOOLEAN), Types.BOOLEAN),
          new Stmt.For(
              List.of(new Stmt.Declare(Types.INT, q.name(), new Expr.Literal("0", Types.INT))),
              new Expr.Binary("<", q, new Expr.Length(seed, Types.INT), Types.BOOLEAN),
              List.of(new Stmt.Eval(new Expr.IncDec("++", false, q, Types.INT))),
              new Stmt.CompoundAssign("+", new Expr.Index(resultBar, q, Types.DOUBLE),
                  new Expr.Index(seed, q, Types.DOUBLE))),
          null));
    }
    if (straight) {
      body.addAll(straightReverse);
    } else {
      Expr.Var b = new Expr.Var(namer.fresh("run"), Types.INT);
      List<Stmt.Case> withEnd = new ArrayList<>(cases);
      withEnd.add(new Stmt.Case(List.of(), List.of(new Stmt.Throw(new Expr.NewObject(
          ClassName.get(IllegalStateException.class), List.of(new Expr.Literal("\"tape out of step\"", ClassName.get(String.class))))))));
      body.add(new Stmt.For(
          List.of(new Stmt.Declare(Types.INT, b.name(), call("popInt", Types.INT))),
          new Expr.Binary("!=", b, lit(0), Types.BOOLEAN),
          List.of(new Stmt.Assign(b, call("popInt", Types.INT))),
          new Stmt.Switch(b, withEnd, true)));
    }
    int j = 0;
    for (MethodModel.Param p : method.params()) {
      if (p.active() && Types.DOUBLE.equals(p.type())) {
        Expr.Var bar = bars.get(p.name());
        body.add(new Stmt.Eval(call("bar", TypeName.VOID, lit(j++), bar == null ? ZERO : bar)));
      }
    }
    body.add(new Stmt.Return(prep.result));
    return new MethodCode(adjointName(method.name()), params, method.returnType(), body, "", 0);
  }

  private static Expr defaultValue(TypeName t) {
    if (t.equals(TypeName.BOOLEAN)) {
      return new Expr.Literal("false", t);
    } else if (t.equals(TypeName.DOUBLE)) {
      return ZERO;
    } else if (t.equals(TypeName.FLOAT)) {
      return new Expr.Literal("0.0f", t);
    } else if (t.equals(TypeName.LONG)) {
      return new Expr.Literal("0L", t);
    } else if (t.equals(TypeName.CHAR)) {
      return new Expr.Literal("'\\0'", t);
    } else if (t.isPrimitive()) {
      return new Expr.Literal("0", t);
    }
    return new Expr.Literal("null", t);
  }

  // ---------------------------------------------------------------- tape

  private Expr call(String name, TypeName type, Expr... args) {
    return new Expr.PlainCall(null, tape, name, List.of(args), type);
  }

  private static Expr lit(int i) {
    return new Expr.Literal(String.valueOf(i), Types.INT);
  }

  private static boolean isIntegral(TypeName t) {
    return t.equals(TypeName.INT) || t.equals(TypeName.LONG) || t.equals(TypeName.SHORT)
        || t.equals(TypeName.BYTE) || t.equals(TypeName.CHAR);
  }

  private Stmt push(Expr value) {
    TypeName t = value.type();
    String name;
    Expr v = value;
    if (t.equals(TypeName.DOUBLE) || t.equals(TypeName.FLOAT)) {
      name = "pushDouble";
    } else if (t.equals(TypeName.LONG)) {
      name = "pushLong";
    } else if (t.equals(TypeName.BOOLEAN)) {
      name = "pushInt";
      v = new Expr.Conditional(value, lit(1), lit(0), Types.INT);
    } else if (t.isPrimitive()) {
      name = "pushInt";
    } else {
      name = "pushObject";
    }
    return new Stmt.Eval(call(name, TypeName.VOID, v));
  }

  private Expr pop(TypeName t) {
    if (t.equals(TypeName.DOUBLE)) {
      return call("popDouble", t);
    } else if (t.equals(TypeName.FLOAT)) {
      return new Expr.Cast(t, call("popDouble", TypeName.DOUBLE));
    } else if (t.equals(TypeName.LONG)) {
      return call("popLong", t);
    } else if (t.equals(TypeName.INT)) {
      return call("popInt", t);
    } else if (t.equals(TypeName.BOOLEAN)) {
      return new Expr.Binary("!=", call("popInt", TypeName.INT), lit(0), t);
    } else if (t.isPrimitive()) {
      return new Expr.Cast(t, call("popInt", TypeName.INT));
    }
    return new Expr.Cast(t, call("popObject", ClassName.OBJECT));
  }
}
