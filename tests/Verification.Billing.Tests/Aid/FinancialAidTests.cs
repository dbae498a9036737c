using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;
using Verification.BuildingBlocks.Access;

namespace Verification.Billing.Tests.Aid;

public sealed class FinancialAidTests(BillingApp app) : IClassFixture<BillingApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_approved_application_makes_the_track_paid_at_zero_and_a_declined_one_does_not()
    {
        var approved = await app.LearnerAsync();
        var declined = await app.LearnerAsync();
        var admin = await app.StaffAsync(StaffRoles.Admin);
        var reviewer = await app.StaffAsync(StaffRoles.Reviewer);

        var first = await ApplyAsync(approved);
        var second = await ApplyAsync(declined);
        using var again = await approved.Client.PostAsJsonAsync($"{approved.Billing}/aid", Body(approved), Cancel);
        var pending = await admin.GetFromJsonAsync<JsonElement>("/api/v1/billing/aid-applications", Cancel);
        using var byReviewer = await reviewer.PostAsJsonAsync($"/api/v1/billing/aid-applications/{first}/decision", new { approve = true }, Cancel);
        using var approve = await admin.PostAsJsonAsync($"/api/v1/billing/aid-applications/{first}/decision", new { approve = true, note = "income bracket verified" }, Cancel);
        using var decline = await admin.PostAsJsonAsync($"/api/v1/billing/aid-applications/{second}/decision", new { approve = false }, Cancel);
        using var twice = await admin.PostAsJsonAsync($"/api/v1/billing/aid-applications/{second}/decision", new { approve = true }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(pending.EnumerateArray(), a => a.GetProperty("applicationId").GetGuid() == first);
        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        Assert.Equal(new TrackEntitlement(approved.LearnerId, approved.TrackId, EntitlementState.Paid, EntitlementSource.FinancialAid), await approved.EntitlementAsync());
        Assert.Equal(EntitlementState.NotPaid, (await declined.EntitlementAsync()).State);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var audited = (await connection.QueryAsync<(string Actor, string Action, string Data)>(
            "SELECT actor, action, data::text FROM audit.entries WHERE subject = ANY (@subjects) ORDER BY sequence",
            new { subjects = new[] { $"aid_application:{first}", $"aid_application:{second}" } })).ToList();
        Assert.Equal(["billing.aid.approved", "billing.aid.declined"], audited.Select(a => a.Action));
        Assert.All(audited, a => Assert.StartsWith("staff:", a.Actor, StringComparison.Ordinal));
        Assert.All(audited, a => Assert.DoesNotContain("income bracket verified", a.Data, StringComparison.Ordinal));
        Assert.Contains(approved.LearnerId.ToString(), audited[0].Data, StringComparison.Ordinal);
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task An_application_without_a_usable_reason_or_bracket_is_refused()
    {
        var learner = await app.LearnerAsync();

        using var noReason = await learner.Client.PostAsJsonAsync($"{learner.Billing}/aid", new { courseId = learner.CourseId, reason = "short", incomeBracket = "low" }, Cancel);
        using var badBracket = await learner.Client.PostAsJsonAsync($"{learner.Billing}/aid", new { courseId = learner.CourseId, reason = "I lost my job this year.", incomeBracket = "rich" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBracket.StatusCode);
    }

    private static object Body(TestLearner learner) => new { courseId = learner.CourseId, reason = "I lost my job this year and cannot pay the fee.", incomeBracket = "low" };

    private static async Task<Guid> ApplyAsync(TestLearner learner)
    {
        using var response = await learner.Client.PostAsJsonAsync($"{learner.Billing}/aid", Body(learner), Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("applicationId").GetGuid();
    }
}
