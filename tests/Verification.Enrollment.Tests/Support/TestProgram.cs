using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;

namespace Verification.Enrollment.Tests.Support;

/// <summary>
/// An organisation's program made through the APIs: a partner with three courses (two of them a specialization), a
/// curriculum of the specialization and the third course (due <see cref="DueOn"/>), and one contract.
/// </summary>
public sealed record TestProgram(Guid ProgramId, string Slug, Guid PartnerId, Guid SpecializationId, IReadOnlyList<Guid> SpecializationCourses, Guid ThirdCourse, HttpClient Admin, HttpClient Platform, Guid OrganisationId)
{
    public static readonly DateOnly DueOn = new(2026, 12, 15);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<TestProgram> CreateAsync(TestApp app, int licences)
    {
        var platform = await TestPartner.CreateAsync(app, gradedItems: 1);
        var catalog = await app.KeyAsync(platform.PartnerId, ApiScopes.CatalogWrite);
        var second = await TestPartner.CreateCourseAsync(app, platform.PartnerId, gradedItems: 1);
        var third = await TestPartner.CreateCourseAsync(app, platform.PartnerId, gradedItems: 2);
        var specialization = await (await catalog.PostAsJsonAsync("/api/v1/catalog/specializations",
            new { slug = "s-" + Guid.NewGuid().ToString("N")[..10], title = "Data Skills", courseIds = new[] { platform.CourseId, second } }, Cancel)).ReadAsync<JsonElement>();
        var specializationId = specialization.GetProperty("specializationId").GetGuid();

        var admin = await app.KeyAsync(platform.PartnerId, ApiScopes.ProgramsManage);
        var organisation = await (await admin.PostAsJsonAsync("/api/v1/programs/organisations", new { name = "Acme Corp", slug = "o-" + Guid.NewGuid().ToString("N")[..10] }, Cancel)).ReadAsync<JsonElement>();
        var slug = "prog-" + Guid.NewGuid().ToString("N")[..10];
        var program = await (await admin.PostAsJsonAsync("/api/v1/programs", new
        {
            organisationId = organisation.GetProperty("organisationId").GetGuid(),
            slug,
            name = "Acme Data Academy",
            curriculum = new object[] { new { specializationId }, new { courseId = third, dueOn = DueOn } },
        }, Cancel)).ReadAsync<JsonElement>();
        var programId = program.GetProperty("programId").GetGuid();
        await (await admin.PostAsJsonAsync($"/api/v1/programs/{programId}/contracts", new { name = "FY2027", licenceCount = licences, startsOn = "2026-01-01", endsOn = "2027-12-31" }, Cancel)).ReadAsync<JsonElement>();
        return new TestProgram(programId, slug, platform.PartnerId, specializationId, [platform.CourseId, second], third, admin, await app.KeyAsync(platform.PartnerId, ApiScopes.LearnersWrite),
            organisation.GetProperty("organisationId").GetGuid());
    }

    public Task<HttpResponseMessage> InviteAsync(string fullName, string email, string? externalId = null) =>
        Admin.PostAsJsonAsync($"/api/v1/programs/{ProgramId}/invitations", new { fullName, email, externalId }, Cancel);

    public async Task<IReadOnlyList<JsonElement>> MembersAsync(string query = "")
    {
        var members = await (await Admin.GetAsync($"/api/v1/programs/{ProgramId}/members{query}", Cancel)).ReadAsync<JsonElement>();
        return [.. members.EnumerateArray()];
    }
}
