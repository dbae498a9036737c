using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Verification.Cli.Load;

/// <summary>One simulated player's learner, enrolled through the API, and the photos of its person it streams.</summary>
internal sealed record LoadLearner(int Player, Guid LearnerId, IReadOnlyList<string> SessionPhotos);

/// <summary>
/// Enrols a learner through the HTTP API exactly as a course platform and its player do: register the learner and a
/// verified enrollment with the partner's key, then with an enrollment token consent, four webcam frames, the ID
/// photo, the typing samples and complete. A photo the service refuses as a picture (422: several faces, turned away,
/// blurred: LFW is not webcam footage) is skipped for the next; a person without enough usable photos, or any other
/// refusal, starts the player over as a new learner with another person.
/// </summary>
internal sealed class LoadEnrollment(HttpClient http, LoadTestSettings settings, LoadPeople people, string runId, LoadRetries retries)
{
    private const int AttemptsPerPlayer = 5;
    private const int EnrollmentFrames = 4;
    private const int MinimumSessionPhotos = 2;
    private const int MaximumSessionPhotos = 8;

    public async Task<LoadLearner> EnrollAsync(int player, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        for (var attempt = 0; attempt < AttemptsPerPlayer; attempt++)
        {
            var person = player + attempt * 31;
            try
            {
                return await EnrollAsync(player, attempt, person, cancellationToken);
            }
            catch (LoadRefusedException refused) when (refused.ByTheService)
            {
                failures.Add(refused.Message);
            }
        }

        throw new LoadRefusedException($"player {player}: no person could be enrolled ({string.Join("; ", failures)})", byTheService: false);
    }

    private async Task<LoadLearner> EnrollAsync(int player, int attempt, int person, CancellationToken cancellationToken)
    {
        var externalId = $"load-{runId}-{player}-{attempt}";
        using var created = await SendAsync(HttpMethod.Post, "/api/v1/enrollment/learners", null,
            JsonContent.Create(new { fullName = $"Load Player {player}", email = $"{externalId}@load.example.org", externalId }), cancellationToken);
        var learnerId = (await ReadAsync(created, cancellationToken)).GetProperty("learnerId").GetGuid();
        using var enrolled = await SendAsync(HttpMethod.Post, $"/api/v1/enrollment/learners/{learnerId}/enrollments", null,
            JsonContent.Create(new { courseId = settings.CourseId, track = "verified" }), cancellationToken);
        await ReadAsync(enrolled, cancellationToken);
        var token = await TokenAsync(http, settings, learnerId, "enrollment", null, retries, cancellationToken);

        var learner = $"/api/v1/learners/{learnerId}";
        // The text shown now, whatever its version, as the player accepts it.
        using var consent = await SendAsync(HttpMethod.Get, learner + "/consent", token, null, cancellationToken);
        var version = (await ReadAsync(consent, cancellationToken)).GetProperty("current").GetProperty("version").GetInt32();
        await CallAsync(HttpMethod.Post, learner + "/consent", token, JsonContent.Create(new { version }), cancellationToken);
        var photos = new Queue<string>(people.Photos(person));
        for (var accepted = 0; accepted < EnrollmentFrames;)
        {
            accepted += await UsablePhotoAsync(HttpMethod.Post, learner + "/identity/frames", token, photos, cancellationToken) ? 1 : 0;
        }

        var idPhoto = false;
        while (!idPhoto)
        {
            idPhoto = await UsablePhotoAsync(HttpMethod.Put, learner + "/identity/id-photo", token, photos, cancellationToken);
        }

        if (photos.Count < MinimumSessionPhotos)
        {
            throw new LoadRefusedException($"person {person}: fewer than {MinimumSessionPhotos} photos left for the session", byTheService: true);
        }
        foreach (var sample in people.EnrollmentTyping(player))
        {
            var body = JsonContent.Create(new { events = sample.Select(e => new { type = e.Type, key = e.Key, code = e.Code, timeStamp = e.TimeStamp, repeat = e.Repeat }) });
            await CallAsync(HttpMethod.Post, learner + "/identity/typing-samples", token, body, cancellationToken);
        }

        await CallAsync(HttpMethod.Post, learner + "/identity/complete", token, null, cancellationToken);
        return new LoadLearner(player, learnerId, [.. photos.Take(MaximumSessionPhotos)]);
    }

    /// <summary>Sends the next photo; false when the service refused it as a picture (the next one is tried).</summary>
    private async Task<bool> UsablePhotoAsync(HttpMethod method, string path, string token, Queue<string> photos, CancellationToken cancellationToken)
    {
        if (!photos.TryDequeue(out var photo))
        {
            throw new LoadRefusedException($"{path}: the person has no usable photo left", byTheService: true);
        }

        using var response = await SendAsync(method, path, token, Jpeg(await File.ReadAllBytesAsync(photo, cancellationToken)), cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity)
        {
            return false;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await RefusedAsync(response, cancellationToken);
        }

        return true;
    }

    /// <summary>A token minted with the partner's key (POST /api/v1/tokens), for enrollment or a session.</summary>
    public static async Task<string> TokenAsync(
        HttpClient http, LoadTestSettings settings, Guid learnerId, string purpose, string? assessmentId, LoadRetries retries, CancellationToken cancellationToken)
    {
        var body = JsonContent.Create(new { learnerId, courseId = settings.CourseId, purpose, assessmentId });
        using var response = await LoadRetryAfter.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.Url), "/api/v1/tokens")) { Content = body };
            request.Headers.Add("X-Api-Key", settings.ApiKey);
            return request;
        }, retries, cancellationToken);
        return (await ReadAsync(response, cancellationToken)).GetProperty("token").GetString()
            ?? throw new LoadRefusedException("the token endpoint returned no token", byTheService: false);
    }

    private async Task CallAsync(HttpMethod method, string path, string token, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, token, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RefusedAsync(response, cancellationToken);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content, CancellationToken cancellationToken) =>
        LoadRetryAfter.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(method, new Uri(new Uri(settings.Url), path)) { Content = content };
            if (token is null)
            {
                request.Headers.Add("X-Api-Key", settings.ApiKey);
            }
            else
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return request;
        }, retries, cancellationToken);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            // A refusal of the key or the course is the operator's to fix, not a reason to try another person.
            var refused = await RefusedAsync(response, cancellationToken);
            throw new LoadRefusedException(refused.Message, byTheService: false);
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).Clone();
    }

    private static async Task<LoadRefusedException> RefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
        return new LoadRefusedException(what, byTheService: (int)response.StatusCode is >= 400 and < 500);
    }

    private static ByteArrayContent Jpeg(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }
}

/// <summary>The service refused an enrollment call; <see cref="ByTheService"/> when the person's data was refused (try another).</summary>
internal sealed class LoadRefusedException(string message, bool byTheService) : Exception(message)
{
    public bool ByTheService { get; } = byTheService;
}
