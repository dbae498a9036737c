namespace Verification.Proctoring.Identity.Pledges;

/// <summary>
/// The pledges of one language: <c>Native</c> in its own script, typed directly on that language's keyboard (no input
/// method editor), and <c>Latin</c> for learners whose keyboard types only Latin letters, or whose script needs an input
/// method to type at all (Chinese, Japanese), in a romanisation they read every day.
/// </summary>
internal sealed record PledgeSet(string[] Native, string[] Latin);
