package plain;

import org.dualj.annotations.Differentiable;

/** Compiled by plain javac with the processor jar alone on -processorpath (see run.sh). */
class Model {
  @Differentiable
  static double f(double x, double y) {
    return Math.sin(x * y) + x * x;
  }
}
