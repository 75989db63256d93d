package org.dualj.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * A private static final field of the user's class that the generated class cannot read, copied
 * into it as a private static final field of the same name: {@code init} is the field's own
 * initializer (literals, arithmetic, {@code Math} functions and other such constants), evaluated
 * once when the generated class is initialised, as the original is.
 */
public record FieldCopy(String name, TypeName type, Expr init) {}
