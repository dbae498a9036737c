using System.Globalization;

namespace Verification.Cli.Face;

/// <summary>One row of an LFW-style pairs file: two image paths relative to the root, same person or not, fold (0 when absent).</summary>
internal sealed record FacePair(string Left, string Right, bool Same, int Fold);

internal static class PairList
{
    /// <summary>Reads <c>left&lt;TAB&gt;right&lt;TAB&gt;same[&lt;TAB&gt;fold]</c> rows; lines starting with # are comments.</summary>
    public static IReadOnlyList<FacePair> Read(string path)
    {
        var pairs = new List<FacePair>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3)
            {
                throw new FormatException($"{path}: expected left, right, same[, fold] in '{line}'.");
            }

            var fold = fields.Length > 3 ? int.Parse(fields[3], CultureInfo.InvariantCulture) : 0;
            pairs.Add(new FacePair(fields[0], fields[1], fields[2] == "1", fold));
        }

        return pairs;
    }
}
