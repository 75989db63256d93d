package org.dualj.processor.model;

/**
 * The second-order code of a {@code double}-valued method (forward over forward): its tangent code
 * {@code fTangent} taken as a method model, and that model's own tangent and lane code, whose
 * tangents end in {@link Derived#DOT2}.
 *
 * @param model {@code fTangent} as a method model: static, the receiver (if any) a plain parameter
 * @param core the scalar tangent code of {@code fTangent}
 * @param lanes the lane code of {@code fTangent}
 * @param primalCallable whether the generated class can call the method itself (it is not private)
 */
public record SecondOrderCode(
    MethodModel model, MethodCode core, MethodCode lanes, boolean primalCallable) {}
