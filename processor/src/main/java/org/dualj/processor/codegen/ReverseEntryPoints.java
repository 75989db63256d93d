package org.dualj.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.dualj.processor.model.MethodCode;
import org.dualj.processor.model.MethodModel;
import org.dualj.processor.model.Types;

/**
 * The reverse-mode methods of a {@code double}-valued method: its adjoint core
 * ({@code fAdjoint}, which callers' adjoints call too) and {@code fGradientReverse} in the three
 * forms of {@code fGradient}, with the same columns.
 */
final class ReverseEntryPoints extends EntryPointWriter {
  static final ClassName TAPE = ClassName.get("org.dualj.runtime", "Tape");

  ReverseEntryPoints(DerivativesGenerator.Entry e) {
    super(e);
  }

  List<MethodSpec> methods() {
    return List.of(adjointCore(), gradient(), gradientInto(false), gradientInto(true));
  }

  /** The name of the reverse-mode gradient of {@code name}. */
  static String gradientName(String name) {
    return name + "GradientReverse";
  }

  private MethodSpec adjointCore() {
    MethodCode c = e.adjoint();
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(c.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(c.returnType())
            .addJavadoc(
                "Adjoint code of {@code $L} ($L, line $L): returns its value and adds"
                    + " {@code result_bar} times its gradient into the adjoints of the"
                    + " differentiated parameters: into the array after each differentiated"
                    + " {@code double[]} parameter, and into {@code tape.bar(j)} for the j-th"
                    + " differentiated {@code double} parameter (set, not added). The forward"
                    + " sweep records on {@code tape} what the reverse sweep pops again.\n",
                DerivativesGenerator.signature(m),
                DerivativesGenerator.fileName(m.sourceFile()),
                m.line());
    for (MethodModel.Param p : c.params()) {
      b.addParameter(p.type(), p.name());
    }
    CodeBlock.Builder body = CodeBlock.builder();
    JavaPrinter.stmts(c.body(), body);
    b.addCode(body.build());
    return b.build();
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

  private MethodSpec gradientInto(boolean withWorkspace) {
    String out = fresh("gradientOut");
    String work = withWorkspace ? fresh("work") : null;
    MethodSpec.Builder b =
        method(gradientName(m.name()))
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
    Column column = new Column();
    int scalar = 0;
    for (MethodModel.Param p : m.params()) {
      args.add(CodeBlock.of("$L", p.name()));
      if (!p.active()) {
        continue;
      }
      if (Types.DOUBLE.equals(p.type())) {
        gather.add(CodeBlock.of("$L[$L] = $L.bar($L)", out, column.code(), tape, scalar++));
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
    b.addStatement("return $L", value);
    return b.build();
  }

  private CodeBlock callArgs() {
    CodeBlock own = ownArguments();
    return own.isEmpty() ? own : CodeBlock.of("$L, ", own);
  }

  /** The parameter types of these methods, for clash checks. */
  static List<String> signatures(DerivativesGenerator.Entry e) {
    MethodModel m = e.source();
    List<String> primal = new ArrayList<>();
    List<String> adjoint = new ArrayList<>();
    if (!m.isStatic()) {
      primal.add(m.owner().toString());
      adjoint.add(m.owner().toString());
    }
    for (MethodModel.Param p : m.params()) {
      String t = DerivativesGenerator.erasure(p.type().toString());
      primal.add(t);
      adjoint.add(t);
      if (p.active() && Types.DOUBLE_ARRAY.equals(p.type())) {
        adjoint.add(Types.DOUBLE_ARRAY.toString());
      }
    }
    adjoint.add("double");
    adjoint.add(TAPE.toString());
    List<String> out = new ArrayList<>();
    out.add(DerivativesGenerator.sig(m.name() + "Adjoint", adjoint));
    String g = gradientName(m.name());
    out.add(DerivativesGenerator.sig(g, primal));
    List<String> into = new ArrayList<>(primal);
    into.add(Types.DOUBLE_ARRAY.toString());
    out.add(DerivativesGenerator.sig(g, into));
    List<String> work = new ArrayList<>(into);
    work.add(Types.WORKSPACE.toString());
    out.add(DerivativesGenerator.sig(g, work));
    out.add(DerivativesGenerator.sig(m.name() + "GradientForward", work));
    return out;
  }
}
