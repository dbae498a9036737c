using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks;
using Verification.Matching.Fusion;
using Verification.BuildingBlocks.Outbox;
using Verification.Proctoring.Sessions.Admission;
using Verification.Proctoring.Sessions.AnswerTyping;
using Verification.Proctoring.Sessions.Hub;
using Verification.Proctoring.Sessions.Recovery;
using Verification.Proctoring.Sessions.Verdicts;
using Verification.Proctoring.Sessions.IsIdentityVerified;
using Verification.Proctoring.Sessions.ListSessionVerdicts;
using Verification.Proctoring.Sessions.Live;
using Verification.Proctoring.Sessions.Nodes;
using Verification.Proctoring.Sessions.ScaleOut;
using Verification.Proctoring.Sessions.Store;
using Verification.Proctoring.Sessions.Telemetry;

namespace Verification.Proctoring.Sessions;

internal static class SessionsRegistration
{
    public const string HubPath = "/hubs/proctoring";

    public static void AddSessions(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new SessionSettings();
        configuration.GetSection(SessionSettings.SectionName).Bind(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new SettingInvalidException($"{SessionSettings.SectionName}: {string.Join(" ", problems)}");
        }

        ApplyScoreModels(settings, configuration["Models:Directory"] ?? "models");
        services.AddSingleton(settings);
        var nodes = new NodeSettings();
        configuration.GetSection(NodeSettings.SectionName).Bind(nodes);
        if (nodes.Problems() is { Count: > 0 } nodeProblems)
        {
            throw new SettingInvalidException($"{NodeSettings.SectionName}: {string.Join(" ", nodeProblems)}");
        }

        services.AddSingleton(nodes);
        var admission = new AdmissionSettings();
        configuration.GetSection(AdmissionSettings.SectionName).Bind(admission);
        if (admission.Problems() is { Count: > 0 } admissionProblems)
        {
            throw new SettingInvalidException($"{AdmissionSettings.SectionName}: {string.Join(" ", admissionProblems)}");
        }

        services.AddSingleton(admission);
        var freeText = new FreeTextSettings();
        configuration.GetSection(FreeTextSettings.SectionName).Bind(freeText);
        services.AddSingleton(new FreeTextScoring(freeText.LoadModel()));
        services.AddSingleton<AdmissionControl>();
        services.AddSingleton<ProctoringNode>();
        services.AddSignalR(options =>
        {
            // Above the frame limit, so an oversized frame reaches SendFrame and gets an error result instead of a
            // closed connection; SignalR itself only closes connections past this.
            options.MaximumReceiveMessageSize = settings.MaxFrameBytes * 4;
            options.EnableDetailedErrors = false;
            options.AddFilter<HubInputFilter>();
        }).AddMessagePackProtocol().AddScaleOut(configuration);
        services.AddSingleton<LiveSessions>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionTakeoverStore>();
        services.AddSingleton<SessionTakeover>();
        services.AddSingleton<TypingCheckStore>();
        services.AddSingleton<VerdictStore>();
        services.AddSingleton<PendingVerdicts>();
        services.AddOutbox(ProctoringOutbox.Table);
        // The lease first, then recovery, before the monitor and the verdict writer: sessions a crash left open are
        // closed before new ones are served, and never those of a live node.
        services.AddHostedService<NodeLease>();
        services.AddHostedService<InterruptedSessionsRecovery>();
        services.AddHostedService<PendingVerdictWriter>();
        services.AddHealthChecks().AddCheck<PendingVerdictsHealthCheck>("verdicts", tags: ["ready"]);
        services.AddSingleton<ProctoringMetrics>();
        services.AddSingleton<FrameProcessor>();
        services.AddSingleton<SessionLifecycle>();
        services.AddSingleton<TypingConsentGate>();
        services.AddSingleton<KeystrokeChecks>();
        services.AddSingleton<ConsentAtEnd>();
        services.AddSingleton<AnswerTypingStore>();
        services.AddSingleton<AnswerTypingChecks>();
        services.AddHostedService<SessionMonitor>();
    }

    /// <summary>The fusion's score models and evidence levels are the fitted ones, never code defaults (docs/evaluation/sessions.md).</summary>
    private static void ApplyScoreModels(SessionSettings settings, string modelsDirectory)
    {
        SessionScoreModels models;
        try
        {
            models = SessionScoreModels.Load(modelsDirectory);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            throw new SettingInvalidException($"{SessionScoreModels.FileName}: {ex.Message}", ex);
        }

        if (models.Problems() is { Count: > 0 } problems)
        {
            throw new SettingInvalidException($"{Path.Combine(modelsDirectory, SessionScoreModels.FileName)}: {string.Join(" ", problems)}");
        }

        settings.Fusion.Apply(models);
    }

    public static void MapSessions(this IEndpointRouteBuilder endpoints)
    {
        // The hub authenticates each session by the token passed to StartSession(token) (docs/player-protocol.md).
        endpoints.MapHub<ProctoringHub>(HubPath).AllowAnonymous();
        endpoints.MapIdentityStatus();
        endpoints.MapSessionVerdicts();
    }
}
