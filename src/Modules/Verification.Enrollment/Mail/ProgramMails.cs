namespace Verification.Enrollment.Mail;

/// <summary>The three program mails. Plain text: names are data, never markup.</summary>
internal static class ProgramMails
{
    public static OutgoingMail Invitation(string toAddress, string toName, string programName, string organisationName, string joinUrl) => new(
        "invitation",
        toAddress,
        toName,
        $"You are invited to {programName}",
        $"""
        Hello {toName},

        {organisationName} invites you to join the learning program "{programName}".
        Accept the invitation here:

        {joinUrl}

        If you did not expect this mail, ignore it; nothing happens until you accept.
        """);

    public static OutgoingMail Welcome(string toAddress, string toName, string programName, string programUrl) => new(
        "welcome",
        toAddress,
        toName,
        $"Welcome to {programName}",
        $"""
        Hello {toName},

        You are now a member of "{programName}". Your courses are waiting:

        {programUrl}
        """);

    public static OutgoingMail Exit(string toAddress, string toName, string programName) => new(
        "exit",
        toAddress,
        toName,
        $"You have left {programName}",
        $"""
        Hello {toName},

        Your program administrator removed you from "{programName}". Your licence has ended; the courses you completed stay on your record.
        """);
}
