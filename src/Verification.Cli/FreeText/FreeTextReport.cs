using Verification.Matching.Keystroke.FreeText;
using Verification.Research.Keystroke;

namespace Verification.Cli.FreeText;

/// <summary>freetext.json: the protocol and, per amount of test typing, the tests and the EER over classes and full keys.</summary>
internal sealed record FreeTextReport(
    string Data,
    string PipelineVersion,
    int Participants,
    int EnrollmentSentences,
    double MeanEnrollmentKeystrokes,
    int ImpostorsPerProfile,
    int Seed,
    string Note,
    IReadOnlyList<FreeTextReportRow> Amounts)
{
    public static FreeTextReport Of(FreeTextResult result, FreeTextProtocol protocol) => new(
        "Aalto 136M Keystrokes subset (300 participants, 15 sentences each; non-commercial research licence, evaluation only)",
        FreeTextPipeline.Version,
        result.Participants,
        protocol.EnrollmentSentences,
        Math.Round(result.MeanEnrollmentKeystrokes, 1),
        protocol.ImpostorsPerProfile,
        protocol.Seed,
        "EER pooled over all profiles (one global threshold); an amount is not measurable when no participant has that much typing after the enrollment sentences",
        [.. result.Amounts.Select(FreeTextReportRow.Of)]);
}

internal sealed record FreeTextReportRow(int Keystrokes, int GenuineTests, int ImpostorTests, double? ClassesEer, double? FullKeysEer)
{
    public static FreeTextReportRow Of(FreeTextAmountResult amount) => new(
        amount.Keystrokes,
        amount.Classes.Genuine.Count,
        amount.Classes.Impostor.Count,
        Eer(amount.Classes),
        Eer(amount.FullKeys));

    private static double? Eer(FreeTextScores scores) => scores.IsMeasurable ? Math.Round(scores.Rates().EqualErrorRate().Eer, 4) : null;
}
