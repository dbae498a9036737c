using Verification.Matching.Keystroke;

namespace Verification.Matching.Tests.Keystroke;

/// <summary>Detector values on data small enough to work out by hand.</summary>
public sealed class DetectorTests
{
    // Rows (1, 10), (2, 12), (3, 14): mean (2, 12); mean absolute deviations (2/3, 4/3); sds (1, 2); the covariance
    // [[1, 2], [2, 4]] has rank 1 with eigenvector (1, 2)/√5 and eigenvalue 5, so S⁺ = v v' / 5.
    private static readonly ProfileModel Model = new([1, 10, 2, 12, 3, 14], n: 3, p: 2);

    [Fact]
    public void Scaled_manhattan_divides_each_difference_by_the_mean_absolute_deviation() =>
        Assert.Equal(4.5, Model.Score([5, 12]).ScaledManhattan, 1e-12); // |5-2| / (2/3)

    [Fact]
    public void Outlier_count_counts_features_beyond_z_1_96() =>
        Assert.Equal(1, Model.Score([5, 12]).OutlierCount); // z = 3 and 0

    [Fact]
    public void Mahalanobis_uses_the_pseudo_inverse_of_a_rank_deficient_covariance() =>
        Assert.Equal(0.36, Model.Score([5, 12]).Mahalanobis, 1e-9); // (v·(3, 0))² / 5 = (3/√5)² / 5

    [Fact]
    public void Nearest_neighbour_mahalanobis_measures_to_the_closest_enrollment_vector() =>
        Assert.Equal(0.16, Model.Score([5, 12]).NearestNeighbourMahalanobis, 1e-9); // projections 4.2, 5.2, 6.2; probe 5.8

    [Fact]
    public void Keeps_the_rank_that_the_ginv_tolerance_keeps() => Assert.Equal(1, Model.Rank);

    [Fact]
    public void Whitens_through_the_gram_matrix_when_there_are_fewer_samples_than_features()
    {
        // For the pseudo-inverse, the enrollment vectors' Mahalanobis distances sum to (n - 1) · rank.
        var random = new Random(3);
        const int n = 4, p = 9;
        var rows = new double[n * p];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = random.NextDouble();
        }

        var model = new ProfileModel(rows, n, p);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += model.Score(rows.AsSpan(i * p, p)).Mahalanobis;
        }

        Assert.Equal(n - 1, model.Rank);
        Assert.Equal((n - 1) * model.Rank, sum, 1e-8);
    }
}
