namespace Verification.Matching.Face.Templates;

/// <summary>How a template of several enrollment embeddings scores a probe. Measured with <c>evaluate face-template</c>.</summary>
internal enum TemplateMethod : byte
{
    /// <summary>Cosine against the normalised mean of the enrolled embeddings.</summary>
    MeanEmbedding = 1,

    /// <summary>The highest cosine against any enrolled embedding.</summary>
    BestOf = 2,

    /// <summary>The mean of the cosines against each enrolled embedding.</summary>
    MeanScore = 3,
}
