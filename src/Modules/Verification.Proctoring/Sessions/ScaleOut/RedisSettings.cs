using StackExchange.Redis;

namespace Verification.Proctoring.Sessions.ScaleOut;

/// <summary>
/// <c>Redis</c>: the SignalR backplane that lets several Host nodes serve one set of players. Unset, the Host is one
/// node on its own, as without Redis; set, it must be a valid StackExchange.Redis configuration string.
/// </summary>
internal sealed class RedisSettings
{
    public const string SectionName = "Redis";

    /// <summary>For example <c>127.0.0.1:6379</c>; empty: no backplane.</summary>
    public string? Configuration { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    /// <summary>
    /// The options to connect with: failures to connect are retried in the background, never fatal to the Host. Short
    /// timeouts unless the configuration names its own, and no queue of commands while disconnected (a command fails at
    /// once), so a player's connection or a hub call never waits long on an absent Redis.
    /// </summary>
    public ConfigurationOptions Options()
    {
        var options = ConfigurationOptions.Parse($"connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000,{Configuration}");
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "verification";
        options.ChannelPrefix = RedisChannel.Literal("verification");
        return options;
    }

    public IReadOnlyList<string> Problems()
    {
        if (!Enabled)
        {
            return [];
        }

        try
        {
            return Options().EndPoints.Count == 0 ? ["Configuration names no Redis endpoint (for example 127.0.0.1:6379)."] : [];
        }
        catch (ArgumentException ex)
        {
            return [$"Configuration is not a valid Redis configuration string: {ex.Message}"];
        }
    }
}
