using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Verification.BuildingBlocks.Access;
using Verification.BuildingBlocks.OpenApi;

namespace Verification.Host.OpenApi;

/// <summary>
/// Makes the API document a contract: the three security schemes and each operation's requirement (from its policy),
/// every refusal the endpoint declared (<see cref="Refusal"/> metadata) as problem details with its <c>code</c> values,
/// and picture uploads' bodies.
/// </summary>
internal static class AccessOpenApi
{
    public const string LearnerToken = "learnerToken";
    public const string ApiKey = "apiKey";
    public const string StaffCookie = "staffCookie";
    private const string Problem = "Problem";

    public static void AddAccessTransformers(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[LearnerToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A learner token from POST /api/v1/tokens (enrollment purpose for /learners/{learnerId}/...), for that learner only.",
            };
            document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "A partner's API key (an admin creates it: POST /api/v1/partners/{partnerId}/api-keys or `verification keys create`). It sees only its partner's learners and courses, within its scopes.",
            };
            document.Components.SecuritySchemes[StaffCookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "verification-staff",
                Description = "The staff cookie set by POST /api/v1/staff/sign-in.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[Problem] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 9457 problem details; code is stable and meant for programs.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            operation.Security = anonymous || policy is null ? [] : [Requirement(policy, context.Document)];
            operation.Responses ??= new OpenApiResponses();

            // Every refusal the endpoint declared (itself, or through the mechanism that gives it), with its codes.
            foreach (var (status, codes) in RefusalDeclarations.Declared(metadata))
            {
                operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = Answer(Describe(status), context.Document, codes);
            }

            if (metadata.OfType<ImageUpload>().Any())
            {
                var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "One picture: a raw JPEG or PNG body, or a multipart form whose first file is one.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["image/jpeg"] = new() { Schema = binary },
                        ["image/png"] = new() { Schema = binary },
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = new HashSet<string> { "file" }, Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = binary } },
                        },
                    },
                };
            }

            return Task.CompletedTask;
        });
    }

    private static string Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request cannot be read or is not valid; code says which rule it broke.",
        StatusCodes.Status401Unauthorized => "The credential is missing, expired or not genuine.",
        StatusCodes.Status403Forbidden => "The caller may not do this.",
        StatusCodes.Status404NotFound => "No such resource, or not one this caller may see.",
        StatusCodes.Status409Conflict => "The resource's current state does not allow this.",
        StatusCodes.Status413PayloadTooLarge => "The body is larger than the limit.",
        StatusCodes.Status415UnsupportedMediaType => "The body's content type is not one this operation reads.",
        StatusCodes.Status422UnprocessableEntity => "The body was read but cannot be used; code says why.",
        StatusCodes.Status429TooManyRequests => "Too many requests; see Retry-After.",
        StatusCodes.Status500InternalServerError => "A fault on our side; quote the traceId.",
        StatusCodes.Status503ServiceUnavailable => "Not available yet; try again later.",
        _ => "Refused; code says why.",
    };

    private static OpenApiSecurityRequirement Requirement(string policy, OpenApiDocument? document)
    {
        var scheme = policy == AccessPolicies.Learner ? LearnerToken : policy.StartsWith("partner:", StringComparison.Ordinal) ? ApiKey : StaffCookie;
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
        return requirement;
    }

    private static OpenApiResponse Answer(string description, OpenApiDocument? document, IReadOnlyCollection<string> codes)
    {
        var schema = codes.Count == 0
            ? (IOpenApiSchema)new OpenApiSchemaReference(Problem, document)
            : new OpenApiSchema
            {
                AllOf = [new OpenApiSchemaReference(Problem, document), new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema> { ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. codes.Distinct().Select(c => (JsonNode)JsonValue.Create(c))] } } }],
            };
        return new OpenApiResponse { Description = description, Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } } };
    }
}
