namespace Verification.Lti.Tests.Support;

/// <summary>Tests against an LMS of their own: a <see cref="TestPlatform"/> started and registered with the tool before each test, stopped after it.</summary>
public abstract class RegisteredPlatformTests(LtiApp app) : IClassFixture<LtiApp>, IAsyncLifetime
{
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected LtiApp App { get; } = app;

    private protected TestPlatform Platform { get; private set; } = null!;

    private protected LoginFlow Flow { get; private set; } = null!;

    /// <summary>The tool's id of the registered platform.</summary>
    protected Guid PlatformId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Platform = await TestPlatform.StartAsync();
        Flow = new LoginFlow(App, Platform);
        PlatformId = await Flow.RegisterAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
