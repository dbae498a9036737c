namespace Verification.Proctoring.Tests.Telemetry;

/// <summary>
/// The metrics and traces tests run alone. OpenTelemetry listens to meters and activity sources by name across the
/// whole process, so a session another test class runs at the same time in its own host moves these hosts' counters
/// and spans too (one host per process in production; many here).
/// </summary>
[CollectionDefinition(nameof(ProcessWideTelemetry), DisableParallelization = true)]
public sealed class ProcessWideTelemetry;
