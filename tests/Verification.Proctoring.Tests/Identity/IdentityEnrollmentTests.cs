using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks.Encryption;
using Verification.Matching.Face;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Identity;
using Verification.Proctoring.Tests.Support;

namespace Verification.Proctoring.Tests.Identity;

public sealed class IdentityEnrollmentTests(ProctoringApp app) : IClassFixture<ProctoringApp>
{
    [Fact]
    public async Task Enrolls_a_learner_from_good_frames_a_matching_id_photo_and_real_typing()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Jacques Learner");
        await app.UploadEverythingAsync(learner, token);

        using var complete = await app.CompleteAsync(learner, token);
        await Enrollments.EnsureOkAsync(complete);
        using var body = JsonDocument.Parse(await complete.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("enrolled", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("version").GetInt32());
        var profile = await LoadProfileAsync(learner.LearnerId);
        Assert.NotNull(profile);
        Assert.Equal(4, profile.Face.Count);
        Assert.Equal(KeystrokeProfile.MinimumEnrollmentSamples, profile.Typing!.SampleCount);
        Assert.Equal(ProctoringHostFactory.TypingPhrase, profile.TypingPhrase);
        Assert.True(profile.IdPhotoScore >= app.Factory.Services.GetRequiredService<FaceOptions>().MatchThreshold);
        // The person's sixth photo, never uploaded, matches the template; another person's does not.
        var engine = app.Factory.Services.GetRequiredService<FaceEngine>();
        var unseen = engine.Analyze(FaceImages.Of(Enrollments.Person, 6)[5], QualityGateSettings.None).Embedding!;
        var stranger = engine.Analyze(FaceImages.Of(Enrollments.OtherPerson, 1)[0], QualityGateSettings.None).Embedding!;
        Assert.True(profile.Face.Score(unseen) > profile.Face.Score(stranger));

        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await CountAuditAsync("identity.enrolled", learner.LearnerId));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.enrollment_frames WHERE learner_id = @LearnerId", new { learner.LearnerId }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.enrollment_typing_samples WHERE learner_id = @LearnerId", new { learner.LearnerId }));
        var deleteAfter = await connection.ExecuteScalarAsync<DateTime>("SELECT delete_after FROM proctoring.id_photos WHERE learner_id = @LearnerId", new { learner.LearnerId });
        Assert.Equal(app.Time.GetUtcNow().AddDays(30).UtcDateTime, deleteAfter);
        var stored = await connection.ExecuteScalarAsync<byte[]>("SELECT face_template FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", new { learner.LearnerId });
        Assert.False(stored!.AsSpan().IndexOf(profile.Face.ToBytes().AsSpan(0, 64)) >= 0, "The face template is stored in the clear.");
        var plain = await connection.QuerySingleAsync<(float? Score, string? Phrase, int SealedScoreBytes)>(
            "SELECT id_photo_score, typing_phrase, length(id_photo_score_sealed) FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", new { learner.LearnerId });
        Assert.Null(plain.Score);
        Assert.Null(plain.Phrase);
        Assert.True(plain.SealedScoreBytes > sizeof(float), "the ID-photo score is not sealed");
    }

    public static TheoryData<string, string> PoorPictures => new()
    {
        { "dark", "too_dark" },
        { "blurred", "blurred" },
        { "landscape", "no_face" },
        { "two people", "several_faces" },
        { "far away", "face_too_small" },
        { "turned away", "turned_away" },
    };

    [Theory]
    [MemberData(nameof(PoorPictures))]
    public async Task Refuses_a_poor_picture_with_its_reason_code_and_an_actionable_sentence(string picture, string code)
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Poor Picture " + picture);
        var photo = FaceImages.Of(Enrollments.Person, 1)[0];
        var image = picture switch
        {
            "dark" => FaceImages.Darkened(photo),
            "blurred" => FaceImages.Blurred(photo),
            "landscape" => FaceImages.Landscape(),
            "two people" => FaceImages.SideBySide(photo, FaceImages.Of(Enrollments.OtherPerson, 1)[0]),
            "far away" => FaceImages.FarAway(photo),
            // A real photo whose head pose the pose model puts well past the enrollment limit.
            _ => FaceImages.Of("Colin_Farrell", 1)[0],
        };

        using var response = await app.UploadFrameAsync(learner, token, image);
        var detail = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, code);

        Assert.EndsWith(".", detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountFramesAsync(learner.LearnerId));
    }

    [Fact]
    public async Task Accepts_the_same_photo_as_png_and_as_a_multipart_file_but_refuses_an_oversized_or_non_image_upload()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Formats Learner");
        var photo = FaceImages.Of(Enrollments.Person, 1)[0];
        using var form = new MultipartFormDataContent { { Enrollments.Image(photo), "frame", "frame.jpg" } };

        using var png = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/frames", token, Enrollments.Image(FaceImages.ToPng(photo), "image/png"));
        using var multipart = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/frames", token, form);
        using var huge = await app.UploadFrameAsync(learner, token, new byte[(4 * 1024 * 1024) + 1]);
        using var text = await app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/frames", token, new StringContent("hello"));

        await Enrollments.EnsureOkAsync(png);
        await Enrollments.EnsureOkAsync(multipart);
        await Problems.AssertAsync(huge, HttpStatusCode.RequestEntityTooLarge, "image_too_large");
        await Problems.AssertAsync(text, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal(2, await CountFramesAsync(learner.LearnerId));
    }

    [Fact]
    public async Task Refuses_an_id_photo_of_another_person_with_id_photo_mismatch()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Mismatch Learner");
        foreach (var frame in FaceImages.Of(Enrollments.Person, 3))
        {
            using var accepted = await app.UploadFrameAsync(learner, token, frame);
            await Enrollments.EnsureOkAsync(accepted);
        }

        using var response = await app.UploadIdPhotoAsync(learner, token, FaceImages.Of(Enrollments.OtherPerson, 1)[0]);

        await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "id_photo_mismatch");
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.id_photos WHERE learner_id = @LearnerId", new { learner.LearnerId }));
    }

    [Fact]
    public async Task Asks_for_the_face_frames_before_the_id_photo()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Id First Learner");

        using var response = await app.UploadIdPhotoAsync(learner, token, FaceImages.Of(Enrollments.Person, 5)[4]);

        await Problems.AssertAsync(response, HttpStatusCode.Conflict, "face_frames_first");
    }

    [Fact]
    public async Task Refuses_an_unusable_typing_sample_with_the_readers_reason()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Typo Learner");
        var sample = CmuTyping.Samples(Enrollments.Typist, 1)[0];

        using var corrected = await app.UploadTypingAsync(learner, token, CmuTyping.WithCorrection(sample));
        using var truncated = await app.UploadTypingAsync(learner, token, [.. sample.Take(sample.Count - 6)]);
        using var good = await app.UploadTypingAsync(learner, token, sample);

        await Problems.AssertAsync(corrected, HttpStatusCode.UnprocessableEntity, "typing_sample_unusable");
        Assert.Equal(KeystrokeRejectionCodes.Correction, await ReasonAsync(corrected));
        await Problems.AssertAsync(truncated, HttpStatusCode.UnprocessableEntity, "typing_sample_unusable");
        await Enrollments.EnsureOkAsync(good);
    }

    [Fact]
    public async Task Shows_what_is_missing_and_refuses_to_complete_until_it_is_there()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Incomplete Learner");
        foreach (var frame in FaceImages.Of(Enrollments.Person, 2))
        {
            using var accepted = await app.UploadFrameAsync(learner, token, frame);
            await Enrollments.EnsureOkAsync(accepted);
        }

        using var status = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/identity", token);
        using var statusBody = JsonDocument.Parse(await status.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var complete = await app.CompleteAsync(learner, token);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(2, statusBody.RootElement.GetProperty("faceFrames").GetProperty("accepted").GetInt32());
        Assert.Equal(3, statusBody.RootElement.GetProperty("faceFrames").GetProperty("required").GetInt32());
        Assert.Equal(["face_frames", "id_photo", "typing_samples"], statusBody.RootElement.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ProctoringHostFactory.TypingPhrase, statusBody.RootElement.GetProperty("typingPhrase").GetString());
        await Problems.AssertAsync(complete, HttpStatusCode.Conflict, "enrollment_incomplete");
        Assert.Null(await LoadProfileAsync(learner.LearnerId));
    }

    [Fact]
    public async Task Right_after_completing_the_status_describes_the_enrolled_profile_with_nothing_missing()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Status Learner");
        await app.UploadEverythingAsync(learner, token);
        using var complete = await app.CompleteAsync(learner, token);
        await Enrollments.EnsureOkAsync(complete);

        using var status = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learner.LearnerId}/identity", token);
        using var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = body.RootElement;

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Empty(root.GetProperty("missing").EnumerateArray());
        Assert.True(root.GetProperty("idPhotoAccepted").GetBoolean());
        Assert.Equal(root.GetProperty("faceFrames").GetProperty("required").GetInt32(), root.GetProperty("faceFrames").GetProperty("accepted").GetInt32());
        Assert.Equal(KeystrokeProfile.MinimumEnrollmentSamples, root.GetProperty("typingSamples").GetProperty("accepted").GetInt32());
        Assert.Equal(1, root.GetProperty("profile").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Accepts_nothing_biometric_without_consent()
    {
        var learner = await app.CreateLearnerAsync("No Consent Learner");
        var token = await app.TokenAsync(learner);

        using var frame = await app.UploadFrameAsync(learner, token, FaceImages.Of(Enrollments.Person, 1)[0]);
        using var id = await app.UploadIdPhotoAsync(learner, token, FaceImages.Of(Enrollments.Person, 1)[0]);
        using var typing = await app.UploadTypingAsync(learner, token, CmuTyping.Samples(Enrollments.Typist, 1)[0]);
        using var complete = await app.CompleteAsync(learner, token);

        await Problems.AssertAsync(frame, HttpStatusCode.Forbidden, "consent_missing");
        await Problems.AssertAsync(id, HttpStatusCode.Forbidden, "consent_missing");
        await Problems.AssertAsync(typing, HttpStatusCode.Forbidden, "consent_missing");
        await Problems.AssertAsync(complete, HttpStatusCode.Forbidden, "consent_missing");
        Assert.Equal(0, await CountFramesAsync(learner.LearnerId));
    }

    [Fact]
    public async Task Stops_collecting_once_consent_is_withdrawn()
    {
        var (learner, token) = await app.ConsentingLearnerAsync("Withdrawn Learner");
        var photos = FaceImages.Of(Enrollments.Person, 2);
        using (var before = await app.UploadFrameAsync(learner, token, photos[0]))
        {
            await Enrollments.EnsureOkAsync(before);
        }

        using (var withdraw = await app.SendAsync(HttpMethod.Delete, $"/api/v1/learners/{learner.LearnerId}/consent", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdraw.StatusCode);
        }

        using var after = await app.UploadFrameAsync(learner, token, photos[1]);
        using var typing = await app.UploadTypingAsync(learner, token, CmuTyping.Samples(Enrollments.Typist, 1)[0]);

        await Problems.AssertAsync(after, HttpStatusCode.Forbidden, "consent_missing");
        await Problems.AssertAsync(typing, HttpStatusCode.Forbidden, "consent_missing");
        Assert.Equal(0, await CountFramesAsync(learner.LearnerId));
        Assert.False(await app.Factory.Services.GetRequiredService<IdentityProfiles>().HasActiveConsentAsync(learner.LearnerId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_token_of_learner_a_cannot_enroll_learner_b()
    {
        var (_, tokenA) = await app.ConsentingLearnerAsync("Learner A");
        var (learnerB, _) = await app.ConsentingLearnerAsync("Learner B");

        using var frame = await app.UploadFrameAsync(learnerB, tokenA, FaceImages.Of(Enrollments.Person, 1)[0]);
        using var complete = await app.CompleteAsync(learnerB, tokenA);
        using var status = await app.SendAsync(HttpMethod.Get, $"/api/v1/learners/{learnerB.LearnerId}/identity", tokenA);

        await Problems.AssertAsync(frame, HttpStatusCode.Forbidden, "learner_mismatch");
        await Problems.AssertAsync(complete, HttpStatusCode.Forbidden, "learner_mismatch");
        await Problems.AssertAsync(status, HttpStatusCode.Forbidden, "learner_mismatch");
        Assert.Equal(0, await CountFramesAsync(learnerB.LearnerId));
    }

    [Fact]
    public async Task Re_enrollment_replaces_the_profile_and_is_audited()
    {
        var (learner, token) = await app.EnrolledLearnerAsync("Re Enrolling Learner");
        var first = await LoadProfileAsync(learner.LearnerId);

        // New frames of the same person and later typing (another CMU session) replace the first profile.
        await app.UploadEverythingAsync(learner, token, typingSkip: 50);
        using var again = await app.CompleteAsync(learner, token);
        await Enrollments.EnsureOkAsync(again);
        using var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var second = await LoadProfileAsync(learner.LearnerId);

        Assert.Equal("re_enrolled", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("version").GetInt32());
        Assert.NotEqual(first!.Typing!.ToBytes(), second!.Typing!.ToBytes());
        Assert.Equal(1, await CountAuditAsync("identity.enrolled", learner.LearnerId));
        Assert.Equal(1, await CountAuditAsync("identity.re_enrolled", learner.LearnerId));
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.identity_profiles WHERE learner_id = @LearnerId", new { learner.LearnerId }));
    }

    [Fact]
    public async Task A_profile_copied_into_another_learners_row_does_not_decrypt()
    {
        var (learnerA, _) = await app.EnrolledLearnerAsync("Profile Owner");
        var (learnerB, _) = await app.EnrolledLearnerAsync("Profile Thief");
        await using (var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                """
                UPDATE proctoring.identity_profiles AS b SET face_template = a.face_template
                FROM proctoring.identity_profiles AS a WHERE a.learner_id = @a AND b.learner_id = @b
                """,
                new { a = learnerA.LearnerId, b = learnerB.LearnerId });
        }

        Assert.NotNull(await LoadProfileAsync(learnerA.LearnerId));
        await Assert.ThrowsAsync<DecryptionFailedException>(() => LoadProfileAsync(learnerB.LearnerId));
    }

    private Task<IdentityProfile?> LoadProfileAsync(Guid learnerId) =>
        app.Factory.Services.GetRequiredService<IdentityProfiles>().LoadAsync(learnerId, TestContext.Current.CancellationToken);

    private async Task<int> CountFramesAsync(Guid learnerId)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM proctoring.enrollment_frames WHERE learner_id = @learnerId", new { learnerId });
    }

    private async Task<int> CountAuditAsync(string action, Guid learnerId)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit.entries WHERE action = @action AND subject = @subject", new { action, subject = $"learner:{learnerId}" });
    }

    private static async Task<string?> ReasonAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("reason").GetString();
    }
}
