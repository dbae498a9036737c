using Verification.Matching.Keystroke.FreeText;

namespace Verification.Matching.Tests.Keystroke.FreeText;

/// <summary>
/// A made-up typist: a hold time per key class and a flight time per class digraph, each with its own spread, typing
/// random class sequences. Two typists with different seeds and tempos differ the way people do; one typist's runs
/// differ only by noise.
/// </summary>
internal sealed class SyntheticTypist
{
    private readonly double[] _hold = new double[KeyClasses.Count];
    private readonly double[,] _flight = new double[KeyClasses.Count, KeyClasses.Count];
    private readonly Random _noise;

    public SyntheticTypist(int seed, double tempo = 1)
    {
        var shape = new Random(seed);
        for (var a = 0; a < KeyClasses.Count; a++)
        {
            _hold[a] = tempo * (70 + (50 * shape.NextDouble()));
            for (var b = 0; b < KeyClasses.Count; b++)
            {
                _flight[a, b] = tempo * (120 + (150 * shape.NextDouble()));
            }
        }

        _noise = new Random(seed * 7919);
    }

    public List<ClassKeystroke> Type(int keys, double startMs = 0)
    {
        var typed = new List<ClassKeystroke>(keys);
        var down = startMs;
        var previous = -1;
        for (var i = 0; i < keys; i++)
        {
            var keyClass = _noise.Next(10) switch { < 4 => 0, < 8 => 1, 8 => 2, _ => _noise.Next(3, 5) };
            if (previous >= 0)
            {
                down += _flight[previous, keyClass] * (0.8 + (0.4 * _noise.NextDouble()));
            }

            typed.Add(new ClassKeystroke(keyClass, down, down + (_hold[keyClass] * (0.8 + (0.4 * _noise.NextDouble())))));
            previous = keyClass;
        }

        return typed;
    }
}
