namespace Verification.Research.Sessions.Fitting;

/// <summary>
/// The session-level operating points the evidence levels are chosen for: honest sessions of
/// <paramref name="HonestFrames"/> frames flagged for the face at most <paramref name="FaceHonestRate"/>, judged with
/// impostor sessions of <paramref name="ImpostorFrames"/> frames swapped after <paramref name="SwapAfter"/>; honest sessions
/// flagged by typing alone at most <paramref name="TypingHonestRate"/>, with the fewest typing checks per session (up to
/// <paramref name="MaxTypingChecks"/>) that catch <paramref name="TypingImpostorRate"/> of typing impostors at that level,
/// or, when none does, the fewest within <paramref name="TypingChecksTolerance"/> of the most caught;
/// honest sessions whose typing refines the learner's profile at least <paramref name="TypingRefinementHonestRate"/>.
/// </summary>
public sealed record FitTargets(
    int HonestFrames = 60,
    double FaceHonestRate = 0.002,
    int ImpostorFrames = 6,
    int SwapAfter = 2,
    int MaxTypingChecks = 10,
    double TypingHonestRate = 0.005,
    double TypingImpostorRate = 0.8,
    int FaceSessions = 20_000,
    int TypingSessionsPerSubject = 200,
    int Seed = 17,
    double TypingRefinementHonestRate = 0.95,
    double TypingChecksTolerance = 0.01)
{
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HonestFrames < 1 || ImpostorFrames <= SwapAfter + 2 || SwapAfter < 0)
        {
            problems.Add("frames: honest sessions need a frame, impostor sessions at least three frames after the swap.");
        }

        if (MaxTypingChecks is < 1 or > 20 || TypingImpostorRate is <= 0 or > 1 || TypingChecksTolerance is < 0 or >= 1)
        {
            problems.Add("typing: the curve goes to 1 to 20 checks; the impostor target is a rate above 0; the checks tolerance a rate from 0 to below 1.");
        }

        if (FaceHonestRate is <= 0 or >= 1 || TypingHonestRate is <= 0 or >= 1 || TypingRefinementHonestRate is <= 0 or >= 1 || FaceSessions < 1000 || TypingSessionsPerSubject < 10)
        {
            problems.Add("targets between 0 and 1; at least 1000 simulated face sessions and 10 typing sessions per subject.");
        }

        return problems;
    }
}
