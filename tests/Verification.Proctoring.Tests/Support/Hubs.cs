using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Verification.Proctoring.Tests.Support;

/// <summary>Real SignalR clients of <c>/hubs/proctoring</c> over the test server's WebSockets, with either hub protocol.</summary>
public static class Hubs
{
    public static TheoryData<string> Protocols => ["json", "messagepack"];

    public static HubConnection Build(ProctoringApp app, string protocol)
    {
        var server = app.Factory.Server;
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "/hubs/proctoring"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.WebSocketFactory = async (context, token) => await server.CreateWebSocketClient().ConnectAsync(context.Uri, token);
        });
        if (protocol == "messagepack")
        {
            builder.AddMessagePackProtocol();
        }

        return builder.Build();
    }

    public static async Task<HubConnection> OpenAsync(ProctoringApp app, string protocol)
    {
        var connection = Build(app, protocol);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public static async Task<Player> StartSessionAsync(ProctoringApp app, string protocol, TestLearner learner) =>
        await Player.StartAsync(Build(app, protocol), await app.TokenAsync(learner, "session", $"quiz-{Guid.NewGuid():N}"));
}
