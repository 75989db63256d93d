/**
 * The runtime of dualj's generated code: dual numbers ({@link org.dualj.runtime.Dual}, {@link
 * org.dualj.runtime.DualVector}), their array helpers and the {@link org.dualj.runtime.Workspace}
 * of the vector-mode entry points. It depends on nothing but {@code java.base}.
 */
module org.dualj.runtime {
  exports org.dualj.runtime;
}
