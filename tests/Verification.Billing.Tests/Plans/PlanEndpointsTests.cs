using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Billing.Contracts;
using Verification.Billing.Tests.Support;
using Verification.BuildingBlocks.Access;

namespace Verification.Billing.Tests.Plans;

public sealed class PlanEndpointsTests(BillingApp app) : IClassFixture<BillingApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_monthly_and_a_yearly_plan_anyone_lists_them_and_a_learner_subscribes_with_an_idempotency_key()
    {
        var learner = await app.LearnerAsync();
        var admin = await app.StaffAsync(StaffRoles.Admin);

        using var monthly = await admin.PostAsJsonAsync("/api/v1/billing/plans", Plan("month", 5900, learner.CourseId), Cancel);
        using var yearly = await admin.PostAsJsonAsync("/api/v1/billing/plans", Plan("year", 39900, learner.CourseId), Cancel);
        Assert.Equal(HttpStatusCode.Created, monthly.StatusCode);
        Assert.Equal(HttpStatusCode.Created, yearly.StatusCode);
        var monthlyPlan = await monthly.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var planId = monthlyPlan.GetProperty("planId").GetGuid();
        var yearlyId = (await yearly.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("planId").GetGuid();
        Assert.Equal(("month", 5900L, "USD"), (monthlyPlan.GetProperty("interval").GetString(), monthlyPlan.GetProperty("priceMinor").GetInt64(), monthlyPlan.GetProperty("currency").GetString()));
        Assert.Equal(learner.TrackId, Assert.Single(monthlyPlan.GetProperty("certificateTrackIds").EnumerateArray()).GetGuid());

        var listed = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/billing/plans", Cancel);
        var ids = listed.EnumerateArray().Select(p => p.GetProperty("planId").GetGuid()).ToList();
        Assert.Contains(planId, ids);
        Assert.Contains(yearlyId, ids);

        var key = Guid.NewGuid().ToString("N");
        using var first = await SubscribeAsync(learner, planId, key);
        using var again = await SubscribeAsync(learner, planId, key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await again.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        await WaitForAsync(async () => (await learner.EntitlementAsync()).Source == EntitlementSource.Subscription);

        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM billing.subscriptions WHERE learner_id = @LearnerId", new { learner.LearnerId }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit.entries WHERE action = 'billing.plan.created' AND subject = @subject", new { subject = $"plan:{planId}" }));
        await LedgerInvariant.AssertHoldsAsync(app.Database.DataSource);
    }

    [Fact]
    public async Task Creating_a_plan_is_refused_to_a_reviewer_and_for_bad_input_an_unknown_course_or_a_taken_id()
    {
        var learner = await app.LearnerAsync();
        var admin = await app.StaffAsync(StaffRoles.Admin);
        var reviewer = await app.StaffAsync(StaffRoles.Reviewer);
        var planId = Guid.CreateVersion7();

        using var byReviewer = await reviewer.PostAsJsonAsync("/api/v1/billing/plans", Plan("month", 5900, learner.CourseId), Cancel);
        using var anonymous = await app.CreateClient().PostAsJsonAsync("/api/v1/billing/plans", Plan("month", 5900, learner.CourseId), Cancel);
        using var weekly = await admin.PostAsJsonAsync("/api/v1/billing/plans", Plan("week", 5900, learner.CourseId), Cancel);
        using var free = await admin.PostAsJsonAsync("/api/v1/billing/plans", Plan("month", 0, learner.CourseId), Cancel);
        using var badCurrency = await admin.PostAsJsonAsync("/api/v1/billing/plans", new { name = "X", interval = "month", priceMinor = 100, currency = "U$D", courseIds = new[] { learner.CourseId } }, Cancel);
        using var unknown = await admin.PostAsJsonAsync("/api/v1/billing/plans", Plan("month", 5900, Guid.CreateVersion7()), Cancel);
        using var created = await admin.PostAsJsonAsync("/api/v1/billing/plans", Plan("month", 5900, learner.CourseId, planId), Cancel);
        using var taken = await admin.PostAsJsonAsync("/api/v1/billing/plans", Plan("year", 100, learner.CourseId, planId), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weekly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, free.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCurrency.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("plan_exists", await taken.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var plan = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/billing/plans", Cancel);
        Assert.Equal("month", plan.EnumerateArray().Single(p => p.GetProperty("planId").GetGuid() == planId).GetProperty("interval").GetString());
    }

    [Fact]
    public async Task The_api_document_describes_the_plan_endpoints_and_the_stripe_webhook_with_their_refusals()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);
        var paths = document.GetProperty("paths");

        var plans = paths.GetProperty("/api/v1/billing/plans");
        Assert.True(plans.TryGetProperty("get", out _));
        Assert.True(plans.GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(paths.GetProperty("/api/v1/learners/{learnerId}/billing/subscriptions").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/learners/{learnerId}/billing/subscriptions/{subscriptionId}/cancel").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/learners/{learnerId}/billing/subscriptions/{subscriptionId}/reactivate").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/billing/webhooks/stripe").GetProperty("post").GetProperty("responses").TryGetProperty("400", out _));
    }

    private static object Plan(string interval, long priceMinor, Guid courseId, Guid? planId = null) =>
        new { planId, name = $"Plan {interval}", interval, priceMinor, currency = "usd", courseIds = new[] { courseId } };

    private static async Task<HttpResponseMessage> SubscribeAsync(TestLearner learner, Guid planId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{learner.Billing}/subscriptions") { Content = JsonContent.Create(new { planId, card = TestLearner.GoodCard }) };
        request.Headers.Add("Idempotency-Key", key);
        return await learner.Client.SendAsync(request, Cancel);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50, Cancel);
        }
    }
}
