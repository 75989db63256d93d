/**
 * The annotations of dualj: {@link org.dualj.annotations.Differentiable} and {@link
 * org.dualj.annotations.TangentRule}. Both are kept in class files only, so an application needs
 * this module at compile time alone ({@code requires static org.dualj.annotations;}).
 */
module org.dualj.annotations {
  exports org.dualj.annotations;
}
