using System.Net.Http.Json;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;
using Verification.Testing;

namespace Verification.Proctoring.Tests.Support;

/// <summary>
/// Real typing of <c>.tie5Roanl</c> + Enter from the CMU benchmark (../shared/eval-data/keystroke), replayed as the
/// browser events a course player sends. Set <c>Proctoring:TypingPhrase</c> to <see cref="ProctoringHostFactory.TypingPhrase"/>.
/// </summary>
public static class CmuTyping
{
    private static readonly Lazy<IReadOnlyList<CmuKeystrokeRow>> Rows = new(() =>
        CmuKeystrokeData.Load(Path.Combine(SharedData.RequireDirectory("keystroke"), CmuKeystrokeData.FileName)));

    /// <summary>The subject's repetitions in recorded order (session 1 first), each as key events.</summary>
    public static IReadOnlyList<IReadOnlyList<RawKeyEvent>> Samples(string subject, int count, int skip = 0)
    {
        SharedData.RequireDirectory(Path.Combine("keystroke", CmuKeystrokeData.FileName));
        var rows = Rows.Value.Where(r => r.Subject == subject).Skip(skip).Take(count).ToArray();
        Assert.True(rows.Length == count, $"CMU subject {subject} has fewer than {skip + count} repetitions.");
        return [.. rows.Select(r => CmuKeystrokeData.ToEvents(r))];
    }

    /// <summary>Every CMU subject, in subject order.</summary>
    public static IReadOnlyList<string> Subjects() => [.. Rows.Value.Select(r => r.Subject).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>A sample where the learner hit Backspace after the first key and retyped it: the reader refuses corrections.</summary>
    public static IReadOnlyList<RawKeyEvent> WithCorrection(IReadOnlyList<RawKeyEvent> events)
    {
        var firstUp = events.First(e => e.Type == RawKeyEvent.Up);
        var at = firstUp.TimeStamp;
        var corrected = events.Select(e => e.TimeStamp > at ? e with { TimeStamp = e.TimeStamp + 400 } : e).ToList();
        var index = corrected.IndexOf(firstUp) + 1;
        corrected.InsertRange(index,
        [
            new RawKeyEvent(RawKeyEvent.Down, "Backspace", "Backspace", at + 100),
            new RawKeyEvent(RawKeyEvent.Up, "Backspace", "Backspace", at + 180),
            new RawKeyEvent(RawKeyEvent.Down, firstUp.Key, firstUp.Code, at + 250),
            new RawKeyEvent(RawKeyEvent.Up, firstUp.Key, firstUp.Code, at + 330),
        ]);
        return corrected;
    }

    /// <summary>The JSON body of POST .../identity/typing-samples.</summary>
    public static JsonContent Body(IReadOnlyList<RawKeyEvent> events) =>
        JsonContent.Create(new { events = events.Select(e => new { type = e.Type, key = e.Key, code = e.Code, timeStamp = e.TimeStamp, repeat = e.Repeat }) });
}
