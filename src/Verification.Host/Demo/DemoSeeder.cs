using Mediator;
using Verification.Access.Contracts;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;

namespace Verification.Host.Demo;

/// <summary>
/// With <c>Demo:Seed</c> on (./run.sh sets it), adds a partner with an API key (<c>Demo:ApiKey</c>, kept by ./run.sh in
/// .data/), a course with a certificate track, a learner who paid for it, and a reviewer and an admin whose one-time
/// passwords are printed once, when the accounts are made. Fixed ids make a second run a no-op.
/// </summary>
internal sealed class DemoSeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoSeeder> logger) : IHostedService
{
    public static readonly Guid PartnerId = new("01935f00-0000-7000-8000-000000000001");
    public static readonly Guid CourseId = new("01935f00-0000-7000-8000-000000000002");
    public static readonly Guid TrackId = new("01935f00-0000-7000-8000-000000000003");
    public static readonly Guid LearnerId = new("01935f00-0000-7000-8000-000000000004");
    public static readonly Guid ReviewerId = new("01935f00-0000-7000-8000-000000000005");
    private static readonly Guid EnrollmentId = new("01935f00-0000-7000-8000-000000000006");
    private static readonly Guid OrderId = new("01935f00-0000-7000-8000-000000000007");
    public static readonly Guid AdminId = new("01935f00-0000-7000-8000-000000000008");
    public static readonly Guid ApiKeyId = new("01935f00-0000-7000-8000-000000000009");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Seed", false))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new CreatePartner(PartnerId, "Demo University"), cancellationToken);
        await mediator.Send(new CreateCourse(CourseId, PartnerId, "DEMO-101", "Introduction to Honest Work", TrackId, 4900, "USD"), cancellationToken);
        await mediator.Send(new RegisterLearner(LearnerId, "Ada Learner", "ada.learner@example.org"), cancellationToken);
        await mediator.Send(new EnrollLearner(EnrollmentId, LearnerId, CourseId, TrackId), cancellationToken);
        await mediator.Send(new RecordPayment(OrderId, LearnerId, TrackId, 4900, "USD"), cancellationToken);
        if (configuration["Demo:ApiKey"] is { Length: > 0 } key)
        {
            var created = await mediator.Send(new CreateApiKey(PartnerId, ApiScopes.All, "Demo partner key", "system:demo", ApiKeyId, key), cancellationToken);
            if (created.Error is not null)
            {
                logger.LogWarning("The demo API key from Demo:ApiKey was not imported: {Code}", created.Error);
            }
        }

        logger.LogInformation("Demo data ready: partner {PartnerId}, course {CourseId}, learner {LearnerId}", PartnerId, CourseId, LearnerId);
        foreach (var (id, email, name, role) in new[] { (ReviewerId, "reviewer@example.org", "Demo Reviewer", StaffRoles.Reviewer), (AdminId, "admin@example.org", "Demo Admin", StaffRoles.Admin) })
        {
            var staff = await mediator.Send(new CreateStaffMember(email, name, role, "system:demo", id), cancellationToken);
            if (staff.Created is { } created)
            {
                // Printed once, never logged; later only `verification staff password --email ...` issues a new one.
                Console.WriteLine($"Demo {role}: {email}, one-time password {created.OneTimePassword} (shown once)");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
