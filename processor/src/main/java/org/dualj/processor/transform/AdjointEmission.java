package org.dualj.processor.transform;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dualj.processor.analysis.Recording;
import org.dualj.processor.model.ArrayCalls;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Exprs;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;

/**
 * One emission of the two sweeps, with given {@link Recording.Decisions}: the forward code of the
 * prepared body, and its reverse code cut into runs. Each straight run of statements with
 * something to undo gets a number, which the forward sweep pushes where the run ends and the
 * reverse sweep's dispatch loop pops to run the run's reverse code; a method without branches or
 * loops has one run and needs no numbers. Branches and loops without jumps keep their shape
 * ({@link StructuredReversal}); the others are cut into runs here. Also collects what the reverse
 * code reads, for the next {@link Recording} round.
 */
final class AdjointEmission {
  private final AdjointContext ctx;
  private final Recording.Decisions decisions;
  private final AdjointStatements statements;
  private final StructuredReversal structured;
  private final Recomputation recomputation;

  /** The trip counters of loops reversed in shape, declared with the locals. */
  final List<String> counters = new ArrayList<>();
  /** For each trip counter, how many statements at the start of a reverse trip undo the update. */
  final Map<String, Integer> undos = new HashMap<>();
  /** The reverse code of each numbered run, as the cases of the reverse sweep's dispatch. */
  final List<Stmt.Case> cases = new ArrayList<>();
  /** For a straight method: its reverse code. */
  final List<Stmt> straightReverse = new ArrayList<>();
  /** The variables the reverse code reads. */
  private Set<String> reads = new HashSet<>();
  /** The variables the reverse code of each simple statement reads. */
  private final Map<Stmt, Set<String>> stmtReads = new IdentityHashMap<>();
  /** The element types of arrays whose elements the reverse code reads. */
  private final Set<TypeName> elementReads = new HashSet<>();
  /** The element types of arrays passed to calls without derivatives. */
  final Set<TypeName> callArrays = new HashSet<>();
  /** A call that may write elements of arrays it is not given, and its line; null if none. */
  String hiddenWriter;
  int hiddenWriterLine;
  private int nextId;
  /** The current run: groups of a line's comment and the reverse code of its statements. */
  List<List<Stmt>> segment = new ArrayList<>();
  /** The depth of loops around the statement being emitted. */
  int loops;
  /** The depth of {@code try} bodies around the statement being emitted. */
  private int tries;
  /** The simple statement being emitted, for {@link #mustSave}. */
  Stmt current;

  AdjointEmission(AdjointContext ctx, Recording.Decisions decisions) {
    this.ctx = ctx;
    this.decisions = decisions;
    this.statements = new AdjointStatements(ctx, this, new AdjointExprs(ctx));
    this.structured = new StructuredReversal(ctx, this, statements);
    this.recomputation = new Recomputation(ctx, ctx.recompute);
    ctx.calls.clear();
  }

  /**
   * The forward code of {@code body}; its reverse code is in {@link #cases}, or in {@link
   * #straightReverse} for a straight method.
   */
  List<Stmt> emit(List<Stmt> body) {
    for (Stmt s : Stmts.all(new Stmt.Block(body))) {
      // the calls in conditions and assertions, which the forward sweep alone evaluates
      if (!Recording.isSimple(s) || s instanceof Stmt.Assert) {
        Stmts.exprs(s).forEach(this::noteCallArrays);
      }
    }
    List<Stmt> out = new ArrayList<>();
    list(body, out);
    return out;
  }

  /** What this emission's reverse code reads. */
  Recording.Reads reads() {
    return new Recording.Reads(stmtReads, reads, elementReads);
  }

  /** True when the statement being emitted must save the old value of {@code name}. */
  boolean mustSave(String name) {
    return decisions.saves(current, name);
  }

  /** True when an assignment to an element of a {@code type} array must save the old value. */
  boolean savesElements(TypeName type) {
    return decisions.savesElements(type);
  }

  /** The forward code of {@code stmts} into {@code out}, their reverse code into runs. */
  void list(List<Stmt> stmts, List<Stmt> out) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.SourceLine l && l.stmt() instanceof Stmt.Comment c) {
        ctx.line = l.line();
        out.add(c);
        segment.add(new ArrayList<>(List.of(c))); // a group: the line and what follows
      } else if (Recording.isSimple(s)) {
        statements.simple(s, out);
        if (tries > 0) {
          close(out); // in a try, each statement's records are complete before the next starts
        }
      } else if (tries == 0 && StructuredReversal.isJumpFree(s)) {
        structured.jumpFree(s, out);
      } else {
        control(s, out);
      }
    }
    close(out);
  }

  /** True inside the body of a try. */
  boolean inTry() {
    return tries > 0;
  }

  /** Ends the current straight run: its number is pushed if it has anything to undo. */
  private void close(List<Stmt> out) {
    List<Stmt> reverse = takeReverse();
    if (reverse == null) {
      return;
    }
    collectReads(reverse);
    if (ctx.straight) {
      straightReverse.addAll(reverse);
      return;
    }
    int id = ++nextId;
    out.add(new Stmt.Eval(ctx.call("pushInt", TypeName.VOID, AdjointContext.lit(id))));
    if (tries > 0) {
      out.add(new Stmt.Eval(ctx.call("commit", TypeName.VOID)));
    }
    cases.add(new Stmt.Case(List.of(AdjointContext.lit(id)), reverse));
  }

  /**
   * A try, cut into runs of one statement each: the forward sweep commits the tape where it
   * enters the try and after each run's number, and a catch or finally starts by rolling back
   * what a statement interrupted by an exception had pushed. The reverse sweep then finds on the
   * tape the runs that completed, in the order they ran, through the try and the handler, as for
   * any jump; no derivative flows through the exception, as in forward mode.
   */
  private void tryStmt(Stmt.Try t, List<Stmt> out) {
    close(out);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Eval(ctx.call("commit", TypeName.VOID)));
    tries++;
    body.addAll(sub(t.body()).body());
    tries--;
    List<Stmt.Catch> catches = new ArrayList<>();
    for (Stmt.Catch c : t.catches()) {
      catches.add(new Stmt.Catch(c.types(), c.name(), rolledBack(c.body())));
    }
    out.add(new Stmt.Try(new Stmt.Block(body), catches, t.fin() == null ? null : rolledBack(t.fin())));
  }

  private Stmt.Block rolledBack(Stmt.Block part) {
    List<Stmt> code = new ArrayList<>();
    code.add(new Stmt.Eval(ctx.call("rollback", TypeName.VOID)));
    code.addAll(sub(part).body());
    return new Stmt.Block(code);
  }

  /** The reverse code of the current run (null if it has none), and a new run. */
  List<Stmt> takeReverse() {
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
    reverse = DeadTemps.withoutDeadTemps(recomputation.withoutRepeats(reverse));
    if (reverse.stream().allMatch(x -> x instanceof Stmt.Comment)) {
      return null;
    }
    return reverse;
  }

  void addReverse(List<Stmt> code) {
    if (code.isEmpty()) {
      return;
    }
    // values a partial turned out not to need are not reads: their operands need no records
    code = DeadTemps.withoutDeadTemps(code);
    // the values computed again are assigned before they are read
    Set<String> recomputed = new HashSet<>();
    code = recomputation.prepend(current, code, recomputed);
    Set<String> saved = reads;
    reads = new HashSet<>();
    collectReads(code);
    reads.removeAll(recomputed);
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
        statements.simple(init, out);
      }
      close(out);
      loops++;
      List<Stmt> update = new ArrayList<>();
      for (Stmt u : f.update()) {
        statements.simple(u, update);
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
      if (!ctx.straight) {
        out.add(new Stmt.Break(ctx.forwardLabel));
      }
    } else if (s instanceof Stmt.Throw t) {
      close(out);
      out.add(t);
    } else if (s instanceof Stmt.Try t) {
      tryStmt(t, out);
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
      throw ctx.unsupported("this statement");
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
      if (ctx.primal.contains(v.name())) {
        reads.add(v.name());
        // a whole array in the reverse sweep (passed to a callee's adjoint, cloned, copied) has
        // its elements read there: their overwrites must be undone first, like an element read's
        elementsOf(v.type());
      }
      return;
    }
    if (e instanceof Expr.Length l && l.array() instanceof Expr.Var v) {
      if (ctx.primal.contains(v.name())) {
        reads.add(v.name()); // the length alone: no element is read
      }
      return;
    }
    if (e instanceof Expr.Index ix && Exprs.rootVar(ix) != null && ctx.primal.contains(Exprs.rootVar(ix).name())) {
      elementReads.add(ix.type());
    }
    if (e instanceof Expr.StaticCall call && isAdjointCall(call)) {
      // a callee's adjoint runs its forward sweep again on the arrays it is passed: it reads
      // their elements (and a matrix's rows) as they were at the call
      for (Expr a : call.args()) {
        TypeName t = a.type();
        Expr.Var root = Exprs.rootVar(a);
        while (t instanceof ArrayTypeName at && root != null && ctx.primal.contains(root.name())) {
          elementReads.add(at.componentType());
          t = at.componentType();
        }
      }
    }
    for (Expr c : Exprs.children(e)) {
      exprReads(c);
    }
  }

  private void elementsOf(TypeName type) {
    while (type instanceof ArrayTypeName a) {
      elementReads.add(a.componentType());
      type = a.componentType();
    }
  }

  /** A call of a callee's adjoint core (conservatively, by its name). */
  private static boolean isAdjointCall(Expr.StaticCall call) {
    return call.name().endsWith(Derived.ADJOINT.suffix());
  }

  void noteCallArrays(Expr e) {
    noteCallArrays(e, List.of());
  }

  /**
   * Notes the element types of the arrays that the calls in {@code e} may write into, but for the
   * arguments in {@code saved} (by identity), whose elements the statement pushes and pops.
   */
  void noteCallArrays(Expr e, List<Expr> saved) {
    if (e == null) {
      return;
    }
    boolean library = ArrayCalls.kind(e) != null; // their writes are saved by AdjointArrayCalls
    if (e instanceof Expr.DiffCall d) {
      var callee = ctx.effects.callees().apply(d);
      for (int i = 0; i < d.args().size(); i++) {
        Expr arg = d.args().get(i);
        if (arg.type() instanceof ArrayTypeName a
            && (callee == null || callee.writtenParameters().contains(i))
            && saved.stream().noneMatch(x -> x == arg)) {
          callArrays.add(a.componentType());
        }
      }
    } else if (e instanceof Expr.PlainCall p && !library && p.owner() != null) {
      if (hiddenWriter == null && ctx.effects.writesHidden().test(p)) {
        hiddenWriter = p.name();
        hiddenWriterLine = ctx.line;
      }
      // a JDK method that only reads its arrays (Arrays.toString, Arrays.stream), or a method of
      // this compilation that surely only reads, changes nothing the reverse sweep reads
      List<Expr> args = p.args();
      for (int i = 0; i < args.size(); i++) {
        Expr arg = args.get(i);
        if (arg.type() instanceof ArrayTypeName a
            && ctx.effects.mayWrite(p, i)
            && saved.stream().noneMatch(x -> x == arg)) {
          callArrays.add(a.componentType());
        }
      }
      if (p.receiver() != null && p.receiver().type() instanceof ArrayTypeName a) {
        callArrays.add(a.componentType());
      }
    } else if (!library && (e instanceof Expr.PlainCall || e instanceof Expr.NewObject || e instanceof Expr.StaticCall)) {
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
}
