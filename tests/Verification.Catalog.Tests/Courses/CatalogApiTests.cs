using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Contracts;

namespace Verification.Catalog.Tests.Courses;

public sealed class CatalogApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Slug(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<Guid> PartnerAsync(string? slug = null)
    {
        var partner = await (await (await app.AdminAsync()).PostAsJsonAsync("/api/v1/catalog/partners", new { name = "École Test", country = "FR", slug = slug ?? Slug("p") }, Cancel)).ReadAsync<JsonElement>();
        return partner.GetProperty("partnerId").GetGuid();
    }

    private readonly Dictionary<Guid, HttpClient> _keys = [];

    /// <summary>A real key of the partner with catalog:write, one per partner.</summary>
    private async Task<HttpClient> KeyAsync(Guid partnerId) =>
        _keys.TryGetValue(partnerId, out var key) ? key : _keys[partnerId] = await app.KeyAsync(partnerId, ApiScopes.CatalogWrite);

    private async Task<JsonElement> CourseAsync(Guid partnerId, string slug, int gradedItems = 3) =>
        await (await (await KeyAsync(partnerId)).PostAsJsonAsync("/api/v1/catalog/courses", new { slug, title = "Course " + slug, languages = new[] { "en", "fr-CA" }, gradedItems, startsOn = "2027-01-15" }, Cancel)).ReadAsync<JsonElement>();

    [Fact]
    public async Task A_partner_key_adds_a_course_with_a_verified_track_that_the_public_api_shows()
    {
        var partner = await PartnerAsync();
        var slug = Slug("ml");
        var course = await CourseAsync(partner, slug);
        var courseId = course.GetProperty("courseId").GetGuid();

        await (await (await KeyAsync(partner)).PutAsJsonAsync($"/api/v1/catalog/tracks/{courseId}", new { priceMinor = 4900, currency = "EUR", requiresIdentityVerification = true, typingCheck = "first_assessment" }, Cancel)).ReadAsync<JsonElement>();
        await (await (await KeyAsync(partner)).PutAsJsonAsync($"/api/v1/catalog/tracks/{courseId}", new { priceMinor = 5900, currency = "EUR", requiresIdentityVerification = false, typingCheck = "none" }, Cancel)).ReadAsync<JsonElement>();
        var shown = await (await app.Anonymous().GetAsync($"/api/v1/catalog/courses/{slug}", Cancel)).ReadAsync<JsonElement>();
        var listed = await (await app.Anonymous().GetAsync("/api/v1/catalog/courses", Cancel)).ReadAsync<JsonElement>();

        Assert.Equal(partner, shown.GetProperty("partnerId").GetGuid());
        Assert.Equal(["en", "fr-CA"], shown.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(3, shown.GetProperty("gradedItems").GetInt32());
        Assert.Equal("2027-01-15", shown.GetProperty("startsOn").GetString());
        var track = shown.GetProperty("certificateTrack");
        Assert.Equal(5900, track.GetProperty("priceMinor").GetInt64());
        Assert.Equal("EUR", track.GetProperty("currency").GetString());
        Assert.False(track.GetProperty("requiresIdentityVerification").GetBoolean());
        Assert.Equal("none", track.GetProperty("typingCheck").GetString());
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("slug").GetString() == slug);
        var facts = await app.SendAsync(new GetCertificateTrackOf(courseId));
        Assert.Equal(TypingCheckPolicy.None, facts!.TypingCheck);
        Assert.Equal(partner, (await app.SendAsync(new GetCoursePartner(courseId)))!.PartnerId);
    }

    [Fact]
    public async Task A_retired_course_leaves_the_public_list_but_stays_readable_and_is_never_deleted()
    {
        var partner = await PartnerAsync();
        var slug = Slug("old");
        var courseId = (await CourseAsync(partner, slug)).GetProperty("courseId").GetGuid();

        var retired = await (await (await KeyAsync(partner)).PostAsync($"/api/v1/catalog/courses/{courseId}/retire", null, Cancel)).ReadAsync<JsonElement>();
        var listed = await (await app.Anonymous().GetAsync("/api/v1/catalog/courses", Cancel)).ReadAsync<JsonElement>();
        using var delete = await (await app.AdminAsync()).DeleteAsync($"/api/v1/catalog/courses/{courseId}", Cancel);
        var shown = await (await app.Anonymous().GetAsync($"/api/v1/catalog/courses/{slug}", Cancel)).ReadAsync<JsonElement>();

        Assert.True(retired.GetProperty("retired").GetBoolean());
        Assert.DoesNotContain(listed.EnumerateArray(), c => c.GetProperty("slug").GetString() == slug);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.True(shown.GetProperty("retired").GetBoolean());
        Assert.True((await app.SendAsync(new GetCoursePartner(courseId)))!.Retired);
    }

    [Fact]
    public async Task Another_partners_key_cannot_change_retire_or_price_a_course_nor_add_it_to_a_specialization()
    {
        var owner = await PartnerAsync();
        var other = await PartnerAsync();
        var courseId = (await CourseAsync(owner, Slug("mine"))).GetProperty("courseId").GetGuid();

        using var change = await (await KeyAsync(other)).PutAsJsonAsync($"/api/v1/catalog/courses/{courseId}", new { title = "Taken", languages = new[] { "en" }, gradedItems = 1 }, Cancel);
        using var retire = await (await KeyAsync(other)).PostAsync($"/api/v1/catalog/courses/{courseId}/retire", null, Cancel);
        using var price = await (await KeyAsync(other)).PutAsJsonAsync($"/api/v1/catalog/tracks/{courseId}", new { priceMinor = 1, currency = "USD", requiresIdentityVerification = false, typingCheck = "none" }, Cancel);
        using var specialization = await (await KeyAsync(other)).PostAsJsonAsync("/api/v1/catalog/specializations", new { slug = Slug("s"), title = "Stolen", courseIds = new[] { courseId } }, Cancel);
        using var forOwner = await (await KeyAsync(other)).PostAsJsonAsync("/api/v1/catalog/courses", new { partnerId = owner, slug = Slug("x"), title = "X", languages = new[] { "en" }, gradedItems = 1 }, Cancel);

        // The Host refuses a key on another partner's course id before the endpoint runs, whether the course exists or not.
        foreach (var refused in new[] { change, retire })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("\"partner_mismatch\"", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        // A track's id is a course's or a specialization's: the endpoint answers for it, as for an unknown id.
        Assert.Equal(HttpStatusCode.NotFound, price.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, specialization.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forOwner.StatusCode);
        Assert.False((await app.SendAsync(new GetCoursePartner(courseId)))!.Retired);
    }

    [Fact]
    public async Task A_specialization_lists_its_courses_in_the_order_given_and_gets_its_own_track()
    {
        var partner = await PartnerAsync();
        var first = (await CourseAsync(partner, Slug("a"))).GetProperty("courseId").GetGuid();
        var second = (await CourseAsync(partner, Slug("b"))).GetProperty("courseId").GetGuid();
        var slug = Slug("spec");

        var created = await (await (await KeyAsync(partner)).PostAsJsonAsync("/api/v1/catalog/specializations", new { slug, title = "Data Science", courseIds = new[] { second, first } }, Cancel)).ReadAsync<JsonElement>();
        var specializationId = created.GetProperty("specializationId").GetGuid();
        await (await (await KeyAsync(partner)).PutAsJsonAsync($"/api/v1/catalog/tracks/{specializationId}", new { priceMinor = 19900, currency = "USD", requiresIdentityVerification = true, typingCheck = "every_assessment" }, Cancel)).ReadAsync<JsonElement>();
        var shown = await (await app.Anonymous().GetAsync($"/api/v1/catalog/specializations/{slug}", Cancel)).ReadAsync<JsonElement>();

        Assert.Equal([second, first], shown.GetProperty("courses").EnumerateArray().Select(c => c.GetProperty("courseId").GetGuid()));
        Assert.Equal([second, first], (await app.SendAsync(new GetSpecialization(specializationId)))!.CourseIds);
        Assert.Equal(19900, (await app.SendAsync(new GetCertificateTrackOf(specializationId)))!.PriceMinor);
    }

    [Theory]
    [InlineData("Bad Slug", "USD", "slug must be")]
    [InlineData("-leading", "USD", "slug must be")]
    [InlineData("ok-slug", "usd", "currency must be")]
    [InlineData("ok-slug", "US", "currency must be")]
    public async Task Malformed_slugs_and_currencies_are_refused_with_the_reason(string slug, string currency, string reason)
    {
        var partner = await PartnerAsync();
        var courseId = (await CourseAsync(partner, Slug("v"))).GetProperty("courseId").GetGuid();

        using var course = await (await KeyAsync(partner)).PostAsJsonAsync("/api/v1/catalog/courses", new { slug, title = "T", languages = new[] { "en" }, gradedItems = 1 }, Cancel);
        using var track = await (await KeyAsync(partner)).PutAsJsonAsync($"/api/v1/catalog/tracks/{courseId}", new { priceMinor = 100, currency, requiresIdentityVerification = true, typingCheck = "none" }, Cancel);

        var refused = reason.StartsWith("slug", StringComparison.Ordinal) ? course : track;
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(reason, await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_slug_is_a_conflict_negative_prices_are_refused_and_writes_need_the_right_caller()
    {
        var slug = Slug("dup");
        var partner = await PartnerAsync(slug);
        var courseId = (await CourseAsync(partner, slug)).GetProperty("courseId").GetGuid();

        using var samePartnerSlug = await (await app.AdminAsync()).PostAsJsonAsync("/api/v1/catalog/partners", new { name = "Again", country = "FR", slug }, Cancel);
        using var sameCourseSlug = await (await KeyAsync(partner)).PostAsJsonAsync("/api/v1/catalog/courses", new { slug, title = "Again", languages = new[] { "en" }, gradedItems = 1 }, Cancel);
        using var negative = await (await KeyAsync(partner)).PutAsJsonAsync($"/api/v1/catalog/tracks/{courseId}", new { priceMinor = -1, currency = "USD", requiresIdentityVerification = true, typingCheck = "none" }, Cancel);
        using var anonymous = await app.Anonymous().PostAsJsonAsync("/api/v1/catalog/courses", new { slug = Slug("n"), title = "T", languages = new[] { "en" }, gradedItems = 1 }, Cancel);
        using var keyMakesPartner = await (await KeyAsync(partner)).PostAsJsonAsync("/api/v1/catalog/partners", new { name = "Mine", country = "FR", slug = Slug("k") }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, samePartnerSlug.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, sameCourseSlug.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // Partners are an admin's: a key is no staff sign-in.
        Assert.Equal(HttpStatusCode.Unauthorized, keyMakesPartner.StatusCode);
    }
}
