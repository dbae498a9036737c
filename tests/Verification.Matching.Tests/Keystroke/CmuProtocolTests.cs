using System.Diagnostics;
using System.Text.Json;
using Verification.Matching.Keystroke;
using Verification.Research.Keystroke;
using Verification.Testing;

namespace Verification.Matching.Tests.Keystroke;

/// <summary>
/// The evaluation protocol on a slice of the CMU file: the first 8 subjects by name (s002–s012), each as the genuine
/// user against the session 1 reps 1–5 of the 7 others. Our pipeline replays every row as browser events through the
/// reader, so agreement also shows that the events carry the timings exactly.
/// </summary>
public sealed class CmuProtocolTests
{
    private const int SliceSubjects = 8;

    private static readonly string[] ReferenceNames = ["Manhattan (scaled)", "Outlier Count (z-score)", "Nearest Neighbor (Mahalanobis)", "Mahalanobis"];

    private static CmuCorpus Slice(string directory)
    {
        var rows = CmuKeystrokeData.Load(Path.Combine(directory, CmuKeystrokeData.FileName));
        var names = rows.Select(r => r.Subject).Distinct().Order(StringComparer.Ordinal).Take(SliceSubjects).ToHashSet();
        return CmuCorpus.Replay([.. rows.Where(r => names.Contains(r.Subject))]);
    }

    [Fact]
    public void Every_cmu_row_replays_through_the_reader_to_its_own_timings()
    {
        var directory = SharedData.RequireDirectory("keystroke");
        var rows = CmuKeystrokeData.Load(Path.Combine(directory, CmuKeystrokeData.FileName));

        Assert.Equal(20_400, rows.Count);
        foreach (var row in rows)
        {
            var result = KeystrokeSampleReader.Read(CmuKeystrokeData.Phrase, CmuKeystrokeData.ToEvents(row));
            Assert.True(result.IsAccepted, $"{row.Subject}/{row.SessionIndex}/{row.Rep}: {result.Rejection?.Code}");
            for (var i = 0; i < CmuKeystrokeData.TimingCount; i++)
            {
                Assert.Equal(row.Timings[i], result.Sample.Features[i], 1e-9);
            }
        }
    }

    /// <summary>
    /// Expected means: reference_eval.py's own detector and EER code on the same slice, derived once with
    /// <c>python3 tests/Verification.Matching.Tests/Keystroke/reference_slice.py ../shared/eval-data/keystroke 8 50,10</c>
    /// and averaging each detector's per-subject EER and zero-miss FA rate.
    /// </summary>
    [Theory]
    [InlineData(50, 0, 0.24964285714285717, 0.716875)]
    [InlineData(50, 1, 0.23291635796504834, 0.7081249999999999)]
    [InlineData(50, 2, 0.20598214285714284, 0.5843749999999999)]
    [InlineData(50, 3, 0.19741071428571427, 0.578125)]
    [InlineData(10, 0, 0.34446428571428567, 0.8206249999999999)]
    [InlineData(10, 1, 0.4193590757389326, 0.88)]
    [InlineData(10, 2, 0.3941071428571429, 0.99)]
    [InlineData(10, 3, 0.400625, 0.994375)]
    public void Detectors_on_a_slice_give_the_reference_scripts_numbers(int n, int detector, double eer, double zeroMiss)
    {
        var corpus = Slice(SharedData.RequireDirectory("keystroke"));

        var rates = DetectorEvaluation.Run(corpus, n, ImpostorKind.Paper)[detector];

        Assert.Equal(eer, rates.Eer.Mean, 1e-9);
        Assert.Equal(zeroMiss, rates.ZeroMiss.Mean, 1e-9);
    }

    [Fact]
    public void Detectors_on_a_slice_match_the_reference_script_run_now_subject_by_subject()
    {
        var directory = SharedData.RequireDirectory("keystroke");
        var script = Path.Combine(AppContext.BaseDirectory, "Keystroke", "reference_slice.py");
        var reference = RunReference(script, directory);
        var corpus = Slice(directory);

        foreach (var n in new[] { 50, 10 })
        {
            var ours = DetectorEvaluation.Run(corpus, n, ImpostorKind.Paper);
            for (var d = 0; d < ReferenceNames.Length; d++)
            {
                var expected = reference.GetProperty(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty(ReferenceNames[d]);
                for (var s = 0; s < corpus.Subjects.Count; s++)
                {
                    var pair = expected.GetProperty(corpus.Subjects[s].Name);
                    Assert.Equal(pair[0].GetDouble(), ours[d].EqualErrorRates[s], 1e-9);
                    Assert.Equal(pair[1].GetDouble(), ours[d].ZeroMissFalseAlarmRates[s], 1e-9);
                }
            }
        }
    }

    private static JsonElement RunReference(string script, string directory)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, directory, SliceSubjects.ToString(System.Globalization.CultureInfo.InvariantCulture), "50,10" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("python3 is not installed: the live cross-check with reference_eval.py needs it.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            return JsonDocument.Parse(output).RootElement.Clone();
        }
    }
}
