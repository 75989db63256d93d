package org.dualj.processor.codegen;

import java.util.List;

/**
 * Every family of generated methods, in the order their methods appear in a generated class.
 * Adding a family is one {@link EntryPoint} class and one line here.
 */
final class EntryPoints {
  static final List<EntryPoint> ALL =
      List.of(
          new DualEntry(),
          new TangentCore(),
          new DualVectorEntry(),
          new LaneCore(),
          new GradientEntry(),
          new JvpEntry(),
          new AdjointCore(),
          new VjpEntry(),
          new ReverseEntry(),
          new SecondOrderCores(),
          new HessianEntry(),
          new HessianVectorEntry(),
          new SecondDerivativeEntry(),
          new HessianVectorAdjointCore(),
          new HessianVectorReverseEntry());

  private EntryPoints() {}
}
