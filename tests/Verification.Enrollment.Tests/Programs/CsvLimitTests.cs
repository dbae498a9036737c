using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Verification.Enrollment.Tests.Support;

namespace Verification.Enrollment.Tests.Programs;

/// <summary>Hostile files: over the stated size (with and without a Content-Length) and over the stated row count.</summary>
public sealed class CsvLimitTests(TestApp app) : IClassFixture<TestApp>
{
    private const int MaxBytes = 1024 * 1024;
    private const int MaxRows = 5000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static byte[] File(int rows) =>
        Encoding.UTF8.GetBytes("Full Name,Email,External ID\r\n" + string.Concat(Enumerable.Range(1, rows).Select(i => $"Person {i},p{i}@example.org,E{i}\r\n")));

    [Fact]
    public async Task A_file_one_byte_over_the_size_limit_is_refused_with_csv_too_large_and_nobody_is_invited_even_without_a_length()
    {
        var program = await TestProgram.CreateAsync(app, licences: 10);
        var header = File(3);
        var file = new byte[MaxBytes + 1];
        header.CopyTo(file, 0);
        Array.Fill(file, (byte)' ', header.Length, file.Length - header.Length);

        using var withLength = await program.Admin.PostAsync($"/api/v1/programs/{program.ProgramId}/invitations/csv", Csv(new ByteArrayContent(file)), Cancel);
        // A stream of unknown length goes chunked: the limit is counted while reading, not trusted from a header.
        using var chunked = await program.Admin.PostAsync($"/api/v1/programs/{program.ProgramId}/invitations/csv", Csv(new StreamContent(new UnknownLengthStream(file))), Cancel);
        using var atTheLimit = await program.Admin.PostAsync($"/api/v1/programs/{program.ProgramId}/invitations/csv", Csv(new ByteArrayContent(file[..MaxBytes])), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal("csv_too_large", await CodeAsync(withLength));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal("csv_too_large", await CodeAsync(chunked));
        Assert.Equal(HttpStatusCode.OK, atTheLimit.StatusCode);
        Assert.Equal(3, (await atTheLimit.ReadAsync<JsonElement>()).GetProperty("invited").GetInt32());
    }

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_with_422_and_nobody_is_invited()
    {
        var program = await TestProgram.CreateAsync(app, licences: 10);
        var tooMany = File(MaxRows + 1);
        Assert.True(tooMany.Length < MaxBytes, "the row limit must be reached before the size limit");

        using var response = await program.Admin.PostAsync($"/api/v1/programs/{program.ProgramId}/invitations/csv", Csv(new ByteArrayContent(tooMany)), Cancel);
        var details = await (await program.Admin.GetAsync($"/api/v1/programs/{program.ProgramId}", Cancel)).ReadAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("csv_too_many_rows", await CodeAsync(response));
        Assert.Empty(await program.MembersAsync());
        Assert.Equal(0, details.GetProperty("contracts")[0].GetProperty("licencesUsed").GetInt64());
    }

    private static HttpContent Csv(HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("code").GetString();
    }

    /// <summary>A stream that does not say how long it is, so the client sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
