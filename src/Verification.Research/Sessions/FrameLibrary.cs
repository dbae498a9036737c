using Verification.Matching.Face;

namespace Verification.Research.Sessions;

/// <summary>
/// Every photo the simulation can show, analysed once by the real engine (in parallel, the expensive part), then looked
/// up by the single-threaded session replay. The engine is deterministic, so analysing a photo once is what analysing
/// it in every session that shows it would give.
/// </summary>
public sealed class FrameLibrary(FaceEngine engine, FrameDegradation degradation)
{
    private readonly List<(string Path, FrameVariant Variant)> _keys = [];
    private readonly Dictionary<(string, FrameVariant), int> _index = [];
    private AnalysedFrame?[] _frames = [];

    public int Count => _keys.Count;

    public void Need(string path, FrameVariant variant)
    {
        if (_index.TryAdd((path, variant), _keys.Count))
        {
            _keys.Add((path, variant));
        }
    }

    /// <summary>Analyses item <paramref name="i"/> of the needed photos; safe to call for different items in parallel after <see cref="Prepare"/>.</summary>
    public void Analyse(int i)
    {
        if (_frames.Length != _keys.Count)
        {
            throw new InvalidOperationException("Call Prepare after the last Need.");
        }

        var (path, variant) = _keys[i];
        var bytes = File.ReadAllBytes(path);
        if (variant == FrameVariant.SessionDegraded)
        {
            bytes = degradation.Apply(bytes);
        }

        var gates = variant == FrameVariant.Enrollment ? engine.Options.Enrollment : engine.Options.Session;
        _frames[i] = new AnalysedFrame(engine.Analyze(bytes, gates), bytes);
    }

    /// <summary>Makes room for the photos needed since the last call; returns the index of the first of them.</summary>
    public int Prepare()
    {
        var first = _frames.Length;
        Array.Resize(ref _frames, _keys.Count);
        return first;
    }

    public AnalysedFrame Get(string path, FrameVariant variant) =>
        _frames[_index[(path, variant)]] ?? throw new InvalidOperationException($"{path} ({variant}) was not analysed.");
}
