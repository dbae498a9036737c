using System.Text.RegularExpressions;
using Verification.Matching.Keystroke.FreeText;
using Verification.Testing;

namespace Verification.Matching.Tests.Keystroke.FreeText;

/// <summary>The player's key-classes.js holds the same table as <see cref="KeyClasses"/>: a key the two classed differently would compare typing against a profile built with other classes.</summary>
public sealed partial class KeyClassesScriptTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Verification.Host", "wwwroot", "player", "js", "key-classes.js"));

    [Fact]
    public void The_players_hand_keys_are_the_services_hand_keys()
    {
        var table = HandKeysTable().Match(Script);
        Assert.True(table.Success, "key-classes.js has no handKeys table");
        var script = Entry().Matches(table.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => (KeyClass)int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(KeyClasses.HandKeys.OrderBy(k => k.Key, StringComparer.Ordinal), script.OrderBy(k => k.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_players_class_numbers_and_special_keys_are_the_services()
    {
        Assert.Matches($@"leftHand:\s*{(int)KeyClass.LeftHand}\b", Script);
        Assert.Matches($@"rightHand:\s*{(int)KeyClass.RightHand}\b", Script);
        Assert.Matches($@"space:\s*{(int)KeyClass.Space}\b", Script);
        Assert.Matches($@"edit:\s*{(int)KeyClass.Edit}\b", Script);
        Assert.Matches($@"other:\s*{(int)KeyClass.Other}\b", Script);
        Assert.Contains("code === \"Space\"", Script, StringComparison.Ordinal);
        Assert.Contains("code === \"Backspace\" || code === \"Delete\"", Script, StringComparison.Ordinal);
        Assert.Equal(KeyClass.Space, KeyClasses.Of("Space"));
        Assert.Equal(KeyClass.Edit, KeyClasses.Of("Backspace"));
        Assert.Equal(KeyClass.Edit, KeyClasses.Of("Delete"));
    }

    [GeneratedRegex(@"handKeys\s*=\s*Object\.freeze\(\{(.*?)\}\)", RegexOptions.Singleline)]
    private static partial Regex HandKeysTable();

    [GeneratedRegex(@"(\w+):\s*(\d+)")]
    private static partial Regex Entry();
}
