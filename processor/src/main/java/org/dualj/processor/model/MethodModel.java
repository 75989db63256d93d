package org.dualj.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * One {@code @Differentiable} method, read from source: its signature and its body as model
 * statements.
 *
 * @param owner the class declaring the method
 * @param derivatives the generated class that receives its derivatives
 * @param isStatic false for instance methods (the receiver becomes the first parameter)
 * @param sourceFile file name for comments in generated code
 * @param chunk the requested number of tangent directions per pass, 0 for the default
 */
public record MethodModel(
    ClassName owner,
    ClassName derivatives,
    String name,
    boolean isStatic,
    List<Param> params,
    TypeName returnType,
    Stmt.Block body,
    String sourceFile,
    int line,
    int chunk) {

  /**
   * A formal parameter.
   *
   * @param active true if the method is differentiated with respect to it
   */
  public record Param(String name, TypeName type, boolean active) {}

  /** The parameters differentiated with respect to, in declaration order. */
  public java.util.List<Param> activeParams() {
    return params.stream().filter(Param::active).toList();
  }
}
