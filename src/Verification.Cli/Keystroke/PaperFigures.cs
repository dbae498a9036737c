namespace Verification.Cli.Keystroke;

/// <summary>Killourhy &amp; Maxion 2009, Table 2 (N = 200): mean EER and zero-miss FA rate, for the side-by-side report.</summary>
internal static class PaperFigures
{
    public static (double Eer, double ZeroMiss)? For(string detector) => detector switch
    {
        "scaled_manhattan" => (0.096, 0.601),
        "outlier_count" => (0.102, 0.782),
        "nearest_neighbour_mahalanobis" => (0.100, 0.468),
        "mahalanobis" => (0.110, 0.482),
        _ => null,
    };
}
