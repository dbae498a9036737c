using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Verification.Lti.Launch;

namespace Verification.Lti.Tests.Launch;

/// <summary>
/// The platform's JWKS as the tool fetches it, from a platform that misbehaves: a body without a length that never
/// ends is read no further than the limit, and launches with forged kids arriving together fetch the JWKS once.
/// </summary>
public sealed class PlatformKeysTests
{
    private const string JwksUrl = "https://lms.example.edu/jwks";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_jwks_without_a_length_is_read_no_further_than_the_limit()
    {
        var endless = new EndlessJson();
        var platform = new Platform(() => new StreamContent(endless));
        var keys = new PlatformKeys(platform, new LtiSettings(), new FakeTimeProvider(), NullLogger<PlatformKeys>.Instance);

        Assert.Null(await keys.GetAsync(JwksUrl, "platform-key-1", Cancel));
        Assert.InRange(endless.Served, 1, PlatformKeys.MaximumJwksBytes + (64 * 1024));
    }

    [Fact]
    public async Task Launches_with_forged_kids_arriving_together_fetch_the_jwks_once()
    {
        using var rsa = RSA.Create(2048);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "platform-key-1" });
        var jwks = $$"""{"keys":[{"kty":"RSA","kid":"{{jwk.Kid}}","n":"{{jwk.N}}","e":"{{jwk.E}}","alg":"RS256","use":"sig"}]}""";
        var platform = new Platform(() => new StringContent(jwks), TimeSpan.FromMilliseconds(500));
        var keys = new PlatformKeys(platform, new LtiSettings(), new FakeTimeProvider(), NullLogger<PlatformKeys>.Instance);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => keys.GetAsync(JwksUrl, $"forged-{i}", Cancel), Cancel)));

        Assert.Equal(1, platform.Requests);
        Assert.All(answers, a => Assert.Equal("platform-key-1", Assert.Single(a!).KeyId));
    }

    /// <summary>The platform's JWKS endpoint: each request answered with a fresh body, after a delay.</summary>
    private sealed class Platform(Func<HttpContent> body, TimeSpan delay = default) : HttpMessageHandler, IHttpClientFactory
    {
        private int _requests;

        public int Requests => _requests;

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = body() };
        }
    }

    /// <summary>A JSON body that never ends (no length announced), counting what the reader took.</summary>
    private sealed class EndlessJson : Stream
    {
        private long _served;

        public long Served => Interlocked.Read(ref _served);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // Stops at 64 MiB so that a reader without a limit ends too, having taken it all.
            var n = (int)Math.Min(count, (64L << 20) - Served);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            Interlocked.Add(ref _served, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
