using Mediator;

namespace Verification.Proctoring.Contracts;

/// <summary>
/// Creates the reviewer when missing and, while they have not yet chosen their own password, issues a fresh
/// one-time password. Returns no password for a reviewer who already signed in and set one.
/// </summary>
public sealed record IssueReviewerPassword(Guid ReviewerId, string DisplayName, string Email) : ICommand<ReviewerPasswordIssued>;

public sealed record ReviewerPasswordIssued(Guid ReviewerId, string? OneTimePassword);
