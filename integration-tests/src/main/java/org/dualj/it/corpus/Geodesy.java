package org.dualj.it.corpus;

import org.dualj.annotations.Differentiable;
import org.hipparchus.util.FastMath;
import org.hipparchus.util.SinCos;

/**
 * Distances on the Earth between points given in degrees: the haversine formula on a sphere and
 * Vincenty's inverse iteration on the WGS-84 ellipsoid, which throws when it does not converge
 * (nearly antipodal points).
 */
public final class Geodesy {
  private static final double EARTH_RADIUS = 6_371_008.8;
  private static final double A = 6_378_137.0;
  private static final double F = 1.0 / 298.257223563;
  private static final double B = A * (1.0 - F);

  private Geodesy() {}

  /** Great-circle distance in metres between (lat1, lon1) and (lat2, lon2), in degrees. */
  @Differentiable
  public static double haversine(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = FastMath.toRadians(lat1);
    double phi2 = FastMath.toRadians(lat2);
    double dPhi = phi2 - phi1;
    double dLambda = FastMath.toRadians(lon2 - lon1);
    double sinPhi = FastMath.sin(0.5 * dPhi);
    double sinLambda = FastMath.sin(0.5 * dLambda);
    double h = sinPhi * sinPhi + FastMath.cos(phi1) * FastMath.cos(phi2) * sinLambda * sinLambda;
    return 2.0 * EARTH_RADIUS * FastMath.asin(FastMath.min(1.0, FastMath.sqrt(h)));
  }

  /**
   * Ellipsoidal distance in metres by Vincenty's inverse formula.
   *
   * @throws IllegalArgumentException for latitudes outside [−90°, 90°]
   * @throws ArithmeticException if λ does not converge in 200 iterations
   */
  @Differentiable
  public static double vincenty(double lat1, double lon1, double lat2, double lon2) {
    if (FastMath.abs(lat1) > 90.0 || FastMath.abs(lat2) > 90.0) {
      throw new IllegalArgumentException("latitude out of range: " + lat1 + ", " + lat2);
    }
    double l = FastMath.toRadians(lon2 - lon1);
    double u1 = FastMath.atan((1.0 - F) * FastMath.tan(FastMath.toRadians(lat1)));
    double u2 = FastMath.atan((1.0 - F) * FastMath.tan(FastMath.toRadians(lat2)));
    SinCos scU1 = FastMath.sinCos(u1);
    SinCos scU2 = FastMath.sinCos(u2);
    double lambda = l;
    double sinSigma = 0.0;
    double cosSigma = 1.0;
    double sigma = 0.0;
    double cosSqAlpha = 1.0;
    double cos2SigmaM = 0.0;
    int iterations = 0;
    double previous;
    do {
      SinCos scLambda = FastMath.sinCos(lambda);
      double t1 = scU2.cos() * scLambda.sin();
      double t2 = scU1.cos() * scU2.sin() - scU1.sin() * scU2.cos() * scLambda.cos();
      sinSigma = FastMath.sqrt(t1 * t1 + t2 * t2);
      if (sinSigma == 0.0) {
        return 0.0;
      }
      cosSigma = scU1.sin() * scU2.sin() + scU1.cos() * scU2.cos() * scLambda.cos();
      sigma = FastMath.atan2(sinSigma, cosSigma);
      double sinAlpha = scU1.cos() * scU2.cos() * scLambda.sin() / sinSigma;
      cosSqAlpha = 1.0 - sinAlpha * sinAlpha;
      cos2SigmaM = cosSqAlpha != 0.0 ? cosSigma - 2.0 * scU1.sin() * scU2.sin() / cosSqAlpha : 0.0;
      double c = F / 16.0 * cosSqAlpha * (4.0 + F * (4.0 - 3.0 * cosSqAlpha));
      previous = lambda;
      lambda = l + (1.0 - c) * F * sinAlpha
          * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1.0 + 2.0 * cos2SigmaM * cos2SigmaM)));
      if (++iterations > 200) {
        throw new ArithmeticException("Vincenty's formula did not converge between the points");
      }
    } while (FastMath.abs(lambda - previous) > 1e-14);
    double uSq = cosSqAlpha * (A * A - B * B) / (B * B);
    double bigA = 1.0 + uSq / 16384.0 * (4096.0 + uSq * (-768.0 + uSq * (320.0 - 175.0 * uSq)));
    double bigB = uSq / 1024.0 * (256.0 + uSq * (-128.0 + uSq * (74.0 - 47.0 * uSq)));
    double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4.0
        * (cosSigma * (-1.0 + 2.0 * cos2SigmaM * cos2SigmaM)
            - bigB / 6.0 * cos2SigmaM * (-3.0 + 4.0 * sinSigma * sinSigma)
                * (-3.0 + 4.0 * cos2SigmaM * cos2SigmaM)));
    return B * bigA * (sigma - deltaSigma);
  }
}
