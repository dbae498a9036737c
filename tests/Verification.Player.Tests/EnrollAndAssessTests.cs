using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Verification.Proctoring.Contracts;
using Verification.Player.Tests.Support;
using Verification.Testing;

namespace Verification.Player.Tests;

/// <summary>
/// The demo learner enrolls in headless Chromium with Tony Blair's face on the fake camera, an LFW photo of him as the
/// ID, and the phrase typed through real key events; then takes assessments with him, or with someone else, on camera.
/// </summary>
public sealed class EnrollAndAssessTests(PlayerFixture fixture, ITestOutputHelper output) : IClassFixture<PlayerFixture>
{
    private const string Learner = "Tony_Blair";
    private const string Impostor = "Jennifer_Capriati";
    private const int TypistSeed = 11;

    [Fact]
    public async Task A_learner_who_enrolls_with_their_face_and_typing_is_verified_in_an_assessment()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        await fixture.OnceAsync(() => EnrollAsync(lfw));

        var watch = Stopwatch.StartNew();
        var player = await PlayerPage.OpenAsync(await LearnerCameraAsync(lfw), fixture.Address, "a-verified", "quiz-1");
        await player.SignInAsync();
        await player.Page.Locator("#screen-ready").WaitForAsync();
        await player.StartAssessmentAsync(new Typist(TypistSeed));
        await player.CheckAccessibilityAsync("assessment");
        await player.WaitForCheckedFramesAsync(4);
        var (verdict, flags, text) = await player.SubmitAsync("10-outcome-verified");
        await player.CheckAccessibilityAsync("outcome");
        output.WriteLine($"assessment with the enrolled learner: {watch.Elapsed.TotalSeconds:F1} s, verdict {verdict}, flags [{flags}]");

        Assert.Equal("Verified", verdict);
        Assert.Equal("", flags);
        Assert.Equal("Verified", text);
    }

    [Fact]
    public async Task Another_person_in_front_of_the_camera_sends_the_assessment_to_review_for_face_mismatch()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        await fixture.OnceAsync(() => EnrollAsync(lfw));

        var watch = Stopwatch.StartNew();
        var impostor = await fixture.BrowserWithCameraAsync(Impostor, Photos(lfw, Impostor, 0, 5));
        var player = await PlayerPage.OpenAsync(impostor, fixture.Address, "b-needs-review", "quiz-2");
        await player.SignInAsync();
        await player.Page.Locator("#screen-ready").WaitForAsync();
        await player.StartAssessmentAsync(new Typist(TypistSeed));
        await player.WaitForCheckedFramesAsync(4);
        var (verdict, flags, text) = await player.SubmitAsync("10-outcome-needs-review");
        await player.CheckAccessibilityAsync("outcome");
        output.WriteLine($"assessment with another person: {watch.Elapsed.TotalSeconds:F1} s, verdict {verdict}, flags [{flags}]");

        Assert.Equal("NeedsReview", verdict);
        Assert.Contains("FaceMismatch", flags.Split(' '));
        Assert.Equal("A person will review this session; your certificate is held, not refused.", text);
    }

    [Fact]
    public async Task A_start_refused_while_the_node_has_its_limit_of_starts_in_flight_shows_busy_and_goes_on_by_itself_when_a_place_frees()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        await fixture.OnceAsync(() => EnrollAsync(lfw));
        var player = await PlayerPage.OpenAsync(await LearnerCameraAsync(lfw), fixture.Address, "c-busy", "quiz-3");
        await player.SignInAsync();
        await player.Page.Locator("#screen-ready").WaitForAsync();

        // Every place among the starts in flight taken, as by a burst of other players.
        var places = new List<SessionAdmission>();
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            for (var admitted = true; admitted;)
            {
                var admission = await mediator.Send(new GetSessionAdmission(), TestContext.Current.CancellationToken);
                admitted = admission.Refusal is null;
                places.Add(admission);
            }
        }

        var opening = player.OpenAssessmentAsync();
        await player.Page.WaitForFunctionAsync("() => document.getElementById('session-status').textContent.includes('busy')");
        var shown = await player.Page.Locator("#session-status").InnerTextAsync();
        var stillOpening = !opening.IsCompleted;
        foreach (var place in places)
        {
            place.Dispose();
        }

        var phrase = await opening;
        var sessionId = await player.Page.EvaluateAsync<string?>("() => document.body.dataset.sessionId ?? null");
        await player.TypeCheckAsync(new Typist(TypistSeed), phrase);
        await player.WaitForCheckedFramesAsync(2);
        var (verdict, _, _) = await player.SubmitAsync("10-outcome-after-busy");

        Assert.Matches("^The identity check is busy\\. Trying again in [0-9]+ s", shown);
        Assert.True(stillOpening);
        Assert.False(string.IsNullOrEmpty(sessionId));
        Assert.Contains(verdict, new[] { "Verified", "NeedsReview" });
    }

    /// <summary>The enrollment both scenarios start from, once per class, with its screens checked on the way.</summary>
    private async Task EnrollAsync(string lfw)
    {
        var watch = Stopwatch.StartNew();
        var player = await PlayerPage.OpenAsync(await LearnerCameraAsync(lfw), fixture.Address, "enrollment");
        await player.CheckAccessibilityAsync("sign-in");
        await player.SignInAsync();
        await player.CheckAccessibilityAsync("consent");
        await player.AcceptConsentAsync();
        var refused = await player.CaptureFaceAsync();
        await player.CheckAccessibilityAsync("photo ID");
        // The ID is a photo the camera never showed: a different picture of the same person.
        await player.UploadIdPhotoAsync(Photos(lfw, Learner, 13, 1)[0]);
        await player.CheckAccessibilityAsync("typing");
        await player.TypeEnrollmentSamplesAsync(new Typist(TypistSeed));
        await player.CheckAccessibilityAsync("enrolled");
        await player.Page.Context.CloseAsync();
        output.WriteLine($"enrollment through the page: {watch.Elapsed.TotalSeconds:F1} s, {refused} face photos refused on the way");
    }

    private Task<Microsoft.Playwright.IBrowser> LearnerCameraAsync(string lfw) => fixture.BrowserWithCameraAsync(Learner, Photos(lfw, Learner, 0, 5));

    private static string[] Photos(string lfw, string person, int skip, int take) =>
        [.. Directory.GetFiles(Path.Combine(lfw, person), "*.jpg").Order(StringComparer.Ordinal).Skip(skip).Take(take)];
}
