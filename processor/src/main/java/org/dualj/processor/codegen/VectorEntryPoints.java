package org.dualj.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import org.dualj.processor.model.Derived;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.dualj.processor.model.ArrayWrites;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Types;

/**
 * The vector-mode entry points of one method, all calling its lane core: the {@code DualVector}
 * form, {@code …Gradient} or {@code …Jacobian} (allocating and filling), and {@code …Jvp}.
 *
 * <p>Columns of gradients and Jacobians follow the differentiated parameters in declaration
 * order, a {@code double[]} contributing one column per element. The gradient and Jacobian
 * methods seed {@code p} columns per pass ({@code Lanes.chunk}) and reuse the input lanes and the
 * core's workspace across passes.
 */
final class VectorEntryPoints extends EntryPointWriter {
  private final boolean scalarResult;
  /** A {@code double[][]} result: its Jacobian's rows follow its elements row by row. */
  private final boolean matrixResult;

  VectorEntryPoints(DerivativesGenerator.Entry e) {
    super(e);
    this.scalarResult = Types.DOUBLE.equals(m.returnType());
    this.matrixResult = Types.isMatrix(m.returnType());
  }

  /** The Jacobian's rows, for Javadoc. */
  private String rowsDoc() {
    return matrixResult ? "elements [i][j], row by row" : "outputs";
  }

  /** What the lane core returns for an array result: {values, tangents}. */
  private String lanePairType() {
    return matrixResult ? "double[][][]" : "double[][]";
  }

  private String lanesName() {
    return e.lanes().name();
  }

  private String tangentVar(MethodModel.Param p) {
    return fresh(p.name() + "_dot");
  }

  // ---------------------------------------------------------------- DualVector

  /** The {@code DualVector} form's parameters, and its active ones as arguments of {@code width}. */
  private List<CodeBlock> dualVectorParameters(MethodSpec.Builder b) {
    List<CodeBlock> inputs = new ArrayList<>();
    for (MethodModel.Param p : m.params()) {
      if (!p.active()) {
        b.addParameter(p.type(), p.name());
      } else {
        b.addParameter(
            Types.DOUBLE.equals(p.type())
                ? Types.DUAL_VECTOR
                : Types.isMatrix(p.type())
                    ? com.palantir.javapoet.ArrayTypeName.of(Types.DUAL_VECTOR_ARRAY)
                    : Types.DUAL_VECTOR_ARRAY,
            p.name());
        // a DualVector[][] is passed as one Object, not spread as the varargs array
        inputs.add(
            Types.isMatrix(p.type())
                ? CodeBlock.of("(Object) $L", p.name())
                : CodeBlock.of("$L", p.name()));
      }
    }
    return inputs;
  }

  /** {@code static DualVector f(DualVector x1, ...)}: the composable form, one width for all. */
  MethodSpec dualVector() {
    MethodSpec.Builder b =
        method(m.name())
            .returns(
                scalarResult ? Types.DUAL_VECTOR
                    : matrixResult ? com.palantir.javapoet.ArrayTypeName.of(Types.DUAL_VECTOR_ARRAY)
                    : Types.DUAL_VECTOR_ARRAY)
            .addJavadoc(
                "Value of {@code $L} with its derivatives along the p directions carried by the"
                    + " arguments' tangents (all arguments of one width p).\n",
                m.name());
    List<CodeBlock> inputs = dualVectorParameters(b);
    String width = fresh("p");
    b.addStatement("int $L = $T.width($L)", width, Types.LANES, CodeBlock.join(inputs, ", "));
    List<CodeBlock> args = new ArrayList<>();
    if (!m.isStatic()) {
      args.add(CodeBlock.of("$L", e.selfName()));
    }
    CodeBlock.Builder stores = CodeBlock.builder();
    for (int i = 0; i < m.params().size(); i++) {
      MethodModel.Param p = m.params().get(i);
      if (!p.active()) {
        args.add(CodeBlock.of("$L", p.name()));
      } else if (Types.DOUBLE.equals(p.type())) {
        args.add(CodeBlock.of("$L.value()", p.name()));
        args.add(CodeBlock.of("$L.tangents()", p.name()));
      } else if (Types.DOUBLE_ARRAY.equals(p.type()) && e.plan().writtenParameters().contains(i)) {
        // the method writes into it: unpacked into arrays the core writes, then stored back
        String values = fresh(p.name() + "$values");
        String lanes = fresh(p.name() + "$lanes");
        b.addStatement("double[] $L = $T.values($L)", values, ClassNames.DUAL_VECTORS, p.name());
        b.addStatement("double[] $L = $T.tangents($L, $L)", lanes, Types.LANES, p.name(), width);
        args.add(CodeBlock.of("$L", values));
        args.add(CodeBlock.of("$L", lanes));
        stores.addStatement("$T.store($L, $L, $L, $L)", ClassNames.DUAL_VECTORS, p.name(), values, lanes, width);
      } else if (Types.isMatrix(p.type())) {
        // values and lanes of the same shape
        args.add(CodeBlock.of("$T.matrixValues($L)", ClassNames.DUAL_VECTORS, p.name()));
        args.add(CodeBlock.of("$T.matrixTangents($L, $L)", Types.LANES, p.name(), width));
      } else {
        args.add(CodeBlock.of("$T.values($L)", ClassNames.DUAL_VECTORS, p.name()));
        args.add(CodeBlock.of("$T.tangents($L, $L)", Types.LANES, p.name(), width));
      }
    }
    if (scalarResult) {
      String lane = fresh("result_dot");
      b.addStatement("double[] $L = new double[$L]", lane, width);
      args.add(CodeBlock.of("$L", lane));
      args.add(CodeBlock.of("$L", width));
      args.add(CodeBlock.of("null"));
      String value = fresh("value");
      b.addStatement("double $L = $L($L)", value, lanesName(), CodeBlock.join(args, ", "));
      b.addCode(stores.build());
      b.addStatement("return $T.of($L, $L)", Types.DUAL_VECTOR, value, lane);
    } else {
      args.add(CodeBlock.of("$L", width));
      args.add(CodeBlock.of("null"));
      String result = fresh("result");
      b.addStatement(
          "$L $L = $L($L)", lanePairType(), result, lanesName(), CodeBlock.join(args, ", "));
      b.addCode(stores.build());
      b.addStatement(
          "return $T.$L($L[0], $L[1], $L)",
          Types.LANES, matrixResult ? "matrixPack" : "pack", result, result, width);
    }
    return b.build();
  }

  // ---------------------------------------------------------------- gradient and Jacobian

  /** {@code fGradient} (both forms) for a double result, {@code gJacobian} for a double[] one. */
  List<MethodSpec> derivatives() {
    return scalarResult
        ? List.of(gradient(), gradientInto(false), gradientInto(true), gradientForward())
        : List.of(jacobian(), jacobianInto(false), jacobianInto(true));
  }

  /**
   * Whether {@code fGradient} of {@code e} calls {@code fGradientReverse} for many columns: with
   * an adjoint core and a differentiated {@code double[]} (a method of double parameters only has
   * few columns).
   */
  static boolean switchesToReverse(DerivativesGenerator.Entry e) {
    return e.adjoint() != null && Plan.manyColumns(e.source());
  }

  private MethodSpec gradient() {
    MethodSpec.Builder b =
        method(Derived.GRADIENT.of(m.name()))
            .returns(Types.DOUBLE_ARRAY)
            .addJavadoc(
                "The gradient of {@code $L} with respect to $L.\n", m.name(), columnsDoc());
    primalParameters(b);
    String out = fresh("gradient");
    b.addStatement("double[] $L = new double[$L]", out, columnCount());
    b.addStatement("$L($L$L)", Derived.GRADIENT.of(m.name()), callArgs(), out);
    b.addStatement("return $L", out);
    return b.build();
  }

  /**
   * {@code fGradient(params, gradientOut)}, which calls the form that also takes a
   * {@code Workspace} ({@code withWorkspace}): its lanes come from the workspace, so repeated calls
   * with one workspace allocate nothing.
   */
  private MethodSpec gradientInto(boolean withWorkspace) {
    String out = fresh("gradientOut");
    String work = withWorkspace ? fresh("work") : null;
    MethodSpec.Builder b =
        method(Derived.GRADIENT.of(m.name()))
            .returns(TypeName.DOUBLE)
            .addJavadoc(
                "Returns the value of {@code $L} and writes its gradient with respect to $L into"
                    + " {@code $L}, without allocating per operation$L.\n",
                m.name(),
                columnsDoc(),
                out,
                withWorkspace
                    ? "; its lanes come from {@code " + work + "} (null: allocated here), so"
                        + " repeated calls with one workspace allocate nothing"
                    : "");
    primalParameters(b);
    b.addParameter(Types.DOUBLE_ARRAY, out);
    if (withWorkspace) {
      b.addParameter(Types.WORKSPACE, work);
      if (e.adjoint() != null) {
        // a method of double parameters only has few columns: forward lanes
        if (switchesToReverse(e)) {
          boolean records = ReverseEntryPoints.recordsInLoops(e.adjoint());
          b.addComment("many columns: one reverse sweep costs less than the forward passes$L",
              records ? " (its forward sweep records in loops)" : "");
          b.beginControlFlow("if ($L >= $T.$L)", columnCount(), ReverseEntryPoints.TAPE,
              records ? "REVERSE_FROM" : "REVERSE_FROM_UNRECORDED_LOOPS");
          b.addStatement(
              "return $L($L$L, $L)",
              ReverseEntryPoints.gradientName(m.name()), callArgs(), out, work);
          b.endControlFlow();
        }
        b.addStatement("return $L($L$L, $L)", forwardName(), callArgs(), out, work);
      } else {
        passes(b, out, work);
      }
    } else {
      b.addStatement("return $L($L$L, null)", Derived.GRADIENT.of(m.name()), callArgs(), out);
    }
    return b.build();
  }

  private String forwardName() {
    return Derived.GRADIENT_FORWARD.of(m.name());
  }

  /** {@code fGradientForward(params, gradientOut, work)}: the gradient by forward lanes only. */
  private MethodSpec gradientForward() {
    String out = fresh("gradientOut");
    String work = fresh("work");
    MethodSpec.Builder b =
        method(forwardName())
            .returns(TypeName.DOUBLE)
            .addJavadoc(
                "Returns the value of {@code $L} and writes its gradient with respect to $L into"
                    + " {@code $L}, by forward lanes whatever the number of columns ({@code $LGradient}"
                    + " may take reverse mode); its lanes come from {@code $L} (null: allocated"
                    + " here).\n",
                m.name(),
                columnsDoc(),
                out,
                m.name(),
                work);
    primalParameters(b);
    b.addParameter(Types.DOUBLE_ARRAY, out);
    b.addParameter(Types.WORKSPACE, work);
    if (e.adjoint() != null) {
      passes(b, out, work);
    } else {
      // without reverse mode, fGradient is the lane gradient
      b.addStatement("return $L($L$L, $L)", Derived.GRADIENT.of(m.name()), callArgs(), out, work);
    }
    return b.build();
  }

  private MethodSpec jacobian() {
    MethodSpec.Builder b =
        method(Derived.JACOBIAN.of(m.name()))
            .returns(Types.DOUBLE_MATRIX)
            .addJavadoc(
                "The Jacobian of {@code $L}: rows are its $L, columns $L.\n",
                m.name(),
                rowsDoc(),
                columnsDoc());
    primalParameters(b);
    passes(b, null, null);
    return b.build();
  }

  /** {@code gJacobian(params, jacobianOut)} and the form that also takes a {@code Workspace}. */
  private MethodSpec jacobianInto(boolean withWorkspace) {
    String out = fresh("jacobianOut");
    String work = withWorkspace ? fresh("work") : null;
    MethodSpec.Builder b =
        method(Derived.JACOBIAN.of(m.name()))
            .returns(Types.DOUBLE_ARRAY)
            .addJavadoc(
                "Returns the value of {@code $L} and writes its Jacobian (rows: $L, columns"
                    + " $L) into {@code $L}$L.\n",
                m.name(),
                rowsDoc(),
                columnsDoc(),
                out,
                withWorkspace
                    ? "; its input lanes and workspace come from {@code " + work + "} (null:"
                        + " allocated here)"
                    : "");
    primalParameters(b);
    b.addParameter(Types.DOUBLE_MATRIX, out);
    b.returns(m.returnType()); // the value: double[] or double[][]
    if (withWorkspace) {
      b.addParameter(Types.WORKSPACE, work);
      passes(b, out, work);
    } else {
      b.addStatement("return $L($L$L, null)", Derived.JACOBIAN.of(m.name()), callArgs(), out);
    }
    return b.build();
  }

  /**
   * The lanes of the passes and the lane core's arguments, declared parameter by parameter: each
   * pass seeds p columns of the input lanes. A method that may write into its arrays would see the
   * last pass's writes: each pass starts from a copy of the caller's arrays, and the last pass's
   * copy is written back, so the caller sees what one call of the method leaves.
   */
  private final class Lanes {
    final String n = fresh("n");
    final String p = fresh("p");
    final String start = fresh("start");
    final String ws = fresh("ws");
    final Slots slots;
    final List<CodeBlock> seeds = new ArrayList<>();
    final List<CodeBlock> args = new ArrayList<>();
    final List<CodeBlock> restores = new ArrayList<>();
    /** After the passes, the caller's arrays get what one call of the method leaves in them. */
    final List<CodeBlock> writeBacks = new ArrayList<>();

    Lanes(String work) {
      slots = new Slots(work);
    }

    void declare(MethodSpec.Builder b) {
      columnsAndWidth(b, n, p);
      if (!m.isStatic()) {
        args.add(CodeBlock.of("$L", e.selfName()));
      }
      boolean copyArrays = ArrayWrites.possible(m);
      Column column = new Column();
      for (MethodModel.Param param : m.params()) {
        if (copyArrays && Types.DOUBLE_ARRAY.equals(param.type())) {
          String copy = fresh(param.name() + "_copy");
          b.addStatement(
              "double[] $L = $L", copy, slots.exactly(CodeBlock.of("$L.length", param.name())));
          restores.add(CodeBlock.of("$T.restore($L, $L)", Types.LANES, param.name(), copy));
          writeBacks.add(CodeBlock.of("$T.writeBack($L, $L)", Types.LANES, copy, param.name()));
          args.add(CodeBlock.of("$L", copy));
        } else {
          args.add(CodeBlock.of("$L", param.name()));
        }
        if (param.active()) {
          lane(b, param, column.code());
          column.advance(param);
        }
      }
      if (e.lanes().workspace() > 0) {
        b.addStatement("double[][] $L = $L", ws, slots.rows(e.lanes().workspace(), p));
      }
    }

    /** The lanes of one differentiated parameter, and how a pass seeds them. */
    private void lane(MethodSpec.Builder b, MethodModel.Param param, CodeBlock column) {
      String lane = tangentVar(param);
      args.add(CodeBlock.of("$L", lane));
      if (Types.DOUBLE.equals(param.type())) {
        b.addStatement("double[] $L = $L", lane, slots.lanes(CodeBlock.of("$L", p)));
        seeds.add(CodeBlock.of("$T.seed($L, $L, $L, $L)", Types.LANES, lane, p, column, start));
      } else if (Types.isMatrix(param.type())) {
        // row i's lanes, its elements numbered after those of the rows before it
        b.addStatement("double[][] $L = $T.lanes($L, $L)", lane, Types.LANES, param.name(), p);
        seeds.add(
            CodeBlock.of(
                "$T.seed($L, $L, $L, $L, $L)", Types.LANES, lane, param.name(), p, column, start));
      } else {
        b.addStatement(
            "double[] $L = $L", lane, slots.lanes(CodeBlock.of("$L.length * $L", param.name(), p)));
        seeds.add(
            CodeBlock.of(
                "$T.seed($L, $L.length, $L, $L, $L)",
                Types.LANES, lane, param.name(), p, column, start));
      }
    }
  }

  /**
   * The passes: seed p columns of the input lanes, run the lane core, gather the result's lanes.
   * {@code out} is the gradient or Jacobian to fill; null for the Jacobian allocated here.
   * {@code work} names the workspace the lanes come from; null to allocate them here.
   */
  private void passes(MethodSpec.Builder b, String out, String work) {
    Lanes l = new Lanes(work);
    l.declare(b);
    String value = fresh("value");
    String result = null;
    String matrix = out;
    List<CodeBlock> args = new ArrayList<>(l.args);
    if (scalarResult) {
      result = fresh("result_dot");
      b.addStatement("double[] $L = $L", result, l.slots.lanes(CodeBlock.of("$L", l.p)));
      args.add(CodeBlock.of("$L", result));
      b.addStatement("double $L = 0.0", value);
    } else {
      b.addStatement("$T $L = null", m.returnType(), value);
      if (matrix == null) {
        matrix = fresh("jacobian");
        b.addStatement("double[][] $L = null", matrix);
      }
    }
    args.add(CodeBlock.of("$L", l.p));
    args.add(e.lanes().workspace() > 0 ? CodeBlock.of("$L", l.ws) : CodeBlock.of("null"));
    b.addStatement("int $L = 0", l.start);
    b.beginControlFlow("do");
    l.restores.forEach(b::addStatement);
    l.seeds.forEach(b::addStatement);
    if (scalarResult) {
      b.addStatement("$L = $L($L)", value, lanesName(), CodeBlock.join(args, ", "));
      b.addStatement("$T.gather($L, $L, $L, $L, $L)", Types.LANES, result, l.p, l.start, l.n, out);
    } else {
      String r = fresh("result");
      b.addStatement("$L $L = $L($L)", lanePairType(), r, lanesName(), CodeBlock.join(args, ", "));
      b.addStatement("$L = $L[0]", value, r);
      if (out == null) {
        b.beginControlFlow("if ($L == null)", matrix);
        if (matrixResult) {
          // one row per element of the result, row by row
          b.addStatement("$L = new double[$T.count($L)][$L]", matrix, Types.LANES, value, l.n);
        } else {
          b.addStatement("$L = new double[$L.length][$L]", matrix, value, l.n);
        }
        b.endControlFlow();
      }
      if (matrixResult) {
        b.addStatement(
            "$T.matrixGather($L[1], $L, $L, $L, $L, $L)",
            Types.LANES, r, value, l.p, l.start, l.n, matrix);
      } else {
        b.addStatement(
            "$T.gather($L[1], $L.length, $L, $L, $L, $L)",
            Types.LANES, r, value, l.p, l.start, l.n, matrix);
      }
    }
    b.addStatement("$L += $L", l.start, l.p);
    b.endControlFlow("while ($L < $L)", l.start, l.n);
    l.writeBacks.forEach(b::addStatement);
    b.addStatement("return $L", out == null && !scalarResult ? matrix : value);
  }

  /** The arguments of the method itself followed by ", " (receiver first). */
  private CodeBlock callArgs() {
    CodeBlock own = ownArguments();
    return own.isEmpty() ? own : CodeBlock.of("$L, ", own);
  }

  // ---------------------------------------------------------------- Jvp

  /**
   * {@code fJvp(<parameters>, <a direction per differentiated parameter>)}: J·v without forming J.
   * A double result gives a {@code Dual} (value and derivative), from the scalar core; a double[]
   * result gives J·v, from the lane core with one lane.
   */
  MethodSpec jvp() {
    MethodSpec.Builder b =
        method(Derived.JVP.of(m.name()))
            .returns(scalarResult ? Types.DUAL : m.returnType())
            .addJavadoc(
                "The derivative of {@code $L} along one direction, given per differentiated"
                    + " parameter ($L), without forming the Jacobian.\n",
                m.name(),
                columnsDoc());
    primalParameters(b);
    List<String> directions = new ArrayList<>();
    for (MethodModel.Param p : m.activeParams()) {
      String d = tangentVar(p);
      b.addParameter(p.type(), d);
      directions.add(d);
    }
    List<CodeBlock> args = new ArrayList<>();
    if (!m.isStatic()) {
      args.add(CodeBlock.of("$L", e.selfName()));
    }
    int j = 0;
    for (MethodModel.Param p : m.params()) {
      args.add(CodeBlock.of("$L", p.name()));
      if (p.active()) {
        String d = directions.get(j++);
        boolean wrap = !scalarResult && Types.DOUBLE.equals(p.type());
        args.add(wrap ? CodeBlock.of("new double[] {$L}", d) : CodeBlock.of("$L", d));
      }
    }
    if (scalarResult) {
      b.addStatement("return $L($L)", m.name(), CodeBlock.join(args, ", "));
    } else {
      args.add(CodeBlock.of("1"));
      args.add(CodeBlock.of("null"));
      b.addStatement("return $L($L)[1]", lanesName(), CodeBlock.join(args, ", "));
    }
    return b.build();
  }
}
