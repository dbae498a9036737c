using Microsoft.IdentityModel.JsonWebTokens;
using Verification.Lti.Platforms;

namespace Verification.Lti.Launch;

/// <summary>An id_token that passed every check, with the registration it came through.</summary>
internal sealed record ValidatedLaunch(Platform Platform, JsonWebToken Token, string DeploymentId, string MessageType, string Subject, string ResourceLinkId);
