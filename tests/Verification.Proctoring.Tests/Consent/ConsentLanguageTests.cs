using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Consent;

/// <summary>The consent text is shown in the learner's language where translated, and the acceptance records which one they read.</summary>
public sealed class ConsentLanguageTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Theory]
    [InlineData("ar", "ar", "سحب", "الجدول الكامل")]
    [InlineData("ar-EG", "ar", "سحب", "الجدول الكامل")]
    [InlineData("zh-CN", "zh-CN", "撤回", "完整的保留期限")]
    [InlineData("hi-IN", "hi", "वापस", "पूरी समय-सारणी")]
    [InlineData("es-MX", "es", "retirar", "El calendario completo")]
    [InlineData("fr-FR", "en", "withdraw", "The full schedule")]
    [InlineData("zz'; DROP TABLE proctoring.consents; --", "en", "withdraw", "The full schedule")]
    public async Task Serves_the_current_version_in_the_language_asked_for_else_in_english_its_retention_sentence_too(string asked, string served, string word, string retention)
    {
        var learner = await app.CreateLearnerAsync("Lang Reader");
        var token = await app.TokenAsync(learner);

        using var response = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent?language={Uri.EscapeDataString(asked)}", token);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = body.RootElement.GetProperty("current");
        Assert.Equal(1, current.GetProperty("version").GetInt32());
        Assert.Equal(served, current.GetProperty("language").GetString());
        var text = current.GetProperty("text").GetString()!;
        Assert.Contains(word, text, StringComparison.Ordinal);
        Assert.DoesNotContain("{retention}", text, StringComparison.Ordinal);
        Assert.Contains(retention, text, StringComparison.Ordinal);
        Assert.Equal(served == "en", text.Contains("We keep", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ar", "ar")]
    [InlineData("zh-cn", "zh-CN")]
    [InlineData("xx", "en")]
    [InlineData(null, "en")]
    public async Task Records_the_language_the_accepted_version_was_read_in_and_the_export_shows_it(string? language, string recorded)
    {
        var learner = await app.CreateLearnerAsync("Lang Accepter");
        var token = await app.TokenAsync(learner);

        using var accept = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/consent", token, JsonContent.Create(new { version = 1, language }));
        using var body = JsonDocument.Parse(await accept.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Equal(recorded, body.RootElement.GetProperty("language").GetString());
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(recorded, await connection.ExecuteScalarAsync<string>("SELECT language FROM proctoring.consents WHERE learner_id = @LearnerId", new { learner.LearnerId }));
        Assert.Contains($"\"language\":\"{recorded}\"", await connection.ExecuteScalarAsync<string>(
            "SELECT data::text FROM audit.entries WHERE action = 'consent.accepted' AND subject = @subject", new { subject = $"learner:{learner.LearnerId}" }), StringComparison.Ordinal);
        using var export = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/data", token);
        using var data = JsonDocument.Parse(await export.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var exported = Assert.Single(data.RootElement.GetProperty("consents").EnumerateArray());
        Assert.Equal(1, exported.GetProperty("version").GetInt32());
        Assert.Equal(recorded, exported.GetProperty("language").GetString());
    }
}
