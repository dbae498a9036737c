using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>
/// A seeded organisation: Ada completes the program's third course and one specialization course, Bob fails a graded
/// item, Cy is only invited, Dee joined and was removed. The reports, the zip and the member filters are read for it.
/// </summary>
public sealed class ReportTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static readonly string[] UsageColumns =
    [
        "Name", "Email", "External Id", "Course", "Course Id", "Course Slug", "University", "Enrollment Time", "Class Start Time",
        "Last Course Activity Time", "Overall Progress", "Completed", "Removed From Program", "Program Slug", "Program Name",
        "Enrollment Source", "Completion Time", "Course Grade", "Contract",
    ];

    private static readonly string[] MembershipColumns =
    [
        "Name", "Email", "External Id", "Program Name", "Program Slug", "Enrolled Courses", "Completed Courses", "Member State",
        "Join Date", "Invitation Date", "Last Activity Time", "Contracts",
    ];

    private static readonly string[] SpecializationColumns =
    [
        "Name", "Email", "External Id", "Specialization", "Specialization Slug", "University", "Enrollment Time",
        "Last Specialization Activity Time", "Completed Courses", "Total Courses", "Completed", "Removed From Program",
        "Program Slug", "Program Name", "Completion Time",
    ];

    private async Task<(TestProgram Program, string Suffix)> SeedAsync()
    {
        var program = await TestProgram.CreateAsync(app, licences: 10);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string Email(string who) => $"{who}.{suffix}@example.org";
        foreach (var who in new[] { "ada", "bob", "cy", "dee" })
        {
            using var invited = await program.InviteAsync(who == "ada" ? "=Ada Lovelace" : char.ToUpperInvariant(who[0]) + who[1..], Email(who), "X-" + who);
            await invited.ReadAsync<JsonElement>();
        }

        var ada = (await Joining.JoinFromMailAsync(app, Email("ada"))).GetProperty("learnerId").GetGuid();
        var bob = (await Joining.JoinFromMailAsync(app, Email("bob"))).GetProperty("learnerId").GetGuid();
        await Joining.JoinFromMailAsync(app, Email("dee"));
        var now = app.Time.GetUtcNow();
        await PushAsync(program, ada, program.ThirdCourse, "graded-items/q1", new { passed = true, grade = 0.8m, occurredAt = now.AddMinutes(-30) });
        await PushAsync(program, ada, program.ThirdCourse, "graded-items/q2", new { passed = true, grade = 1.0m, occurredAt = now.AddMinutes(-20) });
        await PushAsync(program, ada, program.ThirdCourse, "progress", new { progress = 1.0m, grade = 0.9m, occurredAt = now.AddMinutes(-20) });
        await PushAsync(program, ada, program.SpecializationCourses[0], "graded-items/final", new { passed = true, grade = 0.7m, occurredAt = now.AddMinutes(-10) });
        await PushAsync(program, bob, program.ThirdCourse, "graded-items/q1", new { passed = false, grade = 0.2m, occurredAt = now.AddMinutes(-5) });
        var dee = (await program.MembersAsync()).Single(m => m.GetProperty("email").GetString() == Email("dee")).GetProperty("memberId").GetGuid();
        using (var removed = await program.Admin.DeleteAsync($"/api/v1/programs/{program.ProgramId}/members/{dee}", Cancel))
        {
            removed.EnsureSuccessStatusCode();
        }

        return (program, suffix);
    }

    private static async Task PushAsync(TestProgram program, Guid learner, Guid course, string what, object body)
    {
        using var response = await program.Platform.PutAsJsonAsync($"/api/v1/enrollment/learners/{learner}/courses/{course}/{what}", body, Cancel);
        await response.ReadAsync<JsonElement>();
    }

    private static async Task<byte[]> DownloadAsync(TestProgram program, string name)
    {
        using var response = await program.Admin.GetAsync($"/api/v1/programs/{program.ProgramId}/reports/{name}", Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    [Fact]
    public async Task The_three_reports_have_the_documented_columns_and_the_right_rows_and_the_zip_holds_them()
    {
        var (program, suffix) = await SeedAsync();

        var usageFile = await DownloadAsync(program, "usage.csv");
        var membershipFile = await DownloadAsync(program, "membership.csv");
        var specializationFile = await DownloadAsync(program, "specialization.csv");
        var zipFile = await DownloadAsync(program, "reports.zip");
        var usage = CsvFile.Read(usageFile);
        var membership = CsvFile.Read(membershipFile);
        var specialization = CsvFile.Read(specializationFile);

        Assert.All(new[] { usageFile, membershipFile, specializationFile }, file => Assert.Equal(Utf8Bom, file[..3]));
        Assert.Equal(UsageColumns, usage.Header);
        Assert.Equal(MembershipColumns, membership.Header);
        Assert.Equal(SpecializationColumns, specialization.Header);

        // Three members joined, each enrolled in the specialization's two courses and the third course.
        Assert.Equal(9, usage.Rows.Count);
        var adaThird = usage.Rows.Single(r => r["Email"] == $"ada.{suffix}@example.org" && r["Course Id"] == program.ThirdCourse.ToString());
        Assert.Equal("'=Ada Lovelace", adaThird["Name"]);
        Assert.Equal("X-ada", adaThird["External Id"]);
        Assert.Equal("Yes", adaThird["Completed"]);
        Assert.Equal("100", adaThird["Overall Progress"]);
        Assert.Equal("0.9", adaThird["Course Grade"]);
        Assert.Equal(ReportTime(app.Time.GetUtcNow().AddMinutes(-20)), adaThird["Completion Time"]);
        Assert.Equal("Program", adaThird["Enrollment Source"]);
        Assert.Equal("No", adaThird["Removed From Program"]);
        Assert.Equal(program.Slug, adaThird["Program Slug"]);
        Assert.Equal("Acme Data Academy", adaThird["Program Name"]);
        Assert.Equal("FY2027", adaThird["Contract"]);
        Assert.Equal("2026-09-01", adaThird["Class Start Time"]);
        Assert.StartsWith("Partner p-", adaThird["University"], StringComparison.Ordinal);
        Assert.All(usage.Rows.Where(r => r["Email"].StartsWith("dee.", StringComparison.Ordinal)), r => Assert.Equal("Yes", r["Removed From Program"]));
        Assert.Equal(3, usage.Rows.Count(r => r["Email"].StartsWith("dee.", StringComparison.Ordinal)));
        Assert.Equal("No", usage.Rows.Single(r => r["Email"].StartsWith("bob.", StringComparison.Ordinal) && r["Course Id"] == program.ThirdCourse.ToString())["Completed"]);

        Assert.Equal(4, membership.Rows.Count);
        var byEmail = membership.Rows.ToDictionary(r => r["Email"][..r["Email"].IndexOf('.', StringComparison.Ordinal)]);
        Assert.Equal(("MEMBER", "3", "2"), (byEmail["ada"]["Member State"], byEmail["ada"]["Enrolled Courses"], byEmail["ada"]["Completed Courses"]));
        Assert.Equal(("INVITED", "0", ""), (byEmail["cy"]["Member State"], byEmail["cy"]["Enrolled Courses"], byEmail["cy"]["Join Date"]));
        Assert.Equal("DELETED_MEMBER", byEmail["dee"]["Member State"]);
        Assert.Equal("FY2027", byEmail["bob"]["Contracts"]);

        Assert.Equal(3, specialization.Rows.Count);
        var adaSpecialization = specialization.Rows.Single(r => r["Email"].StartsWith("ada.", StringComparison.Ordinal));
        Assert.Equal(("Data Skills", "1", "2", "No", ""), (adaSpecialization["Specialization"], adaSpecialization["Completed Courses"], adaSpecialization["Total Courses"], adaSpecialization["Completed"], adaSpecialization["Completion Time"]));

        using var zip = new ZipArchive(new MemoryStream(zipFile));
        Assert.Equal(["usage.csv", "membership.csv", "specialization.csv"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(usageFile, ReadEntry(zip, "usage.csv"));
        Assert.Equal(membershipFile, ReadEntry(zip, "membership.csv"));
        Assert.Equal(specializationFile, ReadEntry(zip, "specialization.csv"));
    }

    [Fact]
    public async Task At_risk_names_who_failed_an_assessment_or_missed_a_deadline_and_inactive_who_had_no_activity_for_30_days()
    {
        var (program, suffix) = await SeedAsync();
        var eve = $"eve.{suffix}@example.org";
        using (var eveInvited = await program.InviteAsync("Eve", eve))
        {
            await eveInvited.ReadAsync<JsonElement>();
        }

        await Joining.JoinFromMailAsync(app, eve);

        var atRiskNow = Names(await program.MembersAsync("?filter=at_risk"));
        var inactiveNow = Names(await program.MembersAsync("?filter=inactive"));
        app.Time.Advance(TimeSpan.FromDays(31));
        var atRiskLater = Names(await program.MembersAsync("?filter=at_risk"));
        var inactiveLater = Names(await program.MembersAsync("?filter=inactive"));
        var invited = Names(await program.MembersAsync("?state=INVITED"));
        using var bad = await program.Admin.GetAsync($"/api/v1/programs/{program.ProgramId}/members?filter=everyone", Cancel);

        Assert.Equal(["Bob"], atRiskNow);
        Assert.Empty(inactiveNow);
        // Past the third course's due date: Ada completed it; Eve, who did nothing, missed it; Bob failed and missed it.
        Assert.Equal(["Bob", "Eve"], atRiskLater);
        Assert.Equal(["=Ada Lovelace", "Bob", "Eve"], inactiveLater);
        Assert.Equal(["Cy"], invited);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static string[] Names(IReadOnlyList<JsonElement> members) => [.. members.Select(m => m.GetProperty("fullName").GetString()!).Order(StringComparer.Ordinal)];

    private static string ReportTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] ReadEntry(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
