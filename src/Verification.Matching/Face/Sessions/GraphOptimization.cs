namespace Verification.Matching.Face.Sessions;

/// <summary>ONNX Runtime's graph optimisation levels, named for configuration (<c>Matching:Face:Sessions:{Model}:GraphOptimizationLevel</c>).</summary>
public enum GraphOptimization
{
    Disabled,
    Basic,
    Extended,
    All,
}
