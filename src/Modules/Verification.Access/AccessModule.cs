using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verification.Access.ApiKeys;
using Verification.Access.Staff;
using Verification.Access.Staff.SignIn;
using Verification.Access.Tokens;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;

namespace Verification.Access;

/// <summary>
/// Who may call: partners' API keys, staff accounts and the learner tokens minted for partners' learners. The Host's
/// authentication schemes and policies use this module's stores; nothing else reads its tables.
/// </summary>
public sealed class AccessModule : IModule
{
    public string Name => "access";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("access", typeof(AccessModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        AddStores(services, configuration);
        services.AddOptions<TokenSettings>().Bind(configuration.GetSection(TokenSettings.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TokenSettings>>().Value);
        services.AddSingleton<LearnerTokenService>();
        services.AddSingleton<SignInHandler>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<StaffAccounts>();
    }

    /// <summary>What the CLI needs as well as the Host: the key store, the password hasher and the settings.</summary>
    internal static void AddStores(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffSettings>().Bind(configuration.GetSection(StaffSettings.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StaffSettings>>().Value);
        services.Configure<PasswordHasherOptions>(configuration.GetSection("Access:Staff:PasswordHasher"));
        services.AddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        services.AddSingleton<StaffPasswords>();
        services.AddSingleton<ApiKeyStore>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTokens();
        endpoints.MapApiKeys();
        endpoints.MapGroup("/api/v1/staff").MapStaff();
    }
}
