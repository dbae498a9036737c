using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;
using Verification.Testing;

namespace Verification.Matching.Tests.Keystroke;

/// <summary>Real browser typing (Aalto 136M Keystrokes subset, evaluation only) through the raw-event reader.</summary>
public sealed class AaltoPipelineTests
{
    [Fact]
    public void Reads_a_participant_file_into_events_that_replay_to_the_logged_timings()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aalto-{Guid.NewGuid():N}_keystrokes.txt");
        File.WriteAllText(path, string.Join('\n',
            "PARTICIPANT_ID\tTEST_SECTION_ID\tSENTENCE\tUSER_INPUT\tKEYSTROKE_ID\tPRESS_TIME\tRELEASE_TIME\tLETTER\tKEYCODE",
            "7\t1\tHi.\tHi.\t1\t1000\t1100\tSHIFT\t16",
            "7\t1\tHi.\tHi.\t2\t1050\t1130\tH\t72",
            "7\t1\tHi.\tHi.\t3\t1200\t1260\ti\t73",
            "7\t1\tHi.\tHi.\t4\t1250\t1330\t.\t190",
            "7\t2\tNo\tNo\t5\t5000\t5080\tn\t78",
            "7\t2\tNo\tNo\t6\t5100\t5150\tBKSP\t8"));
        try
        {
            var sentences = AaltoKeystrokeData.LoadParticipant(path);

            Assert.Equal(2, sentences.Count);
            var first = KeystrokeSampleReader.Read(sentences[0].UserInput, sentences[0].Events);
            Assert.True(first.IsAccepted, first.Rejection?.Code);
            Assert.Equal(0.080, first.Sample.HoldTime(0), 1e-12);
            Assert.Equal(0.150, first.Sample.DownDownTime(0), 1e-12);
            Assert.Equal(-0.010, first.Sample.UpDownTime(1), 1e-12);
            Assert.Equal("correction_used", KeystrokeSampleReader.Read(sentences[1].UserInput, sentences[1].Events).Rejection?.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Replays_every_sentence_of_a_real_participant_without_an_exception()
    {
        var directory = Path.Combine(SharedData.RequireDirectory("keystroke"), "aalto136m-subset", "keystrokes");
        var accepted = 0;
        var total = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*_keystrokes.txt").Order(StringComparer.Ordinal).Take(20))
        {
            foreach (var sentence in AaltoKeystrokeData.LoadParticipant(file))
            {
                var result = KeystrokeSampleReader.Read(sentence.UserInput, sentence.Events);
                Assert.True(result.IsAccepted ^ (result.Rejection is not null));
                accepted += result.IsAccepted ? 1 : 0;
                total++;
            }
        }

        Assert.Equal(300, total);
        Assert.InRange(accepted, 30, 300);
    }
}
