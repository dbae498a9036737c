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
    [InlineData("ar", "ar", "سحب", "الجدول الكامل", "للإجابات التي تكتبها أثناء التقييمات (أي مجموعة من المفاتيح ومتى فقط، وليس ما تكتبه أبدًا)")]
    [InlineData("ar-EG", "ar", "سحب", "الجدول الكامل", "للإجابات التي تكتبها أثناء التقييمات")]
    [InlineData("zh-CN", "zh-CN", "撤回", "完整的保留期限", "在评分测验中输入答案时的打字节奏（只记录按的是哪一组键以及按键的时间，绝不记录您写的内容）")]
    [InlineData("hi-IN", "hi", "वापस", "पूरी समय-सारणी", "उत्तरों को टाइप करने की आपकी लय (केवल कौन-सा कुंजी समूह और कब, आप क्या लिखते हैं वह कभी नहीं)")]
    [InlineData("es-MX", "es", "retirar", "El calendario completo", "las respuestas de tus evaluaciones (qué grupo de teclas y cuándo, nunca lo que escribes)")]
    [InlineData("fr-FR", "en", "withdraw", "The full schedule", "the answers you write during graded assessments (which group of keys and when, never what you write)")]
    [InlineData("zz'; DROP TABLE proctoring.consents; --", "en", "withdraw", "The full schedule", "which group of keys and when")]
    public async Task Serves_the_current_version_in_the_language_asked_for_else_in_english_its_retention_sentence_and_answer_typing_too(
        string asked, string served, string word, string retention, string answerTyping)
    {
        var learner = await app.CreateLearnerAsync("Lang Reader");
        var token = await app.TokenAsync(learner);

        using var response = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/consent?language={Uri.EscapeDataString(asked)}", token);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var current = body.RootElement.GetProperty("current");
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal(served, current.GetProperty("language").GetString());
        var text = current.GetProperty("text").GetString()!;
        Assert.Contains(word, text, StringComparison.Ordinal);
        Assert.Contains(answerTyping, text, StringComparison.Ordinal);
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

        using var accept = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/consent", token, JsonContent.Create(new { version = 2, language }));
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
        Assert.Equal(2, exported.GetProperty("version").GetInt32());
        Assert.Equal(recorded, exported.GetProperty("language").GetString());
    }

    [Fact]
    public async Task Version_2_is_in_every_language_of_version_1_which_is_kept_as_accepted_without_answer_typing()
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var languages = (await connection.QueryAsync<(int Version, string Language)>(
            "SELECT version, language FROM proctoring.consent_translations ORDER BY language")).ToList();
        var first = languages.Where(l => l.Version == 1).Select(l => l.Language).ToList();
        Assert.Equal(["ar", "es", "hi", "zh-CN"], first);
        Assert.Equal(first, languages.Where(l => l.Version == 2).Select(l => l.Language));
        Assert.Equal([1, 2], await connection.QueryAsync<int>("SELECT version FROM proctoring.consent_texts ORDER BY version"));
        Assert.Equal(["face", "id_photo", "typing"], (await connection.ExecuteScalarAsync<string[]>("SELECT covers FROM proctoring.consent_texts WHERE version = 1"))!);
        Assert.Equal(["face", "id_photo", "typing", "answer_typing"], (await connection.ExecuteScalarAsync<string[]>("SELECT covers FROM proctoring.consent_texts WHERE version = 2"))!);
        var firstText = await connection.ExecuteScalarAsync<string>("SELECT text FROM proctoring.consent_texts WHERE version = 1");
        Assert.DoesNotContain("answers", firstText, StringComparison.Ordinal);
    }
}
