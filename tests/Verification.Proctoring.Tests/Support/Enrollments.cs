using System.Net.Http.Headers;
using Verification.Matching.Keystroke;

namespace Verification.Proctoring.Tests.Support;

/// <summary>Identity enrollment through the HTTP API, as a course player does it.</summary>
public static class Enrollments
{
    /// <summary>The LFW person whose photos enroll (first four as webcam frames, the fifth as the ID photo) and a CMU typist.</summary>
    public const string Person = "Jacques_Chirac";

    public const string OtherPerson = "Bill_Gates";

    public const string Typist = "s002";

    public static ByteArrayContent Image(byte[] bytes, string mediaType = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    public static Task<HttpResponseMessage> UploadFrameAsync(this ProctoringApp app, TestLearner learner, string token, byte[] image) =>
        app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/frames", token, Image(image));

    public static Task<HttpResponseMessage> UploadIdPhotoAsync(this ProctoringApp app, TestLearner learner, string token, byte[] image) =>
        app.SendAsync(HttpMethod.Put, $"/api/v1/learners/{learner.LearnerId}/identity/id-photo", token, Image(image));

    public static Task<HttpResponseMessage> UploadTypingAsync(this ProctoringApp app, TestLearner learner, string token, IReadOnlyList<RawKeyEvent> events) =>
        app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/typing-samples", token, CmuTyping.Body(events));

    public static Task<HttpResponseMessage> CompleteAsync(this ProctoringApp app, TestLearner learner, string token) =>
        app.SendAsync(HttpMethod.Post, $"/api/v1/learners/{learner.LearnerId}/identity/complete", token);

    /// <summary>Frames, ID photo and the keystroke core's minimum of typing samples, each asserted accepted; does not complete.</summary>
    public static async Task UploadEverythingAsync(
        this ProctoringApp app, TestLearner learner, string token, string person = Person, string typist = Typist, int typingSkip = 0)
    {
        var photos = FaceImages.Of(person, 5);
        foreach (var frame in photos.Take(4))
        {
            using var response = await app.UploadFrameAsync(learner, token, frame);
            await EnsureOkAsync(response);
        }

        using (var id = await app.UploadIdPhotoAsync(learner, token, photos[4]))
        {
            await EnsureOkAsync(id);
        }

        foreach (var sample in CmuTyping.Samples(typist, KeystrokeProfile.MinimumEnrollmentSamples, typingSkip))
        {
            using var response = await app.UploadTypingAsync(learner, token, sample);
            await EnsureOkAsync(response);
        }
    }

    /// <summary>A consenting learner with a complete identity profile of <see cref="Person"/> typing as <see cref="Typist"/>.</summary>
    public static async Task<(TestLearner Learner, string Token)> EnrolledLearnerAsync(this ProctoringApp app, string fullName)
    {
        var (learner, token) = await app.ConsentingLearnerAsync(fullName);
        await app.UploadEverythingAsync(learner, token);
        using var complete = await app.CompleteAsync(learner, token);
        await EnsureOkAsync(complete);
        return (learner, token);
    }

    public static async Task EnsureOkAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }
    }
}
