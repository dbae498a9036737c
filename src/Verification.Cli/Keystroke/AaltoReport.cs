using System.Text.Json.Nodes;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;

namespace Verification.Cli.Keystroke;

/// <summary>The Aalto free-text section of keystroke.json.</summary>
internal static class AaltoReport
{
    public static JsonObject Run(string directory)
    {
        var result = AaltoEvaluation.Run(directory);
        var rejections = new JsonObject();
        foreach (var (code, count) in result.Rejections)
        {
            rejections[code] = count;
        }

        var cell = RatesJson.Of(result.Rates);
        cell["data"] = "Aalto 136M Keystrokes subset (Dhakal et al., CHI 2018), 300 participants; evaluation only";
        cell["participants"] = result.Participants;
        cell["sentences"] = result.Sentences;
        cell["accepted_by_reader"] = result.Accepted;
        cell["rejected_by_reader"] = rejections;
        cell["enrollment_sentences"] = AaltoEvaluation.EnrollmentSentences;
        cell["impostor_sentences_per_participant"] = AaltoEvaluation.ImpostorSentencesPerParticipant;
        cell["method"] = "digraph profile: mean hold per character and down-down per character pair over the first 5 accepted sentences; score = mean scaled absolute difference over shared timings";
        return cell;
    }
}
