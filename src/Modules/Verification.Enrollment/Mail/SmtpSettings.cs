namespace Verification.Enrollment.Mail;

/// <summary>The <c>Smtp</c> section: the server the program mails go through and how the outbox retries.</summary>
internal sealed class SmtpSettings
{
    public const string SectionName = "Smtp";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 2525;

    /// <summary>None, StartTls or SslOnConnect; StartTls when the server offers it is MailKit's Auto.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "programs@verification.localhost";

    public string FromName { get; set; } = "Verification";

    public double PollSeconds { get; set; } = 5;

    public int MaxAttempts { get; set; } = 20;

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            return "Smtp:Host is required: the SMTP server program mails go through (./run.sh starts smtp4dev on 127.0.0.1).";
        }

        if (Port is < 1 or > 65535)
        {
            return "Smtp:Port must be between 1 and 65535.";
        }

        if (Security is not ("Auto" or "None" or "StartTls" or "SslOnConnect"))
        {
            return "Smtp:Security must be Auto, None, StartTls or SslOnConnect.";
        }

        if (!System.Net.Mail.MailAddress.TryCreate(FromAddress, out _))
        {
            return "Smtp:FromAddress must be a mail address.";
        }

        return PollSeconds is < 0.05 or > 3600 ? "Smtp:PollSeconds must be between 0.05 and 3600." : MaxAttempts is < 1 or > 1000 ? "Smtp:MaxAttempts must be between 1 and 1000." : null;
    }
}
