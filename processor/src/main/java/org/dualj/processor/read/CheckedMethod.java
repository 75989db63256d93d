package org.dualj.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import java.util.List;
import org.dualj.processor.analysis.Activity;

/** A method that was read and analysed without errors, with the helpers it calls. */
public final class CheckedMethod {
  private final SourceMethod method;
  private final MethodReader.Result read;
  private final Activity activity;
  private final CompilationUnitTree unit;
  private final List<SourceMethod> helpers;

  CheckedMethod(
      SourceMethod method, MethodReader.Result read, Activity activity, CompilationUnitTree unit) {
    this.method = method;
    this.read = read;
    this.activity = activity;
    this.unit = unit;
    this.helpers = read.helpers().stream().map(SourceMethod::new).toList();
  }

  public SourceMethod method() {
    return method;
  }

  public MethodReader.Result read() {
    return read;
  }

  public Activity activity() {
    return activity;
  }

  /** The private static helpers it calls for a derivative, differentiated in place. */
  public List<SourceMethod> helpers() {
    return helpers;
  }

  CompilationUnitTree unit() {
    return unit;
  }
}
