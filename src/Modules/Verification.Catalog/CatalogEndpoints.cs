using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verification.BuildingBlocks.Access;
using Verification.Catalog.Courses.ChangeCourse;
using Verification.Catalog.Courses.CreateCourse;
using Verification.Catalog.Courses.GetCourse;
using Verification.Catalog.Courses.ListCourses;
using Verification.Catalog.Courses.RetireCourse;
using Verification.Catalog.Partners.ChangePartner;
using Verification.Catalog.Partners.CreatePartner;
using Verification.Catalog.Partners.ListPartners;
using Verification.Catalog.Specializations.CreateSpecialization;
using Verification.Catalog.Specializations.GetSpecialization;
using Verification.Catalog.Tracks.SetTrack;

namespace Verification.Catalog;

/// <summary>Public reads for the course player and catalog pages; writes for staff admins and partner keys with catalog:write.</summary>
internal static class CatalogEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var reads = endpoints.MapGroup("/api/v1/catalog").WithTags("Catalog").AllowAnonymous();
        reads.MapListCourses();
        reads.MapGetCourse();
        reads.MapGetSpecialization();
        reads.MapListPartners();

        var admin = endpoints.MapGroup("/api/v1/catalog").WithTags("Catalog admin").RequireAuthorization(AccessPolicies.Admin);
        admin.MapCreatePartner();
        admin.MapChangePartner();

        var writes = endpoints.MapGroup("/api/v1/catalog").WithTags("Catalog admin").RequireAuthorization(AccessPolicies.PartnerScope(ApiScopes.CatalogWrite));
        writes.MapCreateCourse();
        writes.MapChangeCourse();
        writes.MapRetireCourse();
        writes.MapCreateSpecialization();
        writes.MapSetTrack();
    }
}
