using Verification.Matching.Keystroke;

namespace Verification.Research.Keystroke;

/// <summary>
/// Free-text check on the Aalto subset: every sentence is replayed through <see cref="KeystrokeSampleReader"/>
/// against the text the participant submitted; a participant is enrolled on their first
/// <see cref="EnrollmentSentences"/> accepted sentences and tested on the rest, with the accepted sentences of
/// every other participant (up to <see cref="ImpostorSentencesPerParticipant"/> each) as impostors.
/// </summary>
internal static class AaltoEvaluation
{
    public const int EnrollmentSentences = 5;
    public const int ImpostorSentencesPerParticipant = 3;

    public static AaltoResult Run(string directory)
    {
        var rejections = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var accepted = new List<List<KeystrokeSample>>();
        var sentences = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*_keystrokes.txt").Order(StringComparer.Ordinal))
        {
            var mine = new List<KeystrokeSample>();
            foreach (var sentence in AaltoKeystrokeData.LoadParticipant(file))
            {
                sentences++;
                var result = KeystrokeSampleReader.Read(sentence.UserInput, sentence.Events);
                if (result.IsAccepted)
                {
                    mine.Add(result.Sample);
                }
                else
                {
                    rejections[result.Rejection.Code] = rejections.GetValueOrDefault(result.Rejection.Code) + 1;
                }
            }

            accepted.Add(mine);
        }

        var rates = new SubjectRates();
        for (var p = 0; p < accepted.Count; p++)
        {
            if (accepted[p].Count < EnrollmentSentences + 1)
            {
                continue;
            }

            var profile = DigraphProfile.Build(accepted[p].Take(EnrollmentSentences));
            var genuine = Scores(profile, accepted[p].Skip(EnrollmentSentences));
            var impostor = new List<double>();
            for (var q = 0; q < accepted.Count; q++)
            {
                if (q != p)
                {
                    impostor.AddRange(Scores(profile, accepted[q].Take(ImpostorSentencesPerParticipant)));
                }
            }

            if (genuine.Count > 0 && impostor.Count > 0)
            {
                rates.Add(genuine.ToArray(), impostor.ToArray());
            }
        }

        var acceptedCount = accepted.Sum(a => a.Count);
        return new AaltoResult(accepted.Count, sentences, acceptedCount, rejections, rates);
    }

    private static List<double> Scores(DigraphProfile profile, IEnumerable<KeystrokeSample> samples)
    {
        var scores = new List<double>();
        foreach (var sample in samples)
        {
            var score = profile.Score(sample);
            // The profile gives a distance; error rates take similarity. A sentence sharing nothing with the profile
            // cannot be judged; counting it as least alike is the conservative choice for genuine tests and the
            // generous one for impostors.
            scores.Add(double.IsNaN(score) ? double.MinValue : -score);
        }

        return scores;
    }
}

internal sealed record AaltoResult(int Participants, int Sentences, int Accepted, SortedDictionary<string, int> Rejections, SubjectRates Rates);
