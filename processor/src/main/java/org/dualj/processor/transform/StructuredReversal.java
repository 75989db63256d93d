package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.analysis.Recording;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * The structured reversal of branches and loops without jumps out of their parts: the forward
 * sweep keeps their shape, an {@code if} pushing the branch it took and a loop its trip count, and
 * the reverse sweep is an {@code if} on the popped branch, or a loop running the popped number of
 * trips over the reversed body, inside the run of the statements around them.
 */
final class StructuredReversal {
  private final AdjointContext ctx;
  private final AdjointEmission emission;
  private final AdjointStatements statements;

  StructuredReversal(AdjointContext ctx, AdjointEmission emission, AdjointStatements statements) {
    this.ctx = ctx;
    this.emission = emission;
    this.statements = statements;
  }

  /** True for a body without jumps: a straight method, whose reverse sweep needs no run numbers. */
  static boolean isStraight(List<Stmt> body) {
    for (int i = 0; i < body.size(); i++) {
      Stmt s = body.get(i);
      boolean last = i == body.size() - 1;
      if (s instanceof Stmt.Return && last) {
        continue;
      }
      if (!(Recording.isSimple(s) || isJumpFree(s)) || s instanceof Stmt.Throw) {
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
  static boolean isJumpFree(Stmt s) {
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

  /** A jump-free branch or loop: its forward code into {@code out}, its reverse into the run. */
  void jumpFree(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.For f) {
      for (Stmt init : f.init()) {
        statements.simple(init, out);
      }
    }
    List<Stmt> reverse = structured(s, out);
    emission.current = null; // the reads of the parts are the parts' own
    emission.addReverse(reverse);
  }

  /** Emits {@code s} keeping its shape; returns its reverse code. */
  private List<Stmt> structured(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Block b) {
      List<Stmt> inner = new ArrayList<>();
      List<Stmt> reverse = structuredList(b.body(), inner);
      out.add(new Stmt.Block(inner));
      return reverse;
    } else if (s instanceof Stmt.If i) {
      return branch(i, out);
    }
    return loop(s, out);
  }

  /**
   * An if: the forward sweep pushes the branch it took and the reverse sweep pops it, unless at
   * most one branch has reverse code or one ends in a throw (the other one then ran).
   */
  private List<Stmt> branch(Stmt.If i, List<Stmt> out) {
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
    yes.add(new Stmt.Eval(ctx.call("pushInt", TypeName.VOID, AdjointContext.lit(1))));
    no.add(new Stmt.Eval(ctx.call("pushInt", TypeName.VOID, AdjointContext.lit(0))));
    out.add(new Stmt.If(i.cond(), new Stmt.Block(yes), new Stmt.Block(no)));
    reverse.add(new Stmt.If(
        new Expr.Binary("!=", ctx.call("popInt", Types.INT), AdjointContext.lit(0), Types.BOOLEAN),
        new Stmt.Block(yesReverse),
        noReverse.isEmpty() ? null : new Stmt.Block(noReverse)));
    return reverse;
  }

  /** A loop: the forward sweep counts its trips, the reverse sweep runs them backwards. */
  private List<Stmt> loop(Stmt s, List<Stmt> out) {
    emission.loops++;
    List<Stmt> body = new ArrayList<>();
    Stmt bodyStmt = s instanceof Stmt.While w ? w.body() : s instanceof Stmt.DoWhile d ? d.body() : ((Stmt.For) s).body();
    List<Stmt> bodyReverse = structuredList(blockBody(bodyStmt), body);
    List<Stmt> update = new ArrayList<>();
    List<Stmt> updateReverse = s instanceof Stmt.For f ? structuredList(f.update(), update) : List.of();
    emission.loops--;
    boolean record = !bodyReverse.isEmpty() || !updateReverse.isEmpty();
    Expr.Var trips = null;
    if (record) {
      trips = new Expr.Var(ctx.namer.fresh("trips"), Types.INT);
      emission.counters.add(trips.name());
      emission.undos.put(trips.name(), updateReverse.size());
      out.add(new Stmt.Assign(trips, AdjointContext.lit(0)));
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
    out.add(new Stmt.Eval(ctx.call("pushInt", TypeName.VOID, trips)));
    Expr.Var trip = new Expr.Var(ctx.namer.fresh("trip"), Types.INT);
    List<Stmt> reverseBody = new ArrayList<>(updateReverse);
    reverseBody.addAll(bodyReverse);
    return List.of(new Stmt.For(
        List.of(new Stmt.Declare(Types.INT, trip.name(), ctx.call("popInt", Types.INT))),
        new Expr.Binary(">", trip, AdjointContext.lit(0), Types.BOOLEAN),
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
    List<List<Stmt>> saved = emission.segment;
    emission.segment = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.SourceLine l && l.stmt() instanceof Stmt.Comment c) {
        ctx.line = l.line();
        out.add(c);
        emission.segment.add(new ArrayList<>(List.of(c)));
      } else if (s instanceof Stmt.Throw t) {
        out.add(t);
      } else if (Recording.isSimple(s)) {
        statements.simple(s, out);
      } else {
        jumpFree(s, out);
      }
    }
    List<Stmt> reverse = emission.takeReverse();
    emission.segment = saved;
    return reverse == null ? List.of() : reverse;
  }
}
