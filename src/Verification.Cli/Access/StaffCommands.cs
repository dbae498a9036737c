using System.ComponentModel;
using Spectre.Console.Cli;
using Verification.Access.Contracts;
using Verification.Enrollment.Contracts;

namespace Verification.Cli.Access;

internal sealed class CreateStaffSettings : DatabaseCommandSettings
{
    [CommandOption("--email <EMAIL>")]
    public string Email { get; init; } = "";

    [CommandOption("--name <NAME>")]
    public string Name { get; init; } = "";

    [CommandOption("--role <ROLE>")]
    [Description("reviewer, senior_reviewer, admin or program_admin.")]
    public string Role { get; init; } = "";

    [CommandOption("--organisation <ID_OR_SLUG>")]
    [Description("For a program_admin: the organisation (id or slug) whose programs the account administers.")]
    public string? Organisation { get; init; }
}

internal sealed class CreateStaffCommand : AsyncCommand<CreateStaffSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CreateStaffSettings settings, CancellationToken cancellationToken)
    {
        var result = await AccessServices.SendAsync(settings.Database, async m =>
        {
            Guid? organisationId = null;
            if (!string.IsNullOrWhiteSpace(settings.Organisation))
            {
                organisationId = (await m.Send(new FindOrganisation(settings.Organisation), cancellationToken))?.OrganisationId;
                if (organisationId is null)
                {
                    return new CreateStaffMemberResult(null, "organisation_invalid (no organisation with that id or slug)");
                }
            }

            return await m.Send(new CreateStaffMember(settings.Email, settings.Name, settings.Role, "cli", OrganisationId: organisationId), cancellationToken);
        });
        if (result.Created is not { } created)
        {
            Console.Error.WriteLine($"No account created: {result.Error}.");
            return 2;
        }

        Console.WriteLine($"staff id           {created.StaffId}");
        if (created.OrganisationId is { } organisation)
        {
            Console.WriteLine($"organisation       {organisation}");
        }

        Console.WriteLine($"one-time password  {created.OneTimePassword}  (change it at first sign-in)");
        return 0;
    }
}

internal sealed class DisableStaffSettings : DatabaseCommandSettings
{
    [CommandArgument(0, "<STAFF_ID>")]
    public Guid StaffId { get; init; }
}

internal sealed class DisableStaffCommand : AsyncCommand<DisableStaffSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DisableStaffSettings settings, CancellationToken cancellationToken)
    {
        if (!await AccessServices.SendAsync(settings.Database, m => m.Send(new DisableStaffMember(settings.StaffId, "cli"), cancellationToken)))
        {
            Console.Error.WriteLine($"No staff account {settings.StaffId}.");
            return 2;
        }

        Console.WriteLine($"Disabled {settings.StaffId}.");
        return 0;
    }
}

internal sealed class StaffPasswordSettings : DatabaseCommandSettings
{
    [CommandOption("--email <EMAIL>")]
    public string Email { get; init; } = "";
}

/// <summary><c>verification staff password</c>: the only way to see a one-time password again is to issue a new one.</summary>
internal sealed class StaffPasswordCommand : AsyncCommand<StaffPasswordSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StaffPasswordSettings settings, CancellationToken cancellationToken)
    {
        var password = await AccessServices.SendAsync(settings.Database, m => m.Send(new IssueStaffPassword(settings.Email, "cli"), cancellationToken));
        if (password is null)
        {
            Console.Error.WriteLine("No staff account with that email.");
            return 2;
        }

        Console.WriteLine($"one-time password  {password}  (change it at first sign-in)");
        return 0;
    }
}
