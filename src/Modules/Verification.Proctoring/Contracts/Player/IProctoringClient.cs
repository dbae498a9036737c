namespace Verification.Proctoring.Contracts.Player;

/// <summary>Server → client messages of <c>/hubs/proctoring</c> (docs/player-protocol.md).</summary>
public interface IProctoringClient
{
    Task FrameResult(FrameResult result);

    Task VerdictChanged(VerdictChanged verdict);

    Task Prompt(Prompt prompt);

    Task FramesShed(FramesShed shed);

    Task KeystrokeResult(KeystrokeResult result);
}
