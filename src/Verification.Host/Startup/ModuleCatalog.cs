using Verification.Access;
using Verification.Billing;
using Verification.BuildingBlocks.Modules;
using Verification.Catalog;
using Verification.Certificates;
using Verification.Enrollment;
using Verification.Lti;
using Verification.Proctoring;

namespace Verification.Host.Startup;

/// <summary>Every module the Host wires, in migration order.</summary>
internal static class ModuleCatalog
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        new BuildingBlocksModule(),
        new CatalogModule(),
        new EnrollmentModule(),
        new BillingModule(),
        new AccessModule(),
        new ProctoringModule(),
        new CertificatesModule(),
        new LtiModule(),
    ];
}
