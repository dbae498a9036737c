using Mediator;

namespace Verification.Lti.Contracts;

/// <summary>
/// A session of an LTI assessment was flagged: the platform's Assessment Control Service is to get a <c>flag</c>.
/// Travels through the LTI module's own outbox, so a platform that is down gets it later.
/// </summary>
public sealed record AcsFlagRequested(Guid SessionId, Guid LaunchId, string Priority, IReadOnlyList<string> Flags, DateTimeOffset IncidentTime) : INotification;
