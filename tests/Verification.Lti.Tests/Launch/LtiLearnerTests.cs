using System.Net;
using System.Text.Json;
using Verification.Enrollment.Contracts;
using Verification.Lti.Tests.Support;

namespace Verification.Lti.Tests.Launch;

/// <summary>
/// The learner an LTI user becomes when the partner already holds its email or external id, or when the tool stopped
/// between making the learner and recording the mapping: the launch passes, and an LMS's email never joins the LTI user
/// to a learner the partner registered (an email the LMS sends is not proof that its user owns it).
/// </summary>
public sealed class LtiLearnerTests(LtiApp app) : RegisteredPlatformTests(app)
{
    [Fact]
    public async Task An_email_another_learner_of_the_partner_holds_makes_a_learner_of_its_own_not_a_join()
    {
        var registered = Guid.CreateVersion7();
        await App.SendAsync(new RegisterLearner(registered, "Ada Registered", "ada@uni.example", Flow.PartnerId, "api-ada"));

        var learnerId = await LaunchAsync(claims => claims["email"] = "ADA@uni.example");

        Assert.NotEqual(registered, learnerId);
        Assert.Equal(1, await App.CountAsync("SELECT count(*) FROM enrollment.learners WHERE id = @registered AND email = 'ada@uni.example'", new { registered }));
        Assert.Equal(1, await App.CountAsync("SELECT count(*) FROM enrollment.learners WHERE id = @learnerId AND email LIKE 'lti-%@lti.invalid'", new { learnerId }));
        Assert.Equal(learnerId, await LaunchAsync(claims => claims["email"] = "ada@uni.example"));
    }

    [Fact]
    public async Task An_lti_user_whose_id_the_partner_uses_as_an_external_id_gets_a_learner_of_its_own()
    {
        var registered = Guid.CreateVersion7();
        await App.SendAsync(new RegisterLearner(registered, "Grace Registered", "grace@uni.example", Flow.PartnerId, "learner-17"));

        var learnerId = await LaunchAsync(_ => { });

        Assert.NotEqual(registered, learnerId);
        Assert.Equal(learnerId, await LaunchAsync(_ => { }));
    }

    [Fact]
    public async Task A_launch_after_the_tool_stopped_between_making_the_learner_and_mapping_it_finds_that_learner()
    {
        var learnerId = await LaunchAsync(_ => { });
        // What a stop between Enrollment's insert and the mapping's insert leaves: the learner, and no mapping.
        Assert.Equal(1, await App.CountAsync("WITH d AS (DELETE FROM lti.learners WHERE platform_id = @PlatformId RETURNING 1) SELECT count(*) FROM d", new { PlatformId }));

        Assert.Equal(learnerId, await LaunchAsync(_ => { }));
    }

    private async Task<Guid> LaunchAsync(Action<Dictionary<string, object>> tamper)
    {
        var login = await Flow.LoginAsync();
        var claims = Flow.Claims(login);
        tamper(claims);
        using var response = await Flow.LaunchAsync(Platform.Sign(claims), login.State, login.Cookie);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("learnerId").GetGuid();
    }
}
