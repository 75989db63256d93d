package org.dualj.processor.codegen;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import org.dualj.processor.model.Stmt;

/** Prints model statements as {@link JavaPrinter} does, for tests of other packages. */
public final class ModelPrinter {
  private ModelPrinter() {}

  /** The Java text of {@code body}, types fully qualified. */
  public static String print(List<Stmt> body) {
    CodeBlock.Builder out = CodeBlock.builder();
    JavaPrinter.stmts(body, out);
    return out.build().toString();
  }
}
