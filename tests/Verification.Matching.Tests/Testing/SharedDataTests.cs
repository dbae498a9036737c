using Verification.Testing;
using Xunit.Sdk;

namespace Verification.Matching.Tests.Testing;

public sealed class SharedDataTests
{
    [Fact]
    public void A_missing_shared_data_set_fails_the_test_under_ci() =>
        Assert.IsType<FailException>(Record.Exception(() => SharedData.RequireDirectory("no-such-data-set", ci: true)));
}
