using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;
using Verification.BuildingBlocks.Outbox;
using Verification.Enrollment.Mail;
using Verification.Enrollment.Programs;

namespace Verification.Enrollment;

public sealed class EnrollmentModule : IModule
{
    public string Name => "enrollment";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("enrollment", typeof(EnrollmentModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var programs = new ProgramSettings();
        configuration.GetSection(ProgramSettings.SectionName).Bind(programs);
        var smtp = new SmtpSettings();
        configuration.GetSection(SmtpSettings.SectionName).Bind(smtp);
        if ((programs.Validate() ?? smtp.Validate()) is { } problem)
        {
            throw new SettingInvalidException(problem);
        }

        services.AddSingleton(programs);
        services.AddSingleton(smtp);
        services.AddSingleton<MailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        services.AddOutbox(EnrollmentOutbox.Table);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => EnrollmentEndpoints.Map(endpoints);
}
