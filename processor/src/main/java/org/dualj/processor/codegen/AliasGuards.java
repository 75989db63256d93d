package org.dualj.processor.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.dualj.processor.model.Derived;
import org.dualj.processor.model.MethodModel;

/**
 * Refuses one array passed for two array parameters of a method that writes into one of them.
 *
 * <p>The primal sees the write through both parameters. The generated methods do not: the
 * gradient, Jacobian and Hessian entry points copy each array parameter for their passes, the
 * {@code Dual[]} and {@code DualVector[]} forms unpack each argument into arrays of their own. Their
 * values, derivatives and the arrays they leave would all differ from the primal's,
 * silently. So every public entry point of such a method that takes the arrays alone starts by
 * checking them: the same array twice is an {@code IllegalArgumentException}. The cores, which
 * take tangent arrays with the values and which generated callers call, are not checked. The check
 * costs one comparison per pair; a method that writes no array parameter gets none.
 */
final class AliasGuards {
  private AliasGuards() {}

  /** {@code method} with the checks of {@code source}'s written array parameters first. */
  static MethodSpec guard(MethodSpec method, MethodModel source, Plan plan) {
    if (plan.writtenParameters().isEmpty() || !method.modifiers().contains(Modifier.PUBLIC)) {
      return method;
    }
    if (method.parameters().stream().anyMatch(p -> p.type().equals(ReverseEntryPoints.TAPE))) {
      // an adjoint core: its adjoint arrays alias where its arrays do (callers pass each array's
      // own adjoints), so one array for two parameters is differentiated right
      return method;
    }
    Map<String, ParameterSpec> byName = new HashMap<>();
    method.parameters().forEach(p -> byName.put(p.name(), p));
    List<String> arrays = new ArrayList<>();
    for (MethodModel.Param p : source.params()) {
      ParameterSpec spec = byName.get(p.name());
      if (spec != null && spec.type() instanceof ArrayTypeName) {
        arrays.add(p.name());
      }
    }
    CodeBlock.Builder checks = CodeBlock.builder();
    for (int i = 0; i < arrays.size(); i++) {
      for (int j = i + 1; j < arrays.size(); j++) {
        String a = arrays.get(i);
        String b = arrays.get(j);
        if (!written(source, plan, a) && !written(source, plan, b)
            || !byName.get(a).type().equals(byName.get(b).type())) {
          continue; // nothing written, or arrays of two types (a Dual[] and data), never one
        }
        if (byName.containsKey(a + Derived.DOT) || byName.containsKey(b + Derived.DOT)) {
          // a core (or a Jvp) takes the tangents with the values: generated callers pass one
          // array with tangent arrays of their own making, which need not be one
          continue;
        }
        checks.beginControlFlow("if ($L == $L)", a, b);
        checks.addStatement(
            "throw new $T($S)",
            IllegalArgumentException.class,
            source.name() + " writes into " + (written(source, plan, a) ? a : b)
                + ", and " + a + " and " + b + " are the same array here: its derivatives would"
                + " not see the write through the other parameter. Pass a copy (.clone()) for one"
                + " of them.");
        checks.endControlFlow();
      }
    }
    CodeBlock code = checks.build();
    if (code.isEmpty()) {
      return method;
    }
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(method.name())
            .addJavadoc(method.javadoc())
            .addAnnotations(method.annotations())
            .addModifiers(method.modifiers())
            .addTypeVariables(method.typeVariables())
            .returns(method.returnType())
            .addParameters(method.parameters())
            .varargs(method.varargs())
            .addExceptions(method.exceptions());
    b.addComment("one array for two parameters would not see the writes the method makes");
    b.addCode(code);
    b.addCode(method.code());
    return b.build();
  }

  private static boolean written(MethodModel source, Plan plan, String name) {
    for (int i = 0; i < source.params().size(); i++) {
      if (source.params().get(i).name().equals(name)) {
        return plan.writtenParameters().contains(i);
      }
    }
    return false;
  }
}
