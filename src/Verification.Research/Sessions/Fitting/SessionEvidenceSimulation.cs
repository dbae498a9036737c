using Verification.Matching.Fusion;

namespace Verification.Research.Sessions.Fitting;

/// <summary>One simulated typing session: its lowest evidence, and its final evidence when its checks could refine the profile.</summary>
public sealed record SimulatedTypingSession(double Minimum, double? RefinableEvidence);

/// <summary>
/// The lowest evidence of simulated sessions, run through <see cref="SessionEvidence"/> with the fitted models. Frames
/// are drawn at random from the measured scores, the independence the fusion itself assumes; a session's typing checks
/// from one list, one person in one sitting (<see cref="TypingScores"/>), because those are not independent.
/// </summary>
public static class SessionEvidenceSimulation
{
    private const double Brightness = 120;

    /// <summary>Honest sessions of <paramref name="frames"/> frames drawn from the genuine scores.</summary>
    public static IReadOnlyList<double> HonestFaceMinima(FusionOptions fitted, IReadOnlyList<double> genuine, int frames, int sessions, int seed)
    {
        var random = new Random(seed);
        var minima = new double[sessions];
        for (var s = 0; s < sessions; s++)
        {
            var evidence = new SessionEvidence(fitted);
            var min = double.PositiveInfinity;
            for (var f = 1; f <= frames; f++)
            {
                evidence.Observe(new FrameObservation(f, 1, genuine[random.Next(genuine.Count)], null, Brightness, false));
                min = Math.Min(min, evidence.FaceEvidence);
            }

            minima[s] = min;
        }

        return minima;
    }

    /// <summary>Sessions of <paramref name="swapAfter"/> genuine frames, then impostor frames; the lowest evidence over all and over the first three impostor frames.</summary>
    public static (IReadOnlyList<double> All, IReadOnlyList<double> Within3) ImpostorFaceMinima(
        FusionOptions fitted, IReadOnlyList<double> genuine, IReadOnlyList<double> impostor, int frames, int swapAfter, int sessions, int seed)
    {
        var random = new Random(seed);
        var all = new double[sessions];
        var within3 = new double[sessions];
        for (var s = 0; s < sessions; s++)
        {
            var evidence = new SessionEvidence(fitted);
            all[s] = within3[s] = double.PositiveInfinity;
            for (var f = 1; f <= frames; f++)
            {
                var score = f <= swapAfter ? genuine[random.Next(genuine.Count)] : impostor[random.Next(impostor.Count)];
                evidence.Observe(new FrameObservation(f, 1, score, null, Brightness, false));
                all[s] = Math.Min(all[s], evidence.FaceEvidence);
                if (f <= swapAfter + 3)
                {
                    within3[s] = all[s];
                }
            }
        }

        return (all, within3);
    }

    /// <summary>Per list, <paramref name="sessionsPerSubject"/> sessions of <paramref name="checks"/> checks drawn without replacement from it.</summary>
    public static IReadOnlyList<double> TypingMinima(FusionOptions fitted, IReadOnlyList<IReadOnlyList<double>> perSubject, int checks, int sessionsPerSubject, int seed) =>
        [.. TypingSessions(fitted, perSubject, checks, sessionsPerSubject, seed).Select(s => s.Minimum)];

    /// <summary>
    /// The same sessions, each with its lowest evidence and, when it would refine the profile at any level
    /// (<see cref="SessionEvidence.TypingRefinesProfile"/> with no level), the evidence it ends with; null when it never would.
    /// </summary>
    public static IReadOnlyList<SimulatedTypingSession> TypingSessions(FusionOptions fitted, IReadOnlyList<IReadOnlyList<double>> perSubject, int checks, int sessionsPerSubject, int seed)
    {
        ArgumentNullException.ThrowIfNull(fitted);
        ArgumentNullException.ThrowIfNull(perSubject);
        var anyLevel = fitted.WithTypingRefinementEvidence(double.NegativeInfinity);
        var random = new Random(seed);
        var sessions = new List<SimulatedTypingSession>(perSubject.Count * sessionsPerSubject);
        foreach (var llrs in perSubject)
        {
            for (var s = 0; s < sessionsPerSubject; s++)
            {
                var evidence = new SessionEvidence(anyLevel);
                var min = double.PositiveInfinity;
                foreach (var llr in llrs.OrderBy(_ => random.Next()).Take(checks))
                {
                    evidence.ObserveTyping(1, llr);
                    min = Math.Min(min, evidence.TypingEvidence);
                }

                sessions.Add(new SimulatedTypingSession(min, evidence.TypingRefinesProfile ? evidence.TypingEvidence : null));
            }
        }

        return sessions;
    }
}
