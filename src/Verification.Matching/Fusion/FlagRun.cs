namespace Verification.Matching.Fusion;

/// <summary>Consecutive frames that meet one condition; the run's frames become the flag's evidence.</summary>
internal sealed class FlagRun(int needed)
{
    private readonly List<int> _frames = [];
    private readonly List<double> _scores = [];

    public bool Reached => _frames.Count >= needed;

    public IReadOnlyList<int> Frames => _frames;

    public IReadOnlyList<double> Scores => _scores;

    public void Observe(bool condition, int frame, double score)
    {
        if (!condition)
        {
            _frames.Clear();
            _scores.Clear();
            return;
        }

        _frames.Add(frame);
        _scores.Add(score);
    }
}
