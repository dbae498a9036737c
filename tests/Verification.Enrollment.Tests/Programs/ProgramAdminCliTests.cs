using System.Text.Json;
using System.Text.RegularExpressions;
using Verification.Enrollment.Contracts;
using Verification.Enrollment.Tests.Support;
using Verification.Testing;

namespace Verification.Enrollment.Tests.Programs;

/// <summary><c>verification staff create --role program_admin --organisation …</c>, run as the built CLI against the Host's database.</summary>
public sealed partial class ProgramAdminCliTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task The_cli_creates_a_program_admin_for_an_organisation_named_by_slug_who_signs_in_and_sees_its_program()
    {
        var program = await TestProgram.CreateAsync(app, licences: 1);
        var slug = (await app.SendAsync(new FindOrganisation(program.OrganisationId.ToString())))!.Slug;
        var email = $"cli.{Guid.NewGuid():N}@example.org";

        var created = await RunAsync("staff", "create", "--email", email, "--name", "Org Admin", "--role", "program_admin", "--organisation", slug);
        var unknown = await RunAsync("staff", "create", "--email", $"x{email}", "--name", "X", "--role", "program_admin", "--organisation", "no-such-organisation");
        var without = await RunAsync("staff", "create", "--email", $"y{email}", "--name", "Y", "--role", "program_admin");
        var password = OneTimePassword().Match(created.Output).Groups[1].Value;
        using var client = app.Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", await app.SignInAsync(email, password, TestApp.StaffPassword));
        var listed = await (await client.GetAsync("/api/v1/programs", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();

        Assert.Equal(0, created.ExitCode);
        Assert.Contains(program.OrganisationId.ToString(), created.Output, StringComparison.Ordinal);
        Assert.Equal([program.ProgramId], listed.EnumerateArray().Select(p => p.GetProperty("programId").GetGuid()));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("organisation_invalid", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, without.ExitCode);
        Assert.Contains("organisation_invalid", without.Error, StringComparison.Ordinal);
    }

    private Task<ProcessResult> RunAsync(params string[] arguments) =>
        ChildProcess.CliAsync([.. arguments, "--database", app.ConnectionString], new Dictionary<string, string?>
        {
            ["VERIFICATION_DB"] = "",
            ["Audit__Key"] = Verification.BuildingBlocks.Audit.AuditKey.Generate(),
        });

    [GeneratedRegex("one-time password  (\\S+)")]
    private static partial Regex OneTimePassword();
}
