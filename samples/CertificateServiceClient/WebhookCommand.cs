using System.Net;
using System.Text;
using System.Text.Json;

namespace CertificateServiceClient;

/// <summary>
/// Listens on <c>http://127.0.0.1:PORT/hook/</c> for one delivery, checks its signature with the endpoint's secret,
/// answers 204 (genuine) or 401 (the service retries), prints the event and exits.
/// </summary>
internal static class WebhookCommand
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var secret = Convert.FromBase64String(options.Required("secret"));
        var port = int.Parse(options.Required("port"), System.Globalization.CultureInfo.InvariantCulture);
        var timeout = TimeSpan.FromSeconds(int.Parse(options.Optional("timeout-seconds") ?? "60", System.Globalization.CultureInfo.InvariantCulture));
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        Console.WriteLine($"listening on http://127.0.0.1:{port}/hook");

        var next = listener.GetContextAsync();
        if (await Task.WhenAny(next, Task.Delay(timeout)) != next)
        {
            Console.WriteLine($"FAILED: no delivery within {timeout.TotalSeconds} s");
            return 1;
        }

        var context = await next;
        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = context.Request.Headers["Webhook-Id"];
        var problem = WebhookSignature.Check(secret, context.Request.Headers["Webhook-Timestamp"], context.Request.Headers["Webhook-Signature"], body, DateTimeOffset.UtcNow);
        context.Response.StatusCode = problem is null ? 204 : 401;
        context.Response.Close();

        Console.WriteLine($"delivery: {id}");
        if (problem is not null)
        {
            Console.WriteLine($"signature: INVALID ({problem})");
            Console.WriteLine("FAILED");
            return 1;
        }

        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(body));
        Console.WriteLine("signature: valid");
        Console.WriteLine($"event: {json.RootElement.GetProperty("type")} at {json.RootElement.GetProperty("occurredAt")}");
        foreach (var field in json.RootElement.GetProperty("data").EnumerateObject())
        {
            Console.WriteLine($"  {field.Name}: {field.Value}");
        }

        Console.WriteLine("OK");
        return 0;
    }
}
