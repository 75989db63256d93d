/** The application module: a rule of its own, and a model using the library's rule and method. */
module com.example.app {
  requires static org.dualj.annotations;
  requires org.dualj.runtime;
  requires com.example.kinetics;
}
