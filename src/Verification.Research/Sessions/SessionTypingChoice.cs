using Verification.Research.Keystroke;

namespace Verification.Research.Sessions;

/// <summary>
/// The typings one simulated assessment's checks replay. An assessment is one sitting, so they come from one CMU session
/// of the typist (one day's typing, chosen at random), never from several days: drawn across days, the checks of one
/// session would average away the day's hand, and honest sessions would look steadier than they are.
/// </summary>
public static class SessionTypingChoice
{
    public static IReadOnlyList<CmuKeystrokeRow> OneSitting(IReadOnlyList<CmuKeystrokeRow> typings, int count, Random random)
    {
        ArgumentNullException.ThrowIfNull(typings);
        ArgumentNullException.ThrowIfNull(random);
        var sittings = typings.GroupBy(r => r.SessionIndex).OrderBy(g => g.Key).ToList();
        if (sittings.Count == 0)
        {
            return [];
        }

        return [.. sittings[random.Next(sittings.Count)].OrderBy(_ => random.Next()).Take(count)];
    }
}
