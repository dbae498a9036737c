namespace Verification.BuildingBlocks.Audit;

/// <summary>
/// Who did what to which subject. <paramref name="Data"/> is JSON without biometric or personal data:
/// opaque ids, decisions and reasons only.
/// </summary>
public sealed record AuditEntry(string Actor, string Action, string Subject, string Data);
