using BenchmarkDotNet.Attributes;
using Verification.Matching.Keystroke;

namespace Verification.Matching.Benchmarks.Keystroke;

/// <summary>
/// Scoring one typing sample against a profile of 50 enrollment samples: the whole verifier (detectors, fusion
/// features, the pooled ML.NET FastTree engine, calibration), the detectors alone, and reading the raw events.
/// <c>dotnet run -c Release --project benchmarks/Verification.Matching.Benchmarks -- --filter '*Keystroke*'</c>
/// </summary>
[MemoryDiagnoser]
public class KeystrokeScoringBenchmarks
{
    private KeystrokeVerifier _verifier = null!;
    private KeystrokeProfile _profile = null!;
    private KeystrokeSample _sample = null!;
    private IReadOnlyList<RawKeyEvent> _events = null!;
    private string _phrase = null!;

    /// <summary>The CMU password (11 keys, 31 features) and the production pledge with a name (57 keys, 169 features).</summary>
    [Params(".tie5Roanl\n", "I, Ada Lovelace, certify that the work I submit is my own")]
    public string Phrase { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _phrase = Phrase;
        var random = new Random(1);
        var samples = new List<KeystrokeSample>();
        for (var i = 0; i < 50; i++)
        {
            samples.Add(SyntheticTyping.Sample(_phrase, random));
        }

        _profile = KeystrokeProfile.Build(_phrase, samples);
        _events = SyntheticTyping.Events(_phrase, random);
        _sample = KeystrokeSampleReader.Read(_phrase, _events).Sample!;
        _verifier = KeystrokeVerifier.Load(SyntheticTyping.ModelDirectory(), new KeystrokeOptions());
        _ = _verifier.Score(_profile, _sample);
    }

    [Benchmark(Baseline = true)]
    public double Verify() => _verifier.Score(_profile, _sample).LogLikelihoodRatio;

    [Benchmark]
    public double DetectorsOnly() => _profile.Model.Score(_sample.Features).NearestNeighbourMahalanobis;

    [Benchmark]
    public int ReadRawEvents() => KeystrokeSampleReader.Read(_phrase, _events).Sample!.KeyCount;
}
