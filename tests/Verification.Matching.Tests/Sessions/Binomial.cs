namespace Verification.Matching.Tests.Sessions;

/// <summary>Binomial tail probabilities, to judge a count seen in a population against a rate a simulation states.</summary>
internal static class Binomial
{
    /// <summary>The chance of at least <paramref name="count"/> of <paramref name="total"/> at rate <paramref name="rate"/>.</summary>
    public static double AtLeast(int count, int total, double rate)
    {
        if (rate <= 0 || rate >= 1)
        {
            return rate >= 1 || count <= 0 ? 1 : 0;
        }

        var below = 0.0;
        for (var k = 0; k < count; k++)
        {
            below += Math.Exp(LogChoose(total, k) + (k * Math.Log(rate)) + ((total - k) * Math.Log(1 - rate)));
        }

        return Math.Max(0, 1 - below);
    }

    private static double LogChoose(int n, int k)
    {
        var sum = 0.0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }

        return sum;
    }
}
