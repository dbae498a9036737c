namespace Verification.Billing.Entitlements;

/// <summary>Where "paid for this track now" comes from, in order of precedence, as one SQL expression for reuse inside transactions.</summary>
internal static class EntitlementSql
{
    public const string Source = """
        SELECT CASE
            WHEN EXISTS (SELECT 1 FROM billing.orders WHERE learner_id = @LearnerId AND certificate_track_id = @CertificateTrackId
                         AND status = 'paid' AND refunded_minor < amount_minor) THEN 'order'
            WHEN EXISTS (SELECT 1 FROM billing.subscriptions s JOIN billing.plans p ON p.id = s.plan_id
                         WHERE s.learner_id = @LearnerId AND s.status IN ('active', 'past_due') AND @CertificateTrackId = ANY (p.track_ids)) THEN 'subscription'
            WHEN EXISTS (SELECT 1 FROM billing.aid_applications WHERE learner_id = @LearnerId AND certificate_track_id = @CertificateTrackId
                         AND status = 'approved') THEN 'aid'
            END
        """;
}
