package org.dualj.processor.transform;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import org.dualj.processor.analysis.Activity;
import org.dualj.processor.analysis.ArrayEffects;
import org.dualj.processor.analysis.AssignedOnce;
import org.dualj.processor.analysis.JdkWrites;
import org.dualj.processor.analysis.Recompute;
import org.dualj.processor.analysis.Recording;
import org.dualj.processor.analysis.ReverseLimits;
import org.dualj.processor.analysis.Usefulness;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.Expr;
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
 *
 * <p>The parts: {@link AdjointPrep} (the body's shape), {@link Recording} (what the forward sweep
 * records, to a fixed point with the emission), {@link AdjointEmission} (the runs and their
 * dispatch), {@link AdjointStatements} (simple statements), {@link StructuredReversal} (jump-free
 * branches and loops), {@link AdjointExprs} (adjoints of expressions and calls), {@link DeadTemps}
 * and {@link AdjointAssembly}.
 */
public final class AdjointTransform {
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

  private final AdjointContext ctx;

  private AdjointTransform(MethodModel method, String self, Effects effects) {
    Namer namer = new Namer(Derived.BAR);
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
    Expr.Var tape = new Expr.Var(namer.fresh("tape"), AdjointContext.TAPE);
    this.ctx = new AdjointContext(method, self, namer, tape, effects);
  }

  /**
   * What the analysis of array effects knows of a method and its callees.
   *
   * @param writtenParameters the indices of the array parameters the method may write into: the
   *     adjoint core leaves them in the state the method leaves them, as forward mode does
   * @param callees the summary of each called {@code @Differentiable} method (null: unknown)
   * @param readsOnly whether a call of a method without derivative surely only reads its array
   *     argument i (its source, in this compilation, writes no element and hands no array on)
   * @param writesHidden whether a call of a method without derivative may write elements of
   *     arrays it is not given (kept in a field by an earlier call)
   */
  public record Effects(
      Set<Integer> writtenParameters,
      Function<Expr.DiffCall, ArrayEffects.Summary> callees,
      BiPredicate<Expr.PlainCall, Integer> readsOnly,
      Predicate<Expr.PlainCall> writesHidden) {
    /** Nothing written, no callee with effects. */
    public static final Effects NONE =
        new Effects(Set.of(), d -> ArrayEffects.Summary.NONE, (p, i) -> false, p -> false);

    /** The same knowledge of the callees, for a method that writes {@code written}. */
    public Effects writing(Set<Integer> written) {
      return new Effects(written, callees, readsOnly, writesHidden);
    }

    /**
     * True when a call of a method without derivative may write into its array argument {@code
     * i}: unless it is a JDK method that only reads it, or a method of this compilation that
     * surely only reads.
     */
    public boolean mayWrite(Expr.PlainCall p, int i) {
      return !Boolean.FALSE.equals(JdkWrites.writes(p.owner().canonicalName(), p.name(), i))
          && !readsOnly.test(p, i);
    }
  }

  /**
   * The adjoint core of {@code method}, a {@code double}- or {@code double[]}-valued method (or a
   * {@code void} one writing its output into array parameters) differentiated with respect to its
   * active parameters, or the reason there is none.
   *
   * @param self the name entry points give the receiver ({@code TangentTransform.selfName})
   * @param effects which array parameters the method writes, and what its callees do
   */
  public static Result transform(MethodModel method, String self, Effects effects) {
    try {
      if (!Types.isDifferentiable(method.returnType()) && !TypeName.VOID.equals(method.returnType())) {
        throw new Unsupported(method.line(), "a result that is not a double or double[]");
      }
      String limit = ReverseLimits.of(method);
      if (limit != null) {
        throw new Unsupported(method.line(), limit);
      }
      AdjointTransform t = new AdjointTransform(method, method.isStatic() ? null : self, effects);
      return new Result(t.run(), 0, null, t.ctx.calls);
    } catch (Unsupported u) {
      return new Result(null, u.line(), u.getMessage(), List.of());
    }
  }

  private MethodCode run() {
    MethodModel method = ctx.method;
    List<Stmt> body = ctx.prep.body(method.body().body());
    // an array argument a known callee does not write stays without adjoint (data passed on)
    ctx.activity =
        Activity.of(
            prepared(body),
            activeParams(),
            Set.of(),
            (call, i) -> false,
            (call, i) -> {
              ArrayEffects.Summary callee = ctx.effects.callees().apply(call);
              return callee != null && !callee.writtenParameters().contains(i);
            });
    for (MethodModel.Param p : method.params()) {
      ctx.primal.add(p.name());
    }
    ctx.primal.addAll(ctx.prep.locals.keySet());
    if (ctx.self != null) {
      ctx.primal.add(ctx.self);
    }
    // a double local that reaches no result has a zero adjoint: it gets none, and nothing
    // propagates into it (in the adjoint of tangent code, the values whose tangents alone count)
    Set<String> roots = new HashSet<>();
    roots.add(ctx.prep.result.name());
    method.params().forEach(p -> roots.add(p.name()));
    Set<String> useful = Usefulness.of(body, roots);
    for (String v : ctx.primal) {
      TypeName type = ctx.typeOf(v);
      boolean reaches = useful.contains(v) || !Types.DOUBLE.equals(type);
      if (type != null && (Types.isDifferentiable(type) || Types.isMatrix(type)) && ctx.activity.isActiveVar(v)
          && reaches) {
        ctx.bars.put(v, new Expr.Var(ctx.namer.fresh(v + Derived.BAR), type));
      }
    }
    ctx.assignedOnce = AssignedOnce.of(body);
    ctx.straight = StructuredReversal.isStraight(body);
    ctx.forwardLabel = ctx.namer.fresh("forward");
    AdjointEmission[] last = new AdjointEmission[1];
    List<List<Stmt>> forward = new ArrayList<>(List.of(List.of()));
    // values computed again in the reverse sweep spare their pushes but make it read their
    // operands, which may then be pushed instead: kept only when the tape traffic is less
    Recompute recompute = Recompute.of(body, ctx.assignedOnce);
    Namer.Mark names = ctx.namer.mark();
    ctx.recompute = Recompute.none();
    Recording.Decisions settled = settle(body, last, forward);
    if (settled != null && recompute.any()) {
      long plain = TapeTraffic.of(forward.get(0));
      ctx.recompute = recompute;
      ctx.namer.restore(names);
      Recording.Decisions again = settle(body, last, forward);
      if (again != null && TapeTraffic.of(forward.get(0)) < plain) {
        settled = again;
      } else {
        ctx.recompute = Recompute.none();
        ctx.namer.restore(names);
        settled = settle(body, last, forward);
      }
    }
    if (settled == null) {
      throw new Unsupported(method.line(), "a method whose records do not settle");
    }
    if (last[0].hiddenWriter != null && !settled.elements().isEmpty()) {
      throw new Unsupported(last[0].hiddenWriterLine, "a call of " + last[0].hiddenWriter
          + ", which may write arrays it is not given (kept in a field), while the reverse sweep"
          + " reads array elements");
    }
    for (TypeName t : last[0].callArrays) {
      if (settled.savesElements(t)) {
        throw new Unsupported(method.line(), "a call of a method without derivative that is passed an array whose elements the reverse sweep reads");
      }
    }
    return new AdjointAssembly(ctx, last[0]).assemble(forward.get(0));
  }

  /**
   * What the reverse sweep reads decides what the forward sweep records; recording more can make
   * the reverse sweep read more (the index of a restored element), so the emission is repeated
   * until stable. {@code last} and {@code forward} get the last emission and its forward code.
   */
  private Recording.Decisions settle(List<Stmt> body, AdjointEmission[] last, List<List<Stmt>> forward) {
    return Recording.settle(body, decisions -> {
      last[0] = new AdjointEmission(ctx, decisions);
      forward.set(0, last[0].emit(body));
      return last[0].reads();
    }, 20);
  }

  private Set<String> activeParams() {
    Set<String> activeParams = new HashSet<>();
    for (MethodModel.Param p : ctx.method.params()) {
      if (p.active()) {
        activeParams.add(p.name());
      }
    }
    return activeParams;
  }

  /** The method with its prepared body, the result variable declared first. */
  private MethodModel prepared(List<Stmt> body) {
    MethodModel method = ctx.method;
    List<Stmt> withResult = new ArrayList<>();
    if (!TypeName.VOID.equals(method.returnType())) {
      withResult.add(new Stmt.Declare(ctx.prep.result.type(), ctx.prep.result.name(), null));
    }
    withResult.addAll(body);
    return new MethodModel(method.owner(), method.derivatives(), method.name(), method.isStatic(),
        method.params(), method.returnType(), new Stmt.Block(withResult), method.sourceFile(),
        method.line(), method.chunk(), method.thrown(), method.typeVariables(),
        method.receiverType());
  }
}
