package org.dualj.processor.diag;

/**
 * Every diagnostic the processor reports: a stable tag, tests match on it, and a format string
 * that says what is wrong and what to do.
 */
public enum Message {
  NEEDS_JAVAC(
      "DiffNeedsJavac",
      "dualj reads method bodies through the javac Compiler Tree API, which this compiler (%s)"
          + " does not provide. Compile with javac (Maven, Gradle and IntelliJ builds that use"
          + " javac work)."),
  INTERNAL_ERROR(
      "DiffInternalError",
      "dualj failed while processing this method: %s. Please report this with the method's"
          + " source."),
  NO_BODY(
      "DiffNoBody",
      "this method is %s: it has no body to differentiate. Annotate a concrete method instead."),
  GENERIC_METHOD(
      "DiffGenericMethod",
      "generic methods are not supported. Remove the type parameters or move the generic part"
          + " out of the @Differentiable method."),
  UNSUPPORTED_RETURN_TYPE(
      "DiffUnsupportedReturnType",
      "a @Differentiable method must return double, double[] or double[][] (or be void and write"
          + " its output into a double[] parameter), not %s. Return the quantity to differentiate"
          + " as a double."),
  UNSUPPORTED_TYPE(
      "DiffUnsupportedType",
      "this %s value depends on a differentiated input, but only double and double[] can carry"
          + " a derivative. Use double here."),
  UNSUPPORTED_STATEMENT(
      "DiffUnsupportedStatement",
      "%s statements are not supported in a @Differentiable method. %s"),
  UNSUPPORTED_EXPRESSION(
      "DiffUnsupportedExpression",
      "%s are not supported in a @Differentiable method. %s"),
  UNSUPPORTED_CALL(
      "DiffUnsupportedCall",
      "%s has no derivative and receives a value that depends on a differentiated input, and"
          + " its result (or what it writes into an array) feeds the derivative. Annotate it with"
          + " @Differentiable if it is your method, or give it a @TangentRule if it is a library"
          + " method; or make its arguments independent of the differentiated inputs. Calls whose"
          + " results only feed conditions, integer casts or messages need neither."),
  ARRAY_ALIAS(
      "DiffArrayAlias",
      "array %s receives differentiated values but may share its storage with a field, a row of"
          + " a double[][] or an array returned by a call, which cannot carry the derivative. Work"
          + " on a copy (.clone()) and return or pass it explicitly."),
  OVERRIDABLE(
      "DiffOverridable",
      "%s can be overridden in a subclass, and the generated code would then differentiate the"
          + " wrong body: it calls the derivative of %s's %s whatever the receiver's class. Make"
          + " the method final, private or static, or make its class final (or sealed, with no"
          + " subclass overriding it)."),
  INTERFACE_CALL(
      "DiffOverridable",
      "%s is called through the interface %s, whose implementations are not all known here, so the"
          + " generated code cannot tell which body's derivative to call. Make %s sealed, with"
          + " final implementations (classes or records) that each have a @Differentiable %s or"
          + " inherit one, or call the method on a variable of the implementing class."),
  REPEATED_EFFECT(
      "DiffRepeatedEffect",
      "%s may have effects (output, a counter, a random number generator, an object's state),"
          + " and this method has order = 2: its Hessian entry points run the method once per"
          + " pass, so the call would run several times. Move the call out of the method (pass"
          + " its result in), or, if it has no effects, make it a @Differentiable method."),
  SHARED_ARRAY_WRITE(
      "DiffArrayAlias",
      "%s writes into %s, storage the method does not own. The derivative entry points run the"
          + " method once per pass over its inputs, so the write would be repeated and later passes"
          + " would read it. Write into a copy made in the method (.clone()), or move the update"
          + " out of the @Differentiable method."),
  FIELD_WRITE(
      "DiffFieldWrite",
      "a @Differentiable method may read fields but not assign them (%s). Use a local"
          + " variable."),
  FIELD_STORE(
      "DiffFieldWrite",
      "%s receives a value that depends on a differentiated input and may keep it in a field,"
          + " where no derivative follows it: what is read there later would be wrong. Pass the"
          + " value on as a parameter or return it, or make the method @Differentiable and keep"
          + " the state in locals."),
  INACCESSIBLE(
      "DiffInaccessible",
      "%s is private, so the generated class %s cannot use it. Make it package-private."),
  INACCESSIBLE_MEMBER(
      "DiffInaccessible",
      "%s is private and %s, so the generated class %s can neither use nor copy it (%s reads it)."
          + " %s"),
  ENCLOSING_MEMBER(
      "DiffInaccessible",
      "%s belongs to the enclosing instance of %s, which the generated class %s cannot reach"
          + " (%s reads it). %s"),
  MISSING_DERIVATIVES(
      "DiffMissingDerivatives",
      "%s is @Differentiable but its generated class %s %s"),
  WRT_UNKNOWN(
      "DiffWrtUnknown",
      "wrt names %s, which is not a parameter of this method. Name one of its double or double[]"
          + " parameters."),
  WRT_TYPE(
      "DiffWrtType",
      "wrt names %s, a parameter of type %s; only double, double[] and double[][] parameters"
          + " can be differentiated with respect to."),
  BAD_CHUNK(
      "DiffBadChunk",
      "chunk must be positive, or 0 for the default, not %s."),
  BAD_ORDER(
      "DiffBadOrder",
      "order %s is not supported: %s."),
  CALLEE_ORDER(
      "DiffCalleeOrder",
      "this method has order = 2, so its second derivatives need those of %s, which has"
          + " order %s. Add order = 2 to that method's @Differentiable."),
  RULE_ORDER(
      "DiffRuleOrder",
      "this method has order = 2, so the partial derivative that rule %s gives for argument %3$s"
          + " of %2$s is differentiated again. Annotate %1$s with @Differentiable (with respect to"
          + " all its double parameters)."),
  CALL_NOT_WRT(
      "DiffCallNotWrt",
      "this argument depends on a differentiated input, but %s is not differentiated with respect"
          + " to its parameter %s. Add it to that method's wrt."),
  ALWAYS_ZERO(
      "DiffAlwaysZero",
      "the result does not depend on %s: its derivative is always zero."),
  REVERSE_UNSUPPORTED(
      "DiffReverseUnsupported",
      "reverse mode does not handle %s (line %s), so %s. Move that code into a @Differentiable"
          + " helper if the method has many inputs."),
  OUTPUTS_OPTION(
      "DiffOutputsOption",
      "the processor option -Adualj.outputs has %s, which is not an output. Give a comma-separated"
          + " list of %s (or ALL), for example -Adualj.outputs=GRADIENT,JVP; every output is"
          + " generated meanwhile."),
  NAME_CLASH(
      "DiffNameClash",
      "the derivative of this method would have the signature %s, which the derivative of"
          + " another @Differentiable method of this class already has. Rename one of them."),
  CLASS_NAME_CLASH(
      "DiffClassNameClash",
      "the derivatives of %s would be generated as class %s, but %s. Rename one of the classes."),
  TOO_MANY_PARAMETERS(
      "DiffTooManyParameters",
      "the generated method %s would take %s parameter slots, more than the 255 the JVM allows"
          + " (a double takes two, and the tangent code passes each differentiated double with"
          + " its tangents). Pass the values in one double[] instead."),
  CALLEE_FAILED(
      "DiffCalleeFailed",
      "%s could not be differentiated (see the error reported there), so this call cannot be"
          + " either."),
  RULE_SIGNATURE(
      "DiffRuleSignature",
      "a tangent rule %s. A rule is a static, non-private method returning double that takes the"
          + " target's parameters followed by one double, the value the target returned%s."),
  RULE_TARGET(
      "DiffRuleTarget",
      "%s. The target of a tangent rule is a static method returning double, declared in the class"
          + " named by 'of', and 'argument' numbers one of its double parameters from 0."),
  RULE_DUPLICATE(
      "DiffRuleDuplicate",
      "%s already has a tangent rule with argument = %s: %s. Keep one of the two."),
  RULE_MISSING(
      "DiffRuleMissing",
      "%s has tangent rules, but none with argument = %s (its parameters are numbered from 0),"
          + " and that argument depends on a differentiated input. %s"),
  LOCAL_CLASS(
      "DiffLocalClass",
      "%s is in %s, whose methods javac does not hand to annotation processors, so %s. Move it"
          + " to a named top-level or member class."),
  LAMBDA_RECOVERY(
      "DiffLambdaRecovery",
      "javac %s would crash on this lambda (a javac bug that javac 25 does not have): it is passed in the"
          + " same call as %s, which javac cannot resolve while annotation processors run (a class"
          + " generated in this compilation, such as the ...Derivatives class), in a class whose"
          + " @Differentiable methods are read now. Give the lambda's parameters their types"
          + " ((double t) -> ...), or compute that argument into a local variable before the call."),
  METHOD_TOO_LARGE(
      "DiffMethodTooLarge",
      "the generated method %s would have about %s bytes of bytecode, over the JVM's limit of"
          + " 65,535 bytes per method. Split this method into smaller @Differentiable methods that"
          + " call one another."),
  RULE_INACCESSIBLE(
      "DiffRuleInaccessible",
      "the tangent rule %s cannot be called from package %s, where the generated class %s lives."
          + " Make the rule method and its class public.");

  private final String tag;
  private final String format;

  Message(String tag, String format) {
    this.tag = tag;
    this.format = format;
  }

  /** The stable tag, without brackets. */
  public String tag() {
    return tag;
  }

  /**
   * The full text: {@code [Tag] message}, on one line (an IDE's problem view shows one line per
   * problem), so a line break inside an argument, such as an exception's message, becomes a space.
   */
  public String format(Object... args) {
    return ("[" + tag + "] " + String.format(format, args)).replaceAll("\\s*\\R\\s*", " ");
  }
}
