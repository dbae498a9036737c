using Dapper;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Api;
using Verification.Proctoring.Consent;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Proctoring.Identity.GetEnrollmentStatus;

internal static class GetEnrollmentStatusEndpoint
{
    public sealed record Progress(int Accepted, int Required);

    public sealed record ProfileSummary(int Version, DateTimeOffset UpdatedAt);

    /// <summary>
    /// <c>Missing</c> lists what still stands between the learner and a (new) profile: consent, face_frames, id_photo,
    /// typing_samples. Once a profile is enrolled and no new enrollment is under way, the status describes that profile:
    /// nothing is missing but consent (when withdrawn), and each requirement the profile met shows as met.
    /// </summary>
    /// <summary>The pledge's language and keyboard (<c>native</c> or <c>latin</c>), and whether a native-script pledge exists for the language.</summary>
    public sealed record PledgeSummary(string Language, string Keyboard, bool NativeAvailable);

    public sealed record EnrollmentStatus(
        string[] ConsentCovers, string TypingPhrase, PledgeSummary Pledge, Progress FaceFrames, bool IdPhotoAccepted, Progress TypingSamples, EnrollmentRequirement[] Missing, ProfileSummary? Profile);

    private const string ProfileSql = "SELECT version, updated_at FROM proctoring.identity_profiles WHERE learner_id = @learnerId";

    public static void MapGetEnrollmentStatus(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/identity", GetAsync)
            .WithTags("Identity enrollment")
            .Refuses(StatusCodes.Status404NotFound, "learner_not_found")
            .WithSummary("What the enrollment has, what is still missing, the pledge to type (chosen by ?locale= and ?keyboard=native|latin; pass the same to typing-samples and complete), and the current profile's version.");

    private static async Task<Results<Ok<EnrollmentStatus>, ProblemHttpResult>> GetAsync(
        Guid learnerId,
        LiveConsent consent,
        TypingPhrase phrases,
        [FromQuery] string? locale,
        [FromQuery] string? keyboard,
        IMediator mediator,
        EnrollmentDraft draft,
        EnrollmentSettings settings,
        NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        var pledge = await phrases.ForAsync(mediator, learnerId, locale, keyboard, cancellationToken);
        if (pledge is null)
        {
            return ApiProblems.UnknownLearner();
        }

        var phrase = pledge.Phrase;

        var covers = await consent.CoversAsync(learnerId, cancellationToken);
        var (frames, samples, idPhoto) = await draft.CountAsync(learnerId, phrase, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var profile = (await connection.QueryAsync<(int Version, DateTime UpdatedAt)>(new CommandDefinition(ProfileSql, new { learnerId }, cancellationToken: cancellationToken)))
            .Select(p => new ProfileSummary(p.Version, new DateTimeOffset(p.UpdatedAt, TimeSpan.Zero)))
            .SingleOrDefault();

        var describesProfile = profile is not null && frames == 0 && samples == 0 && !idPhoto;
        if (describesProfile)
        {
            frames = settings.MinimumFaceFrames;
            samples = KeystrokeProfile.MinimumEnrollmentSamples;
            idPhoto = true;
        }

        var missing = new List<EnrollmentRequirement>();
        if (!covers.Contains(LiveConsent.Face) || !covers.Contains(LiveConsent.IdPhoto) || !covers.Contains(LiveConsent.Typing))
        {
            missing.Add(EnrollmentRequirement.Consent);
        }

        if (frames < settings.MinimumFaceFrames)
        {
            missing.Add(EnrollmentRequirement.FaceFrames);
        }

        if (!idPhoto)
        {
            missing.Add(EnrollmentRequirement.IdPhoto);
        }

        if (samples < KeystrokeProfile.MinimumEnrollmentSamples)
        {
            missing.Add(EnrollmentRequirement.TypingSamples);
        }

        return TypedResults.Ok(new EnrollmentStatus(
            [.. covers.Order(StringComparer.Ordinal)],
            phrase,
            new PledgeSummary(pledge.Language, pledge.Keyboard == Pledges.PledgeKeyboard.Native ? "native" : "latin", pledge.NativeAvailable),
            new Progress(frames, settings.MinimumFaceFrames),
            idPhoto,
            new Progress(samples, KeystrokeProfile.MinimumEnrollmentSamples),
            [.. missing],
            profile));
    }
}
