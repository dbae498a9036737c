namespace Verification.BuildingBlocks.OpenApi;

/// <summary>
/// Endpoint metadata: the body is one picture, raw <c>image/jpeg</c> or <c>image/png</c>, or a multipart form whose first
/// file is one. The Host's API document describes such a body, which the endpoint reads itself.
/// </summary>
public sealed record ImageUpload;
