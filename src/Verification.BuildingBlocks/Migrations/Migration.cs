using System.Security.Cryptography;
using System.Text;

namespace Verification.BuildingBlocks.Migrations;

/// <summary>One forward-only SQL file, numbered within its module (<c>0002_add_review_cases.sql</c>).</summary>
public sealed record Migration(string Module, int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}
