using Verification.Research.Sessions;

namespace Verification.Matching.Tests.Sessions;

public sealed class WilsonIntervalTests
{
    [Fact]
    public void None_of_fifty_still_allows_a_rate_up_to_about_seven_percent()
    {
        var interval = WilsonInterval.Of(0, 50);

        Assert.Equal(0, interval.Low);
        Assert.Equal(0.0713, interval.High, 4);
    }

    [Fact]
    public void Eleven_of_fifty_matches_the_published_wilson_interval()
    {
        // 22%: Wilson 95% interval 12.75%–35.24% (Newcombe 1998, method 3).
        var interval = WilsonInterval.Of(11, 50);

        Assert.Equal(0.22, interval.Rate, 10);
        Assert.Equal(0.1275, interval.Low, 4);
        Assert.Equal(0.3524, interval.High, 4);
    }
}
