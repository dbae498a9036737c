using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>An organisation's program administrator: a real staff account bound to one organisation, made by an admin.</summary>
public sealed class ProgramAdminTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_program_admin_through_the_api_who_signs_in_and_runs_only_that_organisations_programs()
    {
        var acme = await TestProgram.CreateAsync(app, licences: 5);
        var globex = await TestProgram.CreateAsync(app, licences: 5);
        var admin = await app.AdminAsync();
        var email = $"pa.{Guid.NewGuid():N}@acme.example.org";

        using var created = await admin.PostAsJsonAsync("/api/v1/staff", new { email, displayName = "Acme Programs", role = "program_admin", organisationId = acme.OrganisationId }, Cancel);
        var account = await created.ReadAsync<JsonElement>();
        var cookie = await app.SignInAsync(email, account.GetProperty("oneTimePassword").GetString()!, TestApp.StaffPassword);
        using var programAdmin = app.Anonymous();
        programAdmin.DefaultRequestHeaders.Add("Cookie", cookie);

        var listed = await (await programAdmin.GetAsync("/api/v1/programs", Cancel)).ReadAsync<JsonElement>();
        var invited = await (await programAdmin.PostAsJsonAsync($"/api/v1/programs/{acme.ProgramId}/invitations", new { fullName = "Ada Acme", email = $"ada.{Guid.NewGuid():N}@example.org" }, Cancel)).ReadAsync<JsonElement>();
        var members = await (await programAdmin.GetAsync($"/api/v1/programs/{acme.ProgramId}/members", Cancel)).ReadAsync<JsonElement>();
        using var report = await programAdmin.GetAsync($"/api/v1/programs/{acme.ProgramId}/reports/membership.csv", Cancel);
        var everything = await (await admin.GetAsync("/api/v1/programs", Cancel)).ReadAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(acme.OrganisationId, account.GetProperty("organisationId").GetGuid());
        Assert.Equal([acme.ProgramId], listed.EnumerateArray().Select(p => p.GetProperty("programId").GetGuid()));
        Assert.NotEqual(Guid.Empty, invited.GetProperty("memberId").GetGuid());
        Assert.Single(members.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains(everything.EnumerateArray(), p => p.GetProperty("programId").GetGuid() == globex.ProgramId);

        // Another organisation's program answers as unknown, for every read and write.
        var foreign = $"/api/v1/programs/{globex.ProgramId}";
        var answers = new List<HttpResponseMessage>
        {
            await programAdmin.GetAsync(foreign, Cancel),
            await programAdmin.GetAsync(foreign + "/members", Cancel),
            await programAdmin.GetAsync(foreign + "/reports/usage.csv", Cancel),
            await programAdmin.GetAsync(foreign + "/reports/reports.zip", Cancel),
            await programAdmin.PostAsJsonAsync(foreign + "/invitations", new { fullName = "Mallory", email = "mallory@example.org" }, Cancel),
            await programAdmin.DeleteAsync($"{foreign}/members/{Guid.CreateVersion7()}", Cancel),
        };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.Empty(await globex.MembersAsync());

        // Licences and programs are set up by the partner or an admin, not by the organisation itself.
        using var contract = await programAdmin.PostAsJsonAsync($"/api/v1/programs/{acme.ProgramId}/contracts", new { name = "More", licenceCount = 100, startsOn = "2026-01-01", endsOn = "2030-01-01" }, Cancel);
        using var organisation = await programAdmin.PostAsJsonAsync("/api/v1/programs/organisations", new { name = "Mine", slug = "mine-" + Guid.NewGuid().ToString("N")[..6] }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, contract.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, organisation.StatusCode);

        using var signOut = await programAdmin.PostAsync("/api/v1/staff/sign-out", null, Cancel);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
    }

    [Fact]
    public async Task A_program_admin_needs_an_existing_organisation_and_no_other_role_takes_one()
    {
        var acme = await TestProgram.CreateAsync(app, licences: 1);
        var admin = await app.AdminAsync();

        async Task<(HttpStatusCode, string?)> CreateAsync(string role, Guid? organisationId)
        {
            using var response = await admin.PostAsJsonAsync("/api/v1/staff", new { email = $"{Guid.NewGuid():N}@example.org", displayName = "X", role, organisationId }, Cancel);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            return (response.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null);
        }

        Assert.Equal((HttpStatusCode.BadRequest, "organisation_invalid"), await CreateAsync("program_admin", null));
        Assert.Equal((HttpStatusCode.BadRequest, "organisation_invalid"), await CreateAsync("program_admin", Guid.CreateVersion7()));
        Assert.Equal((HttpStatusCode.BadRequest, "organisation_invalid"), await CreateAsync("reviewer", acme.OrganisationId));
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync("program_admin", acme.OrganisationId)).Item1);

        // A program administrator is no reviewer: the staff-only routes stay closed to it.
        var (programAdmin, _) = await app.StaffAsync(StaffRoles.ProgramAdmin, acme.OrganisationId);
        using var createStaff = await programAdmin.PostAsJsonAsync("/api/v1/staff", new { email = "x@example.org", displayName = "X", role = "admin" }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, createStaff.StatusCode);
    }
}
