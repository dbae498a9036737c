using System.Diagnostics;
using Dapper;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Reviews;

/// <summary>
/// A load run, not a timed test: 1,000 open cases (each with three frames), then the queue and a case read 30 times
/// each over HTTP through the real Host. The figures go to the test output and to
/// <c>$VERIFICATION_TEST_RESULTS/reviewer/load.txt</c>; the assertions are about what the answers hold, never how fast.
/// </summary>
public sealed class ReviewQueueLoadRun(ProctoringApp app, ITestOutputHelper output) : IClassFixture<ProctoringApp>
{
    private const int Cases = 1000;
    private const int Rounds = 30;

    [Fact]
    public async Task The_queue_and_a_case_answer_with_a_thousand_open_cases()
    {
        var learner = await app.CreateLearnerAsync("Busy Course Learner");
        await SeedAsync(learner);
        using var reviewer = await Reviewers.SignInAsync(app, StaffRoles.Reviewer);
        var first = await reviewer.GetJsonAsync($"/api/v1/review-cases?courseId={learner.CourseId}");
        var caseId = first.GetProperty("cases")[0].GetProperty("caseId").GetGuid();

        var queue = await TimeAsync(() => reviewer.GetJsonAsync("/api/v1/review-cases"));
        var filtered = await TimeAsync(() => reviewer.GetJsonAsync($"/api/v1/review-cases?flag=FaceMismatch&priority=High"));
        var view = await TimeAsync(() => reviewer.GetJsonAsync($"/api/v1/review-cases/{caseId}"));
        var report = $"""
            review console load run: {Cases} open cases, {Rounds} requests each, over HTTP in-process (WebApplicationFactory), PostgreSQL of ./test.sh
            GET /api/v1/review-cases                          median {queue.Median:F1} ms, p95 {queue.P95:F1} ms, max {queue.Max:F1} ms
            GET /api/v1/review-cases?flag=&priority=          median {filtered.Median:F1} ms, p95 {filtered.P95:F1} ms, max {filtered.Max:F1} ms
            GET /api/v1/review-cases/{"{caseId}"}                 median {view.Median:F1} ms, p95 {view.P95:F1} ms, max {view.Max:F1} ms

            """;
        output.WriteLine(report);
        var folder = Path.Combine(Environment.GetEnvironmentVariable("VERIFICATION_TEST_RESULTS") is { Length: > 0 } results ? results : AppContext.BaseDirectory, "reviewer");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "load.txt"), report, TestContext.Current.CancellationToken);

        Assert.Equal(Cases, first.GetProperty("counts").GetProperty("open").GetInt32());
        Assert.Equal(Cases, first.GetProperty("listed").GetInt32());
        Assert.Equal(100, first.GetProperty("cases").GetArrayLength());
        Assert.Equal("High", first.GetProperty("cases")[0].GetProperty("priority").GetString());
    }

    private async Task SeedAsync(TestLearner learner)
    {
        await using var connection = await app.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            WITH made AS (
                SELECT gen_random_uuid() AS session_id, gen_random_uuid() AS case_id, n,
                       (ARRAY['High', 'Normal', 'Low'])[1 + n % 3] AS priority, @now - make_interval(mins => n) AS opened
                FROM generate_series(1, @count) AS n
            ), sessions AS (
                INSERT INTO proctoring.sessions (id, learner_id, course_id, assessment_id, status, verdict, priority, flag_kinds, frames_received, started_at, ended_at)
                SELECT session_id, @LearnerId, @CourseId, 'exam-' || n, 'ended', 'NeedsReview', priority,
                       CASE WHEN n % 2 = 0 THEN ARRAY['FaceMismatch'] ELSE ARRAY['StreamGap', 'TypingMismatch'] END, 3, opened, opened
                FROM made RETURNING id
            ), frames AS (
                INSERT INTO proctoring.session_frames (session_id, frame, received_at, faces_found, match_score, liveness)
                SELECT m.session_id, f, m.opened + make_interval(secs => f * 5), 1, 0.3, 0.9 FROM made m, generate_series(1, 3) AS f
                RETURNING session_id
            )
            INSERT INTO proctoring.review_cases (id, session_id, learner_id, course_id, priority, status, opened_at)
            SELECT case_id, session_id, @LearnerId, @CourseId, priority, 'open', opened FROM made
            """,
            new { learner.LearnerId, learner.CourseId, count = Cases, now = app.Time.GetUtcNow() });
    }

    private static async Task<(double Median, double P95, double Max)> TimeAsync(Func<Task> request)
    {
        await request();
        var times = new List<double>(Rounds);
        for (var i = 0; i < Rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await request();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[Rounds / 2], times[(int)(Rounds * 0.95)], times[^1]);
    }
}
