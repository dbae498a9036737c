using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Verification.Billing.Tests.Support;

namespace Verification.Billing.Tests.Plans;

/// <summary>The Host with the demo seed on, as ./run.sh starts it.</summary>
public sealed class DemoApp : BillingApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Seed", "true");
    }
}

public sealed class DemoPlansTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_demo_offers_a_monthly_and_a_yearly_plan_over_demo_universitys_three_tracks()
    {
        var plans = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/billing/plans", TestContext.Current.CancellationToken);

        var offered = plans.EnumerateArray()
            .Select(p => (Interval: p.GetProperty("interval").GetString(), Price: p.GetProperty("priceMinor").GetInt64(), Currency: p.GetProperty("currency").GetString(), Tracks: p.GetProperty("certificateTrackIds").GetArrayLength()))
            .ToList();
        Assert.Equal([("month", 5900L, "USD", 3), ("year", 39900L, "USD", 3)], offered);
    }
}
