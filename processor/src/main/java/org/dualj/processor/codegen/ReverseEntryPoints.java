package org.dualj.processor.codegen;

import com.palantir.javapoet.ClassName;
import org.dualj.processor.model.Derived;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.dualj.processor.model.Expr;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Stmt;
import org.dualj.processor.model.Stmts;
import org.dualj.processor.model.Types;

/**
 * The reverse-mode methods of a {@code double}-valued method: its adjoint core
 * ({@code fAdjoint}, which callers' adjoints call too) and {@code fGradientReverse} in the three
 * forms of {@code fGradient}, with the same columns.
 */
final class ReverseEntryPoints extends EntryPointWriter {
  static final ClassName TAPE = ClassName.get("org.dualj.runtime", "Tape");
  static final ClassName ADJOINTS = ClassName.get("org.dualj.runtime", "Adjoints");

  ReverseEntryPoints(DerivativesGenerator.Entry e) {
    super(e);
  }

  /** {@code fGradientReverse} in its three forms. */
  List<MethodSpec> gradients() {
    return List.of(gradient(), gradientInto(false, true), gradientInto(true, true));
  }

  /**
   * {@code fGradientReverse(<parameters>, gradientOut, work)} alone and not public: what
   * {@code fGradient} calls for many columns when the reverse-mode methods are not chosen.
   */
  MethodSpec gradientForGradient() {
    return gradientInto(true, false);
  }

  /**
   * True when the forward sweep of adjoint code {@code adjoint} pushes onto the tape inside a loop:
   * its tape traffic grows with the trips, and {@code fGradient} takes reverse mode from {@code
   * Tape.REVERSE_FROM} columns on rather than {@code Tape.REVERSE_FROM_UNRECORDED_LOOPS}.
   */
  static boolean recordsInLoops(MethodCode adjoint) {
    for (Stmt s : adjoint.body()) {
      for (Stmt x : Stmts.all(s)) {
        boolean loop = x instanceof Stmt.For || x instanceof Stmt.While
            || x instanceof Stmt.DoWhile || x instanceof Stmt.ForEach;
        if (loop && Stmts.all(x).stream().anyMatch(ReverseEntryPoints::pushes)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean pushes(Stmt s) {
    return s instanceof Stmt.Eval e && e.expr() instanceof Expr.PlainCall p
        && p.name().startsWith("push");
  }

  /** The name of the vector–Jacobian product of {@code name}. */
  static String vjpName(String name) {
    return Derived.VJP.of(name);
  }

  /**
   * The adjoint arrays of the differentiated array parameters, declared in {@code b}, and the
   * adjoint core's arguments with {@code seed}: {@code args} receives them.
   */
  private List<String> adjointArguments(MethodSpec.Builder b, List<CodeBlock> args, String seed, String tape) {
    List<String> bars = new ArrayList<>();
    if (!m.isStatic()) {
      args.add(CodeBlock.of("$L", e.selfName()));
    }
    for (MethodModel.Param p : m.params()) {
      args.add(CodeBlock.of("$L", p.name()));
      if (p.active() && Types.DOUBLE_ARRAY.equals(p.type())) {
        String bar = fresh(p.name() + "_bar");
        b.addStatement("double[] $L = new double[$L.length]", bar, p.name());
        args.add(CodeBlock.of("$L", bar));
        bars.add(bar);
      } else if (p.active() && Types.isMatrix(p.type())) {
        String bar = fresh(p.name() + "_bar");
        b.addStatement("double[][] $L = $T.matrixZeros($L, 1)", bar, Types.LANES, p.name());
        args.add(CodeBlock.of("$L", bar));
        bars.add(bar);
      }
    }
    args.add(CodeBlock.of("$L", seed));
    args.add(CodeBlock.of("$L", tape));
    return bars;
  }

  /** Copies the adjoints of the differentiated parameters into the columns of {@code row}. */
  private void gather(MethodSpec.Builder b, String row, String tape, List<String> bars) {
    Column column = new Column();
    int scalar = 0;
    int array = 0;
    for (MethodModel.Param p : m.params()) {
      if (!p.active()) {
        continue;
      }
      if (Types.DOUBLE.equals(p.type())) {
        b.addStatement("$L[$L] = $L.bar($L)", row, column.code(), tape, scalar++);
      } else if (Types.isMatrix(p.type())) {
        b.addStatement("$T.gather($L, $L, $L)", ADJOINTS, bars.get(array++), row, column.code());
      } else {
        b.addStatement(
            "$T.arraycopy($L, 0, $L, $L, $L.length)",
            System.class, bars.get(array++), row, column.code(), p.name());
      }
      column.advance(p);
    }
  }

  /** {@code gVjp(<parameters>, double[] result_bar)}: ȳᵀJ by one reverse sweep. */
  MethodSpec vjp() {
    MethodSpec.Builder b =
        method(vjpName(m.name()))
            .returns(Types.DOUBLE_ARRAY)
            .addJavadoc(
                "The vector–Jacobian product ȳᵀJ of {@code $L}: the gradient of ȳ·$L(…) with"
                    + " respect to $L, by one forward and one reverse sweep.\n",
                m.name(),
                m.name(),
                columnsDoc());
    primalParameters(b);
    String seed = fresh("result_bar");
    b.addParameter(Types.DOUBLE_ARRAY, seed);
    String tape = fresh("tape");
    b.addStatement("$T $L = new $T()", TAPE, tape, TAPE);
    List<CodeBlock> args = new ArrayList<>();
    List<String> bars = adjointArguments(b, args, seed, tape);
    b.addStatement("$L($L)", e.adjoint().name(), CodeBlock.join(args, ", "));
    String out = fresh("vjp");
    b.addStatement("double[] $L = new double[$L]", out, columnCount());
    gather(b, out, tape, bars);
    b.addStatement("return $L", out);
    return b.build();
  }

  /** {@code gJacobianReverse(<parameters>)}: the Jacobian row by row, one reverse sweep per row. */
  MethodSpec jacobianReverse() {
    MethodSpec.Builder b =
        method(Derived.JACOBIAN_REVERSE.of(m.name()))
            .returns(Types.DOUBLE_MATRIX)
            .addJavadoc(
                "The Jacobian of {@code $L} (rows: outputs, columns $L) by reverse mode: one"
                    + " reverse sweep per output, cheaper than {@code $LJacobian} when there are"
                    + " fewer outputs than inputs.\n",
                m.name(),
                columnsDoc(),
                m.name());
    primalParameters(b);
    String tape = fresh("tape");
    b.addStatement("$T $L = new $T()", TAPE, tape, TAPE);
    String seed = fresh("seed");
    b.addStatement("double[] $L = null", seed);
    List<CodeBlock> args = new ArrayList<>();
    List<String> bars = adjointArguments(b, args, seed, tape);
    // the arrays the method writes into, as given: every sweep starts from them, and the last
    // leaves them as the method does
    List<String[]> written = new ArrayList<>();
    for (int w : new java.util.TreeSet<>(e.plan().writtenParameters())) {
      MethodModel.Param p = m.params().get(w);
      if (Types.DOUBLE_ARRAY.equals(p.type())) {
        String given = fresh(p.name() + "_given");
        b.addStatement("double[] $L = $L == null ? null : $L.clone()", given, p.name(), p.name());
        written.add(new String[] {given, p.name()});
      }
    }
    String value = fresh("value");
    b.addStatement("double[] $L = $L($L)", value, e.adjoint().name(), CodeBlock.join(args, ", "));
    String jac = fresh("jacobian");
    b.addStatement("double[][] $L = new double[$L.length][$L]", jac, value, columnCount());
    b.addStatement("$L = new double[$L.length]", seed, value);
    String i = fresh("i");
    b.beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", i, i, value, i);
    int k = 0;
    for (MethodModel.Param p : m.activeParams()) {
      if (Types.isMatrix(p.type())) {
        b.addStatement("$T.clear($L)", ADJOINTS, bars.get(k++));
      } else if (Types.DOUBLE_ARRAY.equals(p.type())) {
        b.addStatement("$T.fill($L, 0.0)", java.util.Arrays.class, bars.get(k++));
      }
    }
    b.addStatement("$L[$L] = 1.0", seed, i);
    for (String[] w : written) {
      b.beginControlFlow("if ($L != null)", w[0]);
      b.addStatement("$T.arraycopy($L, 0, $L, 0, $L.length)", System.class, w[0], w[1], w[0]);
      b.endControlFlow();
    }
    b.addStatement("$L($L)", e.adjoint().name(), CodeBlock.join(args, ", "));
    b.addStatement("$L[$L] = 0.0", seed, i);
    gather(b, jac + "[" + i + "]", tape, bars);
    b.endControlFlow();
    b.addStatement("return $L", jac);
    return b.build();
  }

  /** The name of the reverse-mode gradient of {@code name}. */
  static String gradientName(String name) {
    return Derived.GRADIENT_REVERSE.of(name);
  }

  /** The adjoint of the tangent code with respect to the inputs and their tangents. */
  MethodSpec hessianVectorAdjoint() {
    return Cores.printed(e.hessianVectorAdjoint(), e.plan(),
        CodeBlock.of("Adjoint code of the tangent code {@code $LTangent} with respect to the"
            + " inputs and their tangents: with the tangents as the direction v, the inputs'"
            + " adjoints are H·v (reverse over forward).\n", m.name()));
  }

  /** The adjoint of the tangent code with respect to the inputs alone, the direction fixed. */
  MethodSpec hessianVectorAlong() {
    return Cores.printed(e.hessianVectorAlong(), e.plan(),
        CodeBlock.of("Adjoint code of the tangent code {@code $LTangent} with respect to the"
            + " inputs alone, the tangents fixed as the direction v: the inputs' adjoints are H·v"
            + " (reverse over forward); {@code $LTangentAdjoint} also gives the direction's.\n",
            m.name(), m.name()));
  }

  /** {@code fHessianVectorReverse} in three forms: a new array, with a workspace, into an array. */
  List<MethodSpec> hessianVectors() {
    return List.of(hessianVectorMethod(false), hessianVectorMethod(true), hessianVectorInto());
  }

  /**
   * {@code fHessianVectorReverse(<parameters>, <direction per differentiated parameter>[, work])}:
   * H·v in a new array, by the form that writes into one.
   */
  private MethodSpec hessianVectorMethod(boolean withWorkspace) {
    MethodSpec.Builder b =
        method(Derived.HESSIAN_VECTOR_REVERSE.of(m.name()))
            .returns(Types.DOUBLE_ARRAY)
            .addJavadoc(
                "H·v of {@code $L} (columns $L) by reverse over forward: one forward and one reverse"
                    + " sweep of the tangent code, whatever the number of columns$L.\n",
                m.name(),
                columnsDoc(),
                withWorkspace ? "; the tape comes from the workspace (null: allocated here)" : "");
    primalParameters(b);
    List<CodeBlock> args = new ArrayList<>();
    args.add(ownArguments());
    directionParameters(b).forEach(d -> args.add(CodeBlock.of("$L", d)));
    String work = fresh("work");
    if (withWorkspace) {
      b.addParameter(Types.WORKSPACE, work);
    }
    String out = fresh("hv");
    b.addStatement("double[] $L = new double[$L]", out, columnCount());
    args.add(CodeBlock.of("$L", out));
    args.add(CodeBlock.of("$L", withWorkspace ? work : "null"));
    b.addStatement("$L($L)", Derived.HESSIAN_VECTOR_REVERSE.of(m.name()), CodeBlock.join(args, ", "));
    b.addStatement("return $L", out);
    return b.build();
  }

  /** Declares the direction, a parameter per differentiated parameter; returns their names. */
  private List<String> directionParameters(MethodSpec.Builder b) {
    List<String> directions = new ArrayList<>();
    for (MethodModel.Param p : m.activeParams()) {
      String d = fresh(p.name() + "_dot");
      b.addParameter(p.type(), d);
      directions.add(d);
    }
    return directions;
  }

  /**
   * {@code fHessianVectorReverse(<parameters>, <directions>, hessianVectorOut, work)}: H·v as the
   * gradient of ∇f·v, one forward and one reverse sweep of the tangent code, written into the
   * caller's array; returns ∇f·v. Over a reused workspace it allocates nothing.
   */
  private MethodSpec hessianVectorInto() {
    MethodSpec.Builder b = method(Derived.HESSIAN_VECTOR_REVERSE.of(m.name()));
    String out = fresh("hessianVectorOut");
    String work = fresh("work");
    b.returns(TypeName.DOUBLE)
            .addJavadoc(
                "Writes H·v of {@code $L} (columns $L) into {@code $L} and returns the directional"
                    + " derivative ∇$L·v, by reverse over forward: one forward and one reverse sweep"
                    + " of the tangent code, whatever the number of columns; the tape and working"
                    + " arrays come from {@code $L} (null: allocated here), so repeated calls with"
                    + " one workspace allocate nothing.\n",
                m.name(), columnsDoc(), out, m.name(), work);
    primalParameters(b);
    List<String> directions = directionParameters(b);
    b.addParameter(Types.DOUBLE_ARRAY, out);
    b.addParameter(Types.WORKSPACE, work);
    String tape = fresh("tape");
    b.addStatement("$T $L = $T.of($L)", TAPE, tape, TAPE, work);
    List<CodeBlock> args = new ArrayList<>();
    if (!m.isStatic()) {
      args.add(CodeBlock.of("$L", e.selfName()));
    }
    // the tangent code differentiated with respect to the inputs, the direction fixed; or (where
    // that has no core) with respect to the inputs and their tangents, H·v the inputs' part
    boolean along = e.hessianVectorAlong() != null;
    List<CodeBlock> gather = new ArrayList<>();
    CodeBlock copyBack = null;
    CodeBlock copyCond = null;
    Column column = new Column();
    int slot = 0;
    int scalar = 0;
    int j = 0;
    for (MethodModel.Param p : m.params()) {
      args.add(CodeBlock.of("$L", p.name()));
      if (!p.active()) {
        continue;
      }
      String direction = directions.get(j++);
      if (Types.DOUBLE_ARRAY.equals(p.type())) {
        String bar = fresh(p.name() + "_bar");
        if (writesStraightInto()) {
          straightInto(b, bar, p, out, work, slot++, directions);
          copyBack = CodeBlock.of("$T.arraycopy($L, 0, $L, 0, $L.length)", System.class, bar, out, p.name());
          copyCond = CodeBlock.of("$L != $L", bar, out);
        } else {
          b.addStatement("double[] $L = $T.arrayOf($L, $L, $L.length)",
              bar, Types.WORKSPACE, work, slot++, p.name());
          gather.add(CodeBlock.of("$T.arraycopy($L, 0, $L, $L, $L.length)",
              System.class, bar, out, column.code(), p.name()));
        }
        args.add(CodeBlock.of("$L", bar));
        args.add(CodeBlock.of("$L", direction));
        if (!along) {
          args.add(CodeBlock.of("$L.sink($L.length)", tape, direction));
        }
      } else {
        args.add(CodeBlock.of("$L", direction));
        gather.add(CodeBlock.of("$L[$L] = $L.bar($L)", out, column.code(), tape, scalar));
        scalar += along ? 1 : 2; // (the input's adjoint, then its tangent's)
      }
      column.advance(p);
    }
    args.add(CodeBlock.of("1.0"));
    args.add(CodeBlock.of("$L", tape));
    String value = fresh("directional");
    MethodCode core = along ? e.hessianVectorAlong() : e.hessianVectorAdjoint();
    b.addStatement("double $L = $L($L)", value, core.name(), CodeBlock.join(args, ", "));
    gather.forEach(b::addStatement);
    if (copyBack != null) {
      b.beginControlFlow("if ($L)", copyCond);
      b.addStatement(copyBack);
      b.endControlFlow();
    }
    b.addStatement("return $L", value);
    return b.build();
  }

  MethodSpec adjointCore() {
    return Cores.printed(
        e.adjoint(),
        e.plan(),
        CodeBlock.of(
            TypeName.VOID.equals(m.returnType())
                ? "Adjoint code of {@code $L} ($L, line $L): writes the arrays as the method does"
                    + " and turns the adjoints given in the array after each differentiated"
                    + " {@code double[]} parameter, those of the arrays as the method leaves them,"
                    + " into those of the arrays as it was given them; the adjoint of the j-th"
                    + " differentiated {@code double} parameter is set in {@code tape.bar(j)}."
                    + " The forward sweep records on {@code tape} what the reverse sweep pops"
                    + " again.\n"
                : "Adjoint code of {@code $L} ($L, line $L): returns its value and propagates"
                    + " {@code result_bar}, the adjoint of the result, back to the differentiated"
                    + " parameters: added into the array after each differentiated {@code double[]}"
                    + " parameter, set in {@code tape.bar(j)} for the j-th differentiated"
                    + " {@code double} parameter. The forward sweep records on {@code tape} what"
                    + " the reverse sweep pops again.\n",
            Cores.signature(m),
            Cores.fileName(m.sourceFile()),
            m.line()));
  }

  private MethodSpec gradient() {
    MethodSpec.Builder b =
        method(gradientName(m.name()))
            .returns(Types.DOUBLE_ARRAY)
            .addJavadoc(
                "The gradient of {@code $L} with respect to $L, by reverse mode: one forward and"
                    + " one reverse sweep, whatever the number of columns.\n",
                m.name(),
                columnsDoc());
    primalParameters(b);
    String out = fresh("gradient");
    b.addStatement("double[] $L = new double[$L]", out, columnCount());
    b.addStatement("$L($L$L, null)", gradientName(m.name()), callArgs(), out);
    b.addStatement("return $L", out);
    return b.build();
  }

  private MethodSpec gradientInto(boolean withWorkspace, boolean isPublic) {
    String out = fresh("gradientOut");
    String work = withWorkspace ? fresh("work") : null;
    MethodSpec.Builder b =
        method(gradientName(m.name()), isPublic)
            .returns(TypeName.DOUBLE)
            .addJavadoc(
                "Returns the value of {@code $L} and writes its gradient with respect to $L into"
                    + " {@code $L}, by reverse mode$L.\n",
                m.name(),
                columnsDoc(),
                out,
                withWorkspace
                    ? "; its tape and adjoint arrays come from {@code " + work + "} (null:"
                        + " allocated here), so repeated calls with one workspace allocate nothing"
                    : "");
    primalParameters(b);
    b.addParameter(Types.DOUBLE_ARRAY, out);
    if (!withWorkspace) {
      b.addStatement("return $L($L$L, null)", gradientName(m.name()), callArgs(), out);
      return b.build();
    }
    b.addParameter(Types.WORKSPACE, work);
    String tape = fresh("tape");
    b.addStatement("$T $L = $T.of($L)", TAPE, tape, TAPE, work);
    List<CodeBlock> args = new ArrayList<>();
    if (!m.isStatic()) {
      args.add(CodeBlock.of("$L", e.selfName()));
    }
    int slot = 0;
    List<CodeBlock> gather = new ArrayList<>();
    CodeBlock copyBack = null;
    CodeBlock copyCond = null;
    Column column = new Column();
    int scalar = 0;
    for (MethodModel.Param p : m.params()) {
      args.add(CodeBlock.of("$L", p.name()));
      if (!p.active()) {
        continue;
      }
      if (Types.DOUBLE.equals(p.type())) {
        gather.add(CodeBlock.of("$L[$L] = $L.bar($L)", out, column.code(), tape, scalar++));
      } else if (Types.isMatrix(p.type())) {
        // (a matrix's adjoints are allocated per call, in the shape of its rows)
        String bar = fresh(p.name() + "_bar");
        b.addStatement("double[][] $L = $T.matrixZeros($L, 1)", bar, Types.LANES, p.name());
        args.add(CodeBlock.of("$L", bar));
        gather.add(CodeBlock.of("$T.gather($L, $L, $L)", ADJOINTS, bar, out, column.code()));
      } else if (writesStraightInto()) {
        String bar = fresh(p.name() + "_bar");
        straightInto(b, bar, p, out, work, slot++);
        args.add(CodeBlock.of("$L", bar));
        copyBack = CodeBlock.of("$T.arraycopy($L, 0, $L, 0, $L.length)", System.class, bar, out, p.name());
        copyCond = CodeBlock.of("$L != $L", bar, out);
      } else {
        String bar = fresh(p.name() + "_bar");
        b.addStatement(
            "double[] $L = $T.arrayOf($L, $L, $L.length)", bar, Types.WORKSPACE, work, slot++, p.name());
        args.add(CodeBlock.of("$L", bar));
        gather.add(
            CodeBlock.of(
                "$T.arraycopy($L, 0, $L, $L, $L.length)",
                System.class, bar, out, column.code(), p.name()));
      }
      column.advance(p);
    }
    args.add(CodeBlock.of("1.0"));
    args.add(CodeBlock.of("$L", tape));
    String value = fresh("value");
    b.addStatement(
        "double $L = $L($L)", value, e.adjoint().name(), CodeBlock.join(args, ", "));
    gather.forEach(b::addStatement);
    if (copyBack != null) {
      b.beginControlFlow("if ($L)", copyCond);
      b.addStatement(copyBack);
      b.endControlFlow();
    }
    b.addStatement("return $L", value);
    return b.build();
  }

  /**
   * True when the gradient's only columns are one {@code double[]} parameter of a static method
   * whose other parameters are primitives or arrays of them: its adjoints can be added straight
   * into the caller's array (zeroed first) unless that array is one of the arguments, which saves
   * a working array's zeroing and the copy.
   */
  private boolean writesStraightInto() {
    if (!m.isStatic() || m.activeParams().size() != 1
        || !Types.DOUBLE_ARRAY.equals(m.activeParams().get(0).type())) {
      return false;
    }
    for (MethodModel.Param p : m.params()) {
      boolean primitiveArray = p.type() instanceof com.palantir.javapoet.ArrayTypeName a
          && a.componentType().isPrimitive();
      if (!p.type().isPrimitive() && !primitiveArray) {
        return false;
      }
    }
    return true;
  }

  /** The adjoint array {@code bar} of {@code p}: {@code out} itself when no argument is it. */
  private void straightInto(MethodSpec.Builder b, String bar, MethodModel.Param p, String out, String work, int slot) {
    straightInto(b, bar, p, out, work, slot, List.of());
  }

  /** The same, {@code out} also distinct from the arrays {@code others} (directions). */
  private void straightInto(MethodSpec.Builder b, String bar, MethodModel.Param p, String out, String work, int slot,
      List<String> others) {
    List<CodeBlock> distinct = new ArrayList<>();
    for (MethodModel.Param q : m.params()) {
      if (Types.DOUBLE_ARRAY.equals(q.type())) {
        distinct.add(CodeBlock.of("$L != $L", out, q.name()));
      }
    }
    for (String o : others) {
      distinct.add(CodeBlock.of("$L != $L", out, o));
    }
    b.addComment("the adjoints go straight into $L unless it is also an argument", out);
    b.addStatement("double[] $L", bar);
    b.beginControlFlow("if ($L)", CodeBlock.join(distinct, " && "));
    b.addStatement("$L = $L", bar, out);
    b.addStatement("$T.fill($L, 0, $L.length, 0.0)", java.util.Arrays.class, bar, p.name());
    b.nextControlFlow("else");
    b.addStatement("$L = $T.arrayOf($L, $L, $L.length)", bar, Types.WORKSPACE, work, slot, p.name());
    b.endControlFlow();
  }

  private CodeBlock callArgs() {
    CodeBlock own = ownArguments();
    return own.isEmpty() ? own : CodeBlock.of("$L, ", own);
  }


}
