using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Privacy;

/// <summary>
/// A whole learner's life (enrollment, a flagged session with a typing check, a review, export, erasure) with every log
/// event captured: none may carry image bytes, embedding values, keystroke timings, tokens, keys, passwords, names or emails.
/// </summary>
public sealed partial class LogScanTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    private const string Passphrase = "a long reviewer passphrase for the log scan";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_scenario_logs_no_image_embedding_timing_token_key_password_name_or_email()
    {
        var mark = app.Factory.Log.Mark();
        var (learner, token) = await app.ConsentingLearnerAsync("Marguerite Logscanova");
        await app.UploadEverythingAsync(learner, token, FaceSet.Enrolled.Person, FaceSet.Enrolled.Typist, FaceSet.EnrollmentTypingSkip);
        using (var complete = await app.CompleteAsync(learner, token))
        {
            await Enrollments.EnsureOkAsync(complete);
        }

        await using (var player = await Hubs.StartSessionAsync(app, "json", learner))
        {
            foreach (var frame in FaceSet.Impostor.SessionFrames.Take(3))
            {
                await player.SendFrameAndWaitAsync(frame);
            }

            await player.SendKeystrokesAsync(FaceSet.Enrolled.TypingCheck(0));
            Assert.Equal("NeedsReview", (await player.EndAsync()).Verdict);
        }

        var (reviewerEmail, oneTime) = await ReviewAsync(learner);
        using (var archive = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/data/archive", token))
        {
            Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
            using var zip = new System.IO.Compression.ZipArchive(await archive.Content.ReadAsStreamAsync(Cancel));
            await using var data = await zip.GetEntry("data.json")!.OpenAsync(Cancel);
            using var document = await JsonDocument.ParseAsync(data, cancellationToken: Cancel);
            var check = Assert.Single(document.RootElement.GetProperty("proctoring").GetProperty("typingChecks").EnumerateArray().ToList());
            Assert.True(check.GetProperty("usable").GetBoolean());
            Assert.Equal(JsonValueKind.Number, check.GetProperty("genuineProbability").ValueKind);
        }

        using (var erased = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/data", token))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }

        var log = Render(app.Factory.Log.Since(mark));
        var image = FaceImages.Of(FaceSet.Enrolled.Person, 1)[0];
        string[] secrets =
        [
            learner.FullName, "Logscanova", "Reviewerova", "@example.org", reviewerEmail, token, oneTime, Passphrase, app.PlatformApiKey,
            ProctoringHostFactory.EncryptionKey, ProctoringHostFactory.SigningKey, Convert.ToBase64String(image.AsSpan(0, 24)), Convert.ToHexString(image.AsSpan(0, 24)),
        ];

        Assert.NotEmpty(log);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, log, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotMatch(Jwt(), log);
        Assert.DoesNotMatch(NumberRun(), log);
    }

    private async Task<(string Email, string OneTime)> ReviewAsync(TestLearner learner)
    {
        using var reviewer = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var email = $"{Guid.CreateVersion7():N}@example.org";
        string oneTime;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateStaffMember(email, "Rosalind Reviewerova", StaffRoles.Reviewer, "test"), Cancel);
            oneTime = created.Created!.OneTimePassword;
        }

        using (var signedIn = await reviewer.PostAsJsonAsync("/api/v1/staff/sign-in", new { email, password = oneTime, newPassword = Passphrase }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        }

        using var cases = JsonDocument.Parse(await reviewer.GetStringAsync(new Uri("/api/v1/review-cases", UriKind.Relative), Cancel));
        var caseId = cases.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("learnerId").GetGuid() == learner.LearnerId).GetProperty("caseId").GetGuid();
        using var decision = await reviewer.PostAsJsonAsync($"/api/v1/review-cases/{caseId}/decision", new { decision = "approved", note = "Rosalind saw the same person" }, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, decision.StatusCode);
        return (email, oneTime);
    }

    /// <summary>Each event as an operator's sink would see it: the rendered message, every property and any exception.</summary>
    private static string Render(IEnumerable<Serilog.Events.LogEvent> events)
    {
        var text = new StringBuilder();
        foreach (var e in events)
        {
            text.AppendLine(e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (name, value) in e.Properties)
            {
                text.Append(name).Append('=').AppendLine(value.ToString());
            }

            text.AppendLine(e.Exception?.ToString());
        }

        return text.ToString();
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex Jwt();

    // Sixteen numbers in a row: an embedding, a template or a list of key timings.
    [GeneratedRegex(@"(-?\d+(\.\d+)?(E-?\d+)?\s*[,;]\s*){16,}")]
    private static partial Regex NumberRun();
}
