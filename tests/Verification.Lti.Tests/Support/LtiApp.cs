using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Npgsql;
using Verification.Testing.Contract;
using Verification.Testing.Hosting;

namespace Verification.Lti.Tests.Support;

/// <summary>The real Host over a database of its own, with the refusal contract: an undeclared refusal fails the test.</summary>
public sealed class LtiApp : ServiceApp<Program>
{
    /// <summary>A client that shows redirects and cookies instead of following and keeping them.</summary>
    public HttpClient Browserless() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public async Task<long> CountAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddRefusalContract());
    }
}
