package org.dualj.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
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
 * @param thrown the types the method declares in its {@code throws} clause: every generated method
 *     that runs its code declares them too
 * @param typeVariables for an instance method of a generic class, the class's type variables
 *     (outer classes' too for an inner class), which the generated methods declare; empty otherwise
 * @param receiverType the type of the receiver, {@code P<T>} for a generic class {@code P<T>}
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
    int chunk,
    List<TypeName> thrown,
    List<TypeVariableName> typeVariables,
    TypeName receiverType) {
  /** The model's name for the receiver, {@code this}; the transformations rename it. */
  public static final String THIS = "this";

  /**
   * True if {@code name} is the receiver: {@code this}, or, in the tangent code of an instance
   * method that a second application differentiates (a static method of the generated class, so
   * {@code owner} is {@code derivatives}), its first parameter, of the receiver's type.
   */
  public boolean isReceiver(String name) {
    if (name.equals(THIS)) {
      return true;
    }
    return isStatic
        && owner.equals(derivatives)
        && !params.isEmpty()
        && params.get(0).name().equals(name)
        && !params.get(0).active()
        && params.get(0).type().equals(receiverType);
  }


  /**
   * A formal parameter.
   *
   * @param active true if the method is differentiated with respect to it
   */
  public record Param(String name, TypeName type, boolean active) {}

  /** The parameters differentiated with respect to, in declaration order. */
  /**
   * The {@code chunk} of a method whose gradient and Jacobian must take all directions in one pass:
   * it calls methods with effects (printing, counters, random numbers) that must run once.
   */
  public static final int ONE_PASS = Integer.MAX_VALUE;

  /** This method with another {@code chunk}. */
  public MethodModel withChunk(int newChunk) {
    return new MethodModel(
        owner, derivatives, name, isStatic, params, returnType, body, sourceFile, line, newChunk,
        thrown, typeVariables, receiverType);
  }

  public java.util.List<Param> activeParams() {
    return params.stream().filter(Param::active).toList();
  }
}
