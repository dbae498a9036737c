using Verification.Research.Evaluation;

namespace Verification.Matching.Tests.Evaluation;

public sealed class ErrorRatesTests
{
    [Fact]
    public void Equal_error_rate_is_zero_when_every_genuine_score_is_above_every_impostor()
    {
        var rates = new ErrorRates([4, 5, 6], [1, 2, 3]);

        Assert.Equal(0.0, rates.InterpolatedEqualErrorRate());
        Assert.Equal(0.0, rates.EqualErrorRate().Eer);
    }

    [Fact]
    public void Interpolated_equal_error_rate_and_zero_fmr_rate_follow_the_rocr_points()
    {
        // CMU's anomaly scores G 1 2 3 4, I 3.5 5 6 7, negated to similarity. Accepting ≥ −4: FMR 0.25, FNMR 0.25;
        // accepting ≥ −3.4: FMR 0, FNMR 0.25.
        var rates = new ErrorRates([-1, -2, -3, -4], [-3.5, -5, -6, -7]);

        Assert.Equal(0.25, rates.InterpolatedEqualErrorRate(), 1e-12);
        Assert.Equal(0.25, rates.FnmrAtZeroFmr(), 1e-12);
    }

    [Fact]
    public void Interpolated_equal_error_rate_interpolates_where_fmr_minus_fnmr_changes_sign()
    {
        // Points (FMR, FNMR) from accept-all: (1,0) (.5,0) (.5,.5) (0,.5) (0,1); FMR − FNMR = 0 at (.5,.5).
        Assert.Equal(0.5, new ErrorRates([-1, -3], [-2, -4]).InterpolatedEqualErrorRate(), 1e-12);
    }

    [Fact]
    public void A_score_equal_to_the_threshold_is_accepted()
    {
        var rates = new ErrorRates([0.5, 0.9], [0.1, 0.5]);

        Assert.Equal(0.5, rates.Fmr(0.5));
        Assert.Equal(0.0, rates.Fnmr(0.5));
    }

    [Fact]
    public void The_threshold_at_a_target_fmr_accepts_no_more_impostors_than_the_target_allows()
    {
        double[] impostor = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

        var threshold = ErrorRates.ThresholdAtFmr(impostor, 0.2);

        Assert.Equal(0.2, new ErrorRates([1.0], impostor).Fmr(threshold));
        Assert.True(threshold > 0.8 && threshold <= 0.9);
    }
}
