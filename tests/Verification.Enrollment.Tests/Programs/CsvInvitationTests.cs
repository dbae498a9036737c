using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

public sealed class CsvInvitationTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Line numbers are the file's: the header is line 1, and the quoted name with a line break spans lines 10 and 11.
    private const string File = "Full Name,Email,External ID\r\n" +
        "Ada Lovelace,ada@example.org,E1\r\n" +
        "\"Grace \"\"Amazing\"\" Hopper\",grace@example.org,\r\n" +
        "Zoë Ünïcode-Ñandú,zoe@example.org,E3\r\n" +
        "No Email,,E4\r\n" +
        "Bad Mail,not-an-email,E5\r\n" +
        "Ada Again,ADA@example.org,E6\r\n" +
        "Already There,existing@example.org,E7\r\n" +
        "\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",evil@example.org,E8\r\n" +
        "\"Two\nLines\",multi@example.org,E9\r\n" +
        "@SUM(1+1),sum@example.org,\r\n";

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static byte[] WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private async Task<HttpResponseMessage> UploadAsync(TestProgram program, byte[] file) =>
        await program.Admin.PostAsync($"/api/v1/programs/{program.ProgramId}/invitations/csv", Csv(file), Cancel);

    [Fact]
    public async Task Good_rows_go_in_each_bad_row_is_reported_by_line_and_a_second_upload_adds_nobody()
    {
        var program = await TestProgram.CreateAsync(app, licences: 50);
        using (var existing = await program.InviteAsync("Already There", "existing@example.org"))
        {
            await existing.ReadAsync<JsonElement>();
        }

        var first = await (await UploadAsync(program, WithBom(File))).ReadAsync<JsonElement>();
        var membersAfterFirst = await program.MembersAsync();
        var second = await (await UploadAsync(program, WithBom(File))).ReadAsync<JsonElement>();
        var membersAfterSecond = await program.MembersAsync();

        Assert.Equal(5, first.GetProperty("invited").GetInt32());
        Assert.Equal(
            [(5, "email is missing"), (6, "email is not a valid address"), (7, "duplicate of line 2 (same email)"), (8, "already invited or a member"), (10, "full name contains control characters")],
            Errors(first));
        Assert.Equal(
            new[] { "Ada Lovelace", "Already There", "Grace \"Amazing\" Hopper", "Zoë Ünïcode-Ñandú", "=HYPERLINK(\"http://evil.example/\",\"x\")", "@SUM(1+1)" }.Order(StringComparer.Ordinal),
            membersAfterFirst.Select(m => m.GetProperty("fullName").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(membersAfterFirst, m => Assert.Equal("INVITED", m.GetProperty("state").GetString()));
        Assert.Equal("E1", membersAfterFirst.Single(m => m.GetProperty("email").GetString() == "ada@example.org").GetProperty("externalId").GetString());
        Assert.Equal(0, second.GetProperty("invited").GetInt32());
        Assert.Equal(membersAfterFirst.Count, membersAfterSecond.Count);
        Assert.Equal([2, 3, 4, 8, 9, 12], Errors(second).Where(e => e.Reason == "already invited or a member").Select(e => e.Line));
    }

    [Fact]
    public async Task Names_in_hanzi_arabic_and_devanagari_come_in_whole_and_in_nfc_from_a_file_with_a_bom()
    {
        var program = await TestProgram.CreateAsync(app, licences: 10);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var file = "Full Name,Email,External ID\r\n" +
            $"王小明,wang-{tag}@example.org,Z1\r\n" +
            $"ليلى عبد الله,layla-{tag}@example.org,A1\r\n" +
            $"अनन्या शर्मा,ananya-{tag}@example.org,H1\r\n" +
            $"Nguye\u0302\u0303n Thi\u0323,nguyen-{tag}@example.org,V1\r\n";

        var result = await (await UploadAsync(program, WithBom(file))).ReadAsync<JsonElement>();
        var names = (await program.MembersAsync()).Select(m => m.GetProperty("fullName").GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(4, result.GetProperty("invited").GetInt32());
        Assert.Equal(new[] { "王小明", "ليلى عبد الله", "अनन्या शर्मा", "Nguyễn Thị" }.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("Name,Email,External ID\r\nAda,ada@example.org,\r\n")]
    [InlineData("Full Name,Email\r\nAda,ada@example.org\r\n")]
    [InlineData("Full Name,Email,External ID,Team\r\nAda,ada@example.org,,x\r\n")]
    [InlineData("full name,email,external id\r\nAda,ada@example.org,\r\n")]
    [InlineData("")]
    public async Task A_file_without_exactly_the_three_headers_is_refused_and_nobody_is_invited(string file)
    {
        var program = await TestProgram.CreateAsync(app, licences: 5);

        using var response = await UploadAsync(program, Encoding.UTF8.GetBytes(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Full Name,Email,External ID", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Empty(await program.MembersAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_or_not_in_utf8_is_refused()
    {
        var program = await TestProgram.CreateAsync(app, licences: 5);
        var large = Encoding.UTF8.GetBytes("Full Name,Email,External ID\r\n" + string.Concat(Enumerable.Repeat("Someone,someone@example.org,\r\n", 40_000)));
        byte[] latin1 = [.. Encoding.UTF8.GetBytes("Full Name,Email,External ID\r\nZo"), 0xEB, .. Encoding.UTF8.GetBytes(",zoe@example.org,\r\n")];

        using var tooLarge = await UploadAsync(program, large);
        using var notUtf8 = await UploadAsync(program, latin1);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Contains("not UTF-8", await notUtf8.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Empty(await program.MembersAsync());
    }

    private static IReadOnlyList<(int Line, string Reason)> Errors(JsonElement report) =>
        [.. report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("reason").GetString()!))];
}
