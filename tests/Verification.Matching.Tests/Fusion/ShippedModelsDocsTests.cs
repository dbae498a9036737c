using System.Globalization;
using System.Text.RegularExpressions;
using Verification.Matching.Fusion;
using Verification.Testing;

namespace Verification.Matching.Tests.Fusion;

/// <summary>The docs state the shipped models' check count and refinement levels; a refit that changes them fails here until the docs follow.</summary>
public sealed class ShippedModelsDocsTests
{
    private static readonly SessionScoreModels Shipped = SessionScoreModels.Load(RepositoryPaths.Models);

    [Fact]
    public void The_player_protocol_states_the_typing_checks_a_session_asks_for() =>
        Assert.Contains(
            Invariant($"(`typingChecksPerSession` in `models/session-score-models.json`, today {Shipped.TypingChecksPerSession};"),
            Doc("player-protocol.md"), StringComparison.Ordinal);

    [Fact]
    public void The_privacy_page_states_both_refinement_levels() =>
        Assert.Contains(
            Invariant($"today {Shipped.TypingRefinementEvidence} nats for an enrollment profile and {Shipped.RefinedTyping.RefinementEvidence} for a refined one"),
            Doc("privacy.md"), StringComparison.Ordinal);

    private static string Doc(string name) =>
        Regex.Replace(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", name)), @"\s+", " ");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
