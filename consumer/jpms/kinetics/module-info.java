/** A library module: a rate law, its tangent rule (in another package) and a model using both. */
module com.example.kinetics {
  requires static org.dualj.annotations;
  // transitive: the generated API of an exported package returns Dual
  requires transitive org.dualj.runtime;
  exports com.example.kinetics;
  exports com.example.kinetics.rules;
}
