using Mediator;
using Verification.Access.Contracts;
using Verification.Billing.Contracts;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;
using Verification.Enrollment.Contracts;

namespace Verification.Host.Demo;

/// <summary>
/// With <c>Demo:Seed</c> on (./run.sh sets it), adds a university and a company partner (the university with an API key,
/// <c>Demo:ApiKey</c>, kept by ./run.sh in .data/), three courses with verified tracks, a specialization, a learner on the
/// verified track who paid for it (named by <c>Demo:LearnerName</c>, default Ada Learner), a monthly (59.00 USD) and a yearly (399.00 USD) plan over Demo University's tracks, an organisation's program with a contract and members in each state, and a reviewer,
/// an admin and Acme's program administrator whose one-time passwords are printed once, when the accounts are made. Fixed ids make a second run a no-op.
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
    public static readonly Guid CompanyId = new("01935f00-0000-7000-8000-000000000008");
    public static readonly Guid SecondCourseId = new("01935f00-0000-7000-8000-000000000009");
    public static readonly Guid CompanyCourseId = new("01935f00-0000-7000-8000-00000000000a");
    public static readonly Guid SpecializationId = new("01935f00-0000-7000-8000-00000000000b");
    public static readonly Guid OrganisationId = new("01935f00-0000-7000-8000-00000000000c");
    public static readonly Guid ProgramId = new("01935f00-0000-7000-8000-00000000000d");
    private static readonly Guid ContractId = new("01935f00-0000-7000-8000-00000000000e");
    private static readonly Guid SecondTrackId = new("01935f00-0000-7000-8000-00000000000f");
    private static readonly Guid CompanyTrackId = new("01935f00-0000-7000-8000-000000000010");
    private static readonly Guid SpecializationTrackId = new("01935f00-0000-7000-8000-000000000011");
    public static readonly Guid AdminId = new("01935f00-0000-7000-8000-000000000030");
    public static readonly Guid ApiKeyId = new("01935f00-0000-7000-8000-000000000031");
    public static readonly Guid ProgramAdminId = new("01935f00-0000-7000-8000-000000000032");
    public static readonly Guid MonthlyPlanId = new("01935f00-0000-7000-8000-000000000040");
    public static readonly Guid YearlyPlanId = new("01935f00-0000-7000-8000-000000000041");
    public const string ProgramAdminEmail = "programs@acme.example.org";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Startup.DemoMode.IsOn(configuration))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new CreatePartner(PartnerId, "Demo University", "CH", "demo-university"), cancellationToken);
        await mediator.Send(new CreatePartner(CompanyId, "Demo Analytics Inc.", "US", "demo-analytics"), cancellationToken);
        await mediator.Send(new CreateCourse(CourseId, PartnerId, "DEMO-101", "Introduction to Honest Work", TrackId, 4900, "USD", GradedItems: 3), cancellationToken);
        await mediator.Send(new CreateCourse(SecondCourseId, PartnerId, "DEMO-201", "Research Methods", SecondTrackId, 4900, "USD", Languages: ["en", "fr"], GradedItems: 4), cancellationToken);
        await mediator.Send(new CreateCourse(CompanyCourseId, CompanyId, "DEMO-301", "Applied Data Analysis", CompanyTrackId, 7900, "EUR", GradedItems: 5), cancellationToken);
        await mediator.Send(new CreateSpecialization(SpecializationId, PartnerId, "honest-research", "Honest Research", [CourseId, SecondCourseId], SpecializationTrackId, 8900, "USD"), cancellationToken);
        await mediator.Send(new RegisterLearner(LearnerId, configuration["Demo:LearnerName"] is { Length: > 0 } learnerName ? learnerName : "Ada Learner", "ada.learner@example.org", PartnerId, "demo-ada"), cancellationToken);
        await mediator.Send(new EnrollLearner(EnrollmentId, LearnerId, CourseId, TrackId), cancellationToken);
        await mediator.Send(new RecordPayment(OrderId, LearnerId, TrackId, 4900, "USD"), cancellationToken);
        await mediator.Send(new CreateSubscriptionPlan(MonthlyPlanId, "Demo University Monthly", PlanInterval.Month, 5900, "USD", [TrackId, SecondTrackId, SpecializationTrackId]), cancellationToken);
        await mediator.Send(new CreateSubscriptionPlan(YearlyPlanId, "Demo University Yearly", PlanInterval.Year, 39900, "USD", [TrackId, SecondTrackId, SpecializationTrackId]), cancellationToken);
        await mediator.Send(
            new SeedDemoProgram(OrganisationId, new("Acme Corporation", "acme"), ProgramId, new("Acme Data Academy", "acme-data-academy"), ContractId, [CompanyCourseId], SpecializationId,
            [
                new DemoMember(new("01935f00-0000-7000-8000-000000000021"), "Grace Invited", "grace.invited@example.org", DemoMemberState.Invited),
                new DemoMember(new("01935f00-0000-7000-8000-000000000022"), "Alan Invited", "alan.invited@example.org", DemoMemberState.Invited),
                new DemoMember(new("01935f00-0000-7000-8000-000000000023"), "Barbara Member", "barbara.member@example.org", DemoMemberState.Member),
                new DemoMember(new("01935f00-0000-7000-8000-000000000024"), "Edsger Member", "edsger.member@example.org", DemoMemberState.Member),
                new DemoMember(new("01935f00-0000-7000-8000-000000000025"), "Dennis Removed", "dennis.removed@example.org", DemoMemberState.Deleted),
                new DemoMember(new("01935f00-0000-7000-8000-000000000026"), "Frances Removed", "frances.removed@example.org", DemoMemberState.Deleted),
            ]),
            cancellationToken);
        if (configuration["Demo:ApiKey"] is { Length: > 0 } key)
        {
            var created = await mediator.Send(new CreateApiKey(PartnerId, ApiScopes.All, "Demo partner key", "system:demo", ApiKeyId, key), cancellationToken);
            if (created.Error is not null)
            {
                logger.LogWarning("The demo API key from Demo:ApiKey was not imported: {Code}", created.Error);
            }
        }

        logger.LogInformation("Demo data ready: partner {PartnerId}, course {CourseId}, learner {LearnerId}", PartnerId, CourseId, LearnerId);
        foreach (var (id, email, name, role, organisation) in new[]
        {
            (ReviewerId, "reviewer@example.org", "Demo Reviewer", StaffRoles.Reviewer, (Guid?)null),
            (AdminId, "admin@example.org", "Demo Admin", StaffRoles.Admin, null),
            (ProgramAdminId, ProgramAdminEmail, "Acme Program Admin", StaffRoles.ProgramAdmin, OrganisationId),
        })
        {
            var staff = await mediator.Send(new CreateStaffMember(email, name, role, "system:demo", id, organisation), cancellationToken);
            if (staff.Created is { } created)
            {
                // Printed once, never logged; later only `verification staff password --email ...` issues a new one.
                Console.WriteLine($"Demo {role}: {email}, one-time password {created.OneTimePassword} (shown once)");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
