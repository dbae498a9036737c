namespace Verification.Matching.Face.Sessions;

/// <summary>One model's session settings; a level set here is used as is, and start-up does not measure that model.</summary>
public sealed class ModelSessionOptions
{
    public GraphOptimization? GraphOptimizationLevel { get; set; }
}
