using Verification.Research.Sessions;

namespace Verification.Matching.Tests.Sessions;

public sealed class SessionSetupTests
{
    [Fact]
    public void Typing_checks_are_spread_over_the_session_and_never_before_the_first_frame()
    {
        var setup = new SessionSetup(6, 2, 4, TimeSpan.FromSeconds(20));

        Assert.Equal([1, 2, 3, 4], Enumerable.Range(0, 4).Select(setup.TypingCheckAfterFrame));
        Assert.Empty(setup.Problems());
    }

    [Fact]
    public void A_swap_at_or_after_the_last_frame_is_refused()
    {
        Assert.NotEmpty(new SessionSetup(6, 6, 2, TimeSpan.FromSeconds(20)).Problems());
    }
}
