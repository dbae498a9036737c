using Mediator;
using Verification.Billing.Contracts;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;
using Verification.Proctoring.Contracts;

namespace Verification.Host.Demo;

/// <summary>
/// With <c>Demo:Seed</c> on (./run.sh sets it), adds a partner, a course with a certificate track, a learner who paid
/// for it, and a reviewer with a one-time password printed to the console. Fixed ids make a second run a no-op.
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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Startup.DemoMode.IsOn(configuration))
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
        var reviewer = await mediator.Send(new IssueReviewerPassword(ReviewerId, "Demo Reviewer", "reviewer@example.org"), cancellationToken);

        logger.LogInformation("Demo data ready: course {CourseId}, learner {LearnerId}, reviewer {ReviewerId}", CourseId, LearnerId, ReviewerId);
        if (reviewer.OneTimePassword is not null)
        {
            // Printed, never logged: the console of the person who ran ./run.sh is where they need it.
            Console.WriteLine($"Demo reviewer: reviewer@example.org, one-time password {reviewer.OneTimePassword}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
