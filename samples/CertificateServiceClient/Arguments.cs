namespace CertificateServiceClient;

/// <summary>Options as <c>--name value</c> pairs.</summary>
internal sealed class Arguments
{
    public const string Usage = """
        usage:
          CertificateServiceClient lookup --base-url URL --key KEY [--code CODE] [--learner ID --course ID]
              the certificate by its code (certificates:read) and the learner's identity status (identity:read)
          CertificateServiceClient receive-webhook --port PORT --secret BASE64 [--timeout-seconds 60]
              listens on http://127.0.0.1:PORT/hook for one delivery and checks its Webhook-Signature
          CertificateServiceClient verify-credential --base-url URL (--key KEY --learner ID --course ID [--code CODE] | --file PATH)
              downloads the learner's credential (a learner token minted with tokens:mint) or reads a file,
              and verifies its VC-JWT (ES256) against URL/.well-known/jwks.json
        exit: 0 every check passed, 1 a check failed, 2 wrong arguments
        """;

    private readonly Dictionary<string, string> _values;

    private Arguments(Dictionary<string, string> values) => _values = values;

    public static Arguments? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new Arguments(values);
    }

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Optional(name) ?? throw new MissingArgumentException("missing --" + name);

    public Uri BaseUrl() => new(Required("base-url").TrimEnd('/') + "/");
}

internal sealed class MissingArgumentException(string message) : Exception(message);
