namespace Verification.BuildingBlocks.Ids;

/// <summary>Version-7 GUIDs: ordered by creation time, so new rows append to the end of a B-tree index.</summary>
public static class TimeOrderedId
{
    public static Guid New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Guid.CreateVersion7(timeProvider.GetUtcNow());
    }
}
