using Microsoft.AspNetCore.SignalR;
using Verification.Matching.Keystroke;
using Verification.Proctoring.Contracts.Player;

namespace Verification.Proctoring.Sessions.Hub;

/// <summary>
/// Turns a <see cref="KeystrokeBatch"/> as it came off the wire into key events, or refuses it with a hub error. Either
/// protocol may deliver nulls anywhere (<c>null</c>, <c>{events: null}</c>, <c>{events: [null]}</c>, an event without
/// <c>key</c>): such a batch is a broken message, not a typing attempt, so it is refused before any typing check is
/// counted. What is well-formed but not honest typing (an unknown <c>type</c>, events out of order) is for the
/// keystroke reader to judge, and comes back as an unusable <see cref="KeystrokeResult"/> with its reason.
/// </summary>
internal static class KeystrokeBatchReader
{
    public const string InvalidBatch = "invalid_keystroke_batch";

    /// <summary>Far above what any phrase allows; bounds the copy made before the keystroke reader counts events.</summary>
    public const int MaxEvents = 4096;

    /// <exception cref="HubException">The batch, its event list, an event or an event's type, key or code is missing, or there are too many events.</exception>
    public static RawKeyEvent[] Read(KeystrokeBatch? batch)
    {
        if (batch?.Events is not { } wire)
        {
            throw Refuse("send { events: [...] } with the key events of one typing of the phrase.");
        }

        if (wire.Length > MaxEvents)
        {
            throw Refuse($"a batch holds at most {MaxEvents} events.");
        }

        var events = new RawKeyEvent[wire.Length];
        for (var i = 0; i < wire.Length; i++)
        {
            var e = wire[i];
            if (e?.Type is null || e.Key is null || e.Code is null)
            {
                throw Refuse($"event {i} must be an object with type, key, code and timeStamp.");
            }

            events[i] = new RawKeyEvent(e.Type, e.Key, e.Code, e.TimeStamp, e.Repeat);
        }

        return events;
    }

    private static HubException Refuse(string detail) => new($"{InvalidBatch}: {detail}");
}
