using System.Text.Json.Serialization;

namespace Verification.Matching.Keystroke;

/// <summary>
/// Platt scaling of the classifier's margin to a log-likelihood ratio, ln p(s | genuine) / p(s | impostor):
/// LLR = A·score + B, fitted with genuine and impostor weighted equally on out-of-fold scores, so it carries no
/// prior and the session's evidence fusion can add it to its own.
/// </summary>
internal sealed record FusionCalibration(
    [property: JsonPropertyName("a")] double A,
    [property: JsonPropertyName("b")] double B)
{
    public const string FileName = "calibration.json";

    public double LogLikelihoodRatio(double score) => (A * score) + B;

    /// <summary>Fits A and B by Newton's method, with step halving, on the class-balanced logistic loss.</summary>
    public static FusionCalibration Fit(ReadOnlySpan<double> genuine, ReadOnlySpan<double> impostor)
    {
        double a = 1, b = 0;
        var wg = 0.5 / genuine.Length;
        var wi = 0.5 / impostor.Length;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
            Accumulate(genuine, 1.0, wg, a, b, ref g0, ref g1, ref h00, ref h01, ref h11);
            Accumulate(impostor, 0.0, wi, a, b, ref g0, ref g1, ref h00, ref h01, ref h11);
            h00 += 1e-9;
            h11 += 1e-9;
            var det = (h00 * h11) - (h01 * h01);
            var da = ((h11 * g0) - (h01 * g1)) / det;
            var db = ((h00 * g1) - (h01 * g0)) / det;
            var loss = Loss(genuine, impostor, wg, wi, a, b);
            var step = 1.0;
            while (step > 1e-6 && Loss(genuine, impostor, wg, wi, a - (step * da), b - (step * db)) > loss)
            {
                step /= 2;
            }

            a -= step * da;
            b -= step * db;
            if (step * (Math.Abs(da) + Math.Abs(db)) < 1e-10)
            {
                break;
            }
        }

        return new FusionCalibration(a, b);
    }

    private static double Loss(ReadOnlySpan<double> genuine, ReadOnlySpan<double> impostor, double wg, double wi, double a, double b)
    {
        var loss = 0.0;
        foreach (var s in genuine)
        {
            loss += wg * Softplus(-((a * s) + b));
        }

        foreach (var s in impostor)
        {
            loss += wi * Softplus((a * s) + b);
        }

        return loss;
    }

    /// <summary>ln(1 + e^x) without overflow.</summary>
    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    private static void Accumulate(ReadOnlySpan<double> scores, double label, double weight, double a, double b,
        ref double g0, ref double g1, ref double h00, ref double h01, ref double h11)
    {
        foreach (var s in scores)
        {
            var p = 1.0 / (1.0 + Math.Exp(-((a * s) + b)));
            var r = weight * (p - label);
            var w = weight * p * (1 - p);
            g0 += r * s;
            g1 += r;
            h00 += w * s * s;
            h01 += w * s;
            h11 += w;
        }
    }
}
