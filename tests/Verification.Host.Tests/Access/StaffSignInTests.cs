using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Verification.BuildingBlocks.Access;
using Verification.Host.Tests.Access.Support;
using Verification.Testing;

namespace Verification.Host.Tests.Access;

public sealed class StaffSignInTests(AccessApp app) : IClassFixture<AccessApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_one_time_password_must_be_replaced_at_first_sign_in()
    {
        var account = await app.CreateStaffAsync(StaffRoles.Reviewer);
        using var client = app.Client(cookies: true);

        using var kept = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = account.OneTimePassword }, Cancel);
        using var tooShort = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = account.OneTimePassword, newPassword = "short" }, Cancel);
        using var changed = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = account.OneTimePassword, newPassword = AccessApp.StaffPassword }, Cancel);
        using var oldAgain = await app.Client().PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = account.OneTimePassword }, Cancel);
        using var newAgain = await app.Client().PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = AccessApp.StaffPassword }, Cancel);

        Assert.Equal("password_change_required", await AccessApp.CodeOfAsync(kept));
        Assert.Equal("password_change_required", await AccessApp.CodeOfAsync(tooShort));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("sign_in_failed", await AccessApp.CodeOfAsync(oldAgain));
        Assert.Equal(HttpStatusCode.OK, newAgain.StatusCode);
    }

    [Fact]
    public async Task The_cookie_stops_working_when_its_lifetime_ends()
    {
        var (reviewer, _) = await app.StaffAsync(StaffRoles.Reviewer);

        using var fresh = await reviewer.GetAsync(new Uri("/api/v1/review-cases", UriKind.Relative), Cancel);
        app.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        using var stale = await reviewer.GetAsync(new Uri("/api/v1/review-cases", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [Fact]
    public async Task The_cookie_is_http_only_strict_and_secure_behind_a_tls_proxy()
    {
        var account = await app.CreateStaffAsync(StaffRoles.Reviewer);
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/staff/sign-in")
        {
            Content = JsonContent.Create(new { email = account.Email, password = account.OneTimePassword, newPassword = AccessApp.StaffPassword }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request, Cancel);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));

        Assert.StartsWith("verification-staff=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Missing_or_null_fields_answer_400()
    {
        using var client = app.Client();

        using var empty = await client.PostAsync(new Uri("/api/v1/staff/sign-in", UriKind.Relative), JsonContent.Create(new { }), Cancel);
        using var nullPassword = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = "someone@example.org", password = (string?)null }, Cancel);
        using var noEmail = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { password = "x" }, Cancel);
        using var nullBody = await client.PostAsync(new Uri("/api/v1/staff/sign-in", UriKind.Relative), new StringContent("null", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.All([empty, nullPassword, noEmail, nullBody], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal("fields_missing", await AccessApp.CodeOfAsync(nullPassword));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_one_until_the_lockout_ends()
    {
        var (_, account) = await app.StaffAsync(StaffRoles.Reviewer);
        using var client = app.Client();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = "wrong password " + i }, Cancel);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = AccessApp.StaffPassword }, Cancel);
        app.Time.Advance(TimeSpan.FromMinutes(16));
        using var later = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = AccessApp.StaffPassword }, Cancel);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync(Cancel);
        var failures = await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit.entries WHERE action = 'staff.sign_in_failed' AND subject = @subject", new { subject = $"staff:{account.StaffId}" });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("sign_in_failed", await AccessApp.CodeOfAsync(locked));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(6, failures);
    }

    [Fact]
    public async Task Signing_out_or_being_disabled_ends_the_cookies_access()
    {
        var (reviewer, _) = await app.StaffAsync(StaffRoles.Reviewer);
        var (other, otherAccount) = await app.StaffAsync(StaffRoles.Reviewer);
        var (admin, _) = await app.StaffAsync(StaffRoles.Admin);

        using var before = await reviewer.GetAsync(new Uri("/api/v1/review-cases", UriKind.Relative), Cancel);
        using var signOut = await reviewer.PostAsync(new Uri("/api/v1/staff/sign-out", UriKind.Relative), null, Cancel);
        using var afterSignOut = await reviewer.GetAsync(new Uri("/api/v1/review-cases", UriKind.Relative), Cancel);
        using var disable = await admin.PostAsync(new Uri($"/api/v1/staff/{otherAccount.StaffId}/disable", UriKind.Relative), null, Cancel);
        using var afterDisable = await other.GetAsync(new Uri("/api/v1/review-cases", UriKind.Relative), Cancel);
        using var signInDisabled = await app.Client().PostAsJsonAsync("/api/v1/staff/sign-in", new { email = otherAccount.Email, password = AccessApp.StaffPassword }, Cancel);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signInDisabled.StatusCode);
    }

    /// <summary>Docs promise that signing out ends the cookie: also a copy of it (another browser, a stolen header).</summary>
    [Fact]
    public async Task A_copy_of_the_cookie_is_refused_after_sign_out_and_after_a_new_one_time_password()
    {
        var signedOut = await app.CreateStaffAsync(StaffRoles.Reviewer);
        var reset = await app.CreateStaffAsync(StaffRoles.Reviewer);
        var signedOutCookie = await CookieOfAsync(signedOut.Email, signedOut.OneTimePassword, AccessApp.StaffPassword);
        var resetCookie = await CookieOfAsync(reset.Email, reset.OneTimePassword, AccessApp.StaffPassword);

        using var before = await WithCookieAsync(HttpMethod.Get, "/api/v1/review-cases", signedOutCookie);
        using var signOut = await WithCookieAsync(HttpMethod.Post, "/api/v1/staff/sign-out", signedOutCookie);
        using var copyAfterSignOut = await WithCookieAsync(HttpMethod.Get, "/api/v1/review-cases", signedOutCookie);
        var againCookie = await CookieOfAsync(signedOut.Email, AccessApp.StaffPassword, null);
        using var signedInAgain = await WithCookieAsync(HttpMethod.Get, "/api/v1/review-cases", againCookie);
        using var beforeReset = await WithCookieAsync(HttpMethod.Get, "/api/v1/review-cases", resetCookie);
        await app.SendAsync(m => m.Send(new Verification.Access.Contracts.IssueStaffPassword(reset.Email, "test"), Cancel));
        using var copyAfterReset = await WithCookieAsync(HttpMethod.Get, "/api/v1/review-cases", resetCookie);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, copyAfterSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedInAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beforeReset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, copyAfterReset.StatusCode);
    }

    private async Task<string> CookieOfAsync(string email, string password, string? newPassword)
    {
        using var client = app.Client();
        using var response = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email, password, newPassword }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    private async Task<HttpResponseMessage> WithCookieAsync(HttpMethod method, string path, string cookie)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task An_admin_creates_staff_with_a_role_from_the_list_and_a_one_time_password()
    {
        var (admin, _) = await app.StaffAsync(StaffRoles.Admin);
        var email = $"{Guid.NewGuid():N}@example.org";

        using var created = await admin.PostAsJsonAsync("/api/v1/staff", new { email, displayName = "New Senior", role = "senior_reviewer" }, Cancel);
        using var again = await admin.PostAsJsonAsync("/api/v1/staff", new { email, displayName = "New Senior", role = "senior_reviewer" }, Cancel);
        using var badRole = await admin.PostAsJsonAsync("/api/v1/staff", new { email = "x" + email, displayName = "X", role = "root" }, Cancel);
        using var missing = await admin.PostAsJsonAsync("/api/v1/staff", new { email = "y" + email }, Cancel);
        var body = await created.Content.ReadFromJsonAsync<Created>(Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("senior_reviewer", body!.Role);
        Assert.Matches("^[a-z2-9]{4}(-[a-z2-9]{4}){3}$", body.OneTimePassword);
        Assert.Equal("email_taken", await AccessApp.CodeOfAsync(again));
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal("fields_missing", await AccessApp.CodeOfAsync(missing));
    }

    /// <summary>
    /// An unknown email verifies a dummy hash, so it costs what a known one does. Margin: the medians of 15 tries each,
    /// interleaved, differ by less than 20% of the known email's median.
    /// </summary>
    [Fact]
    public async Task An_unknown_email_costs_the_same_time_as_a_known_one()
    {
        var account = await app.CreateStaffAsync(StaffRoles.Reviewer);
        using var client = app.Client();
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 16; i++)
        {
            // The fifth wrong password locks the account; a locked account is checked the same way, so timing is unchanged.
            var k = await TimeAsync(client, account.Email);
            var u = await TimeAsync(client, $"{Guid.NewGuid():N}@example.org");
            if (i > 0)
            {
                known.Add(k);
                unknown.Add(u);
            }
        }

        // The fastest try is the one other work on the machine disturbed least; a skipped password hash would make the
        // unknown e-mail many times faster (the hash is most of a sign-in), so half-to-double still catches it.
        var knownFastest = known.Min();
        var unknownFastest = unknown.Min();
        TestContext.Current.TestOutputHelper?.WriteLine($"fastest sign-in of 15 tries: known {knownFastest:F1} ms, unknown {unknownFastest:F1} ms");
        Assert.InRange(unknownFastest / knownFastest, 0.5, 2.0);
    }

    private static async Task<double> TimeAsync(HttpClient client, string email)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/v1/staff/sign-in", new { email, password = "not the password" }, Cancel);
        watch.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private sealed record Created(Guid StaffId, string Email, string Role, string OneTimePassword);
}

/// <summary>A fixture with tight sign-in limits: three a minute per client address, four per account.</summary>
public sealed class TightSignInApp() : AccessApp(new Dictionary<string, string?>
{
    ["Access:Staff:SignInsPerAddressPerMinute"] = "3",
    ["Access:Staff:SignInsPerAccountPerMinute"] = "4",
});

public sealed class StaffSignInLimitTests(TightSignInApp app) : IClassFixture<TightSignInApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_is_limited_per_client_address()
    {
        using var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await SignInAsync(client, $"{Guid.NewGuid():N}@example.org", "10.0.0.1");
            statuses.Add(response.StatusCode);
        }

        using var otherAddress = await SignInAsync(client, $"{Guid.NewGuid():N}@example.org", "10.0.0.2");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress.StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_account_whatever_the_address()
    {
        using var client = app.Client();
        var email = $"{Guid.NewGuid():N}@example.org";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await SignInAsync(client, email.ToUpperInvariant(), $"10.1.0.{i + 1}");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("rate_limited", await AccessApp.CodeOfAsync(last!));
        last!.Dispose();
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/staff/sign-in") { Content = JsonContent.Create(new { email, password = "wrong password" }) };
        request.Headers.Add(AccessHostFactory.ClientAddressHeader, address);
        return client.SendAsync(request, Cancel);
    }
}

public sealed class PasswordRehashTests
{
    [Fact]
    public async Task A_password_is_hashed_again_when_the_hasher_settings_change()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await using var before = new AccessHostFactory(database.ConnectionString, time, new Dictionary<string, string?> { ["Access:Staff:PasswordHasher:IterationCount"] = "50000" });
        await using var scope = before.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<Mediator.IMediator>();
        var account = (await mediator.Send(new Verification.Access.Contracts.CreateStaffMember("rehash@example.org", "Rehash", StaffRoles.Reviewer, "test"), TestContext.Current.CancellationToken)).Created!;
        using (var response = await before.CreateClient().PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = account.OneTimePassword, newPassword = AccessApp.StaffPassword }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var first = await HashAsync(database);
        await using var after = new AccessHostFactory(database.ConnectionString, time, new Dictionary<string, string?> { ["Access:Staff:PasswordHasher:IterationCount"] = "120000" });
        using var signedIn = await after.CreateClient().PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = AccessApp.StaffPassword }, TestContext.Current.CancellationToken);
        var second = await HashAsync(database);
        using var again = await after.CreateClient().PostAsJsonAsync("/api/v1/staff/sign-in", new { email = account.Email, password = AccessApp.StaffPassword }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.NotEqual(first, second);
        Assert.Equal(second, await HashAsync(database));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private static async Task<string> HashAsync(TestDatabase database)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<string>("SELECT password_hash FROM access.staff_accounts WHERE email = 'rehash@example.org'") ?? "";
    }
}
