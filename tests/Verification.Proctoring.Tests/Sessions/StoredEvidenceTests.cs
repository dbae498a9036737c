using System.Text.Json;
using Verification.Matching.Fusion;
using Verification.Proctoring.Sessions.Store;

namespace Verification.Proctoring.Tests.Sessions;

public sealed class StoredEvidenceTests
{
    private static readonly SessionFlag Flag = new(SessionFlagKind.FaceMismatch, "decayed face evidence -8.0 below -6", [4, 5], [0.1, 0.05], 8);

    [Fact]
    public void Evidence_with_weak_typing_reads_back_as_written()
    {
        var weak = WeakTypingEvidence.Of([1, 2], [0.5, -1.5], -1.0, -7)!;
        var verdict = new SessionVerdict(SessionVerdictKind.NeedsReview, ReviewPriority.High, [Flag], -8, 6, 2) { WeakTyping = weak };

        var read = StoredEvidence.Read(StoredEvidence.Of(verdict).Serialize());

        Assert.Equal(SessionFlagKind.FaceMismatch, Assert.Single(read.Flags).Kind);
        Assert.Equal([2], read.WeakTyping!.NegativeChecks);
        Assert.Equal(weak.Rule, read.WeakTyping.Rule);
    }

    [Fact]
    public void Evidence_stored_before_weak_typing_was_kept_still_reads()
    {
        var read = StoredEvidence.Read(JsonSerializer.SerializeToUtf8Bytes(new[] { Flag }));

        Assert.Equal([4, 5], Assert.Single(read.Flags).Frames);
        Assert.Null(read.WeakTyping);
    }
}
