namespace Verification.Testing.Lti;

/// <summary>A request the tool made to a test platform's token endpoint or ACS, with its body.</summary>
public sealed record PlatformCall(string Path, string? Authorization, string? ContentType, string Body);
