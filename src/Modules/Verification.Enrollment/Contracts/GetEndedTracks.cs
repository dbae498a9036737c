using Mediator;

namespace Verification.Enrollment.Contracts;

/// <summary>
/// Of the given learners, those whose verified certificate tracks have all ended (completed or removed), with the time
/// the last one ended. A learner with a track still running, or who never took a verified track, is not in the answer.
/// </summary>
public sealed record GetEndedTracks(IReadOnlyList<Guid> LearnerIds) : IQuery<IReadOnlyList<EndedTracks>>;

public sealed record EndedTracks(Guid LearnerId, DateTimeOffset LastEndedAt);
