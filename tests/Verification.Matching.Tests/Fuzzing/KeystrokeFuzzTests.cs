using FsCheck;
using FsCheck.Fluent;
using Verification.Matching.Keystroke;
using Verification.Matching.Tests.Keystroke;
using Verification.Testing;

namespace Verification.Matching.Tests.Fuzzing;

/// <summary>
/// The keystroke event reader under honest typings of the phrase that were then damaged: events dropped, doubled,
/// swapped, nulled or given null fields, unknown types, non-finite or negative times, floods of events, and phrases
/// that are empty, huge or hold NUL and lone surrogates. It answers each with a sample or a stable rejection code.
/// </summary>
public sealed class KeystrokeFuzzTests
{
    private const string Phrase = "I, Ada Learner, certify that the work I submit is my own";

    private static readonly HashSet<string> Codes = [.. typeof(KeystrokeRejectionCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void The_reader_answers_every_damaged_typing_with_a_sample_or_a_known_rejection() =>
        FuzzRun.Check(Damaged(), typing =>
        {
            var result = KeystrokeSampleReader.Read(typing.Phrase, typing.Events);
            Assert.True(result.IsAccepted ^ result.Rejection is not null, typing.ToString());
            if (result.Rejection is { } rejection)
            {
                Assert.Contains(rejection.Code, Codes);
                Assert.False(string.IsNullOrWhiteSpace(rejection.LearnerMessage));
            }
        }, ciExecutions: 5_000);

    private static Gen<DamagedTyping> Damaged() =>
        from phrase in Gen.Frequency((8, Gen.Constant(Phrase)), (1, Gen.Elements("", "a\0b", "\ud800x", new string('x', 600), " ")))
        from damages in Gen.ListOf(Gen.Elements(Enum.GetValues<Damage>()), 3)
        from positions in Gen.ArrayOf(Gen.Choose(0, int.MaxValue - 1), 3)
        select new DamagedTyping(phrase, Apply(Typing.Text(Phrase), damages, positions));

    private static List<RawKeyEvent> Apply(List<RawKeyEvent> events, IEnumerable<Damage> damages, int[] positions)
    {
        var i = 0;
        foreach (var damage in damages)
        {
            var at = events.Count == 0 ? 0 : positions[i++ % positions.Length] % events.Count;
            if (events.Count == 0 && damage != Damage.Flood)
            {
                continue;
            }

            var e = events.Count == 0 ? null : events[at];
            if (e is null && damage is not (Damage.Drop or Damage.Null or Damage.Flood or Damage.None))
            {
                continue;
            }

            switch (damage)
            {
                case Damage.Drop: events.RemoveAt(at); break;
                case Damage.Double: events.Insert(at, e!); break;
                case Damage.Swap: (events[at], events[^1]) = (events[^1], events[at]); break;
                case Damage.Null: events[at] = null!; break;
                case Damage.NullKey: events[at] = e! with { Key = null! }; break;
                case Damage.NullCode: events[at] = e! with { Code = null! }; break;
                case Damage.UnknownType: events[at] = e! with { Type = "press" }; break;
                case Damage.NotANumber: events[at] = e! with { TimeStamp = double.NaN }; break;
                case Damage.Infinite: events[at] = e! with { TimeStamp = double.PositiveInfinity }; break;
                case Damage.Negative: events[at] = e! with { TimeStamp = -1 }; break;
                case Damage.Repeat: events[at] = e! with { Repeat = true }; break;
                case Damage.Backspace: events[at] = e! with { Key = "Backspace", Code = "Backspace" }; break;
                case Damage.Flood: events.AddRange(Enumerable.Repeat(new RawKeyEvent("down", "a", "KeyA", 1e9), 2_000)); break;
                case Damage.None: break;
            }
        }

        return events;
    }

    private enum Damage
    {
        None,
        Drop,
        Double,
        Swap,
        Null,
        NullKey,
        NullCode,
        UnknownType,
        NotANumber,
        Infinite,
        Negative,
        Repeat,
        Backspace,
        Flood,
    }

    private sealed record DamagedTyping(string Phrase, List<RawKeyEvent> Events)
    {
        public override string ToString() => $"phrase of {Phrase.Length} chars, {Events.Count} events";
    }
}
