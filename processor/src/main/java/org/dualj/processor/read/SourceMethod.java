package org.dualj.processor.read;

import com.palantir.javapoet.TypeName;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import org.dualj.processor.model.Expr;

/**
 * A method to differentiate as the processor's steps see it: its key, its name and its class,
 * without javac's types. Two are equal when they stand for the same method.
 */
public final class SourceMethod {
  private final ExecutableElement element;
  private final String key;

  SourceMethod(ExecutableElement element) {
    this.element = element;
    this.key = keyOf(element);
  }

  ExecutableElement element() {
    return element;
  }

  /** {@code p.Owner#name(double,double[],)}: the method's class, name and parameter types. */
  public String key() {
    return key;
  }

  public String name() {
    return element.getSimpleName().toString();
  }

  public SourceClass type() {
    return new SourceClass((TypeElement) element.getEnclosingElement());
  }

  /** The {@code order} of its {@code @Differentiable}; null for a helper differentiated in place. */
  public Integer annotatedOrder() {
    Options o = Options.of(element);
    return o == null ? null : o.order();
  }

  public boolean isPrivate() {
    return element.getModifiers().contains(Modifier.PRIVATE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceMethod m && m.element.equals(element);
  }

  @Override
  public int hashCode() {
    return element.hashCode();
  }

  @Override
  public String toString() {
    return key;
  }

  static String keyOf(ExecutableElement m) {
    StringBuilder k =
        new StringBuilder(((TypeElement) m.getEnclosingElement()).getQualifiedName())
            .append('#')
            .append(m.getSimpleName())
            .append('(');
    m.getParameters()
        .forEach(
            p ->
                k.append(
                        p.asType().getKind() == TypeKind.ERROR
                            ? p.asType().toString()
                            : TypeName.get(p.asType()).toString())
                    .append(','));
    return k.append(')').toString();
  }

  /** The key of the method a call differentiates, as {@link #key()} gives it. */
  public static String keyOf(Expr.DiffCall c) {
    StringBuilder k = new StringBuilder(c.owner().canonicalName()).append('#').append(c.name()).append('(');
    c.parameterTypes().forEach(p -> k.append(p.toString()).append(','));
    return k.append(')').toString();
  }
}
