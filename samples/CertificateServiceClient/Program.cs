using CertificateServiceClient;

// What a course platform does with the verification service: look up, receive webhooks, verify credentials.
// Exit 0: every check passed; 1: a check failed (the reason is printed); 2: wrong arguments.
if (args.Length == 0 || Arguments.Parse(args[1..]) is not { } options)
{
    Console.Error.WriteLine(Arguments.Usage);
    return 2;
}

try
{
    return args[0] switch
    {
        "lookup" => await LookupCommand.RunAsync(options),
        "receive-webhook" => await WebhookCommand.RunAsync(options),
        "verify-credential" => await CredentialCommand.RunAsync(options),
        _ => Usage(),
    };
}
catch (MissingArgumentException missing)
{
    Console.Error.WriteLine(missing.Message);
    return Usage();
}
catch (Exception error) when (error is HttpRequestException or IOException or System.Text.Json.JsonException or FormatException or TimeoutException)
{
    Console.WriteLine($"FAILED: {error.GetType().Name}: {error.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine(Arguments.Usage);
    return 2;
}
