using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.Enrollment.Contracts;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Progress;

public sealed class PushTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> ProgressAsync(TestPartner partner, Guid learner, object body) =>
        partner.Key.PutAsJsonAsync($"/api/v1/enrollment/learners/{learner}/courses/{partner.CourseId}/progress", body, Cancel);

    private static Task<HttpResponseMessage> ItemAsync(TestPartner partner, Guid learner, string item, object body) =>
        partner.Key.PutAsJsonAsync($"/api/v1/enrollment/learners/{learner}/courses/{partner.CourseId}/graded-items/{item}", body, Cancel);

    [Fact]
    public async Task An_older_progress_after_a_newer_one_changes_nothing()
    {
        var partner = await TestPartner.CreateAsync(app);
        var learner = await partner.LearnerAsync();
        await partner.EnrollAsync(learner);
        var now = app.Time.GetUtcNow();

        var newer = await (await ProgressAsync(partner, learner, new { progress = 0.6m, grade = 0.8m, occurredAt = now })).ReadAsync<JsonElement>();
        var older = await (await ProgressAsync(partner, learner, new { progress = 0.2m, grade = 0.1m, occurredAt = now.AddMinutes(-5) })).ReadAsync<JsonElement>();
        var same = await (await ProgressAsync(partner, learner, new { progress = 0.3m, occurredAt = now })).ReadAsync<JsonElement>();

        Assert.True(newer.GetProperty("applied").GetBoolean());
        Assert.False(older.GetProperty("applied").GetBoolean());
        Assert.False(same.GetProperty("applied").GetBoolean());
        Assert.Equal(0.6m, same.GetProperty("enrollment").GetProperty("progress").GetDecimal());
        Assert.Equal(0.8m, same.GetProperty("enrollment").GetProperty("grade").GetDecimal());
    }

    [Fact]
    public async Task The_course_completes_when_every_graded_item_passed_and_the_same_completion_twice_changes_nothing()
    {
        var partner = await TestPartner.CreateAsync(app, gradedItems: 2);
        var learner = await partner.LearnerAsync();
        await partner.EnrollAsync(learner);
        var first = app.Time.GetUtcNow().AddHours(-2);
        var last = app.Time.GetUtcNow().AddHours(-1);

        var failed = await (await ItemAsync(partner, learner, "quiz-1", new { passed = false, grade = 0.3m, occurredAt = first.AddMinutes(-10) })).ReadAsync<JsonElement>();
        var one = await (await ItemAsync(partner, learner, "quiz-1", new { passed = true, grade = 0.9m, occurredAt = first })).ReadAsync<JsonElement>();
        var passedBeforeLast = await app.SendAsync(new HasPassed(learner, partner.CourseId));
        var completing = await (await ItemAsync(partner, learner, "exam", new { passed = true, grade = 0.8m, occurredAt = last })).ReadAsync<JsonElement>();
        var again = await (await ItemAsync(partner, learner, "exam", new { passed = true, grade = 0.8m, occurredAt = last })).ReadAsync<JsonElement>();
        var staleFail = await (await ItemAsync(partner, learner, "exam", new { passed = false, grade = 0.1m, occurredAt = first })).ReadAsync<JsonElement>();

        Assert.Null(failed.GetProperty("enrollment").GetProperty("completedAt").GetString());
        Assert.Null(one.GetProperty("enrollment").GetProperty("completedAt").GetString());
        Assert.False(passedBeforeLast);
        Assert.Equal(last, completing.GetProperty("enrollment").GetProperty("completedAt").GetDateTimeOffset());
        Assert.False(again.GetProperty("applied").GetBoolean());
        Assert.False(staleFail.GetProperty("applied").GetBoolean());
        Assert.Equal(completing.GetProperty("enrollment").GetRawText(), again.GetProperty("enrollment").GetRawText());
        Assert.Equal(completing.GetProperty("enrollment").GetRawText(), staleFail.GetProperty("enrollment").GetRawText());
        Assert.True(await app.SendAsync(new HasPassed(learner, partner.CourseId)));
    }

    [Theory]
    [InlineData(1.5, null, "fractions from 0 to 1")]
    [InlineData(-0.1, null, "fractions from 0 to 1")]
    [InlineData(0.5, "missing", "occurredAt is required")]
    [InlineData(0.5, "future", "occurredAt is in the future")]
    public async Task Pushes_out_of_range_without_a_time_or_from_the_future_are_refused(double progress, string? when, string reason)
    {
        var partner = await TestPartner.CreateAsync(app);
        var learner = await partner.LearnerAsync();
        await partner.EnrollAsync(learner);
        DateTimeOffset? occurredAt = when switch
        {
            "missing" => null,
            "future" => app.Time.GetUtcNow().AddDays(1),
            _ => app.Time.GetUtcNow(),
        };

        using var response = await ProgressAsync(partner, learner, new { progress, occurredAt });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_for_a_course_the_learner_is_not_enrolled_in_is_not_found()
    {
        var partner = await TestPartner.CreateAsync(app);
        var learner = await partner.LearnerAsync();

        using var response = await ItemAsync(partner, learner, "quiz-1", new { passed = true, occurredAt = app.Time.GetUtcNow() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
