package org.dualj.processor.codegen;

import com.palantir.javapoet.ClassName;
import org.dualj.processor.model.Derived;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.model.ArrayWrites;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Types;
import org.dualj.processor.model.SecondOrderCode;

/**
 * The second-order entry points of one {@code double}-valued method, calling the code of its
 * directional derivative {@code fTangent(x, x_dot, …)} differentiated once more:
 * {@code fHessian} (allocating, and a form that returns the value and fills gradient and Hessian),
 * {@code fHessianVector} and, for one differentiated {@code double}, {@code fSecondDerivative}.
 *
 * <p>Row i of the Hessian is the gradient of ∇f·eᵢ: the inner direction {@code x_dot} is the
 * unit vector eᵢ, the outer directions are seeded p columns per pass into the lanes of the inputs,
 * and the inner direction's own lanes stay zero. The value of {@code fTangent} in that pass is
 * ∂f/∂xᵢ, the gradient's entry i. Row i takes only the columns from i on (a last pass narrower
 * than p runs with fewer lanes), and the lower triangle is mirrored from the upper one: about half
 * the lane work of full rows.
 */
final class HessianEntryPoints extends EntryPointWriter {
  private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  /** The workspace's array for the unit direction of the column products (past the H·v's own). */
  private static final int DIRECTION_SLOT = 8;

  private final SecondOrderCode second;

  HessianEntryPoints(DerivativesGenerator.Entry e) {
    super(e);
    this.second = e.second();
  }

  /** Whether {@code e} gets second-order entry points: order 2 and a {@code double} result. */
  static boolean applies(DerivativesGenerator.Entry e) {
    return e.second() != null
        && Cores.hasTangents(e.source())
        && Types.DOUBLE.equals(e.source().returnType());
  }

  /** {@code fHessian}: allocating, filling, and with a workspace. */
  List<MethodSpec> hessians() {
    return List.of(hessian(), hessianInto(), hessianWorkspace());
  }

  /** {@code fHessianVector}, without and with a workspace. */
  List<MethodSpec> hessianVectors() {
    return List.of(hessianVector(false), hessianVector(true));
  }

  /** Whether {@code m} has the one differentiated double that {@code fSecondDerivative} takes. */
  static boolean hasSecondDerivative(MethodModel m) {
    return m.activeParams().size() == 1 && Types.DOUBLE.equals(m.activeParams().get(0).type());
  }



  // ---------------------------------------------------------------- fHessian

  private MethodSpec hessian() {
    MethodSpec.Builder b =
        method(Derived.HESSIAN.of(m.name()))
            .returns(Types.DOUBLE_MATRIX)
            .addJavadoc(
                "The Hessian of {@code $L} with respect to $L.\n", m.name(), columnsDoc());
    primalParameters(b);
    String n = fresh("n");
    String hessian = fresh("hessian");
    b.addStatement("int $L = $L", n, columnCount());
    b.addStatement("double[][] $L = new double[$L][$L]", hessian, n, n);
    b.addStatement(
        "$L($L, new double[$L], $L)", Derived.HESSIAN.of(m.name()), ownArguments(), n, hessian);
    b.addStatement("return $L", hessian);
    return b.build();
  }

  private MethodSpec hessianInto() {
    String gradientOut = fresh("gradientOut");
    String hessianOut = fresh("hessianOut");
    MethodSpec.Builder b =
        method(Derived.HESSIAN.of(m.name()))
            .returns(TypeName.DOUBLE)
            .addJavadoc(
                "Returns the value of {@code $L} and writes its gradient into {@code $L} and its"
                    + " Hessian into {@code $L}, both with respect to $L.\n",
                m.name(),
                gradientOut,
                hessianOut,
                columnsDoc());
    primalParameters(b);
    b.addParameter(Types.DOUBLE_ARRAY, gradientOut);
    b.addParameter(Types.DOUBLE_MATRIX, hessianOut);
    b.addStatement(
        "return $L($L, $L, $L, null)", Derived.HESSIAN.of(m.name()), ownArguments(), gradientOut, hessianOut);
    return b.build();
  }

  private MethodSpec hessianWorkspace() {
    String gradientOut = fresh("gradientOut");
    String hessianOut = fresh("hessianOut");
    String work = fresh("work");
    MethodSpec.Builder b =
        method(Derived.HESSIAN.of(m.name()))
            .returns(TypeName.DOUBLE)
            .addJavadoc(
                "Returns the value of {@code $L} and writes its gradient into {@code $L} and its"
                    + " Hessian into {@code $L}, both with respect to $L; its lanes come from"
                    + " {@code $L} (null: allocated here), so repeated calls with one workspace"
                    + " allocate nothing.\n",
                m.name(),
                gradientOut,
                hessianOut,
                columnsDoc(),
                work);
    primalParameters(b);
    b.addParameter(Types.DOUBLE_ARRAY, gradientOut);
    b.addParameter(Types.DOUBLE_MATRIX, hessianOut);
    b.addParameter(Types.WORKSPACE, work);
    if (byProducts()) {
      columnProducts(b, gradientOut, hessianOut, work);
    }
    rowPasses(b, gradientOut, hessianOut, work);
    return b.build();
  }

  /**
   * Whether the Hessian may be formed by H·v products (reverse over forward): one differentiated
   * {@code double[]}, a callable primal, and {@code fHessianVectorReverse} generated.
   */
  private boolean byProducts() {
    return m.activeParams().size() == 1
        && Types.DOUBLE_ARRAY.equals(m.activeParams().get(0).type())
        && second.primalCallable()
        && HessianVectorReverseEntry.generated(e);
  }

  /**
   * From {@code Tape.HESSIAN_BY_PRODUCTS_FROM} columns on, column i of the Hessian is H·eᵢ by
   * reverse over forward, a few gradients' cost whatever n, and ∇f·eᵢ, which that sweep returns,
   * is the gradient's entry i: n sweeps instead of about n²/(2p) lane passes. The upper triangle
   * is mirrored, so the matrix is exactly symmetric as from the lanes.
   */
  private void columnProducts(MethodSpec.Builder b, String gradientOut, String hessianOut, String work) {
    String x = m.activeParams().get(0).name();
    String value = fresh("value");
    String direction = fresh("direction");
    String i = fresh("i");
    b.beginControlFlow("if ($L.length >= $T.HESSIAN_BY_PRODUCTS_FROM)", x, ReverseEntryPoints.TAPE);
    b.addComment("many columns: H·eᵢ by reverse over forward per column, ∇f·eᵢ its gradient entry");
    List<CodeBlock> args = new ArrayList<>();
    for (MethodModel.Param p : m.params()) {
      args.add(CodeBlock.of("$L", p.name()));
    }
    b.addStatement("double $L = $L", value, primalCall(args));
    // one tape for the n sweeps, also when the caller gave no workspace
    String own = fresh("own");
    b.addStatement("$T $L = $L != null ? $L : new $T()", Types.WORKSPACE, own, work, work, Types.WORKSPACE);
    b.addStatement("double[] $L = $L.exactly($L, $L.length)", direction, own, DIRECTION_SLOT, x);
    b.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, x, i);
    b.addStatement("$L[$L] = 1.0", direction, i);
    b.addStatement("$L[$L] = $L($L, $L, $L[$L], $L)", gradientOut, i,
        Derived.HESSIAN_VECTOR_REVERSE.of(m.name()), ownArguments(), direction, hessianOut, i, own);
    b.addStatement("$L[$L] = 0.0", direction, i);
    b.endControlFlow();
    b.addStatement("$T.mirrorUpper($L, $L.length)", Types.LANES, hessianOut, x);
    b.addStatement("return $L", value);
    b.endControlFlow();
  }

  // ---------------------------------------------------------------- fHessianVector

  /**
   * {@code fHessianVector(params, directions)}, which calls the form that also takes a
   * {@code Workspace} ({@code withWorkspace}).
   */
  private MethodSpec hessianVector(boolean withWorkspace) {
    MethodSpec.Builder b =
        method(Derived.HESSIAN_VECTOR.of(m.name()))
            .returns(Types.DOUBLE_ARRAY)
            .addJavadoc(
                "The Hessian of {@code $L} times a vector given per differentiated parameter"
                    + " ($L), without forming the Hessian$L.\n",
                m.name(),
                columnsDoc(),
                withWorkspace ? "; its lanes come from {@code work} (null: allocated here)" : "");
    primalParameters(b);
    List<String> directions = new ArrayList<>();
    for (MethodModel.Param p : m.activeParams()) {
      String d = fresh(p.name() + "_dot");
      b.addParameter(p.type(), d);
      directions.add(d);
    }
    String work = fresh("work");
    if (withWorkspace) {
      b.addParameter(Types.WORKSPACE, work);
      directionPasses(b, directions, work);
    } else {
      b.addStatement(
          "return $L($L, $L, null)",
          Derived.HESSIAN_VECTOR.of(m.name()),
          ownArguments(),
          String.join(", ", directions));
    }
    return b.build();
  }

  /**
   * The arguments of the second-order lane core and the statements each pass repeats, built
   * parameter by parameter. The outer directions are seeded {@code width} columns per pass into
   * the lanes of the inputs; the inner direction is a unit vector per row of the Hessian, or the
   * direction given for H·v.
   */
  private final class Passes {
    final String n;
    final String p;
    /** The Hessian's row; null for H·v. */
    final String row;
    final String start;
    final String width;
    final String ws;
    final String result;
    final Slots slots;
    /**
     * A method that may write into its arrays would see earlier passes' writes: each pass starts
     * from copies of the caller's arrays (and directions); the arrays, not the directions, get
     * the last pass's copy back.
     */
    final boolean copyArrays = ArrayWrites.possible(m) || ArrayWrites.possible(second.model());
    final List<CodeBlock> restores = new ArrayList<>();
    /** After the passes, the caller's arrays get what one call of the method leaves in them. */
    final List<CodeBlock> writeBacks = new ArrayList<>();
    final List<CodeBlock> clears = new ArrayList<>();
    final List<CodeBlock> innerSeeds = new ArrayList<>();
    final List<CodeBlock> outerSeeds = new ArrayList<>();
    final List<CodeBlock> args = new ArrayList<>();
    /** The first-order core's arguments, with zero tangents, for the value. */
    final List<CodeBlock> valueArgs = new ArrayList<>();
    final List<CodeBlock> primalArgs = new ArrayList<>();

    Passes(boolean rows, String work) {
      n = fresh("n");
      p = fresh("p");
      row = rows ? fresh("row") : null;
      start = fresh("start");
      width = fresh("w");
      ws = fresh("ws");
      result = fresh("result_dot2");
      slots = new Slots(work);
    }

    /** Declares the lanes and builds the arguments; {@code directions} null for Hessian rows. */
    void declare(MethodSpec.Builder b, List<String> directions) {
      columnsAndWidth(b, n, p);
      if (!m.isStatic()) {
        args.add(CodeBlock.of("$L", e.selfName()));
        valueArgs.add(CodeBlock.of("$L", e.selfName()));
      }
      Column column = new Column();
      int direction = 0;
      for (MethodModel.Param param : m.params()) {
        String value = value(b, param);
        args.add(CodeBlock.of("$L", value));
        valueArgs.add(CodeBlock.of("$L", value));
        primalArgs.add(CodeBlock.of("$L", value));
        if (param.active()) {
          CodeBlock at = column.code();
          outer(b, param, at);
          args.add(CodeBlock.of("$L", directions == null
              ? unitInner(b, param, at)
              : givenInner(b, directions.get(direction++), param)));
          innerLanes(b, param);
          column.advance(param);
        }
      }
      b.addStatement("double[] $L = $L", result, slots.lanes(CodeBlock.of("$L", p)));
      args.add(CodeBlock.of("$L", result));
      args.add(CodeBlock.of("$L", width));
      if (second.lanes().workspace() > 0) {
        args.add(CodeBlock.of("$L", ws));
        b.addStatement("double[][] $L = $L", ws, slots.rows(second.lanes().workspace(), p));
      } else {
        args.add(CodeBlock.of("null"));
      }
    }

    /** The parameter's value in the passes: itself, or a working copy of an array. */
    private String value(MethodSpec.Builder b, MethodModel.Param param) {
      if (!copyArrays || !Types.DOUBLE_ARRAY.equals(param.type())) {
        return param.name();
      }
      String copy = fresh(param.name() + "_copy");
      b.addStatement(
          "double[] $L = $L", copy, slots.exactly(CodeBlock.of("$L.length", param.name())));
      restores.add(CodeBlock.of("$T.restore($L, $L)", Types.LANES, param.name(), copy));
      writeBacks.add(CodeBlock.of("$T.writeBack($L, $L)", Types.LANES, copy, param.name()));
      return copy;
    }

    /** The outer directions: lanes of the input, {@code width} columns per pass. */
    private void outer(MethodSpec.Builder b, MethodModel.Param param, CodeBlock at) {
      String lane = fresh(param.name() + Derived.DOT2);
      args.add(CodeBlock.of("$L", lane));
      if (Types.DOUBLE_ARRAY.equals(param.type())) {
        b.addStatement(
            "double[] $L = $L", lane, slots.lanes(CodeBlock.of("$L.length * $L", param.name(), p)));
        outerSeeds.add(
            CodeBlock.of(
                "$T.seed($L, $L.length, $L, $L, $L)",
                Types.LANES, lane, param.name(), width, at, start));
      } else {
        b.addStatement("double[] $L = $L", lane, slots.lanes(CodeBlock.of("$L", p)));
        outerSeeds.add(CodeBlock.of("$T.seed($L, $L, $L, $L)", Types.LANES, lane, width, at, start));
      }
    }

    /** The inner direction of a Hessian row: the unit vector of the row. */
    private String unitInner(MethodSpec.Builder b, MethodModel.Param param, CodeBlock at) {
      String inner = fresh(param.name() + "_dot");
      if (Types.DOUBLE_ARRAY.equals(param.type())) {
        b.addStatement(
            "double[] $L = $L", inner, slots.exactly(CodeBlock.of("$L.length", param.name())));
        innerSeeds.add(
            CodeBlock.of("$T.seed($L, $L.length, 1, $L, $L)", Types.LANES, inner, param.name(), at, row));
      } else {
        b.addStatement("double $L = 0.0", inner);
        innerSeeds.add(CodeBlock.of("$L = $L == $L ? 1.0 : 0.0", inner, row, at));
      }
      valueArgs.add(CodeBlock.of("$L", zeroTangent(param)));
      return inner;
    }

    /** The inner direction of H·v: the one given, copied if the method may write into it. */
    private String givenInner(MethodSpec.Builder b, String inner, MethodModel.Param param) {
      if (!copyArrays || !Types.DOUBLE_ARRAY.equals(param.type())) {
        return inner;
      }
      String copy = fresh(inner + "_copy");
      b.addStatement("double[] $L = $L", copy, slots.exactly(CodeBlock.of("$L.length", inner)));
      restores.add(CodeBlock.of("$T.restore($L, $L)", Types.LANES, inner, copy));
      return copy;
    }

    /** The inner direction's own lanes: zero, it does not depend on the inputs. */
    private void innerLanes(MethodSpec.Builder b, MethodModel.Param param) {
      String innerLane = fresh(param.name() + "_dot" + Derived.DOT2);
      args.add(CodeBlock.of("$L", innerLane));
      if (Types.DOUBLE_ARRAY.equals(param.type())) {
        b.addStatement(
            "double[] $L = $L",
            innerLane,
            slots.lanes(CodeBlock.of("$L.length * $L", param.name(), p)));
        if (copyArrays) {
          clears.add(
              CodeBlock.of("$T.fill($L, 0, $L.length * $L, 0.0)", ARRAYS, innerLane, param.name(), width));
        }
      } else {
        b.addStatement("double[] $L = $L", innerLane, slots.lanes(CodeBlock.of("$L", p)));
      }
    }

    /** The start of one pass: its width, the restored copies and the seeds. */
    void beginPass(MethodSpec.Builder b) {
      b.addStatement("int $L = $T.min($L, $L - $L)", width, Math.class, p, n, start);
      restores.forEach(b::addStatement);
      clears.forEach(b::addStatement);
      innerSeeds.forEach(b::addStatement);
      outerSeeds.forEach(b::addStatement);
    }
  }

  /**
   * The Hessian row by row: for row i the inner direction is eᵢ, and the passes over the outer
   * directions fill the gradient's entry i and the Hessian's row i from column i on; the value
   * comes first, the lower triangle is mirrored last.
   */
  private void rowPasses(MethodSpec.Builder b, String gradientOut, String hessianOut, String work) {
    Passes s = new Passes(true, work);
    s.declare(b, null);
    String value = fresh("value");
    s.restores.forEach(b::addStatement);
    if (second.primalCallable()) {
      b.addStatement("double $L = $L", value, primalCall(s.primalArgs));
    } else {
      b.addComment("the value, from the first-order code with zero tangents (the method is private)");
      b.addStatement("double $L = $L($L).value()", value, m.name(), CodeBlock.join(s.valueArgs, ", "));
    }
    b.beginControlFlow("for (int $L = 0; $L < $L; $L++)", s.row, s.row, s.n, s.row);
    // the Hessian is symmetric: row i takes the columns from i on, the rest are mirrored
    b.beginControlFlow(
        "for (int $L = $L; $L < $L; $L += $L)", s.start, s.row, s.start, s.n, s.start, s.p);
    s.beginPass(b);
    b.addStatement(
        "$L[$L] = $L($L)", gradientOut, s.row, second.lanes().name(), CodeBlock.join(s.args, ", "));
    b.addStatement(
        "$T.gather($L, $L, $L, $L, $L[$L])",
        Types.LANES, s.result, s.width, s.start, s.n, hessianOut, s.row);
    b.endControlFlow();
    b.endControlFlow();
    b.addStatement("$T.mirrorUpper($L, $L)", Types.LANES, hessianOut, s.n);
    s.writeBacks.forEach(b::addStatement);
    b.addStatement("return $L", value);
  }

  /** H·v: the one inner direction given, the passes over the outer directions gathering H·v. */
  private void directionPasses(MethodSpec.Builder b, List<String> directions, String work) {
    Passes s = new Passes(false, work);
    s.declare(b, directions);
    String out = fresh("hessianVector");
    b.addStatement("double[] $L = new double[$L]", out, s.n);
    b.beginControlFlow("for (int $L = 0; $L < $L; $L += $L)", s.start, s.start, s.n, s.start, s.p);
    s.beginPass(b);
    b.addStatement("$L($L)", second.lanes().name(), CodeBlock.join(s.args, ", "));
    b.addStatement("$T.gather($L, $L, $L, $L, $L)", Types.LANES, s.result, s.width, s.start, s.n, out);
    b.endControlFlow();
    if (!s.writeBacks.isEmpty()) {
      b.beginControlFlow("if ($L > 0)", s.n);
      s.writeBacks.forEach(b::addStatement);
      b.endControlFlow();
    }
    b.addStatement("return $L", out);
  }

  /** {@code Owner.f(args)} or {@code self.f(args)}. */
  private CodeBlock primalCall(List<CodeBlock> args) {
    return m.isStatic()
        ? CodeBlock.of("$T.$L($L)", m.owner(), m.name(), CodeBlock.join(args, ", "))
        : CodeBlock.of("$L.$L($L)", e.selfName(), m.name(), CodeBlock.join(args, ", "));
  }

  /** A zero tangent for {@code param} in the first-order core's arguments. */
  private static CodeBlock zeroTangent(MethodModel.Param param) {
    return Types.DOUBLE.equals(param.type())
        ? CodeBlock.of("0.0")
        : CodeBlock.of("new double[$L.length]", param.name());
  }

  // ---------------------------------------------------------------- fSecondDerivative

  /** {@code fSecondDerivative(x)}: f''(x), from the tangent code of {@code fTangent} with ẋ = 1. */
  MethodSpec secondDerivative() {
    MethodSpec.Builder b =
        method(Derived.SECOND_DERIVATIVE.of(m.name()))
            .returns(TypeName.DOUBLE)
            .addJavadoc(
                "The second derivative of {@code $L} with respect to {@code $L}.\n",
                m.name(),
                m.activeParams().get(0).name());
    primalParameters(b);
    List<CodeBlock> args = new ArrayList<>();
    if (!m.isStatic()) {
      args.add(CodeBlock.of("$L", e.selfName()));
    }
    for (MethodModel.Param p : m.params()) {
      args.add(CodeBlock.of("$L", p.name()));
      if (p.active()) {
        // x's outer tangent 1, the inner direction x_dot = 1, its outer tangent 0
        args.add(CodeBlock.of("1.0"));
        args.add(CodeBlock.of("1.0"));
        args.add(CodeBlock.of("0.0"));
      }
    }
    b.addStatement("return $L($L).tangent()", second.core().name(), CodeBlock.join(args, ", "));
    return b.build();
  }
}
