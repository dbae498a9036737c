using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Keystroke;
using Verification.Research.Sessions;
using Verification.Testing;

namespace Verification.Matching.Tests.Keystroke.FreeText;

/// <summary>The service's free-text profile on real browser typing (Aalto subset, evaluation only).</summary>
public sealed class AaltoFreeTextTests
{
    [Fact]
    public void Reads_key_codes_as_classes_and_keeps_each_sentence_a_run()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aalto-{Guid.NewGuid():N}_keystrokes.txt");
        File.WriteAllText(path, string.Join('\n',
            "PARTICIPANT_ID\tTEST_SECTION_ID\tSENTENCE\tUSER_INPUT\tKEYSTROKE_ID\tPRESS_TIME\tRELEASE_TIME\tLETTER\tKEYCODE",
            "7\t1\tHi \tHi \t2\t1050\t1130\tH\t72",
            "7\t1\tHi \tHi \t1\t1000\t1100\tSHIFT\t16",
            "7\t1\tHi \tHi \t3\t1200\t1260\ti\t73",
            "7\t1\tHi \tHi \t4\t1250\t1330\t \t32",
            "7\t2\tNo\tNo\t5\t5000\t5080\tn\t78",
            "7\t2\tNo\tNo\t6\t5100\t5150\tBKSP\t8",
            "7\t2\tbroken line"));
        try
        {
            var typing = AaltoClassTyping.Load(path);

            Assert.Equal(7, typing.Participant);
            Assert.Equal([4, 2], typing.ClassSentences.Select(s => s.Count));
            Assert.Equal([4, 1, 1, 2], typing.ClassSentences[0].Select(k => k.KeyClass));
            Assert.Equal((0.0, 100.0), (typing.ClassSentences[0][0].DownMs, typing.ClassSentences[0][0].UpMs));
            Assert.Equal([1, 3], typing.ClassSentences[1].Select(k => k.KeyClass));
            Assert.Equal([78, 8], typing.FullKeySentences[1].Select(k => k.KeyClass));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Key_classes_verify_Aalto_participants_within_the_measured_error_rates()
    {
        var directory = Path.Combine(SharedData.RequireDirectory("keystroke"), "aalto136m-subset", "keystrokes");
        var participants = AaltoClassTyping.LoadAll(directory).ToList();

        var result = FreeTextEvaluation.Run(participants, new FreeTextProtocol(7, [100, 300, 1000], 30, 17));

        Assert.Equal(300, result.Participants);
        var at100 = result.Amounts[0];
        var at300 = result.Amounts[1];
        Assert.Equal(300, at100.Classes.Genuine.Count);
        Assert.InRange(at300.Classes.Genuine.Count, 250, 300);
        Assert.False(result.Amounts[2].Classes.IsMeasurable);
        Assert.InRange(at100.Classes.Rates().EqualErrorRate().Eer, 0, Bound100);
        Assert.InRange(at300.Classes.Rates().EqualErrorRate().Eer, 0, Bound300);
        Assert.True(at300.Classes.Rates().EqualErrorRate().Eer < at100.Classes.Rates().EqualErrorRate().Eer);

        // The classes cost nothing measurable here: full-key digraphs are too sparse in a few hundred key presses.
        Assert.True(at300.Classes.Rates().EqualErrorRate().Eer <= at300.FullKeys.Rates().EqualErrorRate().Eer + 0.01);
    }

    [Fact]
    public void Paired_typists_give_session_evidence_for_their_own_answers_and_against_anothers_judged_by_a_model_fitted_on_the_others()
    {
        var directory = Path.Combine(SharedData.RequireDirectory("keystroke"), "aalto136m-subset", "keystrokes");
        var participants = AaltoClassTyping.LoadAll(directory).ToList();
        IReadOnlyList<AaltoClassTyping> fittedOn = [];
        FreeTextScoreModel model = null!;
        var typists = FreeTextTypists.Load(participants, others =>
        {
            fittedOn = others;
            model = FreeTextModelFit.FitOnAalto(others, new FreeTextProtocol(7, FreeTextProtocol.DefaultAmounts, 30, 17));
            return model;
        }, 7, 300, 41);
        var typing = participants.Where(p => p.ClassSentences.Skip(7).Sum(s => s.Count) >= 300).Take(41).ToList();

        var own = Enumerable.Range(0, 40).Select(i => typists.Evidence(i, i)!).ToList();
        var other = Enumerable.Range(0, 40).Select(i => typists.Evidence(i, i + 1)!).ToList();

        Assert.Empty(model.Problems());
        Assert.Contains("evaluation only", model.Provenance.Licence, StringComparison.Ordinal);
        Assert.Equal(41, typists.Count);
        Assert.Equal((259, 259), (fittedOn.Count, typists.ModelParticipants));
        Assert.Empty(fittedOn.Intersect(typing));
        Assert.Equal(participants.Count, fittedOn.Union(typing).Count());
        Assert.True(own.Count(e => e.LogLikelihoodRatio > 0) >= 34, string.Join(", ", own.Select(e => e.LogLikelihoodRatio)));
        Assert.True(other.Count(e => e.LogLikelihoodRatio < 0) >= 34, string.Join(", ", other.Select(e => e.LogLikelihoodRatio)));
        Assert.All(own.Concat(other), e => Assert.Equal(300, e.Level));
        Assert.Throws<InvalidOperationException>(() => FreeTextTypists.Load(participants, _ => model, 7, 5000, 41));
    }

    // Measured with 'verification evaluate freetext' (see docs/evaluation/keystroke.md), with a margin for a changed seed or reader.
    private const double Bound100 = 0.10;
    private const double Bound300 = 0.065;
}
