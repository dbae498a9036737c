namespace Verification.Billing.Contracts;

/// <summary>
/// Another module's veto on a refund, asked by Billing before it moves money back (Certificates: not once the
/// certificate was issued). Billing asks every registered guard; the first veto refuses the refund with its code.
/// Declared here so that Billing never references the modules that depend on it.
/// </summary>
public interface IRefundGuard
{
    ValueTask<RefundVeto?> CheckAsync(Guid learnerId, Guid certificateTrackId, CancellationToken cancellationToken);
}

/// <summary>A refusal: <paramref name="Code"/> is the problem-details code (for example <c>certificate_issued</c>).</summary>
public sealed record RefundVeto(string Code, string Reason);
