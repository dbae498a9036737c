namespace Verification.Matching.Keystroke;

/// <summary>Checks on the event list itself, before any key is interpreted.</summary>
internal static class EventSequenceCheck
{
    /// <summary>Returns the rejection code of the first problem, or null.</summary>
    public static string? Find(IReadOnlyList<RawKeyEvent> events)
    {
        var previous = double.NegativeInfinity;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is null || e.Key is null || e.Code is null || (e.Type != RawKeyEvent.Down && e.Type != RawKeyEvent.Up))
            {
                return KeystrokeRejectionCodes.InvalidEvent;
            }

            if (!double.IsFinite(e.TimeStamp) || e.TimeStamp < 0)
            {
                return KeystrokeRejectionCodes.InvalidTimestamp;
            }

            // The browser delivers events in time order; a batch that is not in order was mangled on the way and
            // re-sorting it could pair the wrong key-ups with key-downs.
            if (e.TimeStamp < previous)
            {
                return KeystrokeRejectionCodes.OutOfOrder;
            }

            // Clocks coarsened to 0.1–1 ms give equal stamps for honest events, so only an identical event is a duplicate.
            for (var j = i - 1; j >= 0 && events[j].TimeStamp == e.TimeStamp; j--)
            {
                if (events[j].Type == e.Type && events[j].Code == e.Code && events[j].Key == e.Key)
                {
                    return KeystrokeRejectionCodes.DuplicateEvent;
                }
            }

            previous = e.TimeStamp;
        }

        return null;
    }
}
