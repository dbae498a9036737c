using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Verification.Access.Contracts;
using Verification.BuildingBlocks.Access;

namespace Verification.Testing.Hosting;

/// <summary>
/// Callers with real credentials, made the way an operator makes them: API keys through the Access module's
/// <see cref="CreateApiKey"/>, staff accounts through <see cref="CreateStaffMember"/> and their cookie through
/// <c>POST /api/v1/staff/sign-in</c>, the one-time password replaced as at a first sign-in.
/// </summary>
public partial class ServiceApp<TEntryPoint>
{
    public const string StaffPassword = "a long staff passphrase";

    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private (string Email, string Cookie, DateTimeOffset SignedInAt)? _admin;

    /// <summary>A client carrying a key of <paramref name="partnerId"/> with <paramref name="scopes"/>.</summary>
    public async Task<HttpClient> KeyAsync(Guid partnerId, params string[] scopes)
    {
        var result = await SendAsync(new CreateApiKey(partnerId, scopes, "test key", "test"));
        var key = result.Created?.Key ?? throw new InvalidOperationException("No key: " + result.Error);
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A client signed in as a staff admin (one account per app, signed in again when the fake clock has moved on).</summary>
    public async Task<HttpClient> AdminAsync()
    {
        await _adminGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_admin is not { } admin || Time.GetUtcNow() - admin.SignedInAt > TimeSpan.FromHours(1))
            {
                var email = _admin?.Email;
                if (email is null)
                {
                    var account = await CreateStaffAsync(StaffRoles.Admin);
                    _admin = (account.Email, await SignInAsync(account.Email, account.OneTimePassword, StaffPassword), Time.GetUtcNow());
                }
                else
                {
                    _admin = (email, await SignInAsync(email, StaffPassword, null), Time.GetUtcNow());
                }
            }

            return WithCookie(_admin.Value.Cookie);
        }
        finally
        {
            _adminGate.Release();
        }
    }

    /// <summary>A new staff account of <paramref name="role"/> (a program administrator names its organisation), signed in.</summary>
    public async Task<(HttpClient Client, StaffMemberCreated Account)> StaffAsync(string role, Guid? organisationId = null)
    {
        var account = await CreateStaffAsync(role, organisationId);
        return (WithCookie(await SignInAsync(account.Email, account.OneTimePassword, StaffPassword)), account);
    }

    public async Task<StaffMemberCreated> CreateStaffAsync(string role, Guid? organisationId = null)
    {
        var result = await SendAsync(new CreateStaffMember($"{Guid.NewGuid():N}@example.org", "Staff " + role, role, "test", OrganisationId: organisationId));
        return result.Created ?? throw new InvalidOperationException("No account: " + result.Error);
    }

    /// <summary>The staff cookie (<c>name=value</c>) the real sign-in sets.</summary>
    public async Task<string> SignInAsync(string email, string password, string? newPassword)
    {
        using var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email, password, newPassword }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
