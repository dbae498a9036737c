using System.Diagnostics;
using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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
    private static readonly Guid DemoLearner = new("01935f00-0000-7000-8000-000000000004");

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

    [Fact]
    public async Task Typing_a_text_answer_sends_only_key_classes_and_timings_never_a_typed_character_or_a_key_code()
    {
        const string Answer = "Honest work: mine alone!";
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        await fixture.OnceAsync(() => EnrollAsync(lfw));
        var player = await PlayerPage.OpenAsync(await LearnerCameraAsync(lfw), fixture.Address, "d-answer-typing", "quiz-4");
        var sent = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        var capturing = false;
        player.Page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) =>
        {
            if (Volatile.Read(ref capturing))
            {
                sent.Enqueue(frame.Binary ?? System.Text.Encoding.UTF8.GetBytes(frame.Text ?? ""));
            }
        };
        await player.SignInAsync();
        await player.Page.Locator("#screen-ready").WaitForAsync();
        await player.StartAssessmentAsync(new Typist(TypistSeed));

        Volatile.Write(ref capturing, true);
        var answer = player.Page.Locator("#answer-text");
        await answer.FocusAsync();
        await player.Page.Keyboard.TypeAsync(Answer + "x", new() { Delay = 60 });
        await player.Page.Keyboard.PressAsync("Backspace", new() { Delay = 60 });
        var typed = await answer.InputValueAsync();
        await player.SubmitAsync("11-outcome-after-answer");
        Volatile.Write(ref capturing, false);

        // Frames other than the pictures: the answer's batches, EndSession and SignalR's pings.
        var frames = sent.Select(f => System.Text.Encoding.Latin1.GetString(f)).Where(f => !f.Contains("SendFrame", StringComparison.Ordinal)).ToList();
        var batches = frames.Where(f => f.Contains("SendAnswerTyping", StringComparison.Ordinal)).ToList();
        string[] keyCodes = ["KeyH", "KeyO", "KeyN", "KeyE", "KeyS", "KeyT", "KeyW", "Space", "Semicolon", "ShiftLeft", "ShiftRight", "Backspace", "Digit1", "Unidentified"];
        // Words of four letters or more: a shorter run of bytes may turn up inside a binary number by chance.
        string[] typedText = ["Honest", "work", "mine", "alone", "work: mine"];
        Assert.Equal(Answer, typed);
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.Contains("Class", b, StringComparison.Ordinal));
        Assert.All(batches, b => Assert.Contains("Down", b, StringComparison.Ordinal));
        foreach (var frame in frames)
        {
            Assert.All(keyCodes, code => Assert.DoesNotContain(code, frame, StringComparison.Ordinal));
            Assert.All(typedText, text => Assert.DoesNotContain(text, frame, StringComparison.Ordinal));
        }

        var sessionId = Guid.Parse(await player.Page.EvaluateAsync<string>("() => document.body.dataset.sessionId"));
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT coalesce(sum(key_presses), 0)::int FROM proctoring.session_answer_typing WHERE session_id = @id", connection);
        command.Parameters.AddWithValue("id", sessionId);
        var keyPresses = (int)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        output.WriteLine($"answer typing: {batches.Count} batches, {keyPresses} key presses kept, {frames.Count} frames other than pictures inspected");
        // Every character, the x and its Backspace, and a Shift for each shifted character if the keyboard pressed one.
        Assert.InRange(keyPresses, Answer.Length + 2, Answer.Length + 2 + 3);
    }

    [Fact]
    public async Task A_learner_whose_consent_predates_answer_typing_is_offered_the_new_text_may_keep_the_old_one_and_no_answer_typing_is_sent_after_the_refusal()
    {
        var lfw = SharedData.RequireDirectory("face/lfw");
        await fixture.StartAsync();
        await fixture.OnceAsync(() => EnrollAsync(lfw));
        var cancel = TestContext.Current.CancellationToken;
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync(cancel);
        // The demo learner's acceptance as the service recorded it while version 1 (no answer typing) was current.
        var current = await connection.ExecuteScalarAsync<Guid>(
            "SELECT id FROM proctoring.consents WHERE learner_id = @DemoLearner AND withdrawn_at IS NULL", new { DemoLearner });
        var older = Guid.NewGuid();
        await connection.ExecuteAsync("""
            UPDATE proctoring.consents SET withdrawn_at = now() WHERE id = @current;
            INSERT INTO proctoring.consents (id, learner_id, version, language, covers, accepted_at)
            SELECT @older, @DemoLearner, 1, 'en', covers, now() FROM proctoring.consent_texts WHERE version = 1;
            """, new { current, older, DemoLearner });
        try
        {
            var player = await PlayerPage.OpenAsync(await LearnerCameraAsync(lfw), fixture.Address, "e-consent-version-1", "quiz-5");
            var answerBatches = 0;
            var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            static string Read(IWebSocketFrame frame) => System.Text.Encoding.Latin1.GetString(frame.Binary ?? System.Text.Encoding.UTF8.GetBytes(frame.Text ?? ""));
            player.Page.WebSocket += (_, socket) =>
            {
                socket.FrameSent += (_, frame) =>
                {
                    if (Read(frame).Contains("SendAnswerTyping", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref answerBatches);
                    }
                };
                socket.FrameReceived += (_, frame) =>
                {
                    if (Read(frame).Contains("answer_typing_not_consented", StringComparison.Ordinal))
                    {
                        refused.TrySetResult();
                    }
                };
            };
            await player.SignInAsync();
            await player.Visible("#consent-updated");
            await player.Visible("#consent-keep");
            Assert.False(await player.Page.Locator("#consent-decline").IsVisibleAsync(), "the alternatives (nothing collected) offered to a learner already enrolled");
            await player.CheckAccessibilityAsync("consent offered again");
            await player.PressAsync("consent.keep");
            await player.Page.Locator("#screen-ready").WaitForAsync();
            await player.StartAssessmentAsync(new Typist(TypistSeed));
            await player.Page.Locator("#answer-text").FocusAsync();
            // One batch's worth of keys (50), refused; then two more batches' worth, of which nothing leaves the page.
            await player.Page.Keyboard.TypeAsync(string.Concat(Enumerable.Repeat("my own answer ", 4)), new() { Delay = 40 });
            await refused.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel);
            await player.Page.Keyboard.TypeAsync(string.Concat(Enumerable.Repeat("my own answer ", 7)), new() { Delay = 40 });
            var (verdict, _, text) = await player.SubmitAsync("12-outcome-consent-version-1");

            var sessionId = Guid.Parse(await player.Page.EvaluateAsync<string>("() => document.body.dataset.sessionId"));
            Assert.Equal(1, Volatile.Read(ref answerBatches));
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.session_answer_typing WHERE session_id = @sessionId", new { sessionId }));
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT version FROM proctoring.consents WHERE learner_id = @DemoLearner AND withdrawn_at IS NULL", new { DemoLearner }));
            Assert.Contains(verdict, new[] { "Verified", "NeedsReview" });
            Assert.DoesNotContain("consent", text, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("", await player.Page.Locator("#assessment-error").InnerTextAsync());
        }
        finally
        {
            await connection.ExecuteAsync("""
                DELETE FROM proctoring.consents WHERE id = @older;
                UPDATE proctoring.consents SET withdrawn_at = NULL WHERE id = @current;
                """, new { current, older });
        }
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
