using Verification.Matching.Keystroke;

namespace Verification.Matching.Tests.Keystroke;

public sealed class ErrorRatesTests
{
    [Fact]
    public void Equal_error_rate_is_zero_when_every_impostor_scores_above_every_genuine_sample() =>
        Assert.Equal(0.0, ErrorRates.EqualErrorRate([1, 2, 3], [4, 5, 6]));

    [Fact]
    public void Equal_error_rate_and_zero_miss_rate_follow_the_rocr_points()
    {
        // Descending: 7I 6I 5I 4G 3.5I 3G 2G 1G. After 4G: miss 0.25, FA 0.25 (miss − FA = 0); after 3.5I: miss 0, FA 0.25.
        double[] genuine = [1, 2, 3, 4];
        double[] impostor = [3.5, 5, 6, 7];

        Assert.Equal(0.25, ErrorRates.EqualErrorRate(genuine, impostor), 1e-12);
        Assert.Equal(0.25, ErrorRates.ZeroMissFalseAlarm(genuine, impostor), 1e-12);
    }

    [Fact]
    public void Equal_error_rate_interpolates_between_the_points_where_miss_minus_false_alarm_changes_sign()
    {
        // Descending: 4I 3G 2I 1G. Points (miss, FA): (1,0) (.5,0) (.5,.5) (0,.5) (0,1). Miss − FA = 0 at (.5,.5).
        Assert.Equal(0.5, ErrorRates.EqualErrorRate([1, 3], [2, 4]), 1e-12);
    }
}
