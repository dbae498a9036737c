namespace Verification.Proctoring.Tests.Support;

public static class SessionEnrollment
{
    /// <summary>A consenting learner enrolled through the HTTP API with the person's photos and typist.</summary>
    public static async Task<TestLearner> EnrollAsync(ProctoringApp app, FaceSet set)
    {
        var (learner, token) = await app.ConsentingLearnerAsync($"Learner {Guid.NewGuid():N}"[..16]);
        await app.UploadEverythingAsync(learner, token, set.Person, set.Typist, FaceSet.EnrollmentTypingSkip);
        using var complete = await app.CompleteAsync(learner, token);
        await Enrollments.EnsureOkAsync(complete);
        return learner;
    }
}
