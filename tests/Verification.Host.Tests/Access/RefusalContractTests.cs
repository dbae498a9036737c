using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Verification.BuildingBlocks.OpenApi;
using Verification.Testing.Contract;

namespace Verification.Host.Tests.Access;

/// <summary>
/// The check the test hosts run on every answer: a problem whose (status, code) its endpoint did not declare fails the
/// test that provoked it. Shown on a bare application, so that the check itself is known to fail when it should.
/// </summary>
public sealed class RefusalContractTests
{
    [Fact]
    public async Task An_undeclared_status_or_code_becomes_a_500_that_names_it_and_a_declared_one_passes_unchanged()
    {
        await using var app = await AppAsync();
        using var client = app.GetTestClient();
        var cancel = TestContext.Current.CancellationToken;

        using var declared = await client.GetAsync(new Uri("/declared", UriKind.Relative), cancel);
        using var otherCode = await client.GetAsync(new Uri("/other-code", UriKind.Relative), cancel);
        using var noCode = await client.GetAsync(new Uri("/no-code", UriKind.Relative), cancel);
        using var success = await client.GetAsync(new Uri("/declared?ok=true", UriKind.Relative), cancel);

        Assert.Equal(HttpStatusCode.Conflict, declared.StatusCode);
        Assert.Equal("slot_taken", await CodeAsync(declared));
        Assert.Equal(HttpStatusCode.InternalServerError, otherCode.StatusCode);
        Assert.Equal(RefusalContract.UndeclaredCode, await CodeAsync(otherCode));
        Assert.Equal(HttpStatusCode.InternalServerError, noCode.StatusCode);
        Assert.Equal("ok", await success.Content.ReadAsStringAsync(cancel));
        Assert.Contains("GET /other-code 409 slot_gone", RefusalContract.Undeclared);
        Assert.Contains("GET /no-code 404 (no code)", RefusalContract.Undeclared);
    }

    private static async Task<WebApplication> AppAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRefusalContract();
        var app = builder.Build();
        app.MapGet("/declared", (bool? ok) => ok == true ? Results.Text("ok") : Problem(409, "slot_taken")).Refuses(StatusCodes.Status409Conflict, "slot_taken");
        app.MapGet("/other-code", () => Problem(409, "slot_gone")).Refuses(StatusCodes.Status409Conflict, "slot_taken");
        app.MapGet("/no-code", () => Results.Problem(statusCode: 404)).Refuses(StatusCodes.Status409Conflict, "slot_taken");
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static IResult Problem(int status, string code) =>
        Results.Problem(statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("code").GetString();
    }
}
