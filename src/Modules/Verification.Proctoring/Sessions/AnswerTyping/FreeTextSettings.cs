using Verification.BuildingBlocks;
using Verification.Matching.Keystroke.FreeText;

namespace Verification.Proctoring.Sessions.AnswerTyping;

/// <summary>
/// <c>Proctoring:FreeText</c>. <see cref="ScoreModelPath"/> names a free-text score model the operator fitted on typing
/// they may use (<c>verification fit freetext-model</c>); none ships. Without one, the typing of text answers is compared
/// with the learner's free-text profile for the reviewer only and never flags a session.
/// </summary>
internal sealed class FreeTextSettings
{
    public const string SectionName = "Proctoring:FreeText";

    public string? ScoreModelPath { get; set; }

    /// <summary>The configured model, loaded and checked; null when none is configured.</summary>
    /// <exception cref="SettingInvalidException">The file is missing, unreadable, of another pipeline version, or its values are unusable.</exception>
    public FreeTextScoreModel? LoadModel()
    {
        if (string.IsNullOrWhiteSpace(ScoreModelPath))
        {
            return null;
        }

        FreeTextScoreModel model;
        try
        {
            model = FreeTextScoreModel.Load(ScoreModelPath);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new SettingInvalidException($"{SectionName}:ScoreModelPath: {ex.Message}", ex);
        }

        if (model.Problems() is { Count: > 0 } problems)
        {
            throw new SettingInvalidException($"{SectionName}:ScoreModelPath {ScoreModelPath}: {string.Join(" ", problems)}");
        }

        return model;
    }
}
