namespace Verification.Research.Sessions;

/// <summary>
/// The honest population, "exactly one face per frame", decided from the photos before any session is run and
/// apart from the session rule's limits: every frame an honest session of the learner shows has a face, and the
/// detector finds no other face in it at its own score floor (0.65, below the rule's 0.70) and of any size (the rule
/// counts only faces of at least the gate's minimum side). Judged on the plain photo, so a degraded session of the same
/// photos belongs to the same population.
/// </summary>
public static class OneFaceCriterion
{
    public const string NoFace = "a frame with no face found";
    public const string SecondFace = "a frame with a second face found (detector floor 0.65, any size)";

    /// <summary>Why the learner's honest sessions are outside the population; null when every frame shows exactly one face.</summary>
    public static string? Exclusion(EnrolledUser learner, SessionSetup setup, FrameLibrary library)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(library);
        var secondFace = false;
        for (var f = 0; f < setup.Frames; f++)
        {
            var analysis = library.Get(SessionSimulator.OwnPhoto(learner, f), FrameVariant.Session).Analysis;
            if (analysis.Face is null)
            {
                return NoFace;
            }

            secondFace |= analysis.OtherFaces.Count > 0;
        }

        return secondFace ? SecondFace : null;
    }
}
