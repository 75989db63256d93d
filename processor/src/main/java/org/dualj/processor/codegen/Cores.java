package org.dualj.processor.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.lang.model.element.Modifier;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Types;

/**
 * The methods printed from transformed code (the tangent core, the lane core, the adjoint cores)
 * and the {@code Dual} form that unpacks its arguments for the tangent core.
 */
final class Cores {
  private Cores() {}

  /**
   * False for a method without {@code double} or {@code double[]} parameters: its core already
   * has the entry point's signature (and its tangent is always zero), so the core is all there is.
   */
  static boolean hasTangents(MethodModel m) {
    return m.params().stream().anyMatch(MethodModel.Param::active);
  }

  /** The unboxed core: each active parameter followed by its tangent. */
  static MethodSpec core(DerivativesGenerator.Entry e) {
    MethodModel m = e.source();
    return printed(
        e.core(),
        e.plan(),
        CodeBlock.of(
            "Tangent code of {@code $L} ($L, line $L): each differentiated argument is"
                + " followed by its tangent.\n",
            signature(m),
            fileName(m.sourceFile()),
            m.line()));
  }

  /** The lane core: p tangents per value, the workspace of lanes passed in for reuse. */
  static MethodSpec lanesCore(DerivativesGenerator.Entry e) {
    MethodModel m = e.source();
    return printed(
        e.lanes(),
        e.plan(),
        CodeBlock.of(
            "Vector tangent code of {@code $L}: each differentiated argument is followed by its"
                + " lane of {@code p} tangents ($L).\n",
            signature(m),
            Types.DOUBLE.equals(m.returnType())
                ? "the result's lane is written to {@code result_dot}"
                : com.palantir.javapoet.TypeName.VOID.equals(m.returnType())
                    ? "the tangents of what it writes go into the lanes of the arrays written"
                : Types.isMatrix(m.returnType())
                    ? "returns {@code {values, tangents}}, element [i][j]'s lane at"
                        + " {@code tangents[i][j * p, j * p + p)}"
                    : "returns {@code {values, tangents}}, element i's lane at {@code [i * p, i * p + p)}"));
  }

  /** A generated method printed from its model statements, with its Javadoc. */
  static MethodSpec printed(MethodCode c, Plan plan, CodeBlock doc) {
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(c.name())
            .addModifiers(plan.coreModifiers())
            .returns(c.returnType())
            .addJavadoc(doc);
    for (MethodModel.Param p : c.params()) {
      b.addParameter(p.type(), p.name());
    }
    CodeBlock.Builder body = CodeBlock.builder();
    JavaPrinter.stmts(c.body(), body);
    b.addCode(body.build());
    return b.build();
  }

  /** {@code public static Dual f(Dual x1, Dual x2)}: unpacks and calls the core. */
  static MethodSpec dualEntry(DerivativesGenerator.Entry e) {
    MethodModel m = e.source();
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(m.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(e.core().returnType())
            .addJavadoc(
                "Value and tangent of {@code $L} along the direction given by the arguments'"
                    + " tangents.\n",
                signature(m));
    List<CodeBlock> args = new ArrayList<>();
    if (!m.isStatic()) {
      b.addParameter(ParameterSpec.builder(m.receiverType(), e.selfName()).build());
      args.add(CodeBlock.of("$L", e.selfName()));
    }
    CodeBlock.Builder stores = CodeBlock.builder();
    for (int i = 0; i < m.params().size(); i++) {
      MethodModel.Param p = m.params().get(i);
      if (!p.active()) {
        b.addParameter(p.type(), p.name());
        args.add(CodeBlock.of("$L", p.name()));
      } else if (Types.DOUBLE.equals(p.type())) {
        b.addParameter(Types.DUAL, p.name());
        args.add(CodeBlock.of("$L.value()", p.name()));
        args.add(CodeBlock.of("$L.tangent()", p.name()));
      } else if (Types.DOUBLE_ARRAY.equals(p.type()) && e.plan().writtenParameters().contains(i)) {
        // the method writes into it: unpacked into arrays the core writes, then stored back
        b.addParameter(Types.DUAL_ARRAY, p.name());
        String values = p.name() + "$values";
        String tangents = p.name() + "$tangents";
        b.addStatement("double[] $L = $T.values($L)", values, Types.DUALS, p.name());
        b.addStatement("double[] $L = $T.tangents($L)", tangents, Types.DUALS, p.name());
        args.add(CodeBlock.of("$L", values));
        args.add(CodeBlock.of("$L", tangents));
        stores.addStatement("$T.store($L, $L, $L)", Types.DUALS, p.name(), values, tangents);
      } else if (Types.DOUBLE_ARRAY.equals(p.type())) {
        b.addParameter(Types.DUAL_ARRAY, p.name());
        args.add(CodeBlock.of("$T.values($L)", Types.DUALS, p.name()));
        args.add(CodeBlock.of("$T.tangents($L)", Types.DUALS, p.name()));
      } else if (Types.isMatrix(p.type())) {
        b.addParameter(ArrayTypeName.of(Types.DUAL_ARRAY), p.name());
        args.add(CodeBlock.of("$T.matrixValues($L)", Types.DUALS, p.name()));
        args.add(CodeBlock.of("$T.matrixTangents($L)", Types.DUALS, p.name()));
      } else {
        b.addParameter(p.type(), p.name());
        args.add(CodeBlock.of("$L", p.name()));
      }
    }
    addCallThenStores(b, e.core().returnType(), CodeBlock.of("$L($L)", m.name(), CodeBlock.join(args, ", ")), stores.build());
    return b.build();
  }

  /**
   * {@code return call;}, or, with statements that store written arrays back, the call into a
   * local, the stores, and the local returned.
   */
  static void addCallThenStores(MethodSpec.Builder b, TypeName returns, CodeBlock call, CodeBlock stores) {
    if (stores.isEmpty()) {
      b.addStatement(TypeName.VOID.equals(returns) ? "$L" : "return $L", call);
      return;
    }
    if (TypeName.VOID.equals(returns)) {
      b.addStatement("$L", call);
      b.addCode(stores);
      return;
    }
    b.addStatement("$T result$$ = $L", returns, call);
    b.addCode(stores);
    b.addStatement("return result$$");
  }

  /** {@code Owner.f(double, double[])}, for Javadoc. */
  static String signature(MethodModel m) {
    StringJoiner j = new StringJoiner(", ", m.owner().simpleName() + "." + m.name() + "(", ")");
    for (MethodModel.Param p : m.params()) {
      j.add(p.type().toString().replace("java.lang.", ""));
    }
    return j.toString();
  }

  static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
