using Verification.Research.Keystroke;

namespace Verification.Research.Sessions;

/// <summary>Builds chimeric users from the shared LFW folder and the CMU benchmark, in a seeded order.</summary>
public static class ChimericUsers
{
    /// <summary>Enrollment frames, the ID photo and at least two session photos (alternated, so no frame repeats the one before).</summary>
    public const int MinimumPhotos = 6;

    public const int EnrollmentTypings = 10;

    /// <summary>CMU sessions 5 to 8 give the session typings: days after the enrollment in session 1.</summary>
    public const int FirstSessionTypingSession = 5;

    /// <summary>The CMU session whose typings stand for an assessment before the evaluated ones (<c>--earlier-session</c>).</summary>
    public const int EarlierSessionTypingSession = 4;

    /// <summary>Every LFW identity with enough photos, in a seeded order, each with its photos in a seeded order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Photos)> Identities(string lfwFolder, int seed, int minimumPhotos = MinimumPhotos)
    {
        var random = new Random(seed);
        return [.. Directory.EnumerateDirectories(lfwFolder)
            .Select(d => (Name: Path.GetFileName(d), Photos: Directory.EnumerateFiles(d, "*.jpg").Order(StringComparer.Ordinal).ToList()))
            .Where(i => i.Photos.Count >= minimumPhotos)
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => (i.Name, (IReadOnlyList<string>)[.. i.Photos.OrderBy(_ => random.Next())]))
            .OrderBy(_ => random.Next())];
    }

    /// <summary>
    /// Pairs the identities a learner could enroll with (<paramref name="canEnroll"/>), in order, with CMU subjects in a
    /// seeded order, until <paramref name="count"/> users are made; past the last CMU subject the subjects repeat. An identity whose photos the enrollment gates refuse is
    /// skipped, as a learner whose webcam cannot enroll would not sit a verified session.
    /// </summary>
    public static IReadOnlyList<ChimericUser> Build(
        IReadOnlyList<(string Name, IReadOnlyList<string> Photos)> identities, IReadOnlyList<CmuKeystrokeRow> cmu, int count, int seed, Func<IReadOnlyList<string>, bool> canEnroll)
    {
        ArgumentNullException.ThrowIfNull(canEnroll);
        var random = new Random(seed);
        var subjects = cmu.GroupBy(r => r.Subject, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).OrderBy(_ => random.Next()).ToList();
        var users = new List<ChimericUser>(count);
        foreach (var (name, photos) in identities)
        {
            if (users.Count == count)
            {
                break;
            }

            if (!canEnroll(photos))
            {
                continue;
            }

            // CMU has 51 typists: past the 51st user they repeat in the same order (see OtherThan for impostors).
            var subject = subjects[users.Count % subjects.Count];
            var rows = subject.OrderBy(r => r.SessionIndex).ThenBy(r => r.Rep).ToList();
            users.Add(new ChimericUser(
                users.Count,
                name,
                photos,
                subject.Key,
                [.. rows.Where(r => r.SessionIndex == 1).Take(EnrollmentTypings)],
                [.. rows.Where(r => r.SessionIndex >= FirstSessionTypingSession)],
                [.. rows.Where(r => r.SessionIndex == EarlierSessionTypingSession)]));
        }

        if (users.Count < count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"only {users.Count} LFW identities with {MinimumPhotos} photos pass the enrollment gates");
        }

        return users;
    }

    /// <summary>
    /// The user who takes over <paramref name="learner"/>'s impostor sessions: the seeded choice among the others, moved
    /// on to the next user while that one types as the same CMU subject (only possible past 51 users), so a typing
    /// impostor is always another typist.
    /// </summary>
    public static int OtherThan(IReadOnlyList<ChimericUser> users, int learner, int seed)
    {
        ArgumentNullException.ThrowIfNull(users);
        var other = (learner + 1 + new Random(seed + learner).Next(users.Count - 1)) % users.Count;
        while (other == learner || users[other].Subject == users[learner].Subject)
        {
            other = (other + 1) % users.Count;
        }

        return other;
    }
}
