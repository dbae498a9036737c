using System.Security.Cryptography;
using Verification.Matching.Fusion;
using Verification.Matching.Keystroke;

namespace Verification.Research.Sessions;

/// <summary>
/// Replays sessions through the service's own code: frames through <see cref="SessionFrames"/> into
/// <see cref="SessionEvidence"/>, typing through <see cref="KeystrokeVerifier"/>, and the verdict from
/// <see cref="SessionEvidence.Final"/> with the coverage the service would pass. Only the clock and the data are simulated.
/// With <paramref name="freeText"/>, the session's text answers (typed by whoever types its checks) add their free-text
/// evidence at the end, as the last answer is sent.
/// </summary>
public sealed class SessionSimulator(FrameLibrary library, KeystrokeVerifier verifier, FusionOptions fusion, SessionSetup setup, FreeTextTypists? freeText = null)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Runs one session of <paramref name="learner"/>; <paramref name="other"/> is who takes over in impostor sessions.</summary>
    public SessionOutcome Run(EnrolledUser learner, EnrolledUser other, SessionKind kind, int seed)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(other);
        var random = new Random(seed);
        var evidence = new SessionEvidence(fusion.ForTypingProfile(learner.Typing.IsRefined));
        var swapsFace = kind is SessionKind.FaceImpostor or SessionKind.CombinedImpostor;
        var typist = kind is SessionKind.TypingImpostor or SessionKind.CombinedImpostor ? other : learner;
        var typings = SessionTypingChoice.OneSitting(typist.User.SessionTypings, setup.TypingChecks, random);
        var variant = kind == SessionKind.HonestDegraded ? FrameVariant.SessionDegraded : FrameVariant.Session;
        List<double> own = [], others = [], llrs = [];
        byte[]? previousHash = null;
        int? firstFlagAfterSwap = null, typingAt = null;
        var check = 0;
        for (var f = 0; f < setup.Frames; f++)
        {
            var impostorFrame = swapsFace && f >= setup.SwapAfter;
            var photo = impostorFrame
                ? other.SessionPhotos[(f - setup.SwapAfter) % other.SessionPhotos.Count]
                : OwnPhoto(learner, f);
            var frame = library.Get(photo, variant);
            var hash = SHA256.HashData(frame.Image);
            var number = f + 1;
            var raised = 0;
            if (SessionFrames.IsUnreadable(frame.Analysis))
            {
                evidence.Account(number);
            }
            else
            {
                var observation = SessionFrames.Observe(number, frame.Analysis, learner.Face, frame.Image, previousHash is not null && hash.AsSpan().SequenceEqual(previousHash), At(number));
                raised = evidence.Observe(observation).Count;
                if (observation.MatchScore is { } score)
                {
                    (impostorFrame ? others : own).Add(score);
                }
            }

            previousHash = hash;
            while (check < typings.Count && setup.TypingCheckAfterFrame(check) == number)
            {
                var llr = verifier.Score(learner.Typing, ReplayedTyping.Sample(typings[check])).LogLikelihoodRatio;
                llrs.Add(llr);
                if (evidence.ObserveTyping(check + 1, llr) is not null)
                {
                    typingAt ??= check + 1;
                    raised++;
                }

                check++;
            }

            if (impostorFrame && raised > 0)
            {
                firstFlagAfterSwap ??= f - setup.SwapAfter + 1;
            }
        }

        if (freeText?.Evidence(learner.User.Index, typist.User.Index) is { } answers)
        {
            evidence.ObserveFreeText(answers);
        }

        var verdict = evidence.Final(new EvidenceCoverage(Start, At(setup.Frames + 1), setup.Frames, setup.TypingChecks > 0));
        return new SessionOutcome(learner.User.Index, kind, verdict.Kind, [.. verdict.Flags.Select(f => f.Kind).Distinct()], firstFlagAfterSwap, typingAt, own, others, llrs, verdict.WeakTyping is not null, learner.Typing.IsRefined);
    }

    /// <summary>The learner's own photo shown as frame <paramref name="frame"/> (0-based) of every session of theirs.</summary>
    public static string OwnPhoto(EnrolledUser learner, int frame)
    {
        ArgumentNullException.ThrowIfNull(learner);
        return learner.SessionPhotos[frame % learner.SessionPhotos.Count];
    }

    private DateTimeOffset At(int frame) => Start + (frame * setup.FrameInterval);
}
