package org.dualj.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.dualj.processor.model.MethodCopy;

/** Writes the copies of private helpers whose results need no derivative into a generated class. */
final class MethodCopies {
  private MethodCopies() {}

  /** Each copied helper as a private static method: its parameters, throws clause and body. */
  static void add(TypeSpec.Builder type, List<MethodCopy> methodCopies) {
    for (MethodCopy c : methodCopies) {
      MethodSpec.Builder m =
          MethodSpec.methodBuilder(c.name())
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
              .addJavadoc("A copy of the private {@code $L}, called as the source calls it.\n", c.source())
              .returns(c.returnType())
              .varargs(c.varArgs());
      c.params().forEach(p -> m.addParameter(p.type(), p.name()));
      c.thrown().forEach(m::addException);
      CodeBlock.Builder body = CodeBlock.builder();
      JavaPrinter.stmts(c.body().body(), body);
      type.addMethod(m.addCode(body.build()).build());
    }
  }
}
