using System.Text.Json.Serialization;

namespace Verification.Research.Sessions;

/// <summary>Who sits a simulated session: the learner, or someone else for the face, the typing or both.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionKind>))]
public enum SessionKind
{
    Honest,

    /// <summary>The learner, but every frame as a cheap webcam in a dim room gives it.</summary>
    HonestDegraded,

    /// <summary>The learner's own frames, then another person's from a stated frame on; the learner's own typing.</summary>
    FaceImpostor,

    /// <summary>The learner's own face, another person's typing.</summary>
    TypingImpostor,

    /// <summary>Another person's face from the swap on and another person's typing throughout.</summary>
    CombinedImpostor,
}
