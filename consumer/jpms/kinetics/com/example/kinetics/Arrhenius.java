package com.example.kinetics;

/** The Arrhenius rate k(T) = A·exp(−E/T): a library function the processor knows through a rule. */
public final class Arrhenius {
  private Arrhenius() {}

  public static double rate(double temperature) {
    return 2.0e3 * Math.exp(-800.0 / temperature);
  }
}
