using Verification.Matching.Face.Sessions;

namespace Verification.Matching.Tests.Face;

/// <summary>Which measured candidate wins: only a complete comparison names one (the timings are the start-up log's).</summary>
public sealed class SessionTunerFastestTests
{
    [Fact]
    public void A_deadline_that_gave_only_the_slowest_candidate_its_third_run_names_no_winner()
    {
        // Embedding on a loaded 2-core machine: All 29.8 ms (2 runs) ... Disabled 56.2 ms (3 runs) was once kept.
        List<double>[] timings = [[29.1, 30.5], [45.0, 46.0], [43.0, 43.4], [55.8, 56.2, 57.0]];

        Assert.Equal(-1, SessionTuner.Fastest(timings, [false, false, false, false], minRuns: 3));
    }

    [Fact]
    public void A_complete_comparison_names_the_lowest_median_whatever_the_run_counts()
    {
        List<double>[] timings = [[14.0, 13.5, 13.7, 30.0], [22.0, 23.0, 22.5], [14.9, 14.6, 14.7, 14.8], [42.0, 41.0, 43.0]];

        Assert.Equal(0, SessionTuner.Fastest(timings, [false, false, false, false], minRuns: 3));
    }

    [Fact]
    public void A_dropped_candidate_short_of_runs_does_not_hold_back_the_others()
    {
        List<double>[] timings = [[6.0, 5.8, 5.9, 5.7], [6.2, 6.1, 6.0, 6.3], [10.2, 10.3, 10.1], [30.0]];

        Assert.Equal(0, SessionTuner.Fastest(timings, [false, false, true, true], minRuns: 3));
    }
}
