package org.dualj.processor.model;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/** The few types the transformation cares about. */
public final class Types {
  public static final TypeName DOUBLE = TypeName.DOUBLE;
  public static final TypeName INT = TypeName.INT;
  public static final TypeName BOOLEAN = TypeName.BOOLEAN;
  public static final ArrayTypeName DOUBLE_ARRAY = ArrayTypeName.of(TypeName.DOUBLE);
  public static final ArrayTypeName INT_ARRAY = ArrayTypeName.of(TypeName.INT);
  public static final ClassName DUAL = ClassName.get("org.dualj.runtime", "Dual");
  public static final ArrayTypeName DUAL_ARRAY = ArrayTypeName.of(DUAL);
  public static final ClassName DUALS = ClassName.get("org.dualj.runtime", "Duals");
  public static final ClassName MATH = ClassName.get("java.lang", "Math");
  public static final ArrayTypeName DOUBLE_MATRIX = ArrayTypeName.of(DOUBLE_ARRAY);
  /** {@code double[][][]}: the {values, tangents} pair a matrix-valued method's lane core returns. */
  public static final ArrayTypeName DOUBLE_MATRIX_PAIR = ArrayTypeName.of(DOUBLE_MATRIX);
  public static final ArrayTypeName DUAL_MATRIX = ArrayTypeName.of(ArrayTypeName.of(
      ClassName.get("org.dualj.runtime", "Dual")));
  public static final ClassName LANES = ClassName.get("org.dualj.runtime", "Lanes");
  public static final ClassName DUAL_VECTOR = ClassName.get("org.dualj.runtime", "DualVector");
  public static final ArrayTypeName DUAL_VECTOR_ARRAY = ArrayTypeName.of(DUAL_VECTOR);
  public static final ClassName WORKSPACE = ClassName.get("org.dualj.runtime", "Workspace");

  private Types() {}

  /** True for {@code double[][]}, whose local variables carry a tangent of the same shape. */
  public static boolean isMatrix(TypeName t) {
    return DOUBLE_MATRIX.equals(t);
  }

  /** True for the result types of {@code @Differentiable} methods: also {@code double[][]}. */
  public static boolean isResult(TypeName t) {
    return isDifferentiable(t) || isMatrix(t);
  }

  /** True for the types that can carry a tangent: {@code double} and {@code double[]}. */
  public static boolean isDifferentiable(TypeName t) {
    return DOUBLE.equals(t) || DOUBLE_ARRAY.equals(t);
  }
}
