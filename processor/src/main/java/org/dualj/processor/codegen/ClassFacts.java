package org.dualj.processor.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a generated class needs to know of the user's class it is generated for, as plain values
 * read from javac's elements before code generation.
 *
 * @param owner the user's class
 * @param generated the class to generate
 * @param generatedFits whether the generated class may carry {@code @Generated} (its module reads
 *     {@code java.compiler}, or it is in the unnamed module)
 * @param suppressedWarnings the warnings the user suppressed on the class or its methods, which
 *     the generated code, repeating the user's statements, suppresses too
 * @param javaLangShadowed the classes of the package named like a {@code java.lang} class, which
 *     the generated code names in full
 * @param origin adds the user's class as the generated class's originating element (what
 *     incremental builds expect)
 */
public record ClassFacts(
    ClassName owner,
    ClassName generated,
    boolean generatedFits,
    Set<String> suppressedWarnings,
    List<String> javaLangShadowed,
    Consumer<TypeSpec.Builder> origin) {}
