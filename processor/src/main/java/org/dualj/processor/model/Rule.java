package org.dualj.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * A user's tangent rule ({@code @TangentRule}): the static method {@code owner.method} giving
 * one partial derivative of its target, called with the target's arguments and its value.
 *
 * @param differentiable true when the rule method is itself {@code @Differentiable}, so its own
 *     derivative (for derivatives of higher order through the rule) is in {@code derivatives}
 * @param derivatives the class that holds, or would hold, the rule method's generated derivatives
 */
public record Rule(ClassName owner, String method, boolean differentiable, ClassName derivatives) {}
