package org.dualj.examples;

import java.util.Locale;
import java.util.Random;
import org.dualj.annotations.Differentiable;
import org.dualj.hipparchus.HipparchusAdapters;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Levenberg–Marquardt fit of {@code y = a·exp(−b·t) + c} to synthetic data with Hipparchus, the
 * model's Jacobian coming from the code dualj generates.
 *
 * <p>{@link #model} is differentiated with respect to {@code a, b, c} only
 * ({@code wrt = {"a", "b", "c"}}); the sample times {@code t} are data and carry no tangents, so
 * {@code CurveFitDerivatives.modelJacobian(a, b, c, t, jacobianOut)} fills the m×3 matrix
 * {@code ∂model_i/∂(a, b, c)} and returns the model values in one sweep;
 * {@code HipparchusAdapters.leastSquaresModel} turns it into Hipparchus's model in one line.
 */
final class CurveFit {

    /** The parameters the synthetic data are generated from. */
    static final double TRUE_A = 2.5;
    static final double TRUE_B = 1.3;
    static final double TRUE_C = 0.4;
    /** Standard deviation of the Gaussian noise added to the data. */
    static final double NOISE = 0.02;
    /** Seed of the noise; {@link Random}'s algorithm is specified, so the data are the same on every JVM. */
    static final long SEED = 20240601L;
    static final double[] START = {1.0, 0.5, 0.0};

    private CurveFit() {}

    /** The model {@code a·exp(−b·t_i) + c} at every sample time. */
    @Differentiable(wrt = {"a", "b", "c"})
    static double[] model(double a, double b, double c, double[] t) {
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = a * Math.exp(-b * t[i]) + c;
        }
        return y;
    }

    /** The Jacobian written by hand: {@code (e_i, −a·t_i·e_i, 1)} with {@code e_i = exp(−b·t_i)}. */
    static double[][] analyticJacobian(double a, double b, double c, double[] t) {
        double[][] jacobian = new double[t.length][3];
        for (int i = 0; i < t.length; i++) {
            double e = Math.exp(-b * t[i]);
            jacobian[i][0] = e;
            jacobian[i][1] = -a * t[i] * e;
            jacobian[i][2] = 1.0;
        }
        return jacobian;
    }

    /** Sample times {@code t_i = 0.1·i}, i = 0 … m−1. */
    static double[] times(int m) {
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = 0.1 * i;
        }
        return t;
    }

    /** The true model at {@code t} plus Gaussian noise of standard deviation {@link #NOISE}, seeded with {@link #SEED}. */
    static double[] observations(double[] t) {
        return observations(t, SEED);
    }

    /** The true model at {@code t} plus Gaussian noise of standard deviation {@link #NOISE} from {@code seed}. */
    static double[] observations(double[] t, long seed) {
        Random random = new Random(seed);
        double[] y = model(TRUE_A, TRUE_B, TRUE_C, t);
        for (int i = 0; i < y.length; i++) {
            y[i] += NOISE * random.nextGaussian();
        }
        return y;
    }

    /**
     * The model and its Jacobian for Hipparchus, from {@code CurveFitDerivatives.modelJacobian}
     * through the {@code dualj-hipparchus} adapter (a fresh matrix per evaluation, which Hipparchus
     * needs: it keeps the Jacobians of earlier evaluations).
     */
    static MultivariateJacobianFunction generatedModel(double[] t) {
        return HipparchusAdapters.leastSquaresModel(
                t.length, (p, jacobian) -> CurveFitDerivatives.modelJacobian(p[0], p[1], p[2], t, jacobian));
    }

    /** The same with the hand-written Jacobian, for comparison. */
    static MultivariateJacobianFunction handWrittenModel(double[] t) {
        return point -> {
            double a = point.getEntry(0);
            double b = point.getEntry(1);
            double c = point.getEntry(2);
            return new Pair<>(new ArrayRealVector(model(a, b, c, t), false),
                    new Array2DRowRealMatrix(analyticJacobian(a, b, c, t), false));
        };
    }

    /** Fits {@code model} to {@code y} with Levenberg–Marquardt from {@link #START}. */
    static Optimum fit(MultivariateJacobianFunction model, double[] y) {
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(model)
                .target(y)
                .start(START)
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build();
        return new LevenbergMarquardtOptimizer().optimize(problem);
    }

    /**
     * Standard errors of the fitted parameters: the square roots of the diagonal of
     * {@code (JᵀJ)⁻¹} scaled by the residual variance {@code χ²/(m − 3)}.
     */
    static double[] standardErrors(Optimum optimum) {
        RealVector sigma = optimum.getSigma(1e-12);
        double scale = Math.sqrt(optimum.getReducedChiSquare(3));
        double[] errors = new double[sigma.getDimension()];
        for (int k = 0; k < errors.length; k++) {
            errors[k] = sigma.getEntry(k) * scale;
        }
        return errors;
    }

    /** Fits 50 noisy samples and prints the result beside the true parameters. */
    static void demo() {
        double[] t = times(50);
        double[] y = observations(t);
        println("Data: y_i = %.1f*exp(-%.1f*t_i) + %.1f + noise, t_i = 0.1*i (i = 0..%d),", TRUE_A, TRUE_B, TRUE_C,
                t.length - 1);
        println("      noise Gaussian with sd %.2f (java.util.Random, seed %d)", NOISE, SEED);
        println("Levenberg-Marquardt (Hipparchus) from (a, b, c) = (%.1f, %.1f, %.1f),", START[0], START[1], START[2]);
        println("  Jacobian from CurveFitDerivatives.modelJacobian(a, b, c, t, jacobianOut), wrt = {a, b, c},");
        println("  through HipparchusAdapters.leastSquaresModel (dualj-hipparchus)");

        Optimum optimum = fit(generatedModel(t), y);
        double[] p = optimum.getPoint().toArray();
        double[] se = standardErrors(optimum);
        String[] names = {"a", "b", "c"};
        double[] truth = {TRUE_A, TRUE_B, TRUE_C};
        println("  %-4s %-12s %-10s %-8s %s", "", "fitted", "std. err.", "true", "|fitted - true| / std. err.");
        for (int k = 0; k < 3; k++) {
            println("  %-4s %-12.6f %-10.6f %-8.4f %.2f", names[k], p[k], se[k], truth[k],
                    Math.abs(p[k] - truth[k]) / se[k]);
        }
        println("  iterations %d, evaluations %d, RMS residual %.5f (noise sd %.2f)",
                optimum.getIterations(), optimum.getEvaluations(), optimum.getRMS(), NOISE);

        Optimum byHand = fit(handWrittenModel(t), y);
        double[] q = byHand.getPoint().toArray();
        double diff = 0.0;
        for (int k = 0; k < 3; k++) {
            diff = Math.max(diff, Math.abs(p[k] - q[k]));
        }
        double[][] generated = CurveFitDerivatives.modelJacobian(p[0], p[1], p[2], t);
        println("  same fit with the hand-written Jacobian: %d iterations, max |parameter difference| %.2e",
                byHand.getIterations(), diff);
        println("  max |generated - hand-written Jacobian| at the fit: %.2e",
                RobotArm.maxAbsDifference(generated, analyticJacobian(p[0], p[1], p[2], t)));
    }

    private static void println(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
